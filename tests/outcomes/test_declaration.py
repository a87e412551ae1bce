"""Parsing a political declaration, on short reports written for these tests in English and Chinese."""

import pytest

from cosp.documents.extraction.structure import extract
from cosp.outcomes.extraction.declaration import (
    cited_articles,
    paragraph_themes,
    parse_declaration,
    section_key,
)

pytestmark = [pytest.mark.unit]

# One block a paragraph, joined with blank lines as a converted document has them.
ENGLISH_REPORT = "\n\n".join(
    [
        "Conference of the States Parties to the\nUnited Nations Convention against Corruption",
        "Distr.: General\n3 March 2031\nOriginal: English",
        "Report of the Conference of the States Parties on its imagined special session",
        "I. Political declaration recommended for adoption",
        ("1. The Conference recommends that the General Assembly adopt the following political declaration:"),
        "Our shared resolve to act against corruption",
        (
            "We, the representatives of the States parties, meeting at a session imagined for this "
            "test, reaffirm our attachment to the Convention."
        ),
        (
            "We note that corruption harms every society, and we resolve to act together, in line with "
            "article 1 of the Convention."
        ),
        "Prevention",
        (
            "1. We will strengthen preventive measures under chapter II of the Convention, including "
            "codes of conduct for public officials as set out in article 8, and the transparency of "
            "public procurement."
        ),
        (
            "2. We invite the United Nations Office on Drugs and Crime to assist States parties, upon "
            "request, in assessing the risks of conflicts of interest."
        ),
        "Criminalization and law enforcement",
        (
            "3. We will criminalize the offences established in articles 15 to 17 of the Convention and"
            " protect reporting persons in accordance with article 33."
        ),
        "International cooperation",
        (
            "4. We will make full use of mutual legal assistance under article 46 and of extradition "
            "under article 44."
        ),
        "Asset recovery",
        (
            "5. We will return confiscated property in accordance with article 57, paragraph 3, and "
            "fight money-laundering."
        ),
        "Technical assistance and information exchange",
        ("6. We will provide technical assistance to one another, as chapter VI of the Convention foresees."),
        "Anti-corruption as an enabler of the 2030 Agenda",
        (
            "7. We recognize that fighting corruption serves the Sustainable Development Goals, and in "
            "particular the role of education and gender equality."
        ),
        "Advancing a forward-looking anti-corruption agenda and framework",
        (
            "8. We request the Conference of the States Parties to report to the General Assembly at "
            "its ninetieth session on the implementation of this declaration."
        ),
        "II. Organization of the session",
        "2. The Conference held its imagined session in Vienna.",
    ]
)

CHINESE_REPORT = """\
联合国反腐败公约
缔约国会议

Distr.: General
3 March 2031
Chinese
Original: English

联合国反腐败公约缔约国会议设想的特别会议报告

一. 缔约国会议建议通过的政治宣言

1. 缔约国会议建议大会通过以下政治宣言：

我们携手行动反对腐败

我们，各缔约国的国家元首、政府首脑、部长和代表，为本测试设想的一届会议汇聚一堂，重申我们对《联合国反腐败公约》的坚定承诺，并决心在各级共同采取行动。

我们注意到腐败损害所有社会，决心依照《公约》第一条共同行动。

预防措施

1. 我们将依照《公约》第二章加强预防措施，包括第八条所述公职人员行为守则，以及公共采购的透明度。

2. 我们将加强努力，预防和管理利益冲突，

并在这一领域运用数字技术。

资产追回

3. 我们将依照《公约》第五十七条第三款返还所没收的财产，并打击洗钱。

推进具有前瞻性的反腐败议程

4. 我们请缔约国会议向大会报告本宣言的执行情况。

二. 会议安排

2. 缔约国会议在维也纳举行了设想的特别会议。
"""


@pytest.fixture(scope="module")
def english():
    return parse_declaration(extract(ENGLISH_REPORT))


@pytest.fixture(scope="module")
def chinese():
    return parse_declaration(extract(CHINESE_REPORT))


def test_english_declaration_has_its_sections_in_order(english):
    assert [(s.key, s.title) for s in english] == [
        ("opening", "Our shared resolve to act against corruption"),
        ("prevention", "Prevention"),
        ("criminalization", "Criminalization and law enforcement"),
        ("international_cooperation", "International cooperation"),
        ("asset_recovery", "Asset recovery"),
        ("technical_assistance", "Technical assistance and information exchange"),
        ("agenda_2030", "Anti-corruption as an enabler of the 2030 Agenda"),
        # A heading too long for the documents extraction to take as one is still a section.
        ("way_forward", "Advancing a forward-looking anti-corruption agenda and framework"),
    ]


