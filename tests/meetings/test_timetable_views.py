"""The organisation of work's pages and files: the public timetable, its DOCX, PDF and iCalendar files,
the secretariat's editing page and the report skeleton, for each role, on COSP8's real agenda."""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document as WordDocument
from icalendar import Calendar
from pypdf import PdfReader

from cosp.core.i18n import compile_translations
from cosp.core.models import organisation_for_state
from cosp.documents.models import Document, DocumentVersion
from cosp.meetings.enums import AttendanceGroup, Slot
from cosp.meetings.models import Delegation, WorkCell
from cosp.states.models import State
from tests.helpers import ROLES

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
]

FIRST_DAY = date(2019, 12, 16)  # COSP8, Abu Dhabi, 16-20 December 2019
IRG = "Implementation Review Group, resumed session"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOT_SECRETARIAT = [role for role in ROLES if role not in ("anonymous", "secretariat")]


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    """Chinese labels come from the interface catalogues; build the .mo files if missing or stale."""
    if compile_translations():
        from django.utils.translation import trans_real

        trans_real._translations = {}
        trans_real._default = None


def meeting(session, offset: int, slot: str, track: str = WorkCell.PLENARY, items=(), **fields) -> WorkCell:
    cell = WorkCell.objects.create(
        session=session, day=FIRST_DAY + timedelta(days=offset), slot=slot, track=track, **fields
    )
    cell.items.set(session.agenda_items.filter(number__in=items))
    return cell


@pytest.fixture
def cosp8(sessions):
    """COSP8 with part of its organisation of work: the opening, the general discussion, the IRG beside
    the plenary, and informal consultations without interpretation."""
    session = sessions["cosp-8"]
    meeting(session, 0, Slot.MORNING, items=["1(a)", "1(b)", "1(c)"])
    meeting(session, 0, Slot.AFTERNOON, items=["1(f)"])
    meeting(session, 1, Slot.MORNING, IRG, title_en="IRG resumed tenth session", title_zh_hans="审议组续会")
    meeting(session, 1, Slot.AFTERNOON, "Informal consultations", title_en="Drafts", interpretation=False)
    return session


# --- the timetable page --------------------------------------------------------------------------


@pytest.mark.parametrize("role", list(ROLES))
def test_everyone_sees_the_timetable_with_items_linked_to_the_agenda(client_as, cosp8, role):
    response = client_as(role).get("/meetings/cosp-8/timetable/")

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<a href="/meetings/cosp-8/#item-1(a)">1(a)</a> Opening of the eighth session of the Conference'
        in html
    )
    assert "IRG resumed tenth session" in html
    assert "(without interpretation)" in html
    assert "3 meetings with interpretation; the resources cover 18." in html
    assert 'href="/meetings/cosp-8/timetable.docx"' in html
    assert 'href="/meetings/cosp-8/timetable.pdf"' in html
    assert 'href="/meetings/cosp-8/timetable.ics"' in html


@pytest.mark.parametrize("role", ["anonymous", *NOT_SECRETARIAT])
def test_only_the_secretariat_sees_the_problems_of_the_grid(client_as, cosp8, role):
    html = client_as(role).get("/meetings/cosp-8/timetable/").content.decode()

    assert "is not taken up in any meeting" not in html
    assert "/meetings/cosp-8/organise/" not in html
    assert "/meetings/cosp-8/report.docx" not in html


def test_the_secretariat_sees_the_problems_of_the_grid_on_the_timetable(client_as, cosp8):
    html = client_as("secretariat").get("/meetings/cosp-8/timetable/").content.decode()

    assert "Agenda item 2 is not taken up in any meeting." in html
    assert "3 meetings need interpretation, resources cover 18." in html
    assert 'href="/meetings/cosp-8/organise/"' in html
    assert 'href="/meetings/cosp-8/report.docx"' in html


