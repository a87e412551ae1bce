"""Reading a multi-year work plan from a table (cosp/outcomes/work_plan.py): the cells one by one, in
Chinese and in English, the tables of the documents we wrote (fixtures/work-plan.*.txt), and the rows
that cannot be read."""

from datetime import date
from pathlib import Path

import pytest

from cosp.documents.extraction.model import Table
from cosp.documents.extraction.readers import read_file
from cosp.documents.extraction.structure import extract_structure
from cosp.outcomes.work_plan import (
    CellError,
    PlanEntry,
    When,
    WorkPlanReading,
    WorkPlanRow,
    body_names,
    describe_paragraphs,
    find_work_plan,
    header_columns,
    merge_versions,
    parse_bodies,
    parse_paragraphs,
    parse_when,
    read_work_plan,
    rows_from_blocks,
)

pytestmark = [pytest.mark.unit]

FIXTURES = Path(__file__).parent / "fixtures"
DECLARATION = range(1, 87)


def tables_of(name: str) -> list[Table]:
    return extract_structure(read_file(FIXTURES / name)).tables


# --- Cells ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2022", When(2022)),
        ("2022年", When(2022)),
        ("2022年6月13日至17日", When(2022, date(2022, 6, 13), date(2022, 6, 17))),
        ("2022 年 6 月 13 日至 17 日", When(2022, date(2022, 6, 13), date(2022, 6, 17))),
        ("２０２２年６月１３日至１７日", When(2022, date(2022, 6, 13), date(2022, 6, 17))),
        ("2022年6月13-17日", When(2022, date(2022, 6, 13), date(2022, 6, 17))),
        ("2022年6月30日至7月3日", When(2022, date(2022, 6, 30), date(2022, 7, 3))),
        ("2023年下半年", When(2023)),
        ("2023年6月", When(2023)),
        ("13-17 June 2022", When(2022, date(2022, 6, 13), date(2022, 6, 17))),
        ("13 – 17 June 2022", When(2022, date(2022, 6, 13), date(2022, 6, 17))),
        ("13 to 17 June 2022", When(2022, date(2022, 6, 13), date(2022, 6, 17))),
        ("30 May-3 June 2022", When(2022, date(2022, 5, 30), date(2022, 6, 3))),
        ("30 December 2022 to 3 January 2023", When(2022, date(2022, 12, 30), date(2023, 1, 3))),
        ("13 June 2022", When(2022, date(2022, 6, 13), date(2022, 6, 13))),
        ("June 13-17, 2022", When(2022, date(2022, 6, 13), date(2022, 6, 17))),
        ("2022-06-13", When(2022, date(2022, 6, 13), date(2022, 6, 13))),
        ("13-17 June 2022 (tentative)", When(2022, date(2022, 6, 13), date(2022, 6, 17))),
        ("second half of 2023", When(2023)),
        ("June 2023", When(2023)),
        ("Q3 2023", When(2023)),
    ],
)
def test_a_date_or_year_is_read_in_chinese_and_english(cell, expected):
    assert parse_when(cell) == expected


@pytest.mark.parametrize(
    ("cell", "code", "detail"),
    [
        ("", "no_date", ""),
        ("13-17 Juen 2022", "bad_date", "Juen"),
        ("2022年13月1日", "bad_date", "2022-13-1"),
        ("31 June 2022", "bad_date", "2022-6-31"),
        ("17-13 June 2022", "reversed_dates", "2022-06-17 – 2022-06-13"),
        ("2022-2023", "bad_date", "2022-2023"),  # one year per row
        ("Vienna 2023", "bad_date", "Vienna 2023"),
        ("next year", "bad_date", "next year"),
    ],
)
def test_a_cell_that_is_no_date_is_refused_with_the_part_at_fault(cell, code, detail):
    with pytest.raises(CellError) as caught:
        parse_when(cell)
    assert (caught.value.code, caught.value.detail) == (code, detail)


