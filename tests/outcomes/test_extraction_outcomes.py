"""Resolutions and decisions found in extracted reports: on the English excerpt we wrote
(cosp/outcomes/data/example-report.en.txt) and on small documents built by hand."""

import pytest

from cosp.documents.extraction.model import ExtractedDocument, Footnote, Heading, Paragraph
from cosp.documents.extraction.readers import read_file
from cosp.documents.extraction.structure import extract
from cosp.outcomes.demo import EXAMPLE_REPORT
from cosp.outcomes.extraction.outcomes import (
    body_code,
    find_outcomes,
    outcome_paragraphs,
    parse_outcome_label,
)
from cosp.outcomes.extraction.sponsors import read_action_entries

pytestmark = [pytest.mark.unit]

NAMES = {
    "Trinidad and Tobago": "TTO",
    "Nigeria": "NGA",
    "Norway": "NOR",
    "Brazil": "BRA",
    "Saint Vincent and the Grenadines": "VCT",
    "European Union": "EUE",
    "Iran (Islamic Republic of)": "IRN",
    "Peru": "PER",
    "United Kingdom of Great Britain and Northern Ireland": "GBR",
    "Egypt": "EGY",
    "伊拉克": "IRQ",
    "尼日利亚": "NGA",
    "挪威": "NOR",
    "巴西": "BRA",
    "中国": "CHN",
    "特立尼达和多巴哥": "TTO",
    "伊朗伊斯兰共和国": "IRN",
    "以色列": "ISR",
    "埃及": "EGY",
}


def resolve(name: str) -> str | None:
    return NAMES.get(name)


@pytest.fixture(scope="module")
def excerpt():
    return extract(read_file(EXAMPLE_REPORT))


@pytest.fixture(scope="module")
def outcomes(excerpt):
    return {(o.kind, o.number): o for o in find_outcomes(excerpt, resolve=resolve)}


def counts(outcome):
    kinds = [p.kind for p in outcome.paragraphs]
    return kinds.count("preambular"), kinds.count("operative")


# --- the English excerpt -------------------------------------------------------------------------------


def test_the_excerpt_holds_two_resolutions_and_one_decision_with_their_titles(outcomes):
    assert {key: o.title for key, o in outcomes.items()} == {
        ("resolution", "12/1"): "Open data on the beneficial owners of bidders in public procurement",
        ("resolution", "12/2"): (
            "Strengthening the role of supreme audit institutions in preventing corruption"
        ),
        ("decision", "12/1"): "Venue of the fourteenth session of the Conference",
    }
    assert {o.body for o in outcomes.values()} == {"COSP"}


def test_resolutions_cited_in_the_text_are_not_outcomes(outcomes):
    # Resolution 12/1 recalls resolution 10/4, decision 12/1 recalls resolution 11/3: cited, not set out.
    assert ("resolution", "10/4") not in outcomes
    assert ("resolution", "11/3") not in outcomes


def test_the_excerpt_counts_preambular_and_operative_paragraphs(outcomes):
    # Counted in the fixture we wrote: the opening line naming the Conference is no paragraph.
    assert {key: counts(o) for key, o in outcomes.items()} == {
        ("resolution", "12/1"): (4, 4),
        ("resolution", "12/2"): (3, 4),
        ("decision", "12/1"): (0, 3),
    }


def test_operative_paragraphs_are_numbered_and_preambular_ones_are_not(outcomes):
    resolution = outcomes["resolution", "12/1"]
    assert [p.number for p in resolution.paragraphs] == [None, None, None, None, "1", "2", "3", "4"]
    assert resolution.paragraphs[0].text.startswith("Recalling article 9")
    assert resolution.paragraphs[4].text.startswith("Encourages States parties to publish")


def test_lettered_sub_paragraphs_belong_to_the_operative_paragraph_above(outcomes):
    paragraph = outcomes["resolution", "12/1"].paragraphs[6]
    assert paragraph.number == "3"
    assert paragraph.text == "Invites States parties to consider, where appropriate:"
    assert [label for label, _ in paragraph.sub_paragraphs] == ["a", "b", "c"]
    assert paragraph.sub_paragraphs[1][1].startswith("Giving procurement officials access")


