"""The political declaration in the 2021 special session's report (../shared/samples), with the counts
established by reading the sample (see the comments)."""

import pytest

from cosp.documents.extraction.readers import read_file
from cosp.documents.extraction.structure import extract
from cosp.outcomes.extraction.declaration import parse_declaration
from tests.helpers import SHARED, skip_or_fail

pytestmark = [pytest.mark.unit]


def sample(name):
    path = SHARED / "samples" / name
    if not path.exists():
        skip_or_fail(f"../shared is absent: {path} not found")
    return extract(read_file(path))


@pytest.fixture(scope="module")
def declaration():
    return parse_declaration(sample("cosp-special-session-2021.zh.txt"))


def numbered(declaration):
    return [p for section in declaration for p in section.paragraphs if p.number is not None]


# Counted in the sample: the unnumbered preamble runs from line 38 to line 72 (14 paragraphs; line 58
# goes on with line 50 after the footnotes); then the seven themed headings stand at lines 74, 130, 152,
# 174, 202, 220 and 250, and the numbered paragraphs between them are 1-22, 23-31, 32-40, 41-52, 53-59,
# 60-71 and 72-86; chapter 二 of the report starts at line 284.
SECTIONS = [
    ("opening", "我们共同承诺有效应对挑战和采取措施，预防和打击腐败，加强国际合作", 14, None),
    ("prevention", "预防措施", 22, (1, 22)),
    ("criminalization", "刑事定罪和执法", 9, (23, 31)),
    ("international_cooperation", "国际合作", 9, (32, 40)),
    ("asset_recovery", "资产追回", 12, (41, 52)),
    ("technical_assistance", "技术援助和信息交流", 7, (53, 59)),
    ("agenda_2030", "反腐败是实现《2030年可持续发展议程》的推动力", 12, (60, 71)),
    ("way_forward", "推进具有前瞻性的反腐败议程和框架", 15, (72, 86)),
]


def test_declaration_has_86_paragraphs_numbered_1_to_86(declaration):
    assert [p.number for p in numbered(declaration)] == list(range(1, 87))


def test_declaration_sections_and_their_paragraphs(declaration):
    assert [(s.key, s.title, len(s.paragraphs)) for s in declaration] == [
        (key, title, count) for key, title, count, _numbers in SECTIONS
    ]
    for section, (_key, _title, _count, numbers) in zip(declaration, SECTIONS, strict=True):
        if numbers:
            first, last = numbers
            assert [p.number for p in section.paragraphs] == list(range(first, last + 1))
        else:
            assert {p.number for p in section.paragraphs} == {None}


def test_declaration_paragraphs_know_their_section(declaration):
    assert all(p.section == s.key for s in declaration for p in s.paragraphs)


def test_paragraph_split_by_footnotes_is_joined(declaration):
    # Paragraph 16 runs from line 112 to line 114 around a page break.
    sixteen = numbered(declaration)[15]
    assert sixteen.text.startswith("我们承诺在符合本国法律制度基本原则的情况下")
    assert "实益所有权" in sixteen.text
    assert "beneficial_ownership" in sixteen.themes


def test_articles_cited_by_declaration_paragraphs(declaration):
    by_number = {p.number: p.articles for p in numbered(declaration)}
    # Checked by hand: the only paragraphs naming articles (第…条) are 24, 48 and 49.
    assert by_number[24] == [65, 15, 16, 17, 23, 25, 27]
    assert by_number[48] == [4]
    assert by_number[49] == [4]
    assert {n for n, articles in by_number.items() if articles} == {24, 48, 49}


def test_themes_from_chapters_and_keywords(declaration):
    by_number = {p.number: p.themes for p in numbered(declaration)}
    assert by_number[1][0] == "prevention"
    assert by_number[56] == ["technical_assistance"]  # cites chapter 六, its own section's theme
    assert "asset_recovery" in by_number[41]  # 第五章
    assert "gender" in by_number[69]
    assert "sport" in by_number[71]
    assert "covid19" in by_number[72]


def test_cosp7_report_holds_no_declaration():
    # Resolution 7/6 follows up the Marrakech declaration: a resolution, not a declaration.
    assert parse_declaration(sample("cosp7-report-2017.zh.txt")) == []
