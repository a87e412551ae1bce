"""The phase generator (cosp/reviews/generator.py): its pure pieces (calendar, course of a review,
example texts, fake States' codes), and a small phase in the database that must hold together: every
review has two reviewers and keeps the draw's rules (RULES 4.3-4.4), its steps follow the timeline
(4.6), its findings are on articles of its cycle (4.8), follow-up only on recommendations after the
report's agreement; the same seed gives the same phase; a second phase is refused."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter

import pytest
from django.db import transaction

from cosp.reviews import generator
from cosp.reviews.conf import draw_settings
from cosp.reviews.cycles import articles_under_review, get_cycle
from cosp.reviews.enums import ChecklistStatus, ReportStatus
from cosp.reviews.findings import FOLLOWED_UP, FindingType, FollowUpEntry, FollowUpLedger, theme_by_key
from cosp.reviews.generator import Calendar, Course, ExampleBook, Pace, load_examples, simulate_course
from cosp.reviews.models import (
    Checklist,
    ChecklistAnswer,
    CountryReview,
    Draw,
    Finding,
    FollowUp,
    ReportSection,
    SectionVersion,
    StepRecord,
)
from cosp.reviews.services import ReviewRuleError
from cosp.reviews.services.draw import result_from_json, states_from_inputs
from cosp.reviews.timeline import DEFAULT_SETTINGS, Status, Step, schedule
from cosp.states.models import Article, State
from tests.reviews import violations

TODAY = dt.date(2026, 6, 1)


# --- Pure pieces -----------------------------------------------------------------------------------------


@pytest.mark.unit
def test_calendar_puts_the_current_cycle_in_its_fifth_year_and_the_first_before_it():
    calendar = Calendar(TODAY)
    starts = [calendar.year_start(2, year) for year in range(1, 6)]
    assert starts == sorted(starts)
    assert starts[-1] < TODAY
    assert (TODAY - starts[0]).days > 4 * 365  # year 1 began more than four years ago
    assert calendar.year_start(1, 5) < starts[0]
    assert calendar.drawn_at(2).date() < starts[0]


@pytest.mark.unit
def test_a_course_never_dates_a_step_after_today_and_follows_the_order_of_the_steps():
    for index in range(300):
        rng = random.Random(index)
        start = TODAY - dt.timedelta(days=rng.randrange(900))
        course = simulate_course(start, TODAY, rng, DEFAULT_SETTINGS)
        assert all(start <= day <= TODAY for day in course.completions.values())
        # schedule() refuses nothing it is given here, and every done step had what it waits for done.
        plan = {state.step: state for state in course.schedule(DEFAULT_SETTINGS)}
        for step in course.completions:
            assert plan[step].status is Status.DONE
            assert plan[step].starts <= course.completions[step]
        assert not (course.direct_dialogue and Step.DIRECT_DIALOGUE in course.skipped)


@pytest.mark.unit
def test_a_stalled_review_stops_and_a_finished_cycle_has_none():
    stalled = finished = 0
    for index in range(300):
        rng = random.Random(index)
        start = TODAY - dt.timedelta(days=3000)
        course = simulate_course(start, TODAY, rng, DEFAULT_SETTINGS)
        if course.pace is Pace.STALLED:
            stalled += 1
            assert not course.done(Step.PUBLICATION)
        old = simulate_course(start, TODAY, random.Random(index), DEFAULT_SETTINGS, may_stall=False)
        finished += old.done(Step.PUBLICATION)
    assert stalled > 0
    assert finished == 300  # eight years are enough for every review of the finished cycle


@pytest.mark.unit
def test_a_review_not_started_yet_has_no_course():
    assert simulate_course(None, TODAY, random.Random(1), DEFAULT_SETTINGS) == Course(None)
    later = simulate_course(TODAY + dt.timedelta(days=3), TODAY, random.Random(1), DEFAULT_SETTINGS)
    assert later.start is None
    assert later.stage(DEFAULT_SETTINGS) == "not_started"


@pytest.mark.unit
def test_a_course_stopped_at_a_step_stands_at_that_step():
    course = simulate_course(
        TODAY - dt.timedelta(days=2000), TODAY, random.Random(7), DEFAULT_SETTINGS, may_stall=False
    )
    assert course.stage(DEFAULT_SETTINGS) == "completed"
    for step in (Step.SELF_ASSESSMENT, Step.DIALOGUE, Step.AGREEMENT):
        stopped = course.stopped_at(step)
        assert stopped.stage(DEFAULT_SETTINGS) == step.value
        assert all(generator._INDEX[done] < generator._INDEX[step] for done in stopped.completions)
    # Before the desk review call no visit is agreed yet.
    assert course.stopped_at(Step.DESK_REVIEW).dialogue_kind == ""


@pytest.mark.unit
def test_fake_states_are_spread_over_the_groups_and_take_codes_no_country_has():
    spread = Counter(generator._spread(190, generator.GROUP_SHARES))
    assert sum(spread.values()) == 190
    assert set(spread) == set(generator.GROUPS)
    assert spread["APG"] > spread["WEOG"] > spread["EEG"]
    codes = generator._free_codes({"XAA", "XAB"}, 3)
    assert [next(codes), next(codes)] == ["XAC", "XAD"]


@pytest.mark.unit
def test_the_example_findings_are_complete_in_both_languages():
    examples = load_examples()
    assert len(examples) > 100
    kinds = Counter(example.kind for example in examples)
    assert set(kinds) == set(FindingType)
    for example in examples:
        assert example.en.strip()
        assert example.zh.strip()
        assert set(re.findall(r"\{(\w*)\}", example.en)) == set(re.findall(r"\{(\w*)\}", example.zh))
        assert set(re.findall(r"\{(\w*)\}", example.en)) <= {"n", "article"}
        assert (example.article is None) == ("{article}" in example.en)
        assert bool(example.assistance_type) == (example.kind is FindingType.TECHNICAL_ASSISTANCE_NEED)
    # Every kind has a general example, so any article of any cycle gets a text.
    assert {example.kind for example in examples if example.article is None} == set(FindingType)


@pytest.mark.unit
def test_example_texts_are_varied_deterministically_and_keep_their_kind():
    book = ExampleBook(load_examples())
    first = [book.texts(book.choose(9, FindingType.RECOMMENDATION, random.Random(5)), 9, random.Random(5))]
    again = [book.texts(book.choose(9, FindingType.RECOMMENDATION, random.Random(5)), 9, random.Random(5))]
    assert first == again
    rng = random.Random(2)
    for _ in range(50):
        example = book.choose(30, FindingType.CHALLENGE, rng)  # article 30: no example of its own
        assert example.kind is FindingType.CHALLENGE
        assert example.article is None
        english, chinese = book.texts(example, 30, rng)
        assert "30" in english
        assert "30" in chinese
        assert "{" not in english + chinese


@pytest.mark.unit
def test_an_example_gets_the_theme_its_words_suggest_with_that_themes_sdg_targets():
    examples = load_examples()
    book = ExampleBook(examples)
    themed = set()
    for example in examples:
        article = example.article or 9
        theme, targets = book.theme(example, article)
        assert targets == (list(theme_by_key(theme).sdg_targets) if theme else [])
        if theme:
            themed.add(theme)
    assert len(themed) > 1


# --- A small phase in the database -----------------------------------------------------------------------


def phase(**overrides) -> generator.PhaseSummary:
    options = {"states": 25, "findings_per_review": 5, "seed": 3, "today": TODAY} | overrides
    return generator.generate_phase(**options)


@pytest.mark.integration
@pytest.mark.django_db
def test_a_small_phase_holds_together():
    lines: list[str] = []
    summary = phase(progress=lines.append)

    assert summary.states == summary.fake_states == 25
    assert lines
    parties = list(State.objects.parties())
    assert Counter(state.regional_group.code for state in parties).keys() == set(generator.GROUPS)
    for cycle in (1, 2):
        reviews = CountryReview.objects.filter(cycle=cycle)
        assert sorted(reviews.values_list("state_id", flat=True)) == sorted(state.pk for state in parties)
        for review in reviews.prefetch_related("reviewers__state"):
            reviewers = [reviewer.state for reviewer in review.reviewers.all()]
            assert len(set(reviewers)) == 2
            assert review.state not in reviewers
        # The stored draw keeps every rule of RULES 4.3-4.4, or says truly why not (DL-1 to DL-14).
        record = Draw.objects.get(pk=summary.draws[cycle])
        states = states_from_inputs(record.inputs)
        assert (
            violations(states, result_from_json(cycle, record.result), get_cycle(cycle), draw_settings())
            == []
        )

    catalogue = list(Article.objects.values_list("number", "chapter__roman"))
    for review in CountryReview.objects.all():
        records = {record.step: record for record in StepRecord.objects.filter(review=review)}
        if review.started_on is None:
            assert not records
            assert review.cycle == 2
            continue
        completions = {step: r.completed_on for step, r in records.items() if not r.skipped}
        skipped = [step for step, r in records.items() if r.skipped]
        steps = schedule(review.started_on, completions, DEFAULT_SETTINGS, skipped=skipped)  # no error
        assert all(day <= TODAY for day in completions.values())
        assert steps
        assert (review.report_status == ReportStatus.AGREED) == (Step.AGREEMENT in completions)
        assert (review.summary_issued_on is not None) == (Step.PUBLICATION in completions)
        assert bool(review.summary_symbol) == (review.summary_issued_on is not None)
        findings = Finding.objects.filter(review=review)
        assert findings.count() == (5 if Step.DESK_REVIEW in completions else 0)
        under_review = set(articles_under_review(review.cycle, catalogue))
        assert set(findings.values_list("article__number", flat=True)) <= under_review
        checklist = Checklist.objects.filter(review=review).first()
        assert (checklist is not None) == (Step.KICK_OFF_CALL in completions)
        if Step.CIRCULATION in completions:
            assert checklist.status == ChecklistStatus.LOCKED
            answered = set(checklist.answers.values_list("article__number", flat=True))
            assert answered == under_review

    # The finished cycle is over; the current one has reviews at many steps.
    assert not CountryReview.objects.filter(cycle=1, summary_issued_on__isnull=True).exists()
    assert CountryReview.objects.filter(cycle=2, summary_issued_on__isnull=True).exists()
    assert set(Finding.objects.values_list("kind", flat=True)) == set(FindingType)
    assert Finding.objects.exclude(text_zh_hans="").exists()
    assert summary.built.findings == Finding.objects.count()

    # Every section's text is its first version.
    assert ReportSection.objects.count() == SectionVersion.objects.count() == summary.built.sections > 0
    assert not ReportSection.objects.filter(text="").exists()

    # Follow-up: recommendations only, from the report's agreement, never after today, valid ledgers.
    assert FollowUp.objects.exists()
    for finding in Finding.objects.filter(follow_ups__isnull=False).distinct().select_related("review"):
        assert finding.kind in FOLLOWED_UP
        entries = [
            FollowUpEntry(e.on, e.source, e.status or None, e.response, e.reference)
            for e in finding.follow_ups.all()
        ]
        FollowUpLedger(finding.review.agreed_on, tuple(entries))  # raises if an entry predates it
        assert max(entry.on for entry in entries) <= TODAY


def snapshot() -> dict:
    """The phase by natural keys (ids differ between runs)."""
    return {
        "states": sorted(
            State.objects.values_list("iso3", "regional_group__code", "instrument_deposited_on")
        ),
        "reviews": sorted(
            CountryReview.objects.values_list(
                "cycle", "year", "state__iso3", "started_on", "report_status", "summary_symbol"
            )
        ),
        "reviewers": sorted(
            CountryReview.objects.values_list("cycle", "state__iso3", "reviewers__state__iso3")
        ),
        "steps": sorted(
            StepRecord.objects.values_list(
                "review__state__iso3", "review__cycle", "step", "completed_on", "skipped"
            )
        ),
        "findings": sorted(
            Finding.objects.values_list(
                "review__state__iso3",
                "review__cycle",
                "article__number",
                "kind",
                "position",
                "text_en",
                "text_zh_hans",
                "theme",
            )
        ),
        "answers": ChecklistAnswer.objects.count(),
        "follow_ups": sorted(FollowUp.objects.values_list("finding__text_en", "on", "source", "status")),
    }


def phase_snapshot(seed: int) -> dict:
    """The snapshot of a phase made inside a savepoint that is then rolled back."""
    with transaction.atomic():
        phase(states=6, findings_per_review=1, seed=seed)
        taken = snapshot()
        transaction.set_rollback(True)
    return taken


@pytest.mark.integration
@pytest.mark.django_db
def test_the_same_seed_gives_the_same_phase_and_another_seed_another():
    first, again, other = phase_snapshot(4), phase_snapshot(4), phase_snapshot(5)
    assert first == again
    assert first["steps"] != other["steps"]


@pytest.mark.integration
@pytest.mark.django_db
def test_the_database_parties_take_part_and_no_fake_state_is_made_when_there_are_enough(make_party):
    for index, group in enumerate(generator.GROUPS * 2):
        make_party(f"ZZ{'ABCDEFGHIJ'[index]}", group, iso2=f"Z{'ABCDEFGHIJ'[index]}")
    summary = phase(states=8, findings_per_review=1)
    assert summary.states == 10
    assert summary.fake_states == 0
    assert CountryReview.objects.filter(cycle=2).count() == 10


@pytest.mark.integration
@pytest.mark.django_db
def test_a_second_phase_is_refused_and_saves_nothing():
    phase(states=10, findings_per_review=1)
    counts = (
        State.objects.count(),
        CountryReview.objects.count(),
        Finding.objects.count(),
        Draw.objects.count(),
    )
    with pytest.raises(ReviewRuleError, match="already has reviews of cycle 1, 2"):
        phase(states=40, findings_per_review=1)
    assert (
        State.objects.count(),
        CountryReview.objects.count(),
        Finding.objects.count(),
        Draw.objects.count(),
    ) == counts