def test_roman_numbered_items_stay_inside_their_lettered_sub_paragraph(outcomes):
    paragraph = outcomes["resolution", "12/2"].paragraphs[5]
    assert [label for label, _ in paragraph.sub_paragraphs] == ["a", "b"]
    text = paragraph.sub_paragraphs[1][1]
    assert "(i) The follow-up of audit recommendations;" in text
    assert text.endswith("(ii) The cooperation between audit institutions and law enforcement authorities;")


def test_a_decision_with_lettered_paragraphs_has_them_as_its_operative_paragraphs(outcomes):
    decision = outcomes["decision", "12/1"]
    assert [(p.number, p.kind) for p in decision.paragraphs] == [
        ("a", "operative"),
        ("b", "operative"),
        ("c", "operative"),
    ]
    assert decision.paragraphs[0].text.startswith("Recalled its resolution 11/3")


def test_footnotes_are_the_marks_inside_each_text(outcomes):
    assert {key: o.footnotes for key, o in outcomes.items()} == {
        ("resolution", "12/1"): ["1"],
        ("resolution", "12/2"): ["2"],
        ("decision", "12/1"): [],
    }


def test_sponsors_of_the_excerpt_as_the_action_taken_chapter_lists_them(outcomes):
    assert {key: o.sponsors for key, o in outcomes.items()} == {
        ("resolution", "12/1"): ["TTO", "NGA", "NOR", "BRA", "VCT", "EUE"],
        # No "see resolution 12/2" in its entry: found by its title, worded a little differently.
        ("resolution", "12/2"): ["IRN", "PER", "GBR"],
        # Submitted by the President, who is no sponsor.
        ("decision", "12/1"): [],
    }
    assert outcomes["decision", "12/1"].submitted_by == "President"


def test_sponsors_who_joined_later_and_groups_spoken_for_are_recorded(outcomes):
    sponsorships = outcomes["resolution", "12/1"].sponsorships
    assert [s.name for s in sponsorships if s.joined_later] == [
        "Brazil",
        "Saint Vincent and the Grenadines",
        "European Union",
    ]
    assert [(s.code, s.on_behalf_of) for s in sponsorships if s.on_behalf_of] == [
        ("NGA", "the States parties to the Convention that are members of the Group of African States"),
        ("EUE", "the European Union and its member States"),
    ]


def test_draft_symbols_meeting_and_date_come_from_the_action_taken_chapter(outcomes):
    assert {key: (o.draft_symbols, o.adopted_meeting, o.adopted_on) for key, o in outcomes.items()} == {
        ("resolution", "12/1"): (["CAC/COSP/2027/L.4/Rev.1"], 9, "2027-12-10"),
        ("resolution", "12/2"): (["CAC/COSP/2027/L.6/Rev.2"], 9, "2027-12-10"),
        ("decision", "12/1"): (["CAC/COSP/2027/L.9"], 9, "2027-12-10"),
    }


def test_a_draft_considered_but_not_adopted_is_attached_to_nothing(outcomes):
    symbols = [symbol for o in outcomes.values() for symbol in o.draft_symbols]
    assert "CAC/COSP/2027/L.7" not in symbols
    assert all("EGY" not in o.sponsors for o in outcomes.values())


def test_without_a_resolver_sponsors_are_the_names_given(excerpt):
    found = {(o.kind, o.number): o.sponsors for o in find_outcomes(excerpt)}
    # Names that hold "and" are read whole all the same.
    assert found["resolution", "12/1"] == [
        "Trinidad and Tobago",
        "Nigeria",
        "Norway",
        "Brazil",
        "Saint Vincent and the Grenadines",
        "European Union",
    ]
    assert found["resolution", "12/2"] == [
        "Iran (Islamic Republic of)",
        "Peru",
        "United Kingdom of Great Britain and Northern Ireland",
    ]


