"""The compilation of thematic reports and regional addenda (cosp/reviews/thematic.py, RULES.md 4.10):
grouping of similar findings in English and Chinese, counts of findings and of States, parts by
article and by theme, technical-assistance needs by type, addenda per regional group, and the
reading of agreed reports' findings from the database."""

import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cosp.reviews.enums import ReportStatus
from cosp.reviews.models import Finding
from cosp.reviews.thematic import (
    AssistanceNeed,
    Count,
    FindingRecord,
    LeftOff,
    compile_addenda,
    compile_findings,
    features,
    find_groups,
    group_texts,
    load_findings,
    similarity,
)
from cosp.states.models import Article

pytestmark = [pytest.mark.unit]

# Our own example wording: rewordings of one recommendation, and a different one on the same article.
DECLARE = "Adopt legislation requiring public officials to declare their assets"
DECLARE_REWORDED = (
    "The State under review should consider adopting legislation that requires "
    "public officials to declare assets"
)
VERIFY = "Establish an electronic system for verifying the asset declarations of public officials"
PROCUREMENT = "Strengthen the independence of the body overseeing public procurement"
PROCUREMENT_REWORDED = "Ensure that the body overseeing public procurement is independent"

ZH_DECLARE = "建议加强公职人员财产申报制度"
ZH_DECLARE_REWORDED = "审议中缔约国应加强公职人员的财产申报制度"
ZH_PROCUREMENT = "建议完善公共采购招标程序"


def finding(state: str, text: str, *, kind="recommendation", article=8, theme="", group="WEOG", **fields):
    review = sum(ord(letter) * 31**position for position, letter in enumerate(state))
    return FindingRecord(
        review=review, state=state, group=group, kind=kind, article=article, text=text, theme=theme, **fields
    )


# --- Similarity ------------------------------------------------------------------------------------------


def test_features_drop_function_words_and_cut_english_endings_alike():
    assert features(DECLARE) == features(DECLARE_REWORDED)
    assert features(DECLARE) == {"adopt", "legisl", "requir", "public", "official", "declar", "asset"}


def test_features_of_chinese_are_character_bigrams_without_set_phrases():
    assert features("建议加强申报") == {"加强", "强申", "申报"}
    assert features("财产") == {"财产"}


def test_similarity_of_rewordings_reaches_the_threshold_and_of_different_findings_does_not():
    assert similarity(DECLARE, DECLARE_REWORDED) == 1.0
    assert similarity(PROCUREMENT, PROCUREMENT_REWORDED) >= 0.5
    assert similarity(DECLARE, VERIFY) < 0.5
    assert similarity(DECLARE, PROCUREMENT) < 0.1  # "public" only


def test_similarity_in_chinese():
    assert similarity(ZH_DECLARE, ZH_DECLARE_REWORDED) > 0.8
    assert similarity(ZH_DECLARE, ZH_PROCUREMENT) == 0.0


def test_english_rewordings_are_grouped_and_different_findings_are_not():
    texts = [DECLARE, VERIFY, DECLARE_REWORDED, PROCUREMENT, PROCUREMENT_REWORDED]
    assert group_texts(texts) == [[0, 2], [1], [3, 4]]


def test_chinese_rewordings_are_grouped_and_different_findings_are_not():
    texts = [ZH_DECLARE, ZH_PROCUREMENT, ZH_DECLARE_REWORDED, DECLARE]
    assert group_texts(texts) == [[0, 2], [1], [3]]


def test_a_text_of_function_words_only_is_grouped_with_the_same_text_only():
    assert group_texts(["To be further considered.", "To be further considered.", "As it is."]) == [
        [0, 1],
        [2],
    ]


WORDS = st.sampled_from(
    ["adopt", "asset", "declarations", "public", "officials", "procurement", "审议", "财产申报", "the"]
)


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.lists(WORDS, max_size=8).map(" ".join), max_size=30),
    threshold=st.sampled_from([0.3, 0.5, 0.8, 1.0]),
)
def test_grouping_places_every_text_in_exactly_one_group_of_texts_like_its_first(texts, threshold):
    groups = group_texts(texts, threshold=threshold)
    assert sorted(position for group in groups for position in group) == list(range(len(texts)))
    for group in groups:
        assert group == sorted(group)
        assert all(similarity(texts[group[0]], texts[other]) >= threshold for other in group[1:])


def test_a_threshold_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError, match="threshold"):
        group_texts([DECLARE], threshold=0)
    with pytest.raises(ValueError, match="threshold"):
        group_texts([DECLARE], threshold=1.5)


# --- Groups and counts --------------------------------------------------------------------------------


