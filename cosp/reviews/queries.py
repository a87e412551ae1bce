"""Reads for the pages of one review, of "my reviews" and of the expert lists, with the rules of who
sees what already applied (access.py): the step and delay of every review are public, notices and
assignments are for the review's circle, experts' e-mails for those who keep the list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import QuerySet

from cosp.core.enums import OrganisationKind
from cosp.core.models import User
from cosp.states.models import State

from . import access, timeline
from .enums import Step as StepChoice
from .models import CountryReview, ExpertAssignment, GovernmentalExpert, Notice
from .notifications import OWNER_LABELS
from .services.experts import assignable_states
from .services.workflow import plan, plans
from .timeline import Status, StepState


@dataclass(frozen=True)
class StepRow:
    """One step of a review as a page shows it. `state` is None before the review starts."""

    step: timeline.Step
    label: str
    owner: str
    state: StepState | None = None
    overdue: bool = False
    days_late: int = 0
    may_record: bool = False  # the viewer may record it done now

    @property
    def status(self) -> Status:
        return self.state.status if self.state is not None else Status.NOT_STARTED


def step_rows(
    steps: list[StepState], today: dt.date, may_record: Callable[[timeline.Step], bool] | None = None
) -> list[StepRow]:
    """A row per step; for a review not started (no plan), the steps with their owners only.
    `may_record` is asked for open steps only (at most two), so a page costs few queries."""
    if not steps:
        return [
            StepRow(d.step, str(StepChoice(d.step.value).label), str(OWNER_LABELS[d.owner]))
            for d in timeline.STEPS
        ]
    return [
        StepRow(
            step=state.step,
            label=str(StepChoice(state.step.value).label),
            owner=str(OWNER_LABELS[state.owner]),
            state=state,
            # A step not open yet is never "late": its planned date (shown as such) moves with the
            # steps before it, and the open one carries the flag.
            overdue=state.status is Status.IN_PROGRESS and state.is_overdue(today),
            days_late=state.days_late(today) if state.status is not Status.NOT_STARTED else 0,
            may_record=state.status is Status.IN_PROGRESS
            and may_record is not None
            and may_record(state.step),
        )
        for state in steps
    ]


@dataclass(frozen=True)
class ReviewOverview:
    review: CountryReview
    rows: list[StepRow]
    current: StepRow | None  # the first step neither done nor skipped; None once ended or not started
    planned_end: dt.date | None
    in_circle: bool
    notices: list[Notice] = field(default_factory=list)  # circle only
    assignments: list[ExpertAssignment] = field(default_factory=list)  # circle only

    @property
    def started(self) -> bool:
        return self.review.started_on is not None

    @property
    def overdue(self) -> list[StepRow]:
        return [row for row in self.rows if row.overdue]


def review_overview(review: CountryReview, user, today: dt.date) -> ReviewOverview:
    """The public timetable of the review (each step, owner, due date, status, days late) and, for
    its circle, the notices sent and the assigned experts."""
    steps = plan(review)
    circle = access.in_circle(user, review)
    rows = step_rows(
        steps, today, (lambda step: access.may_record_step(user, review, step)) if circle else None
    )
    current = next((row for row in rows if row.state is not None and not row.state.finished), None)
    notices: list[Notice] = []
    assignments: list[ExpertAssignment] = []
    if circle:
        notices = list(review.notices.order_by("-sent_at", "-pk")[:50])
        assignments = list(
            review.assignments.select_related("expert__state").order_by("expert__state__iso3", "expert__name")
        )
    return ReviewOverview(
        review=review,
        rows=rows,
        current=current,
        planned_end=timeline.planned_end(steps) if steps else None,
        in_circle=circle,
        notices=notices,
        assignments=assignments,
    )


@dataclass(frozen=True)
class MyReview:
    review: CountryReview
    current: StepRow | None
    due_from_me: list[StepRow]  # open steps the person may record
    overdue: int  # how many steps are late now


def my_reviews(user, today: dt.date) -> list[MyReview]:
    """The reviews whose circle the user is in, each with its current step and the open steps the
    user may record. The plans of all come from one query (workflow.plans)."""
    reviews = list(
        access.reviews_in_circle(user, CountryReview.objects.with_parties()).order_by(
            "cycle", "year", "state__iso3"
        )
    )
    planned = plans(reviews)
    result = []
    for review in reviews:
        rows = step_rows(
            planned[review.pk], today, lambda step, review=review: access.may_record_step(user, review, step)
        )
        started = review.started_on is not None
        current = next((row for row in rows if started and not row.state.finished), None)
        result.append(
            MyReview(
                review=review,
                current=current,
                due_from_me=[row for row in rows if row.may_record],
                overdue=sum(1 for row in rows if row.overdue),
            )
        )
    return result


# --- Governmental experts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpertList:
    state: State
    experts: list[GovernmentalExpert]

    @property
    def active(self) -> int:
        return sum(1 for expert in self.experts if expert.active)


def expert_lists(
    states: Iterable[State] | None = None, *, include_inactive: bool = False
) -> list[ExpertList]:
    """Each State's list of governmental experts (RULES 4.5: public), by State; experts off the
    list only with `include_inactive` (for those who keep it)."""
    experts: QuerySet[GovernmentalExpert] = GovernmentalExpert.objects.select_related("state").order_by(
        "state__iso3", "name", "pk"
    )
    if states is not None:
        experts = experts.filter(state__in=list(states))
    if not include_inactive:
        experts = experts.filter(active=True)
    return [ExpertList(state, list(listed)) for state, listed in groupby(experts, key=lambda e: e.state)]


def expert_list(state: State, *, include_inactive: bool = False) -> ExpertList:
    found = expert_lists([state], include_inactive=include_inactive)
    return found[0] if found else ExpertList(state, [])


def officials_of(state: State) -> QuerySet[User]:
    """The active accounts of the State's delegation (any role): who may be its focal point or be
    linked to a listing."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation__kind=OrganisationKind.STATE,
            memberships__organisation__state=state,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


@dataclass(frozen=True)
class AssignmentPage:
    assignments: list[ExpertAssignment]  # everyone assigned
    mine: set[int]  # ids of the assigned experts this person may unassign
    candidates: list[GovernmentalExpert]  # experts this person may assign now


def assignment_page(review: CountryReview, user) -> AssignmentPage:
    """The review's assigned experts and, for `user`, the ones they may assign or unassign (a
    reviewing State's focal point: its own State's; the secretariat: every party's)."""
    states = assignable_states(review, user)
    assignments = list(
        review.assignments.select_related("expert__state").order_by("expert__state__iso3", "expert__name")
    )
    assigned = {assignment.expert_id for assignment in assignments}
    candidates = list(
        GovernmentalExpert.objects.filter(state_id__in=states, active=True)
        .exclude(pk__in=assigned)
        .select_related("state")
        .order_by("state__iso3", "name")
    )
    mine = {assignment.expert_id for assignment in assignments if assignment.expert.state_id in states}
    return AssignmentPage(assignments, mine, candidates)
