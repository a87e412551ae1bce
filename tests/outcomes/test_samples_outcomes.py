"""The outcomes of the real samples in ../shared, against facts established by reading them.

The sponsors are resolved with the project's States registry (the `reference_db` fixture), as
`cosp inspect` resolves them; hence a database, and the integration layer.
"""

import pytest

from cosp.documents.extraction.readers import read_file
from cosp.documents.extraction.structure import extract
from cosp.outcomes.extraction.outcomes import find_outcomes, outcome_paragraphs
from cosp.states.names import UnresolvedName, resolve
from tests.helpers import SHARED, skip_or_fail

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SAMPLES = SHARED / "samples"


def sample(name):
    path = SAMPLES / name
    if not path.exists():
        skip_or_fail(f"../shared is absent: {path} not found")
    return extract(read_file(path))


def resolve_sponsor(name: str) -> str | None:
    try:
        found = resolve(name)
    except UnresolvedName:
        return None
    return getattr(found, "iso3", None) or found.name


@pytest.fixture(scope="module")
def cosp7_doc():
    return sample("cosp7-report-2017.zh.txt")


@pytest.fixture(scope="module")
def cosp7(cosp7_doc, reference_db, django_db_blocker):
    with django_db_blocker.unblock():
        return {(o.kind, o.number): o for o in find_outcomes(cosp7_doc, resolve=resolve_sponsor)}


R, D = "resolution", "decision"

# Chapter I of the report, section A (resolutions) and B (decision): each heading "第 7/n 号决议" or
# "第 7/1 号决定" and the title line under it.
COSP7_TITLES = {
    (R, "7/1"): "加强司法协助，促进国际合作和资产追回",
    (R, "7/2"): "依照《联合国反腐败公约》，采用一种多学科综合办法，更有效地预防和打击一切形式的腐败，"
    "除其他外包括涉及巨额资产的腐败",
    (R, "7/3"): "促进提供技术援助支持有效实施《联合国反腐败公约》",
    (R, "7/4"): "增进负责反腐败审议机制的相关多边组织之间的协同效应",
    (R, "7/5"): "促进预防腐败措施",
    (R, "7/6"): "《马拉喀什预防腐败宣言》的后续行动",
    (R, "7/7"): "加强小岛屿发展中国家实施《联合国反腐败公约》的工作",
    (R, "7/8"): "体育腐败",
    (D, "7/1"): "缔约国会议设立的附属机构的工作",
}

# (preambular, operative), counted by reading lines 62-675 of the sample: a preambular paragraph is
# each blank-line-separated block between the opening line "联合国反腐败公约缔约国会议，" and "1."
# (footnote lines ¹…²⁹ skipped; a block that starts mid-sentence after a page's footnotes, as line 542
# in 7/7, continues the paragraph before it); operative paragraphs are the numbers 1… that follow.
# Decision 7/1 has no preamble: after "缔约国会议在 2017 年 11 月 10 日第 13 次会议上：" come (a)-(d).
COSP7_COUNTS = {
    (R, "7/1"): (22, 32),
    (R, "7/2"): (12, 19),
    (R, "7/3"): (11, 18),
    (R, "7/4"): (8, 5),
    (R, "7/5"): (11, 15),
    (R, "7/6"): (7, 23),
    (R, "7/7"): (14, 12),
    (R, "7/8"): (18, 14),
    (D, "7/1"): (0, 4),
}

# The lettered lines "(a)", "(b)" … of chapter I, and the paragraph above each run (None: the
# preambular "铭记《公约》的基本宗旨是：" of 7/1).
COSP7_SUB_PARAGRAPHS = {
    (R, "7/1"): {None: "abc", "12": "abc", "21": "abc", "27": "ab", "28": "abcd"},
    (R, "7/5"): {"5": "ab"},
}

# Superscript marks inside each text (the notes at the page feet, ¹-²⁹, excluded), in order of
# first appearance.
COSP7_FOOTNOTES = {
    (R, "7/1"): ["1", "2", "3", "4", "5"],
    (R, "7/2"): ["6"],
    (R, "7/3"): ["7", "8", "9"],
    (R, "7/4"): ["10", "11"],
    (R, "7/5"): ["12", "13", "14", "15"],
    (R, "7/6"): ["16", "17", "18", "19"],
    (R, "7/7"): ["20", "21", "22"],
    (R, "7/8"): ["23", "24", "25", "26"],
    (D, "7/1"): ["27", "28", "29"],
}