def test_the_json_of_an_outcome_has_the_contract_keys(outcomes):
    data = outcomes["resolution", "12/1"].as_json()
    assert {"body", "kind", "number", "title", "sponsors", "paragraphs"} <= set(data)
    assert {"number", "kind", "verb", "addressees"} <= set(data["paragraphs"][0])
    assert data["paragraphs"][4]["number"] == "1"


# --- documents built by hand ---------------------------------------------------------------------------


def document(*paragraphs, label="Resolution 3/1", title="A title", language="en", **fields):
    """A report setting out one text under `label`, its paragraphs given as (number, text)."""
    heading = Heading(label=label, title=title, level=3, line=1)
    body = [
        Paragraph(number=number, section=label, text=text, line=line, part=label)
        for line, (number, text) in enumerate(paragraphs, start=2)
    ]
    return ExtractedDocument(language=language, headings=[heading], paragraphs=body, **fields)


def test_outcome_labels_read_in_both_languages():
    assert parse_outcome_label("第7/1号决议") == ("resolution", "7/1")
    assert parse_outcome_label("第 7/1 号决定") == ("decision", "7/1")
    assert parse_outcome_label("Resolution 58/4") == ("resolution", "58/4")
    assert parse_outcome_label("Decision 7/1.") == ("decision", "7/1")
    assert parse_outcome_label("A.") is None


def test_the_body_comes_from_the_symbol_then_from_the_name():
    assert body_code(ExtractedDocument(symbol="CAC/COSP/2017/14")) == "COSP"
    assert body_code(ExtractedDocument(symbol="A/C.3/56/L.45")) == "GA"
    assert body_code(ExtractedDocument(body="Implementation Review Group")) == "COSP"
    assert body_code(ExtractedDocument()) is None


def test_resolution_and_decision_with_the_same_number_are_two_outcomes():
    doc = ExtractedDocument(
        language="en",
        headings=[
            Heading("Resolution 7/1", "First", 3, line=1),
            Heading("Decision 7/1", "Second", 3, line=5),
        ],
        paragraphs=[
            Paragraph(None, None, "The Conference,", line=2, part="Resolution 7/1"),
            Paragraph(None, None, "Recalling its work,", line=3, part="Resolution 7/1"),
            Paragraph("1", None, "Decides to go on;", line=4, part="Resolution 7/1"),
            Paragraph(None, None, "The Conference decided to meet again.", line=6, part="Decision 7/1"),
        ],
    )
    found = find_outcomes(doc)
    assert [(o.kind, o.number, o.title, counts(o)) for o in found] == [
        ("resolution", "7/1", "First", (1, 1)),
        ("decision", "7/1", "Second", (0, 1)),
    ]


def test_a_text_without_numbers_is_read_by_its_punctuation():
    doc = document(
        (None, "The General Assembly,"),
        (None, "Recalling its resolution 55/279,"),
        (None, "Decides to continue its consideration of the question at its next session."),
    )
    (outcome,) = find_outcomes(doc)
    assert [(p.number, p.kind) for p in outcome.paragraphs] == [(None, "preambular"), (None, "operative")]


def test_lines_before_the_opening_continue_the_title():
    doc = document(
        (None, "and asset recovery"),
        (None, "The Conference of the States Parties to the United Nations Convention against Corruption,"),
        ("1", "Decides to meet again."),
        title="Strengthening international cooperation",
    )
    (outcome,) = find_outcomes(doc)
    assert outcome.title == "Strengthening international cooperation and asset recovery"
    assert [p.number for p in outcome.paragraphs] == ["1"]


def test_unnumbered_text_after_an_operative_paragraph_continues_it_and_signatures_are_dropped():
    doc = document(
        (None, "The General Assembly,"),
        ("1", "Urges States to cooperate in"),
        (None, "criminal matters;"),
        ("2", "Decides to remain seized of the matter."),
        (None, "85th plenary meeting"),
        (None, "19 December 2001"),
    )
    (outcome,) = find_outcomes(doc)
    assert [(p.number, p.text) for p in outcome.paragraphs] == [
        ("1", "Urges States to cooperate in criminal matters;"),
        ("2", "Decides to remain seized of the matter."),
    ]


