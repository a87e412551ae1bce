"""Demo of the Implementation Review Mechanism: the second cycle in progress on the real States parties.

The cycle-2 lots are drawn for every State party of the reference data (services.draw.conduct_draw,
a fixed seed); each review then runs at its own pace on the generator's calendar (generator.py):
the year-1 reviews mostly finished with their executive summaries issued, later years earlier in their
steps, some late. Every step of a review has at least one review standing at it, so each page has
something to show. Findings, summaries and follow-up are the project's own example texts
(data/example_findings.csv), some also in Chinese; every summary and report says it is demonstration
text, and every review is marked `is_demo`.

Three demo accounts (password: core.demo.DEMO_PASSWORD) each have a review to work on: the focal point
of a State whose self-assessment is open, an expert of a reviewing State assigned to a review in its
dialogue, and the focal point of a State whose report waits for its agreement.

Running it again changes nothing: once cycle 2 has reviews, it only says so.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from cosp.core.demo import DEMO_PASSWORD
from cosp.core.enums import Role
from cosp.core.models import Membership, User, organisation_for_state
from cosp.states.models import State

from . import generator, progress
from .conf import timeline_settings
from .generator import BuildOptions, Calendar, Course, ReviewPlan
from .models import (
    Checklist,
    CountryReview,
    ExpertAssignment,
    Finding,
    FollowUp,
    GovernmentalExpert,
    ReportSection,
)
from .services import workflow
from .timeline import Step, TimelineSettings

CYCLE = 2
SEED = 2016  # the demo's lot: the same draw every time
# States that keep a list of governmental experts in the demo (more get one through the accounts).
EXPERT_STATES = ("AUT", "BRA", "CHN", "DEU", "EGY", "FRA", "IND", "KEN", "MEX", "NGA", "PER", "RUS")
MARKER = {
    "en": "Demonstration text: not the outcome of a real review. ",
    "zh": "演示文本：并非真实审议的结果。",
}
OPTIONS = BuildOptions(
    findings_per_review=(6, 10),
    chinese_share=0.1,
    symbol_prefix="DEMO/",
    is_demo=True,
    report_sections_after_agreement=False,  # the issued summaries carry what is published
    follow_up_share=0.3,
    experts_per_reviewer=(1, 2),
)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    step: Step  # the review's current step, where this person has work to do
    does: str  # what they can try, for the printed list


ACCOUNTS = (
    DemoAccount(
        "reviewfocal",
        "Focal Point (State under review)",
        Role.FOCAL_POINT,
        Step.SELF_ASSESSMENT,
        "answers and submits the self-assessment checklist",
    ),
    DemoAccount(
        "reviewexpert",
        "Governmental Expert (reviewing State)",
        Role.GOVERNMENTAL_EXPERT,
        Step.DIALOGUE,
        "adds findings during the dialogue",
    ),
    DemoAccount(
        "reviewagree",
        "Focal Point (report to agree)",
        Role.FOCAL_POINT,
        Step.AGREEMENT,
        "reads, comments and agrees the report",
    ),
)


def load_review_demo(today: dt.date | None = None) -> list[str]:
    """Prepare the second cycle in progress as of `today` (the local date by default); returns lines
    saying what was made, the accounts and their password. Needs the reference data's States."""
    today = today or timezone.localdate()
    if not State.objects.parties().exists():
        return ["No States parties in the database: load the reference data first."]
    if CountryReview.objects.filter(cycle=CYCLE).exists():
        return [*_summary(today), *_account_lines()]
    with transaction.atomic():
        _build(today)
    return [*_summary(today), *_account_lines()]


def _build(today: dt.date) -> None:
    from .services.draw import conduct_draw

    generator.ensure_convention()
    calendar = Calendar(today)
    settings = timeline_settings()
    rng = random.Random(f"{SEED}/demo")
    listed = State.objects.filter(iso3__in=EXPERT_STATES).exclude(governmental_experts__isnull=False)
    GovernmentalExpert.objects.bulk_create(generator.expert_listings(list(listed.order_by("iso3")), rng))
    conduct_draw(cycle=CYCLE, seed=SEED, actor=None, at=calendar.drawn_at(CYCLE))

    plans = generator.plans_for(CYCLE, calendar, SEED, settings)
    featured = _feature(plans, settings)
    _cover_every_stage(plans, settings, {id(plan) for plan in featured.values()})
    generator.build_reviews(plans, OPTIONS, today=today, marker=MARKER)
    _accounts(featured)