# Chapter 八 (缔约国会议采取的行动), paragraph 116 (a)-(h) and paragraph 117: the draft's symbol, the
# States after "提案国为", and those that "随后……加入", in the report's order, in ISO3 (the EU: EUE).
COSP7_SPONSORS = {
    (R, "7/1"): (["CAC/COSP/2017/L.5"], "IRQ NGA NOR", "BRA CHN ECU IDN USA"),
    (R, "7/2"): (
        ["CAC/COSP/2017/L.6"],
        "CHL IRQ JOR KAZ LBR NGA NOR PER SWE",
        "GIN HND IDN ISR LBY NLD NIC PSE CHE GBR",
    ),
    (R, "7/3"): (["CAC/COSP/2017/L.3/Rev.3"], "AUS BRA ISR USA", "COL SLV EUE HND JPN NGA LKA"),
    (R, "7/4"): (
        ["CAC/COSP/2017/L.9/Rev.1"],
        "ARG AUT BLR BEL EST MEX NLD PRT",
        "AUS CAN COL EUE HND ISR JPN PAN PRY PER",
    ),
    (R, "7/5"): (
        ["CAC/COSP/2017/L.10/Rev.2"],
        "ARG AUT FRA GAB ISR MAR ROU",
        "BLR KHM EUE GIN IDN JPN MEX QAT PER SRB SGP USA",
    ),
    (R, "7/6"): (
        ["CAC/COSP/2017/L.8/Rev.1"],
        "AGO ARG FRA IRN ISR",
        "BLR EUE GIN HND IND JPN LBN LBY MEX NOR PHL QAT RUS PSE USA VNM",
    ),
    (R, "7/7"): (["CAC/COSP/2017/L.4/Rev.2"], "AUS COK KIR FSM NRU NOR TUV VUT", "EUE HTI HND MHL NIU SGP"),
    (R, "7/8"): (["CAC/COSP/2017/L.7/Rev.1"], "ARG BLR FRA GAB DEU ISR ITA CHE", "AUS BRA EUE PRY"),
    # Paragraph 117: submitted by the President of the Conference, no State.
    (D, "7/1"): (["CAC/COSP/2017/L.11/Rev.1"], "", ""),
}


def test_cosp7_sets_out_eight_resolutions_and_one_decision_with_their_titles(cosp7):
    assert {key: outcome.title for key, outcome in cosp7.items()} == COSP7_TITLES
    assert {outcome.body for outcome in cosp7.values()} == {"COSP"}


def test_cosp7_preambular_and_operative_paragraphs_as_counted_by_reading(cosp7):
    found = {
        key: (kinds.count("preambular"), kinds.count("operative")) for key, kinds in _kinds(cosp7).items()
    }
    assert found == COSP7_COUNTS


def test_cosp7_operative_paragraphs_are_numbered_in_sequence(cosp7):
    for key, outcome in cosp7.items():
        numbers = [p.number for p in outcome.paragraphs if p.kind == "operative"]
        expected = list("abcd") if key[0] == D else [str(n) for n in range(1, len(numbers) + 1)]
        assert numbers == expected, key
        assert all(p.number is None for p in outcome.paragraphs if p.kind == "preambular"), key


def test_cosp7_lettered_sub_paragraphs_sit_under_their_paragraph(cosp7):
    found = {}
    for key, outcome in cosp7.items():
        subs = {p.number: "".join(label for label, _ in p.sub_paragraphs) for p in outcome.paragraphs}
        if any(subs.values()):
            found[key] = {number: labels for number, labels in subs.items() if labels}
    assert found == COSP7_SUB_PARAGRAPHS