@pytest.mark.parametrize(
    ("cell", "codes"),
    [
        ("实施情况审议组", ("IRG",)),
        ("Implementation Review Group", ("IRG",)),
        ("the Implementation Review Group", ("IRG",)),
        ("IRG", ("IRG",)),
        ("预防工作组", ("WG-PREV",)),
        ("Working Group on Prevention", ("WG-PREV",)),
        ("WG-PREV", ("WG-PREV",)),
        ("缔约国会议", ("COSP",)),
        ("Conference", ("COSP",)),
        ("资产追回问题不限成员名额政府间工作组", ("WG-AR",)),
        ("Open-ended Intergovernmental Working Group on Asset Recovery", ("WG-AR",)),
        ("加强《联合国反腐败公约》下国际合作不限成员名额政府间专家会议", ("EG-IC",)),
        ("Expert Meeting on International Cooperation", ("EG-IC",)),
        ("实施情况审议组和预防工作组", ("IRG", "WG-PREV")),
        ("实施情况审议组、预防工作组", ("IRG", "WG-PREV")),
        ("IRG; WG on Prevention", ("IRG", "WG-PREV")),
        ("IRG/WG-PREV", ("IRG", "WG-PREV")),
        ("Working groups on prevention and on asset recovery", ("WG-PREV", "WG-AR")),
        ("预防工作组和资产追回工作组联席会议", ("WG-PREV", "WG-AR")),
        ("Implementation Review Group (resumed thirteenth session)", ("IRG",)),
        ("实施情况审议组第十三届会议续会", ("IRG",)),
        ("IRG, 13th session", ("IRG",)),
        ("IRG and IRG", ("IRG",)),
    ],
)
def test_bodies_are_read_by_name_or_abbreviation_in_either_language(cell, codes):
    assert parse_bodies(cell) == codes


@pytest.mark.parametrize(
    ("cell", "code", "detail"),
    [
        ("Human Rights Council", "unknown_body", "human rights council"),
        ("实施情况审议组和人权理事会", "unknown_body", "人权理事会"),
        ("IRG and the Bureau", "unknown_body", "bureau"),
        ("", "no_body", ""),
    ],
)
def test_a_body_no_one_answers_to_is_named_in_the_refusal(cell, code, detail):
    with pytest.raises(CellError) as caught:
        parse_bodies(cell)
    assert (caught.value.code, caught.value.detail) == (code, detail)


def test_the_caller_may_add_names_for_bodies_of_its_own():
    names = body_names({"Bureau of the Conference": "BUREAU", "扩大主席团": ["BUREAU"]})
    assert parse_bodies("IRG and the Bureau of the Conference", names) == ("IRG", "BUREAU")
    assert parse_bodies("扩大主席团", names) == ("BUREAU",)


@pytest.mark.parametrize(
    ("cell", "numbers"),
    [
        ("第 3-5、10 段", (3, 4, 5, 10)),
        ("第3至5段和第10段", (3, 4, 5, 10)),
        ("第3-5段、第10段", (3, 4, 5, 10)),
        ("第 41 至 43 段", (41, 42, 43)),
        ("第五十二段", (52,)),
        ("paragraphs 3 to 5 and 10", (3, 4, 5, 10)),
        ("paras. 3-5, 10", (3, 4, 5, 10)),
        ("para. 52", (52,)),
        ("¶ 3–5", (3, 4, 5)),
        ("3, 5, 10-12", (3, 5, 10, 11, 12)),
        ("10, 3, 3-4", (3, 4, 10)),
        ("—", ()),
        ("", ()),
    ],
)
def test_paragraph_lists_are_read_in_chinese_and_english(cell, numbers):
    assert parse_paragraphs(cell) == numbers


@pytest.mark.parametrize(
    ("cell", "code", "detail"),
    [
        ("5-3", "reversed_range", "5-3"),
        ("see annex", "bad_paragraphs", "see"),
        ("3; b", "bad_paragraphs", "b"),
    ],
)
def test_a_cell_that_is_no_paragraph_list_is_refused(cell, code, detail):
    with pytest.raises(CellError) as caught:
        parse_paragraphs(cell)
    assert (caught.value.code, caught.value.detail) == (code, detail)


def test_a_paragraph_list_is_written_back_as_runs():
    assert describe_paragraphs([10, 3, 4, 5, 12]) == "3-5, 10, 12"


# --- Tables ---------------------------------------------------------------------------------------


def test_header_rows_name_the_columns_in_either_language_and_any_order():
    assert header_columns(["日期或年份", "机构", "政治宣言段落", "关键词"]) == {
        "when": 0,
        "bodies": 1,
        "paragraphs": 2,
        "keywords": 3,
    }
    assert header_columns(["Keywords", "Declaration paragraphs", "Meeting date", "Body"]) == {
        "keywords": 0,
        "paragraphs": 1,
        "when": 2,
        "bodies": 3,
    }
    assert header_columns(["文号", "标题或说明"]) is None


