"""Findings (RULES.md 4.8, 4.10; issue 6 §2): the five types, the follow-up ledger of a
recommendation over time, and suggestions of articles, themes and SDG targets — on our own example
sentences and, when the shared samples are present, on real executive-summary sentences read from
them (their facts only: which articles they lead to)."""

import csv
import datetime as dt
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cosp.reviews.findings import (
    FOLLOWED_UP,
    SDG_TARGETS,
    THEMES,
    Basis,
    FindingsInputError,
    FindingType,
    FollowUpEntry,
    FollowUpLedger,
    FollowUpSource,
    ImplementationStatus,
    StatusOn,
    Suggestion,
    SuggestionKind,
    cited_articles,
    responses,
    status_changes,
    status_on,
    suggest_article_and_theme,
    theme_by_key,
)
from tests.helpers import SHARED, skip_or_fail

pytestmark = [pytest.mark.unit]

PROPERTY = settings(max_examples=int(os.environ.get("REVIEWS_MAX_EXAMPLES", "100")), deadline=None)


def test_the_five_finding_types_of_rules_4_8():
    assert {kind.value for kind in FindingType} == {
        "good_practice",
        "challenge",
        "recommendation",
        "technical_assistance_need",
        "observation",
    }
    assert {FindingType.RECOMMENDATION} == FOLLOWED_UP


# --- The follow-up ledger ---------------------------------------------------------------------------------

ISSUED = dt.date(2019, 6, 3)  # the day the recommendation was made


def ledger_of_a_reform() -> FollowUpLedger:
    """The State answers in the review, reports progress itself, and a later review confirms it."""
    return FollowUpLedger(
        ISSUED,
        (
            FollowUpEntry(
                ISSUED,
                FollowUpSource.REVIEW,
                ImplementationStatus.NOT_STARTED,
                response="A bill is being prepared.",
                reference="review of 2019",
            ),
            FollowUpEntry(
                dt.date(2021, 9, 6), FollowUpSource.STATE_REPORT, ImplementationStatus.PARTLY, reference="R-1"
            ),
            FollowUpEntry(
                dt.date(2026, 4, 20),
                FollowUpSource.LATER_REVIEW,
                ImplementationStatus.FULLY,
                reference="cycle 3",
            ),
        ),
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2019, 6, 2), None),  # before the recommendation existed
        (ISSUED, StatusOn(ImplementationStatus.NOT_STARTED, ISSUED, FollowUpSource.REVIEW, "review of 2019")),
        (
            dt.date(2021, 9, 5),
            StatusOn(ImplementationStatus.NOT_STARTED, ISSUED, FollowUpSource.REVIEW, "review of 2019"),
        ),
        (
            dt.date(2021, 9, 6),
            StatusOn(ImplementationStatus.PARTLY, dt.date(2021, 9, 6), FollowUpSource.STATE_REPORT, "R-1"),
        ),
        (
            dt.date(2030, 1, 1),
            StatusOn(
                ImplementationStatus.FULLY, dt.date(2026, 4, 20), FollowUpSource.LATER_REVIEW, "cycle 3"
            ),
        ),
    ],
)
def test_the_status_on_a_day_is_the_last_one_reported_by_then_with_its_source(day, expected):
    assert status_on(ledger_of_a_reform(), day) == expected


def test_no_status_is_assumed_before_one_is_reported():
    ledger = FollowUpLedger(ISSUED, (FollowUpEntry(ISSUED, FollowUpSource.REVIEW, response="Noted."),))

    assert status_on(ledger, dt.date(2025, 1, 1)) is None
    assert status_on(FollowUpLedger(ISSUED), dt.date(2025, 1, 1)) is None


def test_entries_of_the_same_day_count_in_the_order_recorded():
    day = dt.date(2022, 1, 10)
    ledger = FollowUpLedger(
        ISSUED,
        (
            FollowUpEntry(day, FollowUpSource.STATE_REPORT, ImplementationStatus.PARTLY),
            FollowUpEntry(day, FollowUpSource.STATE_REPORT, ImplementationStatus.FULLY),
        ),
    )

    assert status_on(ledger, day).status is ImplementationStatus.FULLY


def test_entries_recorded_out_of_date_order_are_read_in_date_order():
    early = FollowUpEntry(dt.date(2020, 1, 1), FollowUpSource.STATE_REPORT, ImplementationStatus.PARTLY)
    late = FollowUpEntry(dt.date(2024, 1, 1), FollowUpSource.LATER_REVIEW, ImplementationStatus.FULLY)

    ledger = FollowUpLedger(ISSUED).record(late).record(early)

    assert ledger.entries == (early, late)
    assert status_on(ledger, dt.date(2022, 1, 1)).status is ImplementationStatus.PARTLY


