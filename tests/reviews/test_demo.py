"""The review demo (cosp/reviews/demo.py) on the real States parties of the reference data: the second
cycle drawn for all of them, reviews at every step of the timeline (RULES 4.6), issued summaries with
findings (some in Chinese) and follow-up, demo accounts with work to do; running it again changes
nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from cosp.core.demo import DEMO_PASSWORD
from cosp.core.models import User
from cosp.reviews import access, demo, progress
from cosp.reviews.enums import ChecklistStatus, ReportKind, ReportStatus
from cosp.reviews.findings import FindingType
from cosp.reviews.models import (
    Checklist,
    CountryReview,
    Draw,
    ExpertAssignment,
    Finding,
    FollowUp,
    GovernmentalExpert,
    ReportSection,
    StepRecord,
)
from cosp.reviews.services.draw import verify_draw
from cosp.reviews.timeline import DEFAULT_SETTINGS, DirectDialogue, Step, current_step, schedule
from cosp.states.models import State

pytestmark = [pytest.mark.integration]

TODAY = dt.date(2026, 11, 22)


# First in the module: the reference data (`reference_db`, module-scoped) is not loaded yet.
@pytest.mark.django_db
def test_without_states_parties_the_demo_says_so_and_makes_nothing():
    assert not State.objects.exists()
    assert demo.load_review_demo(TODAY) == [
        "No States parties in the database: load the reference data first."
    ]
    assert not CountryReview.objects.exists()


def plan_of(review: CountryReview):
    """The review's steps from its records, as the workflow rebuilds them."""
    records = list(review.step_records.all())
    dialogue = None
    if review.direct_dialogue_kind and review.direct_dialogue_starts:
        dialogue = DirectDialogue(
            review.direct_dialogue_kind, review.direct_dialogue_starts, review.direct_dialogue_ends
        )
    return schedule(
        review.started_on,
        {r.step: r.completed_on for r in records if not r.skipped},
        DEFAULT_SETTINGS,
        direct_dialogue=dialogue,
        skipped=[r.step for r in records if r.skipped],
    )


def stage(review: CountryReview) -> str:
    """Where a review stands: not started, at a step, or completed (as the progress pages count)."""
    if review.started_on is None:
        return "not_started"
    current = current_step(plan_of(review))
    return "completed" if current is None else current.step.value


def counts() -> dict[str, int]:
    models = (
        CountryReview,
        StepRecord,
        Draw,
        Finding,
        FollowUp,
        ReportSection,
        Checklist,
        GovernmentalExpert,
        ExpertAssignment,
        User,
    )
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_the_demo_has_the_second_cycle_in_progress_at_every_step_and_runs_again_unchanged(reference_db):
    lines = demo.load_review_demo(TODAY)
    assert lines[0].startswith("Cycle 2 drawn (seed 2016)")

    parties = State.objects.parties().count()
    reviews = list(
        CountryReview.objects.filter(cycle=2).select_related("state").prefetch_related("step_records")
    )
    assert len(reviews) == parties > 190
    assert all(review.is_demo for review in reviews)
    assert not CountryReview.objects.filter(cycle=1).exists()
    assert verify_draw(Draw.objects.get(cycle=2))

    # Every step of the timeline has a review standing at it, plus reviews not started and finished.
    stages = Counter(stage(review) for review in reviews)
    assert set(stages) == set(progress.STAGES), set(progress.STAGES) - set(stages)
    # By year: year 1 mostly finished with its summary issued, later years earlier in their steps.
    issued = dict.fromkeys(range(1, 6), 0)
    total = Counter(review.year for review in reviews)
    for review in reviews:
        issued[review.year] += review.summary_issued_on is not None
    assert issued[1] / total[1] > 0.7
    assert issued[5] == 0
    assert issued[1] >= issued[4] > issued[5]
    assert any(
        state.is_overdue(TODAY) for review in reviews if review.started_on for state in plan_of(review)
    )

    # Issued summaries: sections in the UN layout's parts, saying they are demonstration text.
    published = [review for review in reviews if review.summary_issued_on]
    assert all(review.summary_symbol.startswith("DEMO/") for review in published)
    introductions = ReportSection.objects.filter(kind=ReportKind.SUMMARY, key="introduction")
    assert introductions.count() >= len(published)
    assert all(
        text.startswith(tuple(demo.MARKER.values())) for text in introductions.values_list("text", flat=True)
    )
    assert Finding.objects.filter(review__summary_issued_on__isnull=False).exists()
    assert Finding.objects.exclude(text_zh_hans="").exists()  # a few in Chinese
    assert set(Finding.objects.values_list("kind", flat=True)) == set(FindingType)
    follow_ups = FollowUp.objects.select_related("finding__review")
    assert follow_ups.exists()
    assert all(entry.finding.kind == FindingType.RECOMMENDATION for entry in follow_ups)
    assert all(entry.finding.review.agreed_on <= entry.on <= TODAY for entry in follow_ups)

    # Governmental experts for several States.
    assert GovernmentalExpert.objects.values("state").distinct().count() >= 10

    # The accounts, each with its review at the step where it has work to do.
    focal = User.objects.get(username="reviewfocal")
    expert = User.objects.get(username="reviewexpert")
    agreeing = User.objects.get(username="reviewagree")
    for user in (focal, expert, agreeing):
        assert user.check_password(DEMO_PASSWORD)
    focal_review = CountryReview.objects.get(cycle=2, focal_point=focal)
    assert stage(focal_review) == Step.SELF_ASSESSMENT
    assert Checklist.objects.get(review=focal_review).status == ChecklistStatus.DRAFT
    assert access.is_focal_point_of(focal, focal_review)
    expert_review = CountryReview.objects.get(cycle=2, assignments__expert__user=expert)
    assert stage(expert_review) == Step.DIALOGUE
    assert access.in_circle(expert, expert_review)
    assert not access.in_circle(expert, focal_review)  # another review stays closed to them
    agreed_review = CountryReview.objects.get(cycle=2, focal_point=agreeing)
    assert stage(agreed_review) == Step.AGREEMENT
    assert agreed_review.report_status == ReportStatus.WITH_STATE
    assert ReportSection.objects.filter(review=agreed_review, kind=ReportKind.REPORT).exists()
    assert any(line.startswith("reviewfocal") and DEMO_PASSWORD in line for line in lines)

    before = counts()
    again = demo.load_review_demo(TODAY)
    assert counts() == before
    assert again == lines  # the same summary, read back from the database