def test_the_timetable_has_a_row_per_day_and_slot_and_a_column_per_track(client, cosp8):
    html = client.get("/meetings/cosp-8/timetable/").content.decode()

    assert html.count('<th scope="row">') == 5 * 2
    assert html.count('<th scope="rowgroup" rowspan="2">') == 5
    assert '<th scope="col">Plenary</th>' in html
    assert f'<th scope="col">{IRG}</th>' in html


def test_the_timetable_is_shown_in_the_interface_language(client, cosp8):
    html = client.get("/meetings/cosp-8/timetable/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert "全体会议" in html
    assert "缔约国会议第八届会议开幕" in html
    assert "审议组续会" in html


def test_a_session_without_a_grid_says_so(client, sessions):
    response = client.get("/meetings/cosp-7/timetable/")

    assert response.status_code == 200
    assert "No meetings have been entered in the organization of work yet." in response.content.decode()


def test_the_timetable_page_costs_the_same_queries_for_one_meeting_as_for_many(client, sessions):
    session = sessions["cosp-8"]
    meeting(session, 0, Slot.MORNING, items=["1(a)"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/meetings/cosp-8/timetable/").status_code == 200
        return len(queries)

    one = count()
    meeting(session, 0, Slot.AFTERNOON, items=["1(f)", "2"])
    meeting(session, 1, Slot.MORNING, IRG, title_en="IRG")
    assert count() == one


# --- the files -----------------------------------------------------------------------------------


def table_text(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.mark.parametrize("role", list(ROLES))
def test_everyone_downloads_the_timetable_as_a_word_file(client_as, cosp8, role):
    response = client_as(role).get("/meetings/cosp-8/timetable.docx")

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="cosp-8-timetable.docx"'
    assert response["Content-Language"] == "en"
    document = WordDocument(io.BytesIO(response.content))
    assert document.paragraphs[0].text == (
        "Conference of the States Parties to the United Nations Convention against Corruption, eighth session"
    )
    rows = table_text(document.tables[0])
    assert rows[0] == ["Date", "Time", "Plenary", IRG, "Informal consultations"]
    assert len(rows) == 1 + 5 * 2
    assert rows[1][2] == (
        "1(a) Opening of the eighth session of the Conference\n1(b) Election of officers\n"
        "1(c) Adoption of the agenda and organization of work"
    )
    assert rows[4][4] == "Drafts\n(without interpretation)"


def test_the_word_timetable_follows_the_interface_language(client, cosp8):
    response = client.get("/meetings/cosp-8/timetable.docx", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response["Content-Language"] == "zh"
    document = WordDocument(io.BytesIO(response.content))
    assert document.paragraphs[0].text == "联合国反腐败公约缔约国会议第八届会议"
    assert "阿布扎比，2019年12月16日至20日" in [p.text for p in document.paragraphs]
    rows = table_text(document.tables[0])
    assert rows[0][:3] == ["日期", "时间", "全体会议"]
    assert rows[3][3] == "审议组续会"


def test_lang_chooses_another_un_language_than_the_interface(client, cosp8):
    response = client.get("/meetings/cosp-8/timetable.docx?lang=zh")

    assert response["Content-Language"] == "zh"
    assert (
        WordDocument(io.BytesIO(response.content)).paragraphs[0].text
        == "联合国反腐败公约缔约国会议第八届会议"
    )


@pytest.mark.parametrize("name", ["timetable.docx", "timetable.pdf", "timetable.ics", "report.docx"])
def test_a_language_that_is_not_a_un_language_is_not_found(client_as, cosp8, name):
    assert client_as("secretariat").get(f"/meetings/cosp-8/{name}?lang=de").status_code == 404


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.parametrize("role", list(ROLES))
def test_everyone_downloads_the_timetable_as_a_pdf(client_as, cosp8, role):
    response = client_as(role).get("/meetings/cosp-8/timetable.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="cosp-8-timetable.pdf"'
    text = pdf_text(response.content)
    assert "eighth session" in text
    assert "1(f) General discussion" in text
    assert "Meetings with interpretation: 3." in text


def test_the_pdf_in_chinese_reads_back_in_chinese(client, cosp8):
    text = pdf_text(client.get("/meetings/cosp-8/timetable.pdf?lang=zh").content)

    assert "缔约国会议第八届会议开幕" in text
    assert "全体会议" in text


def test_an_arabic_pdf_is_written_in_english_and_says_so(client, cosp8):
    response = client.get("/meetings/cosp-8/timetable.pdf?lang=ar")

    assert response["Content-Language"] == "en"
    assert "Plenary" in pdf_text(response.content)


@pytest.mark.parametrize("role", list(ROLES))
def test_everyone_downloads_the_timetable_as_a_calendar(client_as, cosp8, role):
    response = client_as(role).get("/meetings/cosp-8/timetable.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="cosp-8-timetable.ics"'
    events = Calendar.from_ical(response.content).walk("VEVENT")
    dubai = ZoneInfo("Asia/Dubai")
    starts = sorted((event.decoded("dtstart"), str(event["summary"])) for event in events)
    assert [(start.astimezone(dubai).replace(tzinfo=None), summary) for start, summary in starts] == [
        (datetime(2019, 12, 16, 10), "Plenary: 1(a), 1(b), 1(c)"),
        (datetime(2019, 12, 16, 15), "Plenary: 1(f)"),
        (datetime(2019, 12, 17, 10), f"{IRG}: IRG resumed tenth session"),
        (datetime(2019, 12, 17, 15), "Informal consultations: Drafts"),
    ]


def test_the_calendar_keeps_its_meeting_ids_from_one_language_to_another(client, cosp8):
    def uids(lang: str) -> set[str]:
        content = client.get(f"/meetings/cosp-8/timetable.ics?lang={lang}").content
        return {str(event["uid"]) for event in Calendar.from_ical(content).walk("VEVENT")}

    assert uids("en") == uids("zh")
    assert len(uids("en")) == 4


@pytest.mark.parametrize("name", ["timetable.docx", "timetable.pdf", "timetable.ics", "report.docx"])
def test_the_files_of_a_session_without_agenda_or_grid_are_still_made(client_as, upcoming, name):
    response = client_as("secretariat").get(f"/meetings/{upcoming.slug}/{name}")

    assert response.status_code == 200
    assert len(response.content) > 0


# --- the report skeleton -------------------------------------------------------------------------


@pytest.fixture
def report_facts(cosp8):
    """Two States parties (one without credentials in due form) and the documents before the session."""
    for iso3, original in (("AUT", date(2019, 12, 10)), ("ARE", None)):
        Delegation.objects.create(
            session=cosp8,
            organisation=organisation_for_state(State.objects.get(iso3=iso3)),
            group=AttendanceGroup.STATE_PARTY,
            original_received_on=original,
        )
    for symbol, items, title_en, title_zh in (
        ("CAC/COSP/2019/10", ["2"], "Review of implementation", "审议实施情况"),
        ("CAC/COSP/2019/1", ["1(c)"], "Annotated provisional agenda", "附说明的临时议程"),
    ):
        document = Document.objects.create(
            symbol=symbol, base_symbol=symbol, session=cosp8, agenda_items=items, distribution="General"
        )
        DocumentVersion.objects.create(document=document, language="en", title=title_en)
        DocumentVersion.objects.create(document=document, language="zh", title=title_zh)
    secret = Document.objects.create(
        symbol="CAC/COSP/2019/CRP.99",
        base_symbol="CAC/COSP/2019/CRP.99",
        session=cosp8,
        distribution="Restricted",
    )
    DocumentVersion.objects.create(document=secret, language="en", title="Confidential")
    return cosp8


def test_the_secretariat_downloads_the_report_skeleton_with_what_the_platform_knows(client_as, report_facts):
    response = client_as("secretariat").get("/meetings/cosp-8/report.docx")

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="cosp-8-report-skeleton.docx"'
    document = WordDocument(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == (
        "Report of the Conference of the States Parties to the United Nations Convention against Corruption "
        "on its eighth session"
    )
    assert "Held in Abu Dhabi, 16–20 December 2019" in texts
    assert "President: Harib Saeed al-Amimi (United Arab Emirates)" in texts
    assert "1.\tOrganizational matters" in texts
    assert "(a)\tOpening of the eighth session of the Conference" in texts
    assert (
        "The following States parties to the Convention were represented at the session: Austria and "
        "United Arab Emirates." in texts
    )
    assert (
        "Of the 2 States parties represented at the session, 1 had submitted credentials in due form; "
        "the following had not: United Arab Emirates." in texts
    )
    assert "The documents before the Conference are listed in the annex to the present report." in texts
    assert table_text(document.tables[0]) == [
        ["Document symbol", "Agenda item", "Title or description"],
        ["CAC/COSP/2019/1", "1(c)", "Annotated provisional agenda"],
        ["CAC/COSP/2019/10", "2", "Review of implementation"],
    ]


def test_the_report_skeleton_in_chinese_uses_the_chinese_names_and_titles(client_as, report_facts):
    response = client_as("secretariat").get("/meetings/cosp-8/report.docx?lang=zh")

    document = WordDocument(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    # The office's name comes from the interface catalogue; the State's and the person's from the data.
    assert any(text.endswith("：Harib Saeed al-Amimi（阿拉伯联合酋长国）") for text in texts)
    assert "(a)\t缔约国会议第八届会议开幕" in texts
    assert "下列《公约》缔约国的代表出席了本届会议：奥地利和阿拉伯联合酋长国。" in texts
    assert (
        "本届会议有 2 个缔约国派代表出席，其中 1 个缔约国已按规定格式递交全权证书；"
        "下列缔约国尚未递交：阿拉伯联合酋长国。" in texts
    )
    assert table_text(document.tables[0])[1] == ["CAC/COSP/2019/1", "1(c)", "附说明的临时议程"]


def test_a_report_skeleton_of_a_session_with_nothing_recorded_leaves_everything_to_complete(
    client_as, upcoming
):
    response = client_as("secretariat").get(f"/meetings/{upcoming.slug}/report.docx")

    texts = [p.text for p in WordDocument(io.BytesIO(response.content)).paragraphs]
    assert texts.count("[to be completed]") >= 5


@pytest.mark.parametrize("role", NOT_SECRETARIAT)
def test_only_the_secretariat_gets_the_report_skeleton(client_as, report_facts, role):
    assert client_as(role).get("/meetings/cosp-8/report.docx").status_code == 403


def test_an_anonymous_visitor_asking_for_the_report_skeleton_is_sent_to_log_in(client, report_facts):
    response = client.get("/meetings/cosp-8/report.docx")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- the secretariat's grid ----------------------------------------------------------------------


def test_the_secretariat_edits_the_grid_with_the_agenda_items_as_checkboxes(client_as, cosp8):
    response = client_as("secretariat").get("/meetings/cosp-8/organise/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="checkbox" name="items"' in html
    assert "1(f) General discussion" in html
    assert 'name="remove"' in html
    assert "Agenda item 2 is not taken up in any meeting." in html


@pytest.mark.parametrize("role", NOT_SECRETARIAT)
def test_nobody_but_the_secretariat_may_edit_the_grid(client_as, cosp8, role):
    client = client_as(role)
    remove = WorkCell.objects.filter(session=cosp8).first().pk

    assert client.get("/meetings/cosp-8/organise/").status_code == 403
    assert client.post("/meetings/cosp-8/organise/", {"remove": remove}).status_code == 403
    assert WorkCell.objects.filter(session=cosp8).count() == 4


def test_an_anonymous_visitor_is_sent_to_log_in_before_editing_the_grid(client, cosp8):
    response = client.get("/meetings/cosp-8/organise/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def add_form(cosp8, **changes) -> dict:
    form = {
        "day": "2019-12-17",
        "slot": Slot.AFTERNOON,
        "track": WorkCell.PLENARY,
        "items": [cosp8.agenda_items.get(number="2").pk],
        "interpretation": "on",
    }
    return {**form, **changes}


def test_the_secretariat_adds_a_meeting(client_as, cosp8):
    response = client_as("secretariat").post("/meetings/cosp-8/organise/", add_form(cosp8), follow=True)

    assert response.redirect_chain == [("/meetings/cosp-8/organise/", 302)]
    added = WorkCell.objects.get(session=cosp8, day=date(2019, 12, 17), slot=Slot.AFTERNOON, track="plenary")
    assert list(added.items.values_list("number", flat=True)) == ["2"]
    assert "Added: " in response.content.decode()


def test_the_secretariat_adds_a_new_parallel_track(client_as, cosp8):
    form = add_form(cosp8, items=[], new_track="Special event", title_en="Anti-corruption academia")

    client_as("secretariat").post("/meetings/cosp-8/organise/", form)

    added = WorkCell.objects.get(session=cosp8, track="Special event")
    assert (added.title_en, added.interpretation) == ("Anti-corruption academia", True)


def test_a_double_booking_is_refused_with_the_reason_and_changes_nothing(client_as, cosp8):
    before = list(WorkCell.objects.filter(session=cosp8).values_list("pk", "day", "slot", "track"))

    response = client_as("secretariat").post("/meetings/cosp-8/organise/", add_form(cosp8, day="2019-12-16"))

    assert response.status_code == 200
    assert "2019-12-16, 3-6 p.m., Plenary: 2 meetings clash in this slot." in response.content.decode()
    assert list(WorkCell.objects.filter(session=cosp8).values_list("pk", "day", "slot", "track")) == before


def test_a_meeting_over_the_interpretation_resources_is_refused_with_the_reason(client_as, cosp8):
    cosp8.interpretation_meetings = 3
    cosp8.save()

    response = client_as("secretariat").post("/meetings/cosp-8/organise/", add_form(cosp8))

    assert "4 meetings need interpretation, resources cover 3." in response.content.decode()
    assert WorkCell.objects.filter(session=cosp8).count() == 4


def test_a_meeting_with_neither_items_nor_a_title_is_refused(client_as, cosp8):
    response = client_as("secretariat").post("/meetings/cosp-8/organise/", add_form(cosp8, items=[]))

    assert "A meeting takes up agenda items or has a title" in response.content.decode()
    assert WorkCell.objects.filter(session=cosp8).count() == 4


def test_the_secretariat_removes_a_meeting(client_as, cosp8):
    irg = WorkCell.objects.get(session=cosp8, track=IRG)

    response = client_as("secretariat").post("/meetings/cosp-8/organise/", {"remove": irg.pk}, follow=True)

    assert not WorkCell.objects.filter(pk=irg.pk).exists()
    assert "Removed: " in response.content.decode()


def test_a_meeting_of_another_session_cannot_be_removed_from_this_one(client_as, cosp8, sessions):
    other = meeting(sessions["cosp-7"], 0, Slot.MORNING, title_en="COSP7")

    response = client_as("secretariat").post("/meetings/cosp-8/organise/", {"remove": other.pk})

    assert response.status_code == 404
    assert WorkCell.objects.filter(pk=other.pk).exists()


# --- unknown sessions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["timetable/", "timetable.docx", "timetable.pdf", "timetable.ics", "organise/", "report.docx"]
)
def test_an_unknown_session_is_not_found(client_as, db, path):
    assert client_as("secretariat").get(f"/meetings/cosp-99/{path}").status_code == 404