def test_a_group_counts_findings_and_states_apart():
    records = [
        finding("AUT", DECLARE),
        finding("AUT", DECLARE_REWORDED),
        finding("AUT", DECLARE + "."),
        finding("BEL", DECLARE_REWORDED),
        finding("BEL", VERIFY),
    ]
    groups = {group.example: (group.findings, group.states) for group in find_groups(records)}
    assert groups == {DECLARE: (4, 2), VERIFY: (1, 1)}


def test_findings_are_compared_only_within_their_article_kind_and_theme():
    records = [
        finding("AUT", DECLARE, kind="recommendation"),
        finding("BEL", DECLARE, kind="challenge"),
        finding("CAN", DECLARE, article=7),
        finding("DNK", DECLARE, theme="asset_declarations"),
    ]
    groups = find_groups(records)
    assert len(groups) == 4
    assert all(group.findings == 1 for group in groups)


def test_groups_do_not_depend_on_the_order_findings_come_in():
    records = [
        finding(state, text)
        for state in ("AUT", "BEL", "CAN", "DNK")
        for text in (DECLARE, VERIFY, DECLARE_REWORDED, PROCUREMENT, PROCUREMENT_REWORDED)
    ]
    shuffled = list(records)
    random.Random(4).shuffle(shuffled)
    assert find_groups(shuffled) == find_groups(records)


def test_the_example_wording_is_the_most_typical_finding():
    records = [
        finding("AUT", "Adopt legislation on asset declarations for judges"),
        finding("BEL", "Adopt legislation on asset declarations for public officials"),
        finding("CAN", "Adopt legislation on asset declarations for public officials and judges"),
        finding("DNK", "Adopt legislation on asset declarations for public officials"),
    ]
    (group,) = find_groups(records, threshold=0.4)
    assert (group.findings, group.states) == (4, 4)
    assert group.example == "Adopt legislation on asset declarations for public officials"


def test_a_group_names_the_paragraphs_of_its_findings_in_order():
    records = [
        finding("AUT", DECLARE, paragraph="5"),
        finding("BEL", DECLARE, paragraph="1"),
        finding("CAN", DECLARE, paragraph="5"),
        finding("DNK", DECLARE),
    ]
    (group,) = find_groups(records)
    assert group.paragraphs == ("1", "5")


# --- The compilation ----------------------------------------------------------------------------------


def test_every_article_of_the_chapter_has_a_part_even_without_findings():
    compilation = compile_findings(
        [finding("AUT", DECLARE, article=8)], cycle=2, chapter="II", articles=range(5, 15)
    )
    assert [part.key for part in compilation.articles] == list(range(5, 15))
    counts = {part.key: part.total for part in compilation.articles}
    assert counts[8] == Count(1, 1)
    assert counts[9] == Count(0, 0)


def test_the_compilation_counts_findings_and_states_by_kind():
    records = [
        finding("AUT", DECLARE, kind="challenge"),
        finding("AUT", VERIFY, kind="challenge"),
        finding("BEL", DECLARE, kind="challenge"),
        finding("BEL", PROCUREMENT, kind="good_practice", article=9),
    ]
    compilation = compile_findings(records, cycle=2, chapter="II")
    assert compilation.total == Count(4, 2)
    assert compilation.reviews == 2
    assert compilation.by_kind == {"challenge": Count(3, 2), "good_practice": Count(1, 1)}
    (article_8, article_9) = compilation.articles
    assert article_8.by_kind == {"challenge": Count(3, 2)}
    assert [(group.example, group.findings, group.states) for group in article_8.groups["challenge"]] == [
        (DECLARE, 2, 2),
        (VERIFY, 1, 1),
    ]
    assert article_9.kinds == ["good_practice"]


def test_kinds_come_in_kind_order_with_unknown_kinds_last():
    records = [
        finding("AUT", DECLARE, kind="zz_unknown"),
        finding("AUT", DECLARE, kind="recommendation"),
        finding("BEL", VERIFY, kind="good_practice"),
        finding("BEL", PROCUREMENT, kind="challenge"),
    ]
    compilation = compile_findings(records, cycle=2, chapter="II")
    order = ["challenge", "recommendation", "good_practice", "zz_unknown"]
    assert list(compilation.by_kind) == order
    assert compilation.articles[0].kinds == order
    assert list(compilation.articles[0].by_kind) == order


def test_the_most_common_groups_come_first_and_the_rest_is_counted():
    records = [finding(f"S{n:02d}", DECLARE) for n in range(5)]
    records += [finding(f"S{n:02d}", VERIFY) for n in range(3)]
    records += [finding("S00", PROCUREMENT), finding("S01", "Publish the register of lobbyists")]
    (part,) = compile_findings(records, cycle=2, chapter="II", top=2).articles
    assert [group.example for group in part.groups["recommendation"]] == [DECLARE, VERIFY]
    assert part.left_off == {"recommendation": LeftOff(groups=2, findings=2)}


