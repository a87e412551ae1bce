"""What the request pages show and do for the two authorities: the list (filters, overdue first), the
new-request form (refusals save nothing), moves, consultation, delay, files, messages, the CSV export
and the statistics page."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cosp.cooperation import services
from cosp.cooperation.models import Request
from cosp.states.models import Article
from tests.cooperation.conftest import REFERENCE, SUBJECT, new_request

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def signed_in(client, user):
    client.force_login(user)
    return client


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def overdue(world, states, people):
    """Kenya's second request, sent 40 days ago and never acknowledged."""
    request = new_request(people, states, requesting_reference="KEN-LATE-1", subject="Late one")
    services.move(
        request, actor=people["ken_authority"], to="sent", on=timezone.localdate() - dt.timedelta(days=40)
    )
    return request


def test_the_list_puts_overdue_requests_first_and_filters(client, world, overdue, people):
    client = signed_in(client, people["ken_authority"])
    page = text(client.get("/cooperation/"))
    assert page.index("KEN-LATE-1") < page.index(REFERENCE)
    assert "30 days late" in page
    assert REFERENCE not in text(client.get("/cooperation/?overdue=on"))
    assert "KEN-LATE-1" in text(client.get("/cooperation/?overdue=on"))
    assert REFERENCE not in text(client.get("/cooperation/?status=sent"))
    assert "KEN-LATE-1" not in text(client.get("/cooperation/?direction=incoming"))
    gbr = signed_in(client, people["gbr_authority"])
    assert REFERENCE in text(gbr.get("/cooperation/?direction=incoming"))
    assert REFERENCE not in text(gbr.get("/cooperation/?direction=outgoing"))


def test_a_new_request_from_the_form(client, convention, states, people):
    client = signed_in(client, people["ken_authority"])
    form = text(client.get("/cooperation/new/"))
    assert "Kenya" in form
    assert "46." not in form  # only chapter III articles are offered as offences
    response = client.post(
        "/cooperation/new/",
        {
            "requesting_state": states["KEN"].pk,
            "requested_state": states["GBR"].pk,
            "kind": "extradition",
            "legal_basis": "treaty",
            "treaty": "Kenya–UK extradition treaty",
            "offences": [Article.objects.get(number=17).pk],
            "urgency": "urgent",
            "requesting_reference": "KEN-EXT-1",
            "subject": "Surrender of a former permanent secretary",
        },
    )
    request = Request.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cooperation/{request.pk}/"
    assert (request.kind, request.treaty, request.status, request.urgency) == (
        "extradition",
        "Kenya–UK extradition treaty",
        "draft",
        "urgent",
    )


def test_a_refused_form_saves_nothing_and_says_why(client, convention, states, people):
    client = signed_in(client, people["ken_authority"])
    response = client.post(
        "/cooperation/new/",
        {
            "requesting_state": states["KEN"].pk,
            "requested_state": states["GBR"].pk,
            "kind": "mla",
            "legal_basis": "treaty",
            "urgency": "normal",
            "subject": "x",
        },
    )
    assert response.status_code == 200
    assert "Name the treaty" in text(response)
    assert not Request.objects.exists()
    # A State the user does not work for is not even offered.
    response = client.post(
        "/cooperation/new/",
        {
            "requesting_state": states["FRA"].pk,
            "requested_state": states["GBR"].pk,
            "kind": "mla",
            "legal_basis": "convention",
            "urgency": "normal",
            "subject": "x",
        },
    )
    assert "Select a valid choice" in text(response)
    assert not Request.objects.exists()


def test_the_request_page_offers_each_side_its_own_moves(client, world, people):
    ken = text(signed_in(client, people["ken_authority"]).get(f"/cooperation/{world.request.pk}/"))
    assert 'value="withdrawn"' in ken
    assert 'value="executed"' not in ken
    assert "Explain a delay" not in ken
    gbr = text(signed_in(client, people["gbr_authority"]).get(f"/cooperation/{world.request.pk}/"))
    assert 'value="executed"' in gbr
    assert 'value="withdrawn"' not in gbr
    assert "Explain a delay" in gbr