def _summary(today: dt.date) -> list[str]:
    """What the demo's cycle holds, read back from the database: the same lines on every run."""
    reviews = list(CountryReview.objects.filter(cycle=CYCLE))
    plans = workflow.plans(reviews)
    stages = Counter(progress.stage(plans[review.pk]) for review in reviews)
    late = sum(progress.is_late(plans[review.pk], today) for review in reviews)
    issued = sum(review.summary_issued_on is not None for review in reviews)
    of_cycle = {"review__cycle": CYCLE}
    return [
        f"Cycle {CYCLE} drawn (seed {SEED}): {len(reviews)} reviews, {issued} executive summaries issued, "
        f"{late} reviews late",
        "Reviews at each step: "
        + ", ".join(f"{stage} {stages[stage]}" for stage in progress.STAGES if stages[stage]),
        f"{Finding.objects.filter(**of_cycle).count()} findings, "
        f"{FollowUp.objects.filter(finding__review__cycle=CYCLE).count()} follow-up entries, "
        f"{ReportSection.objects.filter(**of_cycle).count()} report sections, "
        f"{Checklist.objects.filter(**of_cycle).count()} checklists",
    ]


def _stop_candidate(plans: list[ReviewPlan], step: Step, settings: TimelineSettings, taken: set[int]):
    """The review that did `step` most recently among those that stopping there leaves at that step:
    the one that would be least late standing at it today."""
    if step is Step.NOTIFICATION:  # done on the day a review starts
        done = [(plan.course.start, plan) for plan in plans if plan.course.start is not None]
    else:
        done = [(plan.course.completions[step], plan) for plan in plans if plan.course.done(step)]
    done.sort(key=lambda pair: (pair[0], pair[1].review.state.iso3), reverse=True)
    for _day, plan in done:
        if id(plan) not in taken and plan.course.stopped_at(step).stage(settings) == step.value:
            return plan
    return None


def _feature(plans: list[ReviewPlan], settings: TimelineSettings) -> dict[str, ReviewPlan]:
    """For each demo account, a review stopped at the step where its person has work to do."""
    featured: dict[str, ReviewPlan] = {}
    taken: set[int] = set()
    for account in ACCOUNTS:
        plan = _stop_candidate(plans, account.step, settings, taken)
        if plan is None:
            continue
        plan.course = plan.course.stopped_at(account.step)
        featured[account.username] = plan
        taken.add(id(plan))
    return featured


def _cover_every_stage(plans: list[ReviewPlan], settings: TimelineSettings, featured: set[int]) -> None:
    """Stop one review at each step no review stands at (the one that did it most recently), so every
    step of the timeline has a review to show; and leave one review not started if none is."""
    taken = set(featured)  # ids of the plans already stopped for an account
    present = {plan.course.stage(settings) for plan in plans}
    for step in Step:
        if step.value in present:
            continue
        plan = _stop_candidate(plans, step, settings, taken)
        if plan is not None:
            plan.course = plan.course.stopped_at(step)
            taken.add(id(plan))
    if not any(plan.course.start is None for plan in plans):
        latest = max(
            (plan for plan in plans if id(plan) not in taken and plan.course.start is not None),
            key=lambda plan: (plan.course.start, plan.review.state.iso3),
            default=None,
        )
        if latest is not None:
            latest.course = Course(None)


def _user(account: DemoAccount, state: State) -> User:
    first, _, last = account.full_name.partition(" ")
    user, created = User.objects.get_or_create(
        username=account.username,
        defaults={"first_name": first, "last_name": last, "email": f"{account.username}@example.org"},
    )
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save()
    Membership.objects.get_or_create(user=user, organisation=organisation_for_state(state), role=account.role)
    return user


def _accounts(featured: dict[str, ReviewPlan]) -> None:
    by_name = {account.username: account for account in ACCOUNTS}
    for username, plan in featured.items():
        account, review = by_name[username], plan.review
        if account.role == Role.FOCAL_POINT:
            review.focal_point = _user(account, review.state)
            review.save(update_fields=["focal_point"])
            continue
        reviewing = review.reviewers.order_by("position").first()
        if reviewing is None:
            continue
        user = _user(account, reviewing.state)
        listing, _ = GovernmentalExpert.objects.get_or_create(
            state=reviewing.state, user=user, defaults={"name": account.full_name, "email": user.email}
        )
        ExpertAssignment.objects.get_or_create(review=review, expert=listing)


def _account_lines() -> list[str]:
    """The demo accounts with the review each works on."""
    lines = []
    for account in ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            continue
        review = _review_of(user, account)
        where = f"review {review.slug}" if review is not None else "no review"
        lines.append(f"{account.username:<14} password {DEMO_PASSWORD}: {account.does} ({where})")
    return lines


def _review_of(user: User, account: DemoAccount) -> CountryReview | None:
    reviews = CountryReview.objects.filter(cycle=CYCLE).select_related("state")
    if account.role == Role.FOCAL_POINT:
        return reviews.filter(focal_point=user).first()
    return reviews.filter(assignments__expert__user=user).first()