def test_cosp7_paragraph_broken_by_footnotes_is_one_paragraph(cosp7):
    # 7/1 paragraph 8 runs over footnote 5 and resumes with "时考虑到可持续发展目标"; 7/7's eighth
    # preambular paragraph resumes after footnotes 19-21 with "成严重的健康".
    paragraph_8 = next(p for p in cosp7[R, "7/1"].paragraphs if p.number == "8")
    assert "时考虑到可持续发展目标" in paragraph_8.text
    preamble = [p for p in cosp7[R, "7/7"].paragraphs if p.kind == "preambular"]
    assert preamble[8].text.startswith("注意到如缔约国会议")
    assert "成严重的健康" in preamble[8].text


def test_cosp7_footnotes_inside_each_text(cosp7):
    assert {key: outcome.footnotes for key, outcome in cosp7.items()} == COSP7_FOOTNOTES


@pytest.mark.parametrize("key", [pytest.param(key, id=f"{key[0]}-{key[1]}") for key in COSP7_SPONSORS])
def test_cosp7_sponsors_as_the_action_taken_chapter_lists_them(cosp7, key):
    symbols, first, later = COSP7_SPONSORS[key]
    outcome = cosp7[key]
    assert outcome.draft_symbols == symbols
    assert [s.value for s in outcome.sponsorships if not s.joined_later] == first.split()
    assert [s.value for s in outcome.sponsorships if s.joined_later] == later.split()
    assert outcome.sponsors == first.split() + later.split()


def test_cosp7_groups_spoken_for_are_kept_as_given(cosp7):
    behalf = {
        (key[1], s.value): s.on_behalf_of
        for key, outcome in cosp7.items()
        for s in outcome.sponsorships
        if s.on_behalf_of and s.value != "EUE"
    }
    assert behalf == {
        ("7/1", "NGA"): "非洲国家组成成员国中的《公约》缔约国",
        ("7/6", "AGO"): "《公约》缔约国中的非洲国家组成成员国",
        ("7/6", "IRN"): "《公约》缔约国中的 77 国集团和中国成员国",
    }
    # The EU speaks for itself and its member States each time it joins.
    assert {s.on_behalf_of for o in cosp7.values() for s in o.sponsorships if s.value == "EUE"} == {
        "欧洲联盟及其成员国"
    }


def test_cosp7_decision_was_submitted_by_the_president_and_all_adopted_at_the_13th_meeting(cosp7):
    assert cosp7[D, "7/1"].submitted_by == "缔约国会议主席"
    assert {(o.adopted_meeting, o.adopted_on) for o in cosp7.values()} == {(13, "2017-11-10")}


def test_the_special_session_report_sets_out_no_resolution_or_decision(reference_db):
    # Its text is the political declaration (declaration.py reads it); the resolutions it names are cited.
    assert find_outcomes(sample("cosp-special-session-2021.zh.txt"), resolve=resolve_sponsor) == []


def test_the_ga_draft_is_no_adopted_text_but_its_paragraphs_read_the_same_way():
    doc = sample("ga-draft-resolution-2001.en.txt")
    assert find_outcomes(doc) == []
    # Read by hand: 14 preambular paragraphs from "Guided by the Charter" to "Noting the outcome of the
    # South Summit", then operative paragraphs 1-25; (a)-(f) under 5 and (a)-(d) under 21. The PDF
    # text joins "Welcoming the commitment" and "Underlining that meeting" into one paragraph.
    paragraphs = outcome_paragraphs(doc.paragraphs, language="en")
    preamble = [p for p in paragraphs if p.kind == "preambular"]
    operative = [p for p in paragraphs if p.kind == "operative"]
    assert (len(preamble), [p.number for p in operative]) == (14, [str(n) for n in range(1, 26)])
    assert preamble[0].text.startswith("Guided by the Charter")
    assert preamble[9].text.startswith("Underlining that meeting the objectives of good governance")
    assert preamble[-1].text.startswith("Noting the outcome of the South Summit")
    subs = {p.number: "".join(label for label, _ in p.sub_paragraphs) for p in paragraphs if p.sub_paragraphs}
    assert subs == {"5": "abcdef", "21": "abcd"}


def _kinds(outcomes):
    return {key: [p.kind for p in outcome.paragraphs] for key, outcome in outcomes.items()}
