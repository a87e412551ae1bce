"""cosp/reviews/services/findings.py: findings while the report is drafted and frozen once agreed, the
follow-up ledger of recommendations, suggestions limited to the articles under review, the public
list of recommendations and who sees findings."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cosp.reviews.enums import FindingType, ReportStatus
from cosp.reviews.findings import SuggestionKind
from cosp.reviews.models import Finding, FollowUp
from cosp.reviews.services import ReviewRuleError
from cosp.reviews.services import findings as services
from cosp.states.models import Article, Chapter
from tests.reviews.conftest import IN_CIRCLE

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

TODAY = timezone.localdate()
AGREED = TODAY - timedelta(days=200)


@pytest.fixture
def world(review_world):
    return review_world


@pytest.fixture
def expert(world):
    return world.people["reviewing_expert"]


def add(review, actor, **fields) -> Finding:
    values = {
        "kind": FindingType.RECOMMENDATION,
        "article": 9,
        "paragraph": "",
        "text": "Publish every award of a public contract with the reasons for it.",
        "language": "en",
        "theme": "public_procurement",
        "sdg_targets": ["16.5"],
        "assistance_type": "",
    }
    return services.add_finding(review, actor=actor, **(values | fields))


def agree(review, on: date = AGREED) -> None:
    review.report_status = ReportStatus.AGREED
    review.agreed_on = on
    review.save(update_fields=["report_status", "agreed_on"])


def refusal_fields(error: ReviewRuleError) -> set[str]:
    return set(error.message_dict)


# --- Adding, changing, removing -----------------------------------------------------------------------


def test_add_finding_stores_the_text_in_the_column_of_its_language(world, expert):
    english = add(world.review, expert)
    chinese = add(world.review, expert, text="应公布每项公共合同的授予结果及理由。", language="zh")

    english.refresh_from_db()
    chinese.refresh_from_db()
    assert (english.text_en, english.text_zh_hans) == (
        "Publish every award of a public contract with the reasons for it.",
        None,
    )
    assert (chinese.text_en, chinese.text_zh_hans) == (None, "应公布每项公共合同的授予结果及理由。")
    assert [english.position, chinese.position] == [0, 1]
    assert english.created_by == expert
    assert english.history.latest().history_user == expert


def test_add_finding_accepts_an_article_row_and_orders_targets(world, expert):
    finding = add(world.review, expert, article=Article.objects.get(number=52), sdg_targets=["16.6", "16.4"])

    assert (finding.article.number, finding.sdg_targets) == (52, ["16.4", "16.6"])


@pytest.mark.parametrize(
    ("fields", "at_fault"),
    [
        ({"article": 15}, "article"),  # chapter III: not under review in cycle 2
        ({"article": 99}, "article"),
        ({"kind": "verdict"}, "kind"),
        ({"theme": "weather"}, "theme"),
        ({"sdg_targets": ["16.5", "1.1"]}, "sdg_targets"),
        ({"language": "de"}, "language"),
        ({"text": "   "}, "text"),
        ({"paragraph": "first"}, "paragraph"),
        ({"assistance_type": "money"}, "assistance_type"),
    ],
)
def test_add_finding_refuses_what_the_rules_do_not_allow_and_saves_nothing(world, expert, fields, at_fault):
    chapter = Chapter.objects.create(number=3, roman="III", title_en="Criminalization")
    Article.objects.create(number=15, chapter=chapter, title_en="Bribery")

    with pytest.raises(ReviewRuleError) as refused:
        add(world.review, expert, **fields)

    assert refusal_fields(refused.value) == {at_fault}
    assert not Finding.objects.exists()


def test_the_article_refusal_names_the_articles_under_review(world, expert):
    with pytest.raises(ReviewRuleError) as refused:
        add(world.review, expert, article=99)

    [message] = refused.value.message_dict["article"]
    assert "not under review in cycle 2" in message
    assert "5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 51" in message


def test_paragraphs_with_subparagraphs_are_accepted(world, expert):
    assert add(world.review, expert, paragraph="2 (a)").paragraph == "2 (a)"


def test_update_finding_adds_a_language_and_keeps_the_others(world, expert):
    finding = add(world.review, expert)

    services.update_finding(
        finding, text="Publier chaque attribution de marché public.", language="fr", actor=expert
    )

    finding.refresh_from_db()
    assert services.texts(finding) == {
        "en": "Publish every award of a public contract with the reasons for it.",
        "fr": "Publier chaque attribution de marché public.",
    }
    assert (finding.kind, finding.theme, finding.sdg_targets) == (
        "recommendation",
        "public_procurement",
        ["16.5"],
    )


def test_update_finding_removes_a_language_but_never_the_last(world, expert):
    finding = add(world.review, expert)
    services.update_finding(finding, text="Texte", language="fr", actor=expert)

    services.update_finding(finding, text="", language="en", actor=expert)
    finding.refresh_from_db()
    assert services.texts(finding) == {"fr": "Texte"}

    with pytest.raises(ReviewRuleError) as refused:
        services.update_finding(finding, text="", language="fr", actor=expert)
    assert refusal_fields(refused.value) == {"text"}
    finding.refresh_from_db()
    assert services.texts(finding) == {"fr": "Texte"}


def test_update_finding_moving_to_another_article_goes_last_there(world, expert):
    add(world.review, expert, article=10)
    finding = add(world.review, expert, article=9)

    services.update_finding(finding, article=10, paragraph="1", actor=expert)

    finding.refresh_from_db()
    assert (finding.article.number, finding.paragraph, finding.position) == (10, "1", 1)


def test_update_finding_refuses_an_article_outside_the_cycle_and_changes_nothing(world, expert):
    finding = add(world.review, expert)

    with pytest.raises(ReviewRuleError):
        services.update_finding(finding, article=30, kind=FindingType.CHALLENGE, actor=expert)

    finding.refresh_from_db()
    assert (finding.article.number, finding.kind) == (9, "recommendation")


def test_delete_finding_removes_it_and_its_history_names_who(world, expert):
    finding = add(world.review, expert)
    pk = finding.pk

    services.delete_finding(finding, actor=expert)

    assert not Finding.objects.filter(pk=pk).exists()
    deleted = Finding.history.filter(id=pk, history_type="-").get()
    assert deleted.history_user == expert


def test_after_agreement_findings_are_frozen(world, expert):
    finding = add(world.review, expert)
    agree(world.review)

    with pytest.raises(ReviewRuleError, match="frozen"):
        add(world.review, expert)
    with pytest.raises(ReviewRuleError, match="frozen"):
        services.update_finding(finding, text="Changed", language="en", actor=expert)
    with pytest.raises(ReviewRuleError, match="frozen"):
        services.delete_finding(finding, actor=expert)

    finding.refresh_from_db()
    assert Finding.objects.count() == 1
    assert finding.text_en == "Publish every award of a public contract with the reasons for it."


def test_a_review_sent_for_agreement_is_not_frozen_yet(world, expert):
    world.review.report_status = ReportStatus.WITH_STATE
    world.review.save(update_fields=["report_status"])

    assert not services.is_frozen(world.review)
    assert add(world.review, expert).pk


# --- Follow-up ------------------------------------------------------------------------------------------


@pytest.fixture
def recommendation(world, expert) -> Finding:
    finding = add(world.review, expert)
    agree(world.review)
    return finding


def follow(finding, actor, **fields) -> FollowUp:
    values = {"on": AGREED, "source": "review", "status": "", "response": "", "reference": ""}
    return services.record_follow_up(finding, actor=actor, **(values | fields))


def test_follow_up_ledger_tells_the_status_on_any_day(world, recommendation):
    focal_point = world.people["sur_focal_point"]
    follow(recommendation, focal_point, response="The State accepts the recommendation.")
    follow(
        recommendation,
        focal_point,
        on=AGREED + timedelta(days=30),
        source="state_report",
        status="not_started",
        reference="CAC/COSP/IRG/2026/CRP.1",
    )
    follow(
        recommendation,
        focal_point,
        on=AGREED + timedelta(days=90),
        source="state_report",
        status="partly_implemented",
        reference="CAC/COSP/IRG/2026/CRP.2",
    )

    assert services.status_on(recommendation, AGREED) is None
    assert services.status_on(recommendation, AGREED + timedelta(days=60)).status == "not_started"
    now = services.status_on(recommendation, TODAY)
    assert (now.status, now.since, now.reference) == (
        "partly_implemented",
        AGREED + timedelta(days=90),
        "CAC/COSP/IRG/2026/CRP.2",
    )
    periods = services.status_periods(services.ledger(recommendation))
    assert [(p.status, p.since, p.until) for p in periods] == [
        ("not_started", AGREED + timedelta(days=30), AGREED + timedelta(days=90)),
        ("partly_implemented", AGREED + timedelta(days=90), None),
    ]
    assert FollowUp.objects.filter(recorded_by=focal_point).count() == 3


def test_a_status_may_go_back_and_the_later_entry_of_a_day_counts(world, recommendation):
    secretariat = world.people["secretariat"]
    day = AGREED + timedelta(days=10)
    follow(
        recommendation,
        secretariat,
        on=day,
        source="later_review",
        status="fully_implemented",
        reference="3-AUT",
    )
    follow(
        recommendation,
        secretariat,
        on=day,
        source="later_review",
        status="partly_implemented",
        reference="3-AUT",
    )

    assert services.status_on(recommendation, day).status == "partly_implemented"


@pytest.mark.parametrize(
    ("fields", "at_fault"),
    [
        ({"on": AGREED - timedelta(days=1), "status": "not_started"}, "on"),
        ({"on": TODAY + timedelta(days=1), "status": "not_started"}, "on"),
        ({"status": "", "response": "  "}, "status"),
        ({"status": "abandoned"}, "status"),
        ({"source": "rumour", "status": "not_started"}, "source"),
        ({"source": "state_report", "status": "not_started", "reference": ""}, "reference"),
        ({"source": "later_review", "status": "not_started", "reference": " "}, "reference"),
    ],
)
def test_record_follow_up_refuses_and_saves_nothing(world, recommendation, fields, at_fault):
    with pytest.raises(ReviewRuleError) as refused:
        follow(recommendation, world.people["secretariat"], **fields)

    assert refusal_fields(refused.value) == {at_fault}
    assert not FollowUp.objects.exists()


def test_only_recommendations_are_followed_up(world, expert):
    challenge = add(world.review, expert, kind=FindingType.CHALLENGE)
    agree(world.review)

    with pytest.raises(ReviewRuleError, match="Only recommendations"):
        follow(challenge, world.people["secretariat"], status="not_started")
    assert not FollowUp.objects.exists()


def test_follow_up_starts_with_the_agreement(world, expert):
    finding = add(world.review, expert)

    with pytest.raises(ReviewRuleError, match="not agreed yet"):
        follow(finding, world.people["secretariat"], status="not_started")
    assert not FollowUp.objects.exists()


def test_follow_up_may_start_from_the_summary_when_no_agreement_date_is_recorded(world, expert):
    finding = add(world.review, expert)
    world.review.summary_issued_on = AGREED
    world.review.save(update_fields=["summary_issued_on"])

    entry = follow(finding, world.people["secretariat"], status="not_started")

    assert entry.on == AGREED


def test_the_ledger_of_entries_recorded_before_the_agreement_date_still_reads(world, recommendation):
    # An import or the demo may hold an entry older than the recorded agreement: the page must not fail.
    FollowUp.objects.create(
        finding=recommendation, on=AGREED - timedelta(days=5), source="review", status="not_started"
    )

    assert services.status_on(recommendation, TODAY).status == "not_started"


# --- Suggestions ----------------------------------------------------------------------------------------


def values(suggestions, kind):
    return [suggestion.value for suggestion in suggestions if suggestion.kind is kind]


def test_suggestions_for_an_english_text_keep_to_the_articles_under_review(world):
    text = "Bribery in tenders persists: article 15 offences and procurement rules need review."

    suggestions = services.suggest(text, "en", review=world.review)

    assert values(suggestions, SuggestionKind.ARTICLE) == ["9"]  # 15 is chapter III, not in cycle 2
    assert values(suggestions, SuggestionKind.THEME) == ["public_procurement"]  # bribery is article 15
    assert values(suggestions, SuggestionKind.SDG_TARGET) == ["16.5", "16.6"]


def test_suggestions_for_a_chinese_text(world):
    text = "该国应依照《公约》第五十二条加强对政治公众人物的客户尽职调查。"

    suggestions = services.suggest(text, "zh-hans", review=world.review)

    assert values(suggestions, SuggestionKind.ARTICLE) == ["52"]
    assert values(suggestions, SuggestionKind.THEME) == [
        "beneficial_ownership",
        "politically_exposed_persons",
    ]
    assert values(suggestions, SuggestionKind.SDG_TARGET) == ["16.4"]
    assert suggestions[0].evidence == ("第五十二条",)


def test_suggestions_never_change_a_finding(world, expert):
    finding = add(world.review, expert, theme="", sdg_targets=[])

    services.suggest(finding.text_en, "en", review=world.review)

    finding.refresh_from_db()
    assert (finding.theme, finding.sdg_targets) == ("", [])


# --- Who sees findings ----------------------------------------------------------------------------------


@pytest.mark.parametrize("issued", [False, True])
def test_view_findings_is_the_circle_until_the_summary_is_issued(world, issued):
    if issued:
        world.review.summary_issued_on = AGREED
        world.review.save(update_fields=["summary_issued_on"])
    seen = {
        position: (user or AnonymousUser()).has_perm("reviews.view_findings", world.review)
        for position, user in world.people.items()
    }

    assert seen == (dict.fromkeys(IN_CIRCLE, True) if issued else IN_CIRCLE)


# --- The public list of recommendations -----------------------------------------------------------------


@pytest.fixture
def published(world, expert, make_review, make_party):
    """Two reviews with issued summaries (AUT in WEOG, KEN in the African group) and one without."""
    aut = add(world.review, expert, sdg_targets=["16.5", "16.10"])
    add(world.review, expert, kind=FindingType.GOOD_PRACTICE)
    agree(world.review)
    world.review.summary_issued_on = AGREED + timedelta(days=30)
    world.review.save(update_fields=["summary_issued_on"])
    follow(
        aut,
        world.people["secretariat"],
        source="state_report",
        status="partly_implemented",
        reference="CAC/COSP/IRG/2026/CRP.3",
        on=AGREED + timedelta(days=40),
    )

    make_party("KEN", "AFR")
    kenya = make_review(
        "KEN", ("UGA", "TZA"), agreed_on=AGREED, summary_issued_on=AGREED, report_status=ReportStatus.AGREED
    )
    ken = Finding.objects.create(
        review=kenya,
        kind="recommendation",
        article=Article.objects.get(number=52),
        text_en="Identify beneficial owners.",
        theme="beneficial_ownership",
        sdg_targets=["16.1", "16.4"],
    )
    hidden = make_review("ESP", ("PRT", "ITA"))
    Finding.objects.create(
        review=hidden, kind="recommendation", article=Article.objects.get(number=9), text_en="Not yet public."
    )
    return {"aut": aut, "ken": ken}


def test_published_recommendations_are_those_of_issued_summaries(published):
    recommendations, counts = services.published_recommendations()

    assert set(recommendations) == {published["aut"], published["ken"]}
    assert counts == {"not_started": 0, "partly_implemented": 1, "fully_implemented": 0, "none": 1}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (services.RecommendationFilters(article=52), {"ken"}),
        (services.RecommendationFilters(theme="public_procurement"), {"aut"}),
        (services.RecommendationFilters(sdg_target="16.1"), {"ken"}),  # never "16.10"
        (services.RecommendationFilters(sdg_target="16.10"), {"aut"}),
        (services.RecommendationFilters(regional_group="AFR"), {"ken"}),
        (services.RecommendationFilters(status="partly_implemented"), {"aut"}),
        (services.RecommendationFilters(status=services.NO_STATUS), {"ken"}),
        (services.RecommendationFilters(status="fully_implemented"), set()),
    ],
)
def test_published_recommendations_filter(published, filters, expected):
    recommendations, _counts = services.published_recommendations(filters)

    assert set(recommendations) == {published[key] for key in expected}


def test_status_counts_ignore_the_status_filter_and_read_the_day(published):
    _found, counts = services.published_recommendations(
        services.RecommendationFilters(status="partly_implemented"), day=AGREED + timedelta(days=35)
    )

    assert counts == {"not_started": 0, "partly_implemented": 0, "fully_implemented": 0, "none": 2}