def test_a_status_may_go_back_when_a_later_review_finds_it():
    ledger = ledger_of_a_reform().record(
        FollowUpEntry(
            dt.date(2028, 5, 1), FollowUpSource.LATER_REVIEW, ImplementationStatus.PARTLY, reference="x"
        )
    )

    assert status_on(ledger, dt.date(2029, 1, 1)).status is ImplementationStatus.PARTLY
    assert [entry.status for entry in status_changes(ledger)] == [
        ImplementationStatus.NOT_STARTED,
        ImplementationStatus.PARTLY,
        ImplementationStatus.FULLY,
        ImplementationStatus.PARTLY,
    ]


def test_recording_returns_a_new_ledger_and_keeps_the_old_one():
    ledger = ledger_of_a_reform()
    entry = FollowUpEntry(dt.date(2027, 1, 1), FollowUpSource.STATE_REPORT, response="Regulations adopted.")

    longer = ledger.record(entry)

    assert len(ledger.entries) == 3
    assert longer.entries[-1] == entry
    assert [item.response for item in responses(longer)] == [
        "A bill is being prepared.",
        "Regulations adopted.",
    ]


def test_a_repeated_status_is_not_a_change():
    ledger = ledger_of_a_reform().record(
        FollowUpEntry(dt.date(2027, 1, 1), FollowUpSource.STATE_REPORT, ImplementationStatus.FULLY)
    )

    assert len(status_changes(ledger)) == 3


def test_follow_up_refuses_what_cannot_be_true():
    with pytest.raises(FindingsInputError, match="predates"):
        FollowUpLedger(
            ISSUED, (FollowUpEntry(dt.date(2019, 1, 1), FollowUpSource.STATE_REPORT, "partly_implemented"),)
        )
    with pytest.raises(FindingsInputError, match="response, a status"):
        FollowUpEntry(ISSUED, FollowUpSource.STATE_REPORT)
    with pytest.raises(FindingsInputError, match="source"):
        FollowUpEntry(ISSUED, "rumour", ImplementationStatus.PARTLY)
    with pytest.raises(FindingsInputError, match="status"):
        FollowUpEntry(ISSUED, FollowUpSource.STATE_REPORT, "done")
    with pytest.raises(FindingsInputError, match="on"):
        FollowUpEntry(
            dt.datetime(2020, 1, 1, 12, 0), FollowUpSource.STATE_REPORT, ImplementationStatus.PARTLY
        )


@st.composite
def ledgers(draw):
    issued = draw(st.dates(dt.date(2010, 1, 1), dt.date(2030, 1, 1)))
    entries = draw(
        st.lists(
            st.builds(
                FollowUpEntry,
                on=st.integers(0, 5000).map(lambda days: issued + dt.timedelta(days=days)),
                source=st.sampled_from(list(FollowUpSource)),
                status=st.one_of(st.none(), st.sampled_from(list(ImplementationStatus))),
                response=st.just("A response."),
            ),
            max_size=12,
        )
    )
    return FollowUpLedger(issued, tuple(entries)), entries


@PROPERTY
@given(ledgers(), st.dates(dt.date(2009, 1, 1), dt.date(2045, 1, 1)))
def test_the_status_on_any_day_is_the_latest_reported_by_then(drawn, day):
    ledger, recorded = drawn

    found = status_on(ledger, day)

    # Brute force: the last status-bearing entry on or before the day, later-recorded winning ties.
    candidates = [
        (entry.on, index, entry) for index, entry in enumerate(recorded) if entry.on <= day and entry.status
    ]
    if day < ledger.issued_on or not candidates:
        assert found is None
    else:
        latest = max(candidates, key=lambda item: (item[0], item[1]))[2]
        assert found == StatusOn(latest.status, latest.on, latest.source, latest.reference)


# --- Suggestions on our own example sentences ------------------------------------------------------------


def values(suggestions: list[Suggestion], kind: SuggestionKind) -> list[str]:
    return [suggestion.value for suggestion in suggestions if suggestion.kind is kind]


def articles(text: str, language: str) -> list[str]:
    return values(suggest_article_and_theme(text, language), SuggestionKind.ARTICLE)