ENGLISH_ROWS = [
    WorkPlanRow(
        2,
        When(2028, date(2028, 6, 13), date(2028, 6, 17)),
        ("IRG",),
        (1, 2, 3, 10),
        "Integrity in public procurement",
    ),
    WorkPlanRow(3, When(2028), ("WG-PREV",), (4, 5), "Codes of conduct for public officials"),
    WorkPlanRow(
        4,
        When(2029, date(2029, 9, 4), date(2029, 9, 6)),
        ("WG-AR", "EG-IC"),
        (41, 42, 43),
        "Return of confiscated assets",
    ),
    WorkPlanRow(5, When(2030), ("COSP",), (86,), "Review of the work plan"),
    WorkPlanRow(6, When(2031), ("IRG",), (23, 24, 25), "Cooperation between law enforcement authorities"),
]
CHINESE_KEYWORDS = [
    "公共采购中的廉正",
    "公职人员行为守则",
    "返还没收的资产",
    "审查工作计划",
    "执法机关之间的合作",
]


def test_the_english_plan_we_wrote_is_read_row_by_row():
    reading = find_work_plan(tables_of("work-plan.en.txt"), known_paragraphs=DECLARATION)

    assert reading.problems == []
    assert reading.table_title == "Table 1 Work plan, 2028-2031"
    assert reading.rows == ENGLISH_ROWS


def test_the_chinese_plan_we_wrote_gives_the_same_rows_with_chinese_keywords():
    reading = find_work_plan(tables_of("work-plan.zh.txt"), known_paragraphs=DECLARATION)

    assert reading.problems == []
    assert [(row.row, row.when, row.bodies, row.paragraphs) for row in reading.rows] == [
        (row.row, row.when, row.bodies, row.paragraphs) for row in ENGLISH_ROWS
    ]
    assert [row.keywords for row in reading.rows] == CHINESE_KEYWORDS


def test_the_plan_with_errors_reports_each_bad_cell_with_its_row_and_nothing_of_those_rows():
    reading = find_work_plan(tables_of("work-plan-errors.en.txt"), known_paragraphs=DECLARATION)

    assert [(p.row, p.column, p.cell, p.code, p.detail) for p in reading.problems] == [
        (3, "when", "13-17 Juen 2029", "bad_date", "Juen"),
        (4, "bodies", "Human Rights Council", "unknown_body", "human rights council"),
        (5, "paragraphs", "9-7", "reversed_range", "9-7"),
    ]
    assert [row.row for row in reading.rows] == [2]
    assert reading.problems[0].message == "row 3, when: not a date or a year (Juen): '13-17 Juen 2029'"


def test_a_paragraph_the_declaration_does_not_have_is_a_problem():
    rows = [["Year", "Body", "Paragraphs"], ["2024", "IRG", "85-88"]]

    reading = read_work_plan(rows, known_paragraphs=DECLARATION)

    assert [(p.row, p.code, p.detail) for p in reading.problems] == [(2, "unknown_paragraph", "87, 88")]
    assert read_work_plan(rows).problems == []  # no declaration given: any number passes


def test_an_empty_date_or_body_cell_repeats_the_row_above_as_a_merged_cell_does():
    rows = [
        ["Year", "Body", "Paragraphs", "Keywords"],
        ["2024", "IRG", "1-2", "a"],
        ["", "", "3", "b"],
        ["", "WG-AR", "41", "c"],
    ]

    reading = read_work_plan(rows)

    assert [(r.when.year, r.bodies, r.paragraphs) for r in reading.rows] == [
        (2024, ("IRG",), (1, 2)),
        (2024, ("IRG",), (3,)),
        (2024, ("WG-AR",), (41,)),
    ]


def test_a_first_row_without_a_date_has_nothing_to_repeat():
    reading = read_work_plan([["Year", "Body", "Paragraphs"], ["", "IRG", "1"]])
    assert [(p.row, p.column, p.code) for p in reading.problems] == [(2, "when", "no_date")]


def test_a_row_with_neither_paragraphs_nor_keywords_is_a_problem_but_keywords_alone_are_a_topic():
    rows = [
        ["Year", "Body", "Paragraphs", "Keywords"],
        ["2024", "COSP", "", "Review"],
        ["2025", "COSP", "", ""],
    ]

    reading = read_work_plan(rows)

    assert [(r.row, r.paragraphs, r.keywords) for r in reading.rows] == [(2, (), "Review")]
    assert [(p.row, p.code) for p in reading.problems] == [(3, "no_paragraphs")]


def test_the_same_row_twice_is_a_problem_and_a_repeated_header_is_skipped():
    rows = [
        ["Year", "Body", "Paragraphs", "Keywords"],
        ["2024", "IRG", "1-2", "a"],
        ["Year", "Body", "Paragraphs", "Keywords"],
        ["2024", "Implementation Review Group", "2, 1", "a"],
    ]

    reading = read_work_plan(rows)

    assert [(p.row, p.code, p.detail) for p in reading.problems] == [(4, "duplicate_row", "row 2")]


