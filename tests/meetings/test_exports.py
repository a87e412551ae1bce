"""The session's files: the organisation of work as DOCX, PDF and iCalendar, and the report skeleton."""

import io
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from docx.oxml.ns import qn
from icalendar import Calendar
from pypdf import PdfReader

from cosp.core.i18n import compile_translations
from cosp.meetings.enums import Slot
from cosp.meetings.exports import (
    ReportSkeletonData,
    TimetableData,
    meeting_uid,
    pdf_language,
    report_skeleton_docx,
    timetable_docx,
    timetable_ics,
    timetable_pdf,
)
from cosp.meetings.schedule import PLENARY, Cell

pytestmark = [pytest.mark.unit]

FIRST_DAY = date(2019, 12, 16)
DAYS = [FIRST_DAY + timedelta(days=n) for n in range(5)]
IRG = "Implementation Review Group, resumed session"
INFORMAL = "Informal consultations"
TITLES_EN = {
    "1(a)": "Opening of the eighth session of the Conference",
    "1(b)": "Election of officers",
    "2": "Review of the implementation of the United Nations Convention against Corruption",
}
TITLES_ZH = {
    "1(a)": "缔约国会议第八届会议开幕",
    "1(b)": "选举主席团成员",
    "2": "审议《联合国反腐败公约》实施情况",
}


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    """Labels come from the interface catalogues; build the .mo files if they are missing or stale."""
    if compile_translations():
        from django.utils.translation import trans_real

        trans_real._translations = {}
        trans_real._default = None


def grid(irg: str = IRG) -> tuple[Cell, ...]:
    """Plenary twice a day for five days, the IRG beside it for four: 18 meetings with interpretation."""
    cells = []
    for day in DAYS:
        for slot in (Slot.MORNING, Slot.AFTERNOON):
            items = ("1(a)", "1(b)") if (day, slot) == (DAYS[0], Slot.MORNING) else ("2",)
            cells.append(Cell(day, slot, PLENARY, items=items))
            if day != DAYS[-1]:
                cells.append(Cell(day, slot, irg, title="IRG 10"))
    cells.append(Cell(DAYS[1], Slot.AFTERNOON, INFORMAL, title="Draft resolutions", interpretation=False))
    return tuple(cells)


def timetable_data(language: str = "en") -> TimetableData:
    if language == "zh":
        return TimetableData(
            title="联合国反腐败公约缔约国会议第八届会议",
            first_day=DAYS[0],
            last_day=DAYS[-1],
            timezone="Asia/Dubai",
            cells=grid(irg="履行情况审议组续会"),
            session_key="cosp-8",
            item_titles=TITLES_ZH,
            place="阿布扎比",
        )
    return TimetableData(
        title="Conference of the States Parties to the United Nations Convention against Corruption, "
        "eighth session",
        first_day=DAYS[0],
        last_day=DAYS[-1],
        timezone="Asia/Dubai",
        cells=grid(),
        session_key="cosp-8",
        item_titles=TITLES_EN,
        place="Abu Dhabi",
    )


def table_text(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


# --- DOCX ----------------------------------------------------------------------------------------


def test_the_timetable_docx_has_the_session_heading_and_a_row_per_day_and_slot():
    document = Document(io.BytesIO(timetable_docx(timetable_data(), "en")))

    headings = [p.text for p in document.paragraphs if p.style.name in {"Title", "Heading 1"}]
    assert headings == [timetable_data().title, "Organization of work"]
    assert "Abu Dhabi, 16–20 December 2019" in [p.text for p in document.paragraphs]
    (table,) = document.tables
    rows = table_text(table)
    assert rows[0] == ["Date", "Time", "Plenary", IRG, INFORMAL]
    assert len(rows) == 1 + 5 * 2
    assert rows[1][:3] == [
        "Monday, 16 December 2019",
        "10:00–13:00",
        "1(a) Opening of the eighth session of the Conference\n1(b) Election of officers",
    ]
    assert rows[2][0] == "Monday, 16 December 2019"  # the day spans its two slots
    assert rows[2][1] == "15:00–18:00"
    assert rows[4][4] == "Draft resolutions\n(without interpretation)"
    assert rows[9][3:] == ["", ""]  # nothing beside the plenary on the last day


def test_the_timetable_docx_in_chinese_has_chinese_labels_and_dates():
    document = Document(io.BytesIO(timetable_docx(timetable_data("zh"), "zh")))

    texts = [p.text for p in document.paragraphs]
    assert "工作安排" in texts
    assert "阿布扎比，2019年12月16日至20日" in texts
    rows = table_text(document.tables[0])
    assert rows[0] == ["日期", "时间", "全体会议", "履行情况审议组续会", INFORMAL]
    assert rows[1][0] == "2019年12月16日星期一"
    assert rows[1][2] == "1(a) 缔约国会议第八届会议开幕\n1(b) 选举主席团成员"
    assert rows[4][4] == "Draft resolutions\n（无口译）"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="UN languages"):
        timetable_docx(timetable_data(), "de")