@pytest.mark.parametrize(
    ("text", "language", "article", "theme", "sdg"),
    [
        (
            "The State should protect whistle-blowers against unjustified treatment.",
            "en",
            "33",
            "reporting_persons",
            "16.5",
        ),
        ("该国应保护举报人免遭不公正待遇。", "zh", "33", "reporting_persons", "16.5"),
        ("Procurement decisions are not published.", "en", "9", "public_procurement", "16.6"),
        ("公共采购决定不予公布。", "zh", "9", "public_procurement", "16.5"),
        ("Senior officials file an asset declaration every year.", "en", "8", "asset_declarations", "16.5"),
        ("高级官员每年进行财产申报。", "zh", "8", "asset_declarations", "16.5"),
        ("A register of beneficial ownership is planned.", "en", "52", "beneficial_ownership", "16.4"),
        ("计划建立实益所有权登记册。", "zh", "52", "beneficial_ownership", "16.4"),
        (
            "The law guarantees access to information held by public bodies.",
            "en",
            "10",
            "access_to_information",
            "16.10",
        ),
        ("法律保障获取公共机构所持信息的权利。", "zh", "10", "access_to_information", "16.10"),
        (
            "Stolen assets were returned after the asset recovery proceedings.",
            "en",
            "57",
            "asset_recovery",
            "16.4",
        ),
        ("资产追回程序结束后返还了资产。", "zh", "51", "asset_recovery", "16.4"),
    ],
)
def test_keywords_suggest_the_article_theme_and_sdg_target(text, language, article, theme, sdg):
    suggestions = suggest_article_and_theme(text, language)

    assert article in values(suggestions, SuggestionKind.ARTICLE)
    assert theme in values(suggestions, SuggestionKind.THEME)
    assert sdg in values(suggestions, SuggestionKind.SDG_TARGET)
    assert all(suggestion.basis is Basis.KEYWORD for suggestion in suggestions)


def test_a_cited_article_comes_first_with_its_citation_as_evidence():
    suggestions = suggest_article_and_theme(
        "Measures under article 5 are in place; procurement is weak.", "en"
    )

    assert suggestions[0] == Suggestion(SuggestionKind.ARTICLE, "5", Basis.CITED, ("article 5",))
    assert suggestions[1].value == "9"
    assert suggestions[1].basis is Basis.KEYWORD


def test_a_chinese_citation_is_read_and_shown_in_chinese_numerals():
    suggestions = suggest_article_and_theme("该国已实施《公约》第五条。", "zh")

    assert suggestions[0] == Suggestion(SuggestionKind.ARTICLE, "5", Basis.CITED, ("第五条",))
    assert suggestions[0].article == 5


def test_a_cited_article_also_suggests_its_theme_and_target():
    suggestions = suggest_article_and_theme("该国应根据第三十三条保护有关人员。", "zh")

    assert suggestions == [
        Suggestion(SuggestionKind.ARTICLE, "33", Basis.CITED, ("第三十三条",)),
        Suggestion(SuggestionKind.THEME, "reporting_persons", Basis.CITED, ("第三十三条",)),
        Suggestion(SuggestionKind.SDG_TARGET, "16.5", Basis.CITED, ("reporting_persons",)),
    ]


def test_a_paragraph_cited_with_its_article_is_kept():
    [article] = [s for s in suggest_article_and_theme("See article 46, paragraph 13.", "en") if s.article]

    assert (article.value, article.paragraph) == ("46", 13)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("in line with article 33 UNCAC", "en", [(33, None)]),
        ("in line with article 33 of the Convention", "en", [(33, None)]),
        ("Liability of legal persons (art. 26)", "en", [(26, None)]),
        ("under arts. 15 and 16", "en", [(15, None), (16, None)]),
        # Articles of national laws are not the Convention's.
        ("Article 12 of the Penal Code punishes it.", "en", []),
        ("articles 3-2 and 3-4 CP apply", "en", []),
        ("Article 40(1) and (2) CC provide for it", "en", []),
        ("jurisdiction over nationals (art. 7-1 CPC)", "en", []),
        ("article 9 of the Public Procurement Act and article 9 of the Convention", "en", [(9, None)]),
        ("《刑法》第二十条规定了该罪。", "zh", []),
        ("《刑法》第二十条和《公约》第十五条", "zh", [(15, None)]),
        ("《联合国反腐败公约》第十五条", "zh", [(15, None)]),
    ],
)
def test_only_the_conventions_articles_count_as_cited(text, language, expected):
    assert cited_articles(text) == expected


@pytest.mark.parametrize(
    ("text", "language", "absent"),
    [
        (
            "It has no liaison officers in other jurisdictions.",
            "en",
            "jurisdiction",
        ),  # legal systems, not art. 42
        ("UN specialized agencies took part.", "en", "anti_corruption_bodies"),
        ("联合国各专门机构参加了会议。", "zh", "anti_corruption_bodies"),
        ("The mla of the text", "en", "mutual_legal_assistance"),  # the acronym is upper case only
    ],
)
def test_look_alike_words_suggest_nothing(text, language, absent):
    assert absent not in values(suggest_article_and_theme(text, language), SuggestionKind.THEME)


def test_targets_are_in_numeric_order_and_each_value_appears_once():
    text = "Money-laundering, confiscation and access to information; bribery and procurement."

    suggestions = suggest_article_and_theme(text, "en")

    assert values(suggestions, SuggestionKind.SDG_TARGET) == ["16.4", "16.5", "16.6", "16.10"]
    keys = [(suggestion.kind, suggestion.value) for suggestion in suggestions]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("language", ["fr", "es", "ru", "ar"])
