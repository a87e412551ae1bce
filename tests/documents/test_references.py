"""Table tests for numerals and for what a text cites."""

import pytest

from cosp.documents.extraction.numerals import (
    chinese_to_int,
    ordinal_to_int,
    roman_to_int,
    superscript_to_int,
)
from cosp.documents.extraction.references import (
    find_articles,
    find_entities,
    find_outcomes,
    find_references,
    find_rules,
)

pytestmark = [pytest.mark.unit]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("一", 1),
        ("十", 10),
        ("十三", 13),
        ("二十三", 23),
        ("四十六", 46),
        ("七十一", 71),
        ("一百零二", 102),
        ("12", 12),
    ],
)
def test_chinese_numerals(text, number):
    assert chinese_to_int(text) == number


def test_other_numerals():
    assert ordinal_to_int("Seventh") == 7
    assert ordinal_to_int("Fifty-sixth") == 56
    assert roman_to_int("XIV") == 14
    assert superscript_to_int("²⁹") == 29
    assert chinese_to_int("章") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第四十六条第十三款", [(46, 13, None)]),
        ("第六十三条第四款第(三)和(四)项", [(63, 4, "c"), (63, 4, "d")]),
        ("第六十三条第四款第(三)和第(四)项", [(63, 4, "c"), (63, 4, "d")]),
        ("第二十三条第二款第(四)项", [(23, 2, "d")]),
        ("第四十六条第十三和第十四款", [(46, 13, None), (46, 14, None)]),
        ("依照第十二、十四和五十二条", [(12, None, None), (14, None, None), (52, None, None)]),
        ("第十六条（第一款）", [(16, 1, None)]),
        ("第五条至第七条", [(5, None, None), (6, None, None), (7, None, None)]),
        ("第三章和第四章", []),
        ("article 46, paragraph 13", [(46, 13, None)]),
        ("article 63, paragraph 4 (c) and (d)", [(63, 4, "c"), (63, 4, "d")]),
        ("article 46, paragraphs 13 and 14", [(46, 13, None), (46, 14, None)]),
        ("articles 5 to 8", [(5, None, None), (6, None, None), (7, None, None), (8, None, None)]),
        ("articles 15, 16 and 23", [(15, None, None), (16, None, None), (23, None, None)]),
        ("paragraph 2 of article 6", [(6, 2, None)]),
        ("article 99", []),
    ],
)
def test_articles(text, expected):
    assert [(a.article, a.paragraph, a.subparagraph) for a in find_articles(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第 7/1 号决议", [("COSP", "resolution", "7/1")]),
        ("第7/1号决定", [("COSP", "decision", "7/1")]),
        ("decision 5/1", [("COSP", "decision", "5/1")]),
        ("resolution 7/1", [("COSP", "resolution", "7/1")]),
        ("General Assembly resolution 58/4", [("GA", "resolution", "58/4")]),
        ("大会第58/4号决议", [("GA", "resolution", "58/4")]),
        ("大会 2016 年 12 月 19 日第 71/208 号决议", [("GA", "resolution", "71/208")]),
        ("缔约国会议 2015 年 11 月 6 日第 6/4 号决议", [("COSP", "resolution", "6/4")]),
        ("经济及社会理事会第2001/13号决议", [("ECOSOC", "resolution", "2001/13")]),
        ("联合国打击跨国有组织犯罪公约缔约方会议第 5/5 号决议", [("UNTOC-COP", "resolution", "5/5")]),
        (
            "第 3/2、第 4/3 和第 5/4 号决议",
            [("COSP", "resolution", "3/2"), ("COSP", "resolution", "4/3"), ("COSP", "resolution", "5/4")],
        ),
        ("第 6/2 号和第 6/3 号决议", [("COSP", "resolution", "6/2"), ("COSP", "resolution", "6/3")]),
        ("resolutions 3/1 and 4/1", [("COSP", "resolution", "3/1"), ("COSP", "resolution", "4/1")]),
        ("Economic and Social Council resolution 2004/33", [("ECOSOC", "resolution", "2004/33")]),
        ("第 70/1 号决议", [("GA", "resolution", "70/1")]),
    ],
)
def test_outcomes(text, expected):
    assert [(o.body, o.kind, o.number) for o in find_outcomes(text)] == expected


def test_its_resolution_is_the_documents_own_body():
    assert find_outcomes("Recalling its resolution 55/279", own_body="GA")[0].body == "GA"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("根据议事规则第 17 条，秘书处分发了名单", [17]),
        ("议事规则第 19 条规定了审查。第 20 条规定了暂准出席。", [19, 20]),
        ("议事规则第 18 至 20 条", [18, 19, 20]),
        ("rule 17 of the rules of procedure", [17]),
        ("rules 18 to 20 of the rules of procedure", [18, 19, 20]),
        ("第 17 条", []),  # Arabic numerals with 条 are rules only where rules are spoken of
    ],
)
def test_rules(text, expected):
    assert find_rules(text) == expected


def test_entities_from_an_attendance_list_are_resolved_through_the_callable():
    def resolve(name):
        if name == "某国":
            raise ValueError("unknown")
        return {"阿富汗": ("AFG", None), "欧洲联盟": ("EUE", None)}.get(name, (None, "An organisation"))

    entities = find_entities("下列缔约国派代表出席了会议：阿富汗、欧洲联盟、某国。", resolve_entity=resolve)
    assert [(e.text, e.iso3) for e in entities] == [("阿富汗", "AFG"), ("欧洲联盟", "EUE"), ("某国", None)]


def test_entities_by_known_names_take_the_longest_match():
    names = ["刚果", "刚果民主共和国", "Oman"]
    found = [e.text for e in find_entities("刚果民主共和国和刚果代表；Romania", entity_names=names)]
    assert found == ["刚果民主共和国", "刚果"]


def test_find_references_collects_everything():
    refs = find_references(
        "见 CAC/COSP/2017/5。依照《公约》第四十六条第十三款和缔约国会议第 7/1 号决议；议事规则第 17 条。"
    )
    assert refs.symbols == ["CAC/COSP/2017/5"]
    assert [(a.article, a.paragraph) for a in refs.articles] == [(46, 13)]
    assert [o.number for o in refs.outcomes] == ["7/1"]
    assert refs.rules == [17]


def test_a_state_name_inside_an_organisations_name_is_not_the_state():
    names = ["赤道几内亚", "奥地利", "巴西", "Kenya", "Austria"]
    zh = find_entities("会上，赤道几内亚合作与发展组织、奥地利和巴西的代表作了发言。", entity_names=names)
    en = find_entities(
        "The Kenya Human Rights Commission and Austria attended; so did Kenya.", entity_names=names
    )

    assert [e.text for e in zh] == ["奥地利", "巴西"]
    assert [e.text for e in en] == ["Austria", "Kenya"]