def test_parts_by_theme_follow_the_keyword_table_with_unthemed_findings_last():
    records = [
        finding("AUT", PROCUREMENT, article=9, theme="public_procurement"),
        finding("BEL", DECLARE, article=8),
        finding("CAN", DECLARE, article=8, theme="asset_declarations"),
        finding("DNK", "Publish procurement plans", article=10, theme="public_procurement"),
    ]
    compilation = compile_findings(records, cycle=2, chapter="II")
    assert [(part.key, part.related) for part in compilation.themes] == [
        ("asset_declarations", (8,)),
        ("public_procurement", (9, 10)),
        ("", (8,)),
    ]
    assert [(part.key, part.related) for part in compilation.articles] == [
        (8, ("asset_declarations", "")),
        (9, ("public_procurement",)),
        (10, ("public_procurement",)),
    ]


def test_technical_assistance_needs_are_counted_by_type_with_unstated_types_last():
    need = "technical_assistance_need"
    records = [
        finding("AUT", "Training of auditors", kind=need, assistance_type="capacity_building"),
        finding("AUT", "Training of inspectors", kind=need, assistance_type="capacity_building"),
        finding("BEL", "Drafting of a law", kind=need, assistance_type="legal_advice"),
        finding("CAN", "Drafting of a code", kind=need, assistance_type="legal_advice"),
        finding("DNK", "Help of some kind", kind=need),
        finding("DNK", "Training of judges", kind="challenge", assistance_type="capacity_building"),
    ]
    compilation = compile_findings(records, cycle=2, chapter="II")
    assert compilation.assistance == (
        AssistanceNeed("legal_advice", 2, 2),
        AssistanceNeed("capacity_building", 2, 1),
        AssistanceNeed("", 1, 1),
    )
    assert compilation.articles[0].assistance == compilation.assistance


def test_an_addendum_compiles_the_findings_on_states_of_its_group_only():
    records = [
        finding("AUT", DECLARE, group="WEOG"),
        finding("BEL", DECLARE_REWORDED, group="WEOG"),
        finding("KEN", DECLARE, group="AFR"),
        finding("NGA", VERIFY, group="AFR"),
        finding("GHA", VERIFY, group="AFR"),
    ]
    addenda = compile_addenda(records, cycle=2, chapter="II", articles=[8, 9])
    assert list(addenda) == ["AFR", "WEOG"]
    africa = addenda["AFR"]
    assert (africa.group, africa.total, africa.reviews) == ("AFR", Count(3, 3), 3)
    groups = africa.articles[0].groups["recommendation"]
    assert [(group.example, group.findings, group.states) for group in groups] == [
        (VERIFY, 2, 2),
        (DECLARE, 1, 1),
    ]
    assert addenda["WEOG"].total == Count(2, 2)
    assert compile_findings(records, cycle=2, chapter="II", articles=[8, 9], group="AFR") == africa


def test_addenda_for_named_groups_include_groups_without_findings():
    addenda = compile_addenda([finding("AUT", DECLARE)], cycle=2, chapter="II", groups=["AFR", "WEOG"])
    assert {code: compilation.total for code, compilation in addenda.items()} == {
        "AFR": Count(0, 0),
        "WEOG": Count(1, 1),
    }


def test_the_compilation_names_no_state():
    """Counts only (RULES.md 4.2): the result says how many States, never which, so it cannot rank one."""
    records = [finding(state, text) for state in ("AUT", "BEL", "CAN") for text in (DECLARE, VERIFY)]
    compilation = compile_findings(records, cycle=2, chapter="II")
    assert not {"AUT", "BEL", "CAN"} & set(repr(compilation).replace("'", " ").replace('"', " ").split())


# Eight findings that share little wording, and ways the reports reword each.
SENTENCES = (
    DECLARE,
    PROCUREMENT,
    "Publish statistics on complaints received about corruption in the courts",
    "Train customs officers on codes of conduct and gifts",
    "Regulate the financing of political parties and election campaigns",
    "Protect persons who report wrongdoing from retaliation at work",
    "Give the anti-corruption agency a budget of its own",
    "Identify the beneficial owners of companies registered in the country",
)
REWORDINGS = (
    "{}",
    "{}.",
    "The State under review should consider to {}",
    "It is recommended to {}, as a matter of priority",
)


def sentence_of_text(text_features: frozenset[str]) -> str:
    return max(SENTENCES, key=lambda sentence: len(features(sentence) & text_features))