# --- PDF -----------------------------------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    """The PDF's text with line breaks, where the table wraps a cell, read as spaces."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def without_spaces(text: str) -> str:
    """Chinese wraps between any two characters: compare it without the spaces wrapping leaves."""
    return "".join(text.split())


def test_the_timetable_pdf_in_english_holds_the_labels_and_items():
    text = pdf_text(timetable_pdf(timetable_data(), "en"))

    for expected in (
        "Organization of work",
        "Plenary",
        "Monday, 16 December 2019",
        "10:00–13:00",
        "1(a) Opening of the eighth session of the Conference",
        "(without interpretation)",
        "Times are local time (Asia/Dubai). Meetings with interpretation: 18.",
    ):
        assert expected in text


def test_the_timetable_pdf_in_chinese_can_be_read_back_in_chinese():
    text = without_spaces(pdf_text(timetable_pdf(timetable_data("zh"), "zh")))

    for expected in (
        "联合国反腐败公约缔约国会议第八届会议",
        "工作安排",
        "全体会议",
        "履行情况审议组续会",
        "2019年12月16日星期一",
        "缔约国会议第八届会议开幕",
        "选举主席团成员",
        "（无口译）",
        "10:00–13:00",  # Latin text beside Chinese, in Helvetica
        "Draftresolutions",
    ):
        assert expected in text


def test_the_timetable_pdf_embeds_no_font_file():
    """Helvetica and STSong-Light are the reader's own fonts: nothing is read from the system."""
    reader = PdfReader(io.BytesIO(timetable_pdf(timetable_data("zh"), "zh")))

    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert set(fonts) >= {"/Helvetica", "/STSong-Light"}
    descendants = [f["/DescendantFonts"][0].get_object() for f in fonts.values() if "/DescendantFonts" in f]
    assert all("/FontFile2" not in d["/FontDescriptor"] for d in descendants)


def test_the_timetable_pdf_writes_cyrillic_readably():
    data = replace(timetable_data(), title="Конференция государств-участников, восьмая сессия")

    assert "Конференция государств-участников" in pdf_text(timetable_pdf(data, "ru"))


def test_an_arabic_pdf_is_written_in_english():
    text = pdf_text(timetable_pdf(timetable_data(), "ar"))

    assert pdf_language("ar") == "en"
    assert pdf_language("zh") == "zh"
    assert "Organization of work" in text
    assert "Monday, 16 December 2019" in text


def test_the_same_data_give_the_same_pdf():
    assert timetable_pdf(timetable_data(), "en") == timetable_pdf(timetable_data(), "en")


# --- iCalendar -----------------------------------------------------------------------------------


def events(content: bytes) -> list:
    return list(Calendar.from_ical(content).walk("VEVENT"))


def test_the_calendar_has_one_event_per_meeting_in_the_venue_time_zone():
    data = timetable_data()

    calendar_events = events(timetable_ics(data))

    assert len(calendar_events) == len(data.cells) == 19
    first = calendar_events[0]
    start = first.decoded("dtstart")
    assert start == datetime(2019, 12, 16, 10, 0, tzinfo=ZoneInfo("Asia/Dubai"))
    assert start.tzinfo.key == "Asia/Dubai"
    assert first.decoded("dtend") == datetime(2019, 12, 16, 13, 0, tzinfo=ZoneInfo("Asia/Dubai"))
    assert str(first["summary"]) == "Plenary: 1(a), 1(b)"
    assert "1(a) Opening of the eighth session of the Conference" in str(first["description"])
    assert str(first["location"]) == "Abu Dhabi"
    assert [tz["tzid"] for tz in Calendar.from_ical(timetable_ics(data)).walk("VTIMEZONE")] == ["Asia/Dubai"]


