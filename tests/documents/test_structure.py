"""Structure of documents in the UN format, on fixtures written for these tests."""

from pathlib import Path

import pytest

from cosp.documents.extraction.readers import read_file
from cosp.documents.extraction.structure import (
    detect_language,
    extract,
    extract_structure,
    parse_date,
    parse_date_range,
)

pytestmark = [pytest.mark.unit]

FIXTURES = Path(__file__).parent / "fixtures"


def load(name, **kwargs):
    return extract(read_file(FIXTURES / name), **kwargs)


def test_chinese_report_header():
    doc = load("report.zh.txt")
    assert (doc.symbol, doc.language, doc.original_language) == (None, "zh", "en")
    assert (doc.date, doc.distribution, doc.doc_type) == ("2023-12-20", "General", "report")
    assert doc.body == "Conference of the States Parties to the United Nations Convention against Corruption"
    assert (doc.session.number, doc.session.kind, doc.session.place) == (10, "regular", "亚特兰大")
    assert (doc.session.start, doc.session.end) == ("2023-12-11", "2023-12-15")
    assert doc.title.endswith("第十届会议报告")


def test_chinese_report_body():
    doc = load("report.zh.txt")
    # The table of contents is skipped: each heading appears once.
    assert [(h.label, h.title, h.level) for h in doc.headings] == [
        ("一.", "缔约国会议通过的决议", 1),
        ("第10/1号决议", "示范决议标题", 3),
        ("二.", "导言", 1),
        ("A.", "出席情况", 2),
        ("附件一", "收到的文件一览表", 1),
    ]
    own = [(p.number, p.section) for p in doc.paragraphs if p.number and p.part is None]
    assert own == [("1", "一."), ("2", "二."), ("3", "A."), ("4", "A.")]
    operative = [p.number for p in doc.paragraphs if p.part == "第10/1号决议" and p.number]
    assert operative == ["1", "2"]
    # A paragraph broken by a footnote and a job number at a page bottom is joined again.
    second = next(p for p in doc.paragraphs if p.number == "2" and p.part is None)
    assert second.text.endswith("仍是第 2 段的一部分。") or second.text.endswith("仍是第2段的一部分。")
    assert "V.23" not in second.text
    fourth = next(p for p in doc.paragraphs if p.number == "4" and p.part is None)
    assert fourth.text.count("\n") == 2  # the sub-items (a) and (b) stay inside
    assert [(f.number, f.text) for f in doc.footnotes] == [("1", "CAC/COSP/2023/1。")]
    assert doc.tables[0].rows == [
        ["文号", "标题"],
        ["CAC/COSP/2023/1", "临时议程说明"],
        ["CAC/COSP/2023/2", "秘书处的说明"],
    ]
    assert doc.annexes == ["收到的文件一览表"]


def test_chinese_report_references():
    refs = load("report.zh.txt", resolve_entity=lambda name: ({"阿富汗": "AFG"}.get(name), None)).references
    assert [(o.body, o.number) for o in refs.outcomes] == [("COSP", "9/1"), ("GA", "58/4")]
    assert [(a.article, a.paragraph) for a in refs.articles] == [(46, 13), (63, None)]
    assert refs.rules == [17]
    assert [(e.text, e.iso3) for e in refs.entities] == [("阿富汗", "AFG"), ("奥地利", None), ("中国", None)]
    assert "CAC/COSP/2023/1" in refs.symbols


def test_annotated_provisional_agenda():
    doc = load("agenda.en.txt")
    assert (doc.symbol, doc.language, doc.doc_type) == ("CAC/COSP/2025/1", "en", "provisional_agenda")
    assert doc.title == "Provisional agenda and annotations"
    assert doc.agenda_items == ["1"]
    assert (doc.session.number, doc.session.place) == (11, "Doha")
    assert (doc.session.start, doc.session.end) == ("2025-12-15", "2025-12-19")
    assert doc.references.rules == [17]
    assert [o.number for o in doc.references.outcomes] == ["10/1"]


def test_note_by_the_secretariat():
    doc = load("note.en.txt")
    assert (doc.symbol, doc.doc_type, doc.body) == (
        "CAC/COSP/IRG/2025/3",
        "secretariat_note",
        "Implementation Review Group",
    )
    assert doc.title == "Technical assistance needs"
    assert (doc.session.number, doc.session.place, doc.session.start) == (16, "Vienna", "2025-06-10")
    assert [(h.label, h.level) for h in doc.headings] == [("I.", 1), ("II.", 1), ("A.", 2)]
    assert [(p.number, p.section) for p in doc.paragraphs] == [("1", "I."), ("2", "A."), ("3", "A.")]
    assert [(f.number, f.text) for f in doc.footnotes] == [("1", "See CAC/COSP/2024/5.")]
    refs = doc.references
    assert [(o.body, o.kind, o.number) for o in refs.outcomes] == [
        ("COSP", "resolution", "6/1"),
        ("COSP", "decision", "5/1"),
        ("GA", "resolution", "58/4"),
    ]
    assert [(a.article, a.paragraph, a.subparagraph) for a in refs.articles] == [
        (46, 13, None),
        (63, 4, "c"),
        (63, 4, "d"),
    ]


def test_executive_summary():
    doc = load("summary.zh.txt")
    assert (doc.symbol, doc.doc_type, doc.original_language) == (
        "CAC/COSP/IRG/II/1/1/Add.9",
        "executive_summary",
        "es",
    )
    assert doc.body == "Implementation Review Group"
    assert (doc.session.number, doc.session.place, doc.session.end) == (15, "维也纳", "2024-06-14")
    assert doc.agenda_items == ["2"]
    assert doc.title == "示范国"
    assert [a.article for a in doc.references.articles] == [5, 6, 7]


def test_plain_string_input_and_language():
    doc = extract("一. 导言\n\n1. 缔约国会议举行了会议。\n")
    assert doc.language == "zh"
    assert [(p.number, p.section) for p in doc.paragraphs] == [("1", "一.")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("缔约国会议的报告", "zh"),
        ("The Conference of the States Parties", "en"),
        ("Конференция", "ru"),
        ("", None),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language


def test_dates():
    assert parse_date("23 November 2017") == "2017-11-23"
    assert parse_date("2017年11月23日") == "2017-11-23"
    assert parse_date_range("2017年11月6日至10日") == ("2017-11-06", "2017-11-10")
    assert parse_date_range("Vienna, 6-10 November 2017") == ("2017-11-06", "2017-11-10")
    assert parse_date_range("28 November to 2 December 2011") == ("2011-11-28", "2011-12-02")


def test_json_shape():
    data = load("note.en.txt").as_json()
    assert {"symbol", "session", "headings", "paragraphs", "symbols_cited", "outcomes_cited"} <= set(data)
    assert data["paragraphs"][0]["part"] is None


def test_a_table_takes_its_title_from_the_line_above():
    text = (
        "1. The returns are listed below.\n\n"
        "Table 2\nReturns reported\n\n"
        "State\tYear\nPeru\t2025\n\n"
        "2. A closing paragraph follows the table.\n"
    )

    doc = extract_structure(text, language="en")

    assert [(t.title, t.rows) for t in doc.tables] == [
        ("Table 2 Returns reported", [["State", "Year"], ["Peru", "2025"]])
    ]
    assert [p.number for p in doc.paragraphs] == ["1", "2"]