def test_a_table_without_a_header_is_read_as_date_body_paragraphs_keywords():
    tables = [
        Table(title=None, rows=[["文号", "标题或说明"], ["CAC/COSP/2017/1", "临时议程说明"]]),
        Table(
            title=None,
            rows=[["2024年", "实施情况审议组", "第1段", "预防"], ["2025年", "预防工作组", "第2段", "教育"]],
        ),
    ]

    reading = find_work_plan(tables)

    assert [(r.row, r.when.year, r.bodies, r.paragraphs) for r in reading.rows] == [
        (1, 2024, ("IRG",), (1,)),
        (2, 2025, ("WG-PREV",), (2,)),
    ]


def test_a_header_without_rows_is_never_read_as_an_empty_plan():
    # A row whose last cell is a number ("2024<tab>IRG<tab>3") is taken for a line of a table of contents
    # by the documents extraction, which may leave the plan's header alone in its table.
    reading = find_work_plan([Table(title=None, rows=[["Year", "Body", "Paragraphs"]])])
    assert [(p.row, p.code) for p in reading.problems] == [(0, "no_rows")]


def test_a_document_without_a_plan_table_says_so():
    reading = find_work_plan(
        [Table(title=None, rows=[["文号", "标题或说明"], ["CAC/COSP/2017/1", "临时议程说明"]])]
    )
    assert [(p.row, p.code) for p in reading.problems] == [(0, "no_table")]


def test_rows_kept_as_blocks_are_split_back_into_cells():
    assert rows_from_blocks(["2024 | IRG | 1-3 | a", "2025 | COSP | 4 | b"]) == [
        ["2024", "IRG", "1-3", "a"],
        ["2025", "COSP", "4", "b"],
    ]


# --- Language versions ----------------------------------------------------------------------------


def test_the_two_language_versions_make_one_plan_with_keywords_in_each_language():
    readings = {
        "en": find_work_plan(tables_of("work-plan.en.txt")),
        "zh": find_work_plan(tables_of("work-plan.zh.txt")),
    }

    plan = merge_versions(readings)

    assert plan.problems == []
    assert plan.languages == ["en", "zh"]
    assert plan.entries[0] == PlanEntry(
        2,
        When(2028, date(2028, 6, 13), date(2028, 6, 17)),
        ("IRG",),
        (1, 2, 3, 10),
        {"en": "Integrity in public procurement", "zh": "公共采购中的廉正"},
    )
    assert [entry.keywords["zh"] for entry in plan.entries] == CHINESE_KEYWORDS


def test_versions_that_disagree_on_a_cell_are_refused_naming_the_row_and_both_values():
    english = read_work_plan([["Year", "Body", "Paragraphs"], ["2024", "IRG", "1-3"], ["2025", "COSP", "4"]])
    chinese = read_work_plan(
        [["年份", "机构", "段落"], ["2024年", "实施情况审议组", "第1-4段"], ["2025年", "缔约国会议", "第4段"]]
    )

    plan = merge_versions({"en": english, "zh": chinese})

    assert plan.entries == []
    assert [(p.row, p.column, p.code, p.detail, p.language) for p in plan.problems] == [
        (2, "paragraphs", "versions_differ", "en: 1, 2, 3; zh: 1, 2, 3, 4", "zh")
    ]


def test_versions_with_different_numbers_of_rows_are_refused():
    english = read_work_plan([["Year", "Body", "Paragraphs"], ["2024", "IRG", "1"], ["2025", "IRG", "2"]])
    chinese = read_work_plan([["年份", "机构", "段落"], ["2024年", "实施情况审议组", "第1段"]])

    plan = merge_versions({"en": english, "zh": chinese})

    assert [(p.code, p.detail) for p in plan.problems] == [("rows_differ", "en: 2, zh: 1")]


def test_a_problem_in_one_version_is_reported_with_its_language_and_a_version_without_a_table_is_left_out():
    english = read_work_plan([["Year", "Body", "Paragraphs"], ["2024", "IRG", "1"]])
    chinese = read_work_plan([["年份", "机构", "段落"], ["2024年", "审议小组", "第1段"]])
    french = WorkPlanReading(problems=find_work_plan([]).problems)

    plan = merge_versions({"en": english, "zh": chinese, "fr": french})

    assert plan.languages == ["en", "zh"]
    assert [(p.row, p.code, p.language) for p in plan.problems] == [(2, "unknown_body", "zh")]
