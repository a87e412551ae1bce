"""Who sees a contribution at each status, on its page, in the lists, and its files."""

import pytest

from cosp.knowledge.enums import ContributionStatus
from cosp.knowledge.models import Contribution

from .conftest import pdf

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROLES = [
    "anonymous",
    "observer",  # TI: another organisation
    "delegate",  # Austria
    "expert",  # Austria
    "central_authority",  # Austria
    "focal_point",  # Austria
    "kenya_focal_point",  # a third State
    "secretariat",
]
AUSTRIA = {"delegate", "expert", "central_authority", "focal_point", "secretariat"}
UNPUBLISHED = [
    ContributionStatus.DRAFT,
    ContributionStatus.SUBMITTED,
    ContributionStatus.RETURNED,
    ContributionStatus.WITHDRAWN,
]


def expected_status(role: str, status: str) -> int:
    if status == ContributionStatus.PUBLISHED or role in AUSTRIA:
        return 200
    return 302 if role == "anonymous" else 403


def sign_in(client, people, role):
    user = people.by_name(role)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("status", [ContributionStatus.PUBLISHED, *UNPUBLISHED])
@pytest.mark.parametrize("role", ROLES)
def test_page_and_file_of_each_status_to_each_role(client, people, make_contribution, role, status):
    contribution = make_contribution(status, files=[pdf()])
    stored = contribution.files.get()
    sign_in(client, people, role)
    page = client.get(f"/knowledge/{contribution.pk}/")
    assert page.status_code == expected_status(role, status)
    # The refusal names nothing of the contribution; the page shows it.
    assert ("Procurement reform" in page.content.decode()) is (page.status_code == 200)
    download = client.get(f"/knowledge/{contribution.pk}/files/{stored.pk}/")
    assert download.status_code == expected_status(role, status)
    if download.status_code == 200:
        assert b"".join(download.streaming_content).startswith(b"%PDF")
        assert "attachment" in download["Content-Disposition"]


@pytest.mark.parametrize("role", ROLES)
def test_public_list_shows_published_ones_only(client, people, make_contribution, role):
    make_contribution(ContributionStatus.PUBLISHED, title="Out in the open")
    for status in UNPUBLISHED:
        make_contribution(status, title=f"Hidden {status}")
    body = sign_in(client, people, role).get("/knowledge/").content.decode()
    assert "Out in the open" in body
    assert "Hidden" not in body


def test_mine_lists_the_organisations_contributions_at_every_status(client, people, make_contribution):
    for status in [ContributionStatus.PUBLISHED, *UNPUBLISHED]:
        make_contribution(status, title=f"Austria {status}")
    make_contribution(ContributionStatus.DRAFT, organisation=people.ti, title="TI draft")
    client.force_login(people.focal_point)
    body = client.get("/knowledge/mine/").content.decode()
    assert all(f"Austria {status}" in body for status in ContributionStatus.values)
    assert "TI draft" not in body
    client.force_login(people.observer)
    body = client.get("/knowledge/mine/").content.decode()
    assert "TI draft" in body
    assert "Austria" not in body
    assert Contribution.objects.count() == 6