def test_parallel_meetings_are_summarised_by_their_track_and_title():
    summaries = {str(event["summary"]) for event in events(timetable_ics(timetable_data()))}

    assert f"{IRG}: IRG 10" in summaries
    assert f"{INFORMAL}: Draft resolutions" in summaries


def test_calendar_uids_are_unique_and_stable_across_exports_revisions_and_languages():
    data = timetable_data()
    first = [str(e["uid"]) for e in events(timetable_ics(data, stamp=datetime(2019, 11, 1, tzinfo=UTC)))]
    again = [str(e["uid"]) for e in events(timetable_ics(data, stamp=datetime(2019, 12, 1, tzinfo=UTC)))]
    revised = replace(data, cells=tuple(replace(cell, items=("3",)) for cell in data.cells))
    after_revision = [str(e["uid"]) for e in events(timetable_ics(revised))]
    chinese_labels = [str(e["uid"]) for e in events(timetable_ics(data, language="zh"))]

    assert len(set(first)) == len(first)
    assert first == again == after_revision == chinese_labels
    assert first[0] == meeting_uid("cosp-8", data.cells[0])


def test_another_session_gets_other_uids():
    data = timetable_data()

    assert meeting_uid("cosp-8", data.cells[0]) != meeting_uid("cosp-9", data.cells[0])


def test_the_calendar_labels_the_plenary_in_the_language_asked_for():
    summaries = [str(e["summary"]) for e in events(timetable_ics(timetable_data("zh"), language="zh"))]

    assert summaries[0] == "全体会议: 1(a), 1(b)"


def test_a_clash_gives_one_event_not_two_with_one_uid():
    data = timetable_data()
    clashing = replace(data, cells=(*data.cells, Cell(DAYS[0], Slot.MORNING, PLENARY, items=("3",))))

    assert len(events(timetable_ics(clashing))) == len(data.cells)


# --- the report skeleton -------------------------------------------------------------------------


def report_data(**changes) -> ReportSkeletonData:
    data = ReportSkeletonData(
        body="Conference of the States Parties to the United Nations Convention against Corruption",
        body_short="Conference",
        session="eighth session",
        place="Abu Dhabi",
        first_day=DAYS[0],
        last_day=DAYS[-1],
        officers=[("President", "United Arab Emirates", "Harib Saeed al-Amimi")],
        agenda=[
            ("1", "Organizational matters"),
            ("1(a)", "Opening of the eighth session of the Conference"),
            ("1(b)", "Election of officers"),
            ("2", "Review of the implementation of the United Nations Convention against Corruption"),
        ],
        attendance=[
            "The following States parties were represented at the session: A, B and C.",
            "The following signatory State was represented by an observer: D.",
        ],
        credentials="",
        documents=[
            ("CAC/COSP/2019/1", "1(c)", "Annotated provisional agenda"),
            ("CAC/COSP/2019/2", "2", "Progress report"),
        ],
    )
    return replace(data, **changes)


def headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith(("Title", "Heading"))]


def test_the_report_skeleton_has_the_standard_structure_in_english():
    document = Document(io.BytesIO(report_skeleton_docx(report_data(), "en")))

    assert headings(document) == [
        "Report of the Conference of the States Parties to the United Nations Convention against "
        "Corruption on its eighth session",
        "I. Organization of the session",
        "A. Opening of the session",
        "B. Election of officers",
        "C. Adoption of the agenda and organization of work",
        "D. Attendance",
        "E. Credentials",
        "F. Documentation",
        "Annex",
        "List of documents before the Conference at its eighth session",
    ]


def section_text(document, start: str, end: str) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    return texts[texts.index(start) + 1 : texts.index(end)]


