import csv
import io

import pytest
from openpyxl import load_workbook

from cosp.meetings.models import Body, Session
from cosp.outcomes.enums import Addressee, MandateStatus
from cosp.outcomes.models import (
    DeclarationParagraph,
    DeclarationSection,
    Mandate,
    Outcome,
    Paragraph,
    Sponsor,
    WorkPlanEntry,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def outcome(db):
    body = Body.objects.create(code="COSP", name_en="Conference", symbol_prefix="CAC/COSP")
    Session.objects.create(body=body, number=7, start="2017-11-06", end="2017-11-10")
    eighth = Session.objects.create(body=body, number=8, start="2019-12-16", end="2019-12-20")
    outcome = Outcome.objects.create(
        body=body, kind="resolution", number="7/5", title_en="Promoting prevention"
    )
    Paragraph.objects.create(
        outcome=outcome, position=0, kind="preambular", verb="recalls", text_en="Recalling it."
    )
    operative = Paragraph.objects.create(
        outcome=outcome,
        position=1,
        number="1",
        kind="operative",
        verb="requests",
        operational=True,
        text_en="Requests the secretariat to report to the Conference at its eighth session;",
    )
    Mandate.objects.create(
        paragraph=operative, addressee=Addressee.SECRETARIAT, action="to report", due_session=eighth
    )
    Mandate.objects.create(
        paragraph=operative,
        addressee=Addressee.STATES_PARTIES,
        action="to share",
        status=MandateStatus.COMPLETED,
    )
    return outcome


def test_the_list_and_the_page_of_a_resolution(client_as, outcome):
    client = client_as("anonymous")
    assert "Promoting prevention" in client.get("/outcomes/").content.decode()
    page = client.get("/outcomes/COSP/resolution/7/5/").content.decode()
    assert "Requests the secretariat" in page
    assert "due for" in page
    assert "Confirm or correct" not in page  # the secretariat's link only


def test_an_unknown_resolution_answers_not_found(client_as, outcome):
    assert client_as("anonymous").get("/outcomes/COSP/resolution/7/99/").status_code == 404


def test_the_tracker_shows_open_mandates_overdue_first(client_as, outcome):
    page = client_as("anonymous").get("/outcomes/mandates/").content.decode()
    assert "to report" in page
    assert "overdue" in page  # due for the eighth session, which has opened
    assert "to share" not in page  # completed: not pending


def test_the_tracker_filters_by_addressee_and_status(client_as, outcome):
    client = client_as("anonymous")
    assert "to report" not in client.get("/outcomes/mandates/?addressee=states_parties").content.decode()
    assert "to share" in client.get("/outcomes/mandates/?status=completed").content.decode()


def test_the_tracker_exports_csv_and_xlsx(client_as, outcome):
    client = client_as("anonymous")
    text = client.get("/outcomes/mandates/?format=csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Resolution or decision"
    assert rows[1][:3] == ["Resolution 7/5", "1", "The secretariat (UNODC)"]
    workbook = load_workbook(io.BytesIO(client.get("/outcomes/mandates/?format=xlsx").content))
    assert [cell.value for cell in workbook.active[2]][:2] == ["Resolution 7/5", "1"]


def test_the_secretariat_confirms_a_mandate_and_records_its_report(client_as, outcome):
    from cosp.documents.models import Document

    report = Document.objects.create(symbol="CAC/COSP/2019/4", base_symbol="CAC/COSP/2019/4")
    mandate = Mandate.objects.get(action="to report")
    response = client_as("secretariat").post(
        f"/outcomes/mandates/{mandate.pk}/",
        {
            "addressee": "secretariat",
            "action": "to report on prevention",
            "status": "open",
            "reports": [report.pk],
        },
    )
    assert response.status_code == 302
    mandate.refresh_from_db()
    assert mandate.confirmed
    assert mandate.status == MandateStatus.REPORTED  # a report recorded moves an open mandate on
    assert list(mandate.reports.all()) == [report]


@pytest.mark.parametrize("role", ["anonymous", "observer", "delegate", "focal_point"])
def test_only_the_secretariat_confirms_mandates(client_as, outcome, role):
    mandate = Mandate.objects.get(action="to report")
    client_as(role).post(
        f"/outcomes/mandates/{mandate.pk}/", {"addressee": "donors", "action": "x", "status": "open"}
    )
    mandate.refresh_from_db()
    assert (mandate.addressee, mandate.confirmed) == ("secretariat", False)


def test_the_declaration_and_the_work_plan_coverage(client_as, outcome):
    section = DeclarationSection.objects.create(key="prevention", position=1, title_en="Prevention")
    first = DeclarationParagraph.objects.create(number=1, section=section, text_en="We commit to prevent.")
    second = DeclarationParagraph.objects.create(number=2, section=section, text_en="We commit to recover.")
    entry = WorkPlanEntry.objects.create(year=2022, keywords_en="prevention")
    entry.bodies.add(outcome.body)
    entry.paragraphs.add(first)
    client = client_as("anonymous")
    assert "We commit to prevent." in client.get("/outcomes/declaration/").content.decode()
    coverage = client.get("/outcomes/work-plan/").content.decode().split('id="coverage"')[1]
    assert f"#para-{second.number}" in coverage.split("Paragraphs assigned more than once")[0]


def test_the_api_gives_the_outcome_with_its_paragraphs_and_mandates(client_as, outcome, make_state):
    resolution = Outcome.objects.get(number="7/5")
    Sponsor.objects.create(outcome=resolution, state=make_state("PER"))
    Sponsor.objects.create(outcome=resolution, name="European Union")
    client = client_as("anonymous")
    assert [o["number"] for o in client.get("/api/outcomes?body=COSP").json()] == ["7/5"]
    detail = client.get("/api/outcomes/COSP/resolution/7/5").json()
    assert sorted(detail["sponsors"]) == ["European Union", "PER"]
    assert [p["kind"] for p in detail["paragraphs"]] == ["preambular", "operative"]
    assert [m["addressee"] for m in detail["paragraphs"][1]["mandates"]] == ["secretariat", "states_parties"]
    assert [m["action"] for m in client.get("/api/mandates").json()] == ["to report"]


def test_the_secretariat_changes_a_mandates_status(client_as, outcome):
    mandate = Mandate.objects.get(action="to report")
    client_as("secretariat").post(
        f"/outcomes/mandates/{mandate.pk}/",
        {"addressee": "secretariat", "action": "to report", "status": "in_progress"},
    )
    mandate.refresh_from_db()
    assert (mandate.status, mandate.confirmed) == (MandateStatus.IN_PROGRESS, True)
    assert mandate.history.count() == 2  # proposed, then confirmed with the new status