def test_a_move_refused_by_the_rules_is_shown_on_the_form_and_saves_nothing(client, world, people):
    client = signed_in(client, people["ken_authority"])
    response = client.post(
        f"/cooperation/{world.request.pk}/status/", {"to": "executed", "on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in text(response)
    client = signed_in(client, people["gbr_authority"])
    response = client.post(
        f"/cooperation/{world.request.pk}/status/",
        {"to": "refused", "on": timezone.localdate().isoformat()},
    )
    assert "at least one reason" in text(response)
    world.request.refresh_from_db()
    assert world.request.status == "acknowledged"


def test_refusal_with_flagged_reasons_is_shown_on_the_page(client, world, people):
    client = signed_in(client, people["gbr_authority"])
    response = client.post(
        f"/cooperation/{world.request.pk}/status/",
        {
            "to": "refused",
            "on": timezone.localdate().isoformat(),
            "reasons": ["bank_secrecy", "dual_criminality"],
            "note": "Refused after the consultation",
        },
    )
    assert response.status_code == 302
    page = text(client.get(f"/cooperation/{world.request.pk}/"))
    assert "Refused" in page
    assert "not a ground under article 46(8)" in page
    assert "Refused after the consultation" in page


def test_delay_file_and_message_forms(client, world, people, tmp_path):
    client = signed_in(client, people["gbr_authority"])
    pk = world.request.pk
    assert (
        client.post(f"/cooperation/{pk}/delay/", {"reasons": ["insufficient_information"]}).status_code == 302
    )
    upload = SimpleUploadedFile("annex.txt", b"Annex: list of accounts")
    assert client.post(f"/cooperation/{pk}/files/", {"file": upload, "title": "Annex"}).status_code == 302
    bad = client.post(f"/cooperation/{pk}/files/", {"file": SimpleUploadedFile("x.exe", b"MZ")})
    assert "cannot be attached" in text(bad)
    assert client.post(f"/cooperation/{pk}/messages/", {"text": "Annex sent"}).status_code == 302
    page = text(client.get(f"/cooperation/{pk}/"))
    assert "Insufficient information" in page
    assert "Annex sent" in page
    annex = world.request.attachments.get(title="Annex")
    response = client.get(f"/cooperation/{pk}/files/{annex.pk}/")
    assert b"".join(response.streaming_content) == b"Annex: list of accounts"
    # A file of another request is not served through this one.
    other = signed_in(client, people["ken_authority"])
    assert other.get(f"/cooperation/{pk + 1}/files/{annex.pk}/").status_code == 404


def test_the_export_is_a_csv_of_the_users_requests_safe_for_spreadsheets(client, world, states, people):
    new_request(people, states, requesting_reference="=HYPERLINK(1)", subject="@formula")
    client = signed_in(client, people["ken_authority"])
    response = client.get("/cooperation/requests.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Number", "Direction", "Requesting State"]
    by_reference = {row[9]: row for row in rows[1:]}
    assert by_reference[REFERENCE][19] == SUBJECT
    assert "'=HYPERLINK(1)" in by_reference
    assert by_reference["'=HYPERLINK(1)"][19] == "'@formula"
    gbr = list(
        csv.reader(
            io.StringIO(
                signed_in(client, people["gbr_authority"])
                .get("/cooperation/requests.csv")
                .content.decode("utf-8-sig")
            )
        )
    )
    assert [row[9] for row in gbr[1:]] == [REFERENCE]  # not Kenya's draft


def test_statistics_page_draws_a_chart_once_there_are_enough_requests(
    client, world, states, people, settings
):
    settings.COOPERATION_STATISTICS_THRESHOLD = 1
    client = signed_in(client, people["secretariat"])
    page = text(client.get("/cooperation/statistics/"))
    assert "<svg" in page
    assert "Mutual legal assistance" in page
    assert "Kenya" not in page