def test_other_languages_get_the_cited_articles_only(language):
    suggestions = suggest_article_and_theme("Conformément à l'article 33, la procurement", language)

    assert values(suggestions, SuggestionKind.ARTICLE) == ["33"]
    assert all(suggestion.basis is Basis.CITED for suggestion in suggestions)


@pytest.mark.parametrize("language", ["zh", "zh-hans", "zh_Hans", "ZH-CN"])
def test_chinese_is_recognised_under_its_usual_codes(language):
    assert articles("应保护举报人。", language) == ["33"]


def test_the_keyword_table_is_sound():
    keys = [theme.key for theme in THEMES]
    assert len(keys) == len(set(keys))
    for theme in THEMES:
        assert theme.en, theme.key
        assert theme.zh, theme.key
        assert set(theme.sdg_targets) <= set(SDG_TARGETS)
        assert all(1 <= article <= 71 for article in theme.articles)
        assert str(theme.label)
    assert set(SDG_TARGETS) == {"16.4", "16.5", "16.6", "16.10"}
    assert theme_by_key("reporting_persons").articles == (33,)
    with pytest.raises(KeyError):
        theme_by_key("astrology")


def test_a_theme_with_unknown_targets_or_articles_is_refused():
    from cosp.reviews.findings import Theme

    with pytest.raises(FindingsInputError):
        Theme("x", "X", (72,), (), ("x",), ("x",))
    with pytest.raises(FindingsInputError):
        Theme("x", "X", (1,), ("17.1",), ("x",), ("x",))


# --- Suggestions on real executive-summary sentences (shared samples, read at test time) ---------------

SAMPLES = SHARED / "samples" / "executive-summary-sentences.en-zh.tsv"


@pytest.fixture(scope="module")
def sentences() -> dict[str, dict[str, str]]:
    if not SAMPLES.exists():
        skip_or_fail(f"{SAMPLES} is missing: the executive-summary sentences cannot be read")
    with SAMPLES.open(encoding="utf-8", newline="") as handle:
        return {row["line"]: row for row in csv.DictReader(handle, delimiter="\t")}


# By the sample's line number: the articles the English and the Chinese sentence must lead to, and
# those they must not (national laws' articles the sentence also cites).
SAMPLE_CASES = [
    ("1437", {"37"}, set()),  # cites the Convention's article 37 (EN "article 37", ZH 第三十七条)
    ("2628", {"19"}, {"240", "243", "244", "245"}),  # implements art. 19 through articles of a code
    ("2281", {"26"}, set()),  # "art. 26" / 第二十六条 in a heading
    ("44", {"26"}, {"60"}),  # liability of legal persons, under article 60 of a civil code
    ("949", {"31"}, {"55"}),  # confiscation, under article 55 of a criminal code
    ("223", {"40"}, {"66", "4", "5"}),  # bank records, articles 66-4 and 66-5 of a code
    ("1097", {"42", "44"}, {"5", "1"}),  # jurisdiction and extradition, "art. 5-1" of a code
    ("45", {"44"}, set()),  # extradition
    ("691", {"44"}, set()),
    ("692", {"14", "23"}, set()),  # money-laundering
    ("852", {"46"}, set()),  # central authority, mutual legal assistance
    ("2421", {"18"}, set()),  # trading in influence
    ("3283", {"48"}, {"42"}),  # liaison officers, "other jurisdictions"
    ("3803", {"58"}, set()),  # financial intelligence unit
    ("2896", {"43"}, set()),  # dual criminality
]


@pytest.mark.parametrize(
    ("line", "expected", "excluded"), SAMPLE_CASES, ids=[case[0] for case in SAMPLE_CASES]
)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_real_summary_sentences_lead_to_their_articles_in_both_languages(
    sentences, line, expected, excluded, language
):
    suggested = set(articles(sentences[line][language], language))

    assert expected <= suggested
    assert not (excluded & suggested)


@pytest.mark.parametrize("line", ["1437", "2628", "2281"])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_real_sentences_citing_the_convention_give_a_cited_basis(sentences, line, language):
    first = suggest_article_and_theme(sentences[line][language], language)[0]

    assert first.kind is SuggestionKind.ARTICLE
    assert first.basis is Basis.CITED


def test_real_sentences_on_money_laundering_and_confiscation_point_to_target_16_4(sentences):
    for line in ("692", "949", "3803"):
        for language in ("en", "zh"):
            targets = values(
                suggest_article_and_theme(sentences[line][language], language), SuggestionKind.SDG_TARGET
            )
            assert "16.4" in targets, (line, language)