def test_wrapped_english_preambular_paragraphs_joined_by_the_layout_are_split_again():
    joined = (
        "Welcoming the commitment made by the heads of State to make the right to development a "
        "reality for everyone, Underlining that good governance at the international level also matters,"
    )
    paragraphs = outcome_paragraphs(
        [
            Paragraph(None, None, "The General Assembly,", line=1),
            Paragraph(None, None, joined, line=2),
            Paragraph("1", None, "Welcomes the report;", line=3),
        ],
        language="en",
    )
    assert [p.text[:22] for p in paragraphs] == [
        "Welcoming the commitme",
        "Underlining that good ",
        "Welcomes the report;",
    ]
    assert [p.kind for p in paragraphs] == ["preambular", "preambular", "operative"]


def test_a_footnote_mark_stays_with_the_preambular_paragraph_it_ends():
    joined = (
        "Noting the outcome of the South Summit relating to the right to development,9 "
        "Recalling the need for coordination throughout the United Nations system,"
    )
    paragraphs = outcome_paragraphs([Paragraph(None, None, joined, line=1)], language="en")
    assert [p.text for p in paragraphs] == [
        "Noting the outcome of the South Summit relating to the right to development,9",
        "Recalling the need for coordination throughout the United Nations system,",
    ]


def test_a_lettered_line_left_on_its_own_is_the_next_sub_paragraph():
    paragraphs = outcome_paragraphs(
        [
            Paragraph("1", None, "Requests the secretariat:\n(a) To compile the practices;", line=1),
            Paragraph(None, None, "(b) To report thereon.", line=2),
        ],
        language="en",
    )
    assert [(p.number, p.sub_paragraphs) for p in paragraphs] == [
        ("1", [("a", "To compile the practices;"), ("b", "To report thereon.")])
    ]


def test_a_place_ending_in_ing_does_not_split_a_preambular_paragraph():
    text = (
        "Recalling the Declaration adopted at the Fourth World Conference on Women in Vienna, "
        "Beijing Declaration,"
    )
    paragraphs = outcome_paragraphs([Paragraph(None, None, text, line=1)], language="en")
    assert [p.text for p in paragraphs] == [text]


def test_a_chinese_decision_opening_line_carries_its_lettered_paragraphs():
    opening = "缔约国会议在 2017 年 11 月 10 日第 13 次会议上："
    doc = document(
        (None, opening + "\n(a) 回顾其第 6/1 号决议；\n(b) 请秘书处报告。"),
        label="第7/1号决定",
        language="zh",
    )
    (outcome,) = find_outcomes(doc)
    assert (outcome.kind, outcome.number) == ("decision", "7/1")
    assert [(p.number, p.kind, p.text) for p in outcome.paragraphs] == [
        ("a", "operative", "回顾其第 6/1 号决议；"),
        ("b", "operative", "请秘书处报告。"),
    ]


def test_chinese_footnote_marks_are_superscripts():
    doc = document(
        (None, "联合国反腐败公约缔约国会议，"),
        (None, "回顾《联合国反腐败公约》¹第五章，"),
        ("1", "请秘书处报告，¹²以便审议。"),
        label="第7/1号决议",
        language="zh",
        footnotes=[Footnote("1", "…"), Footnote("12", "…")],
    )
    (outcome,) = find_outcomes(doc)
    assert outcome.footnotes == ["1", "12"]
    assert counts(outcome) == (1, 1)


def test_english_plain_digit_marks_count_only_when_the_document_has_that_note():
    doc = document(
        (None, "The Conference,"),
        (None, "Recalling the Convention,1 and resolution 58/4 of the General Assembly,"),
        ("1", "Takes note of CAC/COSP/2017/L.5 and of the report;7"),
        footnotes=[Footnote("1", "United Nations, Treaty Series.")],
    )
    (outcome,) = find_outcomes(doc)
    assert outcome.footnotes == ["1"]


