import re

import pytest

from cosp.core.enums import Role

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def nav_labels(client) -> list[str]:
    page = client.get("/").content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', page, re.S).group(0)
    return re.findall(r">([^<>]+)</a>", nav)


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (None, [], ["Requests", "Request statistics", "Audit trail"]),
        (Role.FOCAL_POINT, [], ["Requests", "Request statistics", "Audit trail"]),
        (Role.CENTRAL_AUTHORITY, ["Requests"], ["Request statistics", "Audit trail"]),
        (Role.SECRETARIAT_OFFICER, ["Request statistics", "Audit trail"], ["Requests"]),
    ],
)
def test_the_navigation_shows_each_person_the_parts_they_may_use(client, make_user, role, shown, hidden):
    if role is not None:
        client.force_login(make_user(role, username="person"))
    labels = nav_labels(client)
    for part in ("Repository", "Authorities", "Assistance", "Asset recovery"):
        assert part in labels
    assert all(label in labels for label in shown)
    assert not any(label in labels for label in hidden)