def test_the_report_skeleton_fills_in_what_the_platform_knows():
    document = Document(io.BytesIO(report_skeleton_docx(report_data(), "en")))
    pending = "[to be completed]"

    assert "Held in Abu Dhabi, 16–20 December 2019" in [p.text for p in document.paragraphs]
    assert section_text(document, "A. Opening of the session", "B. Election of officers") == [pending]
    assert section_text(
        document, "B. Election of officers", "C. Adoption of the agenda and organization of work"
    ) == [
        "The following officers were elected:",
        "President: Harib Saeed al-Amimi (United Arab Emirates)",
    ]
    assert section_text(document, "C. Adoption of the agenda and organization of work", "D. Attendance") == [
        "The following agenda was adopted:",
        "1.\tOrganizational matters",
        "(a)\tOpening of the eighth session of the Conference",
        "(b)\tElection of officers",
        "2.\tReview of the implementation of the United Nations Convention against Corruption",
        pending,
    ]
    assert section_text(document, "D. Attendance", "E. Credentials") == list(report_data().attendance)
    assert section_text(document, "E. Credentials", "F. Documentation") == [pending]
    assert section_text(document, "F. Documentation", "Annex")[0] == (
        "The documents before the Conference are listed in the annex to the present report."
    )
    assert table_text(document.tables[0]) == [
        ["Document symbol", "Agenda item", "Title or description"],
        ["CAC/COSP/2019/1", "1(c)", "Annotated provisional agenda"],
        ["CAC/COSP/2019/2", "2", "Progress report"],
    ]


def test_a_report_skeleton_with_nothing_known_says_what_is_to_be_completed():
    empty = report_data(officers=[], agenda=[], attendance=[], credentials="", documents=[])

    document = Document(io.BytesIO(report_skeleton_docx(empty, "en")))

    texts = [p.text for p in document.paragraphs]
    assert texts.count("[to be completed]") == 6  # every section, the organisation of work included
    assert table_text(document.tables[0])[1] == ["[to be completed]", "", ""]


def test_an_officer_without_a_known_name_is_listed_by_state():
    data = report_data(officers=[("Rapporteur", "Bulgaria", "")], credentials="Credentials text.")

    document = Document(io.BytesIO(report_skeleton_docx(data, "en")))

    texts = [p.text for p in document.paragraphs]
    assert "Rapporteur: Bulgaria" in texts
    assert "Credentials text." in texts


def test_the_report_skeleton_in_chinese_numbers_chapters_as_chinese_reports_do():
    data = report_data(
        body="联合国反腐败公约缔约国会议",
        body_short="缔约国会议",
        session="第八届会议",
        place="阿布扎比",
        officers=[("主席", "阿拉伯联合酋长国", "Harib Saeed al-Amimi")],
        agenda=[("1", "组织事项"), ("1(a)", "缔约国会议第八届会议开幕")],
    )

    document = Document(io.BytesIO(report_skeleton_docx(data, "zh")))

    assert headings(document) == [
        "联合国反腐败公约缔约国会议第八届会议报告",
        "一. 会议安排",
        "A. 会议开幕",
        "B. 选举主席团成员",
        "C. 通过议程和工作安排",
        "D. 出席情况",
        "E. 全权证书",
        "F. 文件",
        "附件",
        "缔约国会议第八届会议收到的文件一览表",
    ]
    texts = [p.text for p in document.paragraphs]
    assert "2019年12月16日至20日在阿布扎比举行" in texts
    assert "主席：Harib Saeed al-Amimi（阿拉伯联合酋长国）" in texts
    assert "[待填写]" in texts
    assert table_text(document.tables[0])[0] == ["文号", "议程项目", "标题或说明"]
    normal_fonts = document.styles["Normal"].element.rPr.rFonts
    assert normal_fonts.get(qn("w:eastAsia")) == "SimSun"


def test_the_report_skeleton_in_arabic_reads_right_to_left():
    document = Document(io.BytesIO(report_skeleton_docx(report_data(), "ar")))

    first_heading = headings(document)[1]
    assert first_heading.startswith("أولاً- ")
    assert headings(document)[2].startswith("ألف- ")
    assert all(p._p.pPr.find(qn("w:bidi")) is not None for p in document.paragraphs if p.text)
    assert document.tables[0]._tbl.tblPr.find(qn("w:bidiVisual")) is not None