def test_english_declaration_numbers_its_paragraphs_and_keeps_the_preamble_unnumbered(english):
    assert [[p.number for p in s.paragraphs] for s in english] == [
        [None, None],
        [1, 2],
        [3],
        [4],
        [5],
        [6],
        [7],
        [8],
    ]
    assert all(p.section == s.key for s in english for p in s.paragraphs)
    # The report's own paragraphs before and after the declaration are not part of it.
    texts = [p.text for s in english for p in s.paragraphs]
    assert not any(text.startswith(("The Conference recommends", "The Conference held")) for text in texts)


def test_english_declaration_paragraphs_cite_articles(english):
    by_number = {p.number: p for s in english for p in s.paragraphs if p.number}
    assert {n: p.articles for n, p in by_number.items()} == {
        1: [8],
        2: [],
        3: [15, 16, 17, 33],
        4: [46, 44],
        5: [57],
        6: [],
        7: [],
        8: [],
    }
    assert english[0].paragraphs[1].articles == [1]


def test_english_declaration_paragraphs_carry_their_themes(english):
    by_number = {p.number: p for s in english for p in s.paragraphs if p.number}
    assert by_number[1].themes == ["prevention", "public_procurement"]
    assert by_number[3].themes == ["criminalization", "reporting_persons"]
    assert by_number[5].themes == ["asset_recovery", "money_laundering"]
    assert by_number[6].themes == ["technical_assistance"]  # chapter VI is its own section's theme
    assert by_number[7].themes == ["agenda_2030", "gender", "education"]


def test_chinese_declaration_has_sections_paragraphs_and_opening(chinese):
    assert [(s.key, s.title, [p.number for p in s.paragraphs]) for s in chinese] == [
        ("opening", "我们携手行动反对腐败", [None, None]),
        ("prevention", "预防措施", [1, 2]),
        ("asset_recovery", "资产追回", [3]),
        ("way_forward", "推进具有前瞻性的反腐败议程", [4]),
    ]


def test_chinese_paragraph_split_by_a_page_break_is_joined(chinese):
    assert chinese[1].paragraphs[1].text == "我们将加强努力，预防和管理利益冲突，并在这一领域运用数字技术。"
    assert chinese[1].paragraphs[1].themes == ["prevention", "conflict_of_interest", "technology"]


def test_chinese_declaration_paragraphs_cite_articles(chinese):
    assert [p.articles for s in chinese for p in s.paragraphs] == [[], [1], [8], [], [57], []]


def test_a_report_without_a_declaration_gives_nothing():
    report = ENGLISH_REPORT.replace("political declaration", "text").replace("Political declaration", "Text")
    assert parse_declaration(extract(report)) == []


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("预防措施", "prevention"),
        ("刑事定罪和执法", "criminalization"),
        ("国际合作", "international_cooperation"),
        ("资产追回", "asset_recovery"),
        ("技术援助和信息交流", "technical_assistance"),
        ("反腐败是实现《2030 年可持续发展议程》的推动力", "agenda_2030"),
        ("推进具有前瞻性的反腐败议程和框架", "way_forward"),
        ("Preventive measures", "prevention"),
        ("Advancing a forward-looking anti-corruption agenda and framework", "way_forward"),
        ("Organization of the session", None),
    ],
)
def test_section_headings_map_to_stable_keys(title, key):
    assert section_key(title) == key


def test_themes_come_from_keywords_and_convention_chapters():
    assert paragraph_themes("我们将依照《公约》第五章在资产追回方面相互合作。", "way_forward") == [
        "way_forward",
        "asset_recovery",
    ]
    assert paragraph_themes("We will apply chapters III and IV of the Convention.") == [
        "criminalization",
        "international_cooperation",
    ]


def test_articles_are_listed_once_in_order_of_mention():
    assert cited_articles("《公约》第 五十二 条和第 十四 条，以及第五十二条第五款") == [52, 14]
    assert cited_articles("article 46, paragraph 13, and articles 44 and 46") == [46, 44]


@pytest.mark.parametrize(
    ("title", "own"),
    [
        ("Political declaration of the special session", True),
        ("Draft political declaration", True),
        ("大会反腐败问题特别会议政治宣言", True),
        ("Discussing the political declaration: a multi-year work plan", False),
        ("关于落实政治宣言的多年期工作计划", False),
    ],
)
def test_only_a_document_titled_as_the_declaration_is_read_as_one(title, own):
    from cosp.documents.extraction.model import ExtractedDocument
    from cosp.outcomes.extraction.declaration import _is_own_declaration

    assert _is_own_declaration(ExtractedDocument(title=title)) is own