def test_a_few_thousand_generated_findings_are_all_counted_and_grouped():
    """The size test: 40 States x 100 findings on ten articles; every finding lands in exactly one
    group, and the rewordings of each sentence in one group per article and kind."""
    rng = random.Random(2016)
    kinds = ["challenge", "recommendation", "good_practice", "technical_assistance_need"]
    records, sentence_of = [], {}
    for number in range(40):
        for _ in range(100):
            sentence = rng.choice(SENTENCES)
            text = rng.choice(REWORDINGS).format(sentence[0].lower() + sentence[1:])
            record = finding(
                f"S{number:02d}",
                text,
                kind=rng.choice(kinds),
                article=rng.randint(5, 14),
                group=["AFR", "APG", "EEG", "GRULAC", "WEOG"][number % 5],
                assistance_type=rng.choice(["", "legal_advice"]),
            )
            records.append(record)
            sentence_of[record] = sentence

    compilation = compile_findings(records, cycle=2, chapter="II", articles=range(5, 15), top=1000)

    assert compilation.total == Count(4000, 40)
    groups = [group for part in compilation.articles for kind in part.kinds for group in part.groups[kind]]
    assert sum(group.findings for group in groups) == 4000
    assert all(1 <= group.states <= group.findings for group in groups)
    expected = {(record.article, record.kind, sentence_of[record]) for record in records}
    assert len(groups) == len(expected)
    for group in groups[:: len(groups) // 10]:  # a sample, checked against the records themselves
        sentence = sentence_of_text(features(group.example))
        matching = [
            r for r in records if (r.article, r.kind, sentence_of[r]) == (group.article, group.kind, sentence)
        ]
        assert (group.findings, group.states) == (len(matching), len({r.state for r in matching}))
    addenda = compile_addenda(records, cycle=2, chapter="II", articles=range(5, 15))
    assert sum(addendum.total.findings for addendum in addenda.values()) == 4000
    assert sum(addendum.total.states for addendum in addenda.values()) == 40


# --- Reading from the database ------------------------------------------------------------------------


@pytest.fixture
def reviews_with_findings(convention, make_party, make_review):
    """Agreed reviews of AUT (WEOG) and KEN (AFR), and one of BEL still being drafted."""
    make_party("KEN", "AFR")
    austria = make_review(
        "AUT", ("DEU", "FRA"), report_status=ReportStatus.AGREED, agreed_on=date(2026, 6, 1)
    )
    kenya = make_review("KEN", ("NGA", "FRA"), report_status=ReportStatus.AGREED)
    belgium = make_review("BEL", ("DEU", "NLD"))
    article_8, article_9, article_52 = (Article.objects.get(number=n) for n in (8, 9, 52))
    Finding.objects.create(
        review=austria,
        kind="recommendation",
        article=article_8,
        paragraph="5",
        text_en=DECLARE,
        theme="asset_declarations",
    )
    Finding.objects.create(
        review=austria, kind="challenge", article=article_9, text_en=PROCUREMENT, text_zh_hans=ZH_PROCUREMENT
    )
    Finding.objects.create(
        review=austria, kind="recommendation", article=article_52, text_en="Chapter V finding"
    )
    Finding.objects.create(
        review=kenya,
        kind="technical_assistance_need",
        article=article_9,
        text_zh_hans=ZH_DECLARE,
        assistance_type="legal_advice",
    )
    Finding.objects.create(review=belgium, kind="recommendation", article=article_8, text_en=VERIFY)
    return austria, kenya, belgium


@pytest.mark.django_db
def test_load_findings_reads_the_agreed_reports_on_the_chapter_in_one_query(
    reviews_with_findings, django_assert_num_queries
):
    austria, kenya, _belgium = reviews_with_findings
    with django_assert_num_queries(1):
        records = load_findings(2, "II")
    assert set(records) == {
        FindingRecord(austria.pk, "AUT", "WEOG", "recommendation", 8, DECLARE, "5", "asset_declarations", ""),
        FindingRecord(austria.pk, "AUT", "WEOG", "challenge", 9, PROCUREMENT),
        FindingRecord(
            kenya.pk, "KEN", "AFR", "technical_assistance_need", 9, ZH_DECLARE, assistance_type="legal_advice"
        ),
    }


@pytest.mark.django_db
def test_load_findings_takes_the_text_in_the_language_asked_for_or_the_next_one_there_is(
    reviews_with_findings,
):
    texts = {record.text for record in load_findings(2, "II", language="zh")}
    assert texts == {DECLARE, ZH_PROCUREMENT, ZH_DECLARE}


@pytest.mark.django_db
def test_load_findings_of_another_cycle_or_chapter(reviews_with_findings):
    assert [record.text for record in load_findings(2, "V")] == ["Chapter V finding"]
    assert load_findings(1, "II") == []