# --- the action-taken chapter --------------------------------------------------------------------------


def entries(text, language="zh"):
    return read_action_entries([Paragraph("116", None, text, line=1)], language=language, resolve=resolve)


def test_a_chinese_entry_gives_title_symbol_number_and_sponsors():
    (entry,) = entries(
        "缔约国会议在 2017 年 11 月 10 日第 13 次会议上通过了下列决议修订草案：\n"
        "(a) “加强司法协助”（CAC/COSP/2017/L.5/Rev.1），提案国为伊拉克、尼日利亚（代表非洲国家组成成员国中的"
        "《公约》缔约国）和挪威；随后巴西和中国加入为该决议修订草案的提案国（案文见第一章，第 7/1 号决议）；"
    )
    assert (entry.title, entry.draft_symbols, entry.adopted_as) == (
        "加强司法协助",
        ["CAC/COSP/2017/L.5/Rev.1"],
        ("resolution", "7/1"),
    )
    assert (entry.kind, entry.meeting, entry.date) == ("resolution", 13, "2017-11-10")
    assert [(s.value, s.on_behalf_of, s.joined_later) for s in entry.sponsorships] == [
        ("IRQ", None, False),
        ("NGA", "非洲国家组成成员国中的《公约》缔约国", False),
        ("NOR", None, False),
        ("BRA", None, True),
        ("CHN", None, True),
    ]


def test_chinese_names_holding_he_are_not_cut():
    (entry,) = entries(
        "(a) “标题”（CAC/COSP/2017/L.8/Rev.1），提案国为伊朗伊斯兰共和国（代表 77 国集团和中国成员国）、"
        "特立尼达和多巴哥、埃及和以色列（案文见第一章，第 7/6 号决议）；"
    )
    assert [s.value for s in entry.sponsorships] == ["IRN", "TTO", "EGY", "ISR"]
    assert entry.sponsorships[0].on_behalf_of == "77 国集团和中国成员国"


def test_a_draft_submitted_by_the_president_has_no_sponsors():
    (entry,) = entries(
        "在这次会议上，缔约国会议通过了缔约国会议主席提交的题为“附属机构的工作”的决定草案"
        "（CAC/COSP/2017/L.11/Rev.1），（案文见第一章，B 节，第 7/1 号决定）。"
    )
    assert (entry.kind, entry.adopted_as, entry.submitted_by) == (
        "decision",
        ("decision", "7/1"),
        "缔约国会议主席",
    )
    assert entry.sponsorships == []


def test_a_paragraph_naming_no_draft_and_no_text_is_no_entry():
    assert entries("缔约国会议听取了毒品和犯罪问题办公室执行主任的发言。") == []


def test_an_english_entry_with_a_later_co_sponsor():
    (entry,) = entries(
        "At its 13th meeting, on 10 November 2017, the Conference adopted the revised draft resolution "
        '"Sport" (CAC/COSP/2017/L.7/Rev.1), sponsored by Egypt and Norway; subsequently, Brazil joined '
        "as a sponsor "
        "(for the text, see chapter I, resolution 7/8).",
        language="en",
    )
    assert (entry.adopted_as, entry.meeting, entry.date) == (("resolution", "7/8"), 13, "2017-11-10")
    assert [(s.value, s.joined_later) for s in entry.sponsorships] == [
        ("EGY", False),
        ("NOR", False),
        ("BRA", True),
    ]


def test_an_unresolved_sponsor_keeps_the_name_given():
    (entry,) = entries(
        '(a) "Title" (CAC/COSP/2017/L.3), sponsored by Norway and Atlantis '
        "(for the text, see resolution 7/3);",
        language="en",
    )
    assert [(s.name, s.code, s.value) for s in entry.sponsorships] == [
        ("Norway", "NOR", "NOR"),
        ("Atlantis", None, "Atlantis"),
    ]
