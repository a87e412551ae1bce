"""The heart of request tracking: only the two central authorities ever see a request.

Every page and API endpoint is walked with every kind of person; for those not allowed, the status is
checked and so is the body: no subject, reference, consultation, message or attached byte may appear.
The admin, the audit trail, the statistics and the mail never show them either.
"""

import pytest
from django.conf import settings
from django.contrib import admin
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cosp.cooperation import services
from cosp.cooperation.models import Request
from cosp.core.audit import audited_models
from tests.cooperation.conftest import (
    CONSULTATION,
    FILE_BYTES,
    MESSAGE,
    REFERENCE,
    REQUESTED_REFERENCE,
    SUBJECT,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SECRETS = [SUBJECT, "Tsavo", REFERENCE, REQUESTED_REFERENCE, CONSULTATION, MESSAGE, FILE_BYTES.decode()[:40]]
ALLOWED = ("ken_authority", "gbr_authority")
OUTSIDERS = (
    "anonymous",
    "observer",
    "ken_delegate",
    "ken_focal_point",
    "ken_expert",
    "gbr_focal_point",
    "fra_authority",
    "secretariat",
    "superuser",
)
EVERYONE = ALLOWED + OUTSIDERS
AUTHORITIES = {"ken_authority", "gbr_authority", "fra_authority"}

# (name, path) of every page of one request, GET.
REQUEST_PAGES = [
    ("request", "/cooperation/{pk}/"),
    ("request_move", "/cooperation/{pk}/status/"),
    ("request_consult", "/cooperation/{pk}/consultations/"),
    ("request_delay", "/cooperation/{pk}/delay/"),
    ("request_attach", "/cooperation/{pk}/files/"),
    ("request_file", "/cooperation/{pk}/files/{file}/"),
    ("request_message", "/cooperation/{pk}/messages/"),
]
AUTHORITY_PAGES = [
    ("requests", "/cooperation/"),
    ("request_new", "/cooperation/new/"),
    ("export", "/cooperation/requests.csv"),
]


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def assert_nothing_shown(response, who: str, where: str) -> None:
    text = body(response)
    for secret in SECRETS:
        assert secret not in text, f"{where} shows {secret!r} to {who}"


def client_for(client, people, who):
    client.logout()
    if people[who] is not None:
        client.force_login(people[who])
    return client


@pytest.fixture
def paths(world):
    return {
        "pk": world.request.pk,
        "file": world.request.attachments.get().pk,
    }


def expected_request_page(who: str) -> int:
    if who in ALLOWED:
        return 200
    return 302 if who == "anonymous" else 404


@pytest.mark.parametrize("who", EVERYONE)
def test_request_pages_answer_only_the_two_authorities(client, world, paths, who):
    client = client_for(client, world.people, who)
    for name, path in REQUEST_PAGES:
        response = client.get(path.format(**paths))
        assert response.status_code == expected_request_page(who), f"{name} as {who}"
        if who not in ALLOWED:
            assert_nothing_shown(response, who, name)


@pytest.mark.parametrize("who", ALLOWED)
def test_the_two_authorities_see_the_request_and_its_file(client, world, paths, who):
    client = client_for(client, world.people, who)
    page = body(client.get(f"/cooperation/{paths['pk']}/"))
    for secret in (SUBJECT, REFERENCE, REQUESTED_REFERENCE, CONSULTATION, MESSAGE, "Statement of facts"):
        assert secret in page
    response = client.get(f"/cooperation/{paths['pk']}/files/{paths['file']}/")
    assert b"".join(response.streaming_content) == FILE_BYTES
    assert "no-store" in response["Cache-Control"]


def test_a_missing_request_answers_like_a_forbidden_one(client, world):
    client = client_for(client, world.people, "fra_authority")
    missing_path = f"/cooperation/{world.request.pk + 1000}/"
    forbidden_path = f"/cooperation/{world.request.pk}/"
    missing, forbidden = client.get(missing_path), client.get(forbidden_path)
    assert missing.status_code == forbidden.status_code == 404
    assert body(missing).replace(missing_path, "PATH") == body(forbidden).replace(forbidden_path, "PATH")


@pytest.mark.parametrize("who", EVERYONE)
def test_authority_pages_list_only_their_own_requests(client, world, who):
    client = client_for(client, world.people, who)
    for name, path in AUTHORITY_PAGES:
        response = client.get(path)
        if who in AUTHORITIES:
            assert response.status_code == 200, f"{name} as {who}"
        else:
            assert response.status_code == (302 if who == "anonymous" else 403), f"{name} as {who}"
        if who not in ALLOWED:
            assert_nothing_shown(response, who, name)


@pytest.mark.parametrize("who", ALLOWED)
def test_the_list_and_the_export_show_the_request_to_its_authorities(client, world, who):
    client = client_for(client, world.people, who)
    assert REFERENCE in body(client.get("/cooperation/"))
    export = body(client.get("/cooperation/requests.csv"))
    assert SUBJECT in export
    assert REFERENCE in export


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_cannot_act_on_a_request(client, world, paths, who):
    """Every form, posted by someone outside: refused, and nothing changes."""
    client = client_for(client, world.people, who)
    before = (
        world.request.changes.count(),
        world.request.consultations.count(),
        world.request.messages.count(),
    )
    today = timezone.localdate().isoformat()
    for path, data in (
        ("/cooperation/{pk}/status/", {"to": "in_execution", "on": today}),
        ("/cooperation/{pk}/consultations/", {"held_on": today, "note": "x"}),
        ("/cooperation/{pk}/messages/", {"text": "x"}),
        ("/cooperation/{pk}/delay/", {"reasons": ["other"]}),
    ):
        response = client.post(path.format(**paths), data)
        assert response.status_code == (302 if who == "anonymous" else 404)
        if who == "anonymous":
            assert response["Location"].startswith(reverse("login"))
    world.request.refresh_from_db()
    assert world.request.status == "acknowledged"
    assert before == (
        world.request.changes.count(),
        world.request.consultations.count(),
        world.request.messages.count(),
    )


def test_a_draft_is_the_requesting_authoritys_alone(client, world, convention, states, people):
    from tests.cooperation.conftest import new_request

    draft = new_request(people, states, requesting_reference="KEN-DRAFT-1", subject="Draft about Lamu port")
    client = client_for(client, people, "gbr_authority")
    assert client.get(f"/cooperation/{draft.pk}/").status_code == 404
    assert "Lamu" not in body(client.get("/cooperation/"))
    assert client.get(f"/api/requests/{draft.pk}").status_code == 404
    client = client_for(client, people, "ken_authority")
    response = client.get(f"/cooperation/{draft.pk}/")
    assert response.status_code == 200
    assert "Draft about Lamu port" in body(response)


# --- API ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_api_detail_is_404_for_everyone_outside(client, world, who):
    client = client_for(client, world.people, who)
    response = client.get(f"/api/requests/{world.request.pk}")
    missing = client.get(f"/api/requests/{world.request.pk + 1000}")
    if who in ALLOWED:
        assert response.status_code == 200
        assert response.json()["subject"] == SUBJECT
        assert response.json()["requested_reference"] == REQUESTED_REFERENCE
        assert missing.status_code == 404
    else:
        expected = 401 if who == "anonymous" else 404
        assert response.status_code == missing.status_code == expected
        assert response.content == missing.content
        assert_nothing_shown(response, who, "api detail")


@pytest.mark.parametrize("who", EVERYONE)
def test_api_list_holds_only_the_users_authoritys_requests(client, world, who):
    client = client_for(client, world.people, who)
    response = client.get("/api/requests")
    if who in ALLOWED:
        assert [item["requesting_reference"] for item in response.json()] == [REFERENCE]
        assert response.json()[0]["direction"] == ("outgoing" if who == "ken_authority" else "incoming")
    elif who == "fra_authority":
        assert response.json() == []
    else:
        assert response.status_code == (401 if who == "anonymous" else 403)
    if who not in ALLOWED:
        assert_nothing_shown(response, who, "api list")


# --- Statistics -----------------------------------------------------------------------------------


STATISTICS_READERS = {"secretariat", "superuser", *AUTHORITIES}


@pytest.mark.parametrize("who", EVERYONE)
def test_statistics_show_no_names_and_no_contents(client, world, who):
    client = client_for(client, world.people, who)
    for path, denied in (("/cooperation/statistics/", 302), ("/api/requests/statistics", 401)):
        response = client.get(path)
        if who in STATISTICS_READERS:
            assert response.status_code == 200
        else:
            assert response.status_code == (denied if who == "anonymous" else 403)
        assert_nothing_shown(response, who, path)
        for name in ("Kenya", "United Kingdom", "KEN", "GBR", "France"):
            assert name not in body(response), f"{path} names {name}"


def test_one_request_is_a_small_cell_and_suppressed(client, world):
    client = client_for(client, world.people, "secretariat")
    data = client.get("/api/requests/statistics").json()
    assert data["total"] is None  # one request is fewer than the threshold of 3
    assert {item["key"]: item["count"] for item in data["by_kind"]}["mla"] is None
    assert "&lt;3" in body(client.get("/cooperation/statistics/"))


# --- The admin, the audit trail, the mail ------------------------------------------------------------


def test_the_app_is_not_in_the_admin_nor_granted_to_the_secretariat(client, world):
    assert "cooperation" not in settings.SECRETARIAT_ADMIN_APPS
    assert not [model for model in admin.site._registry if model._meta.app_label == "cooperation"]
    for who in ("secretariat", "superuser"):
        client = client_for(client, world.people, who)
        index = client.get("/admin/")
        assert index.status_code == 200
        assert_nothing_shown(index, who, "admin")
        assert "cooperation" not in body(index).lower()
        assert client.get("/admin/cooperation/request/").status_code == 404
    assert not world.people["secretariat"].has_perm("cooperation.view_request", world.request)


def test_the_audit_trail_holds_no_request(client, world):
    assert not [label for label in audited_models() if label.startswith("cooperation.")]
    client = client_for(client, world.people, "secretariat")
    response = client.get("/audit/")
    assert response.status_code == 200
    assert_nothing_shown(response, "secretariat", "audit trail")


def test_mail_about_a_request_goes_to_the_other_authority_only_without_contents(
    world, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.post_message(world.request, actor=world.people["ken_authority"], text="About Tsavo again")
        services.move(world.request, actor=world.people["gbr_authority"], to="in_execution")
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "gbr_authority@example.org",
        "ken_authority@example.org",
    ]
    for message in mail.outbox:
        for secret in (SUBJECT, "Tsavo", CONSULTATION, MESSAGE):
            assert secret not in message.subject + message.body


def test_deleting_a_request_leaves_no_copy_behind(world):
    """No history table keeps the contents once the request is gone."""
    pk = world.request.pk
    Request.objects.filter(pk=pk).delete()
    assert not hasattr(Request, "history")


def test_a_draft_withdrawn_unsent_stays_the_requesting_authoritys_alone(
    client, convention, states, people, settings, django_capture_on_commit_callbacks
):
    """Withdrawing a draft made it no longer a draft, and the requested authority saw it and was e-mailed."""
    from tests.cooperation.conftest import new_request

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    mail.outbox.clear()
    draft = new_request(people, states, requesting_reference="KEN-DRAFT-2", subject="Draft about Lamu port")
    with django_capture_on_commit_callbacks(execute=True):
        services.move(draft, actor=people["ken_authority"], to="withdrawn")
    assert draft.status == "withdrawn"
    assert mail.outbox == []
    client = client_for(client, people, "gbr_authority")
    assert client.get(f"/cooperation/{draft.pk}/").status_code == 404
    assert "Lamu" not in body(client.get("/cooperation/"))
    assert "KEN-DRAFT-2" not in body(client.get("/cooperation/requests.csv"))
    assert client.get(f"/api/requests/{draft.pk}").status_code == 404
    with pytest.raises(services.CooperationError):
        services.post_message(draft, actor=people["gbr_authority"], text="We saw it")
    client = client_for(client, people, "ken_authority")
    assert "Draft about Lamu port" in body(client.get(f"/cooperation/{draft.pk}/"))
