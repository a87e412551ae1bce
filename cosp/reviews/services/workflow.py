"""The workflow of one country review (RULES 4.6): its plan, and every change to it.

The plan is never stored: `plan(review)` rebuilds it with timeline.schedule from the review's start,
its StepRecords (done or skipped), its agreed direct dialogue and the configured durations. Each
change below is one entry point that, in one transaction:

1. locks the review row (two people recording at once cannot both pass the checks);
2. checks the rules and raises ReviewRuleError, saving nothing, when they refuse;
3. saves the change with who made it;
4. compares the plan before and after, and tells the people concerned about each step that the change
   opened (notifications.step_opened: a Notice per e-mail, the e-mails sent once the transaction
   commits).

Lateness is only ever flagged by the plan (StepState.is_overdue): a late step is recorded like any
other. What is refused is what did not happen: a step recorded twice, a step before the steps it waits
for, a date before the review started or in the future.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cosp.core.rules import states_of

from .. import access, notifications, timeline
from ..conf import timeline_settings
from ..cycles import get_cycle
from ..enums import Step as StepChoice
from ..models import CountryReview, StepRecord
from ..timeline import DirectDialogue, StepState, TimelineInputError
from .base import ReviewRuleError, record, refuse

Step = timeline.Step

# The rows of StepRecord the plan needs: (step, completed_on, skipped).
_RecordRow = tuple[str, dt.date, bool]


# --- The plan ------------------------------------------------------------------------------------------


def direct_dialogue(review: CountryReview) -> DirectDialogue | None:
    """The country visit or joint meeting with its agreed dates, if both dates are fixed."""
    if not (review.direct_dialogue_kind and review.direct_dialogue_starts and review.direct_dialogue_ends):
        return None
    try:
        return DirectDialogue(
            review.direct_dialogue_kind, review.direct_dialogue_starts, review.direct_dialogue_ends
        )
    except TimelineInputError:
        return None  # dates the services refuse; an old row must not break the page


def _schedule(
    review: CountryReview, rows: Iterable[_RecordRow], durations: timeline.TimelineSettings
) -> list[StepState]:
    if review.started_on is None:
        return []
    completions: dict[str, dt.date] = {}
    skipped: list[str] = []
    for step, completed_on, was_skipped in rows:
        if was_skipped:
            skipped.append(step)
        else:
            completions[step] = completed_on
    dialogue = direct_dialogue(review)
    if dialogue is not None and Step.DIRECT_DIALOGUE in skipped:
        skipped.remove(Step.DIRECT_DIALOGUE)  # the services never leave both; dates win if they did
    return timeline.schedule(
        review.started_on, completions, durations, direct_dialogue=dialogue, skipped=skipped
    )


def plan(review: CountryReview) -> list[StepState]:
    """Every step of the review with its status, start of clock and due date, in order; an empty
    list for a review not started yet (its clock has not begun). Uses prefetched step_records."""
    rows = [(r.step, r.completed_on, r.skipped) for r in review.step_records.all()]
    return _schedule(review, rows, timeline_settings())


def plans(reviews: Iterable[CountryReview]) -> dict[int, list[StepState]]:
    """plan() for many reviews, keyed by review id, with one query for all their step records
    (progress pages and "my reviews" plan hundreds at once)."""
    reviews = list(reviews)
    durations = timeline_settings()
    rows: dict[int, list[_RecordRow]] = defaultdict(list)
    for review_id, step, completed_on, skipped in StepRecord.objects.filter(
        review_id__in=[review.pk for review in reviews]
    ).values_list("review_id", "step", "completed_on", "skipped"):
        rows[review_id].append((step, completed_on, skipped))
    return {review.pk: _schedule(review, rows[review.pk], durations) for review in reviews}


def step_label(step: Step | str) -> str:
    """The step's name in the interface language."""
    return str(StepChoice(str(step)).label)


# --- Changes ---------------------------------------------------------------------------------------


def _locked(review: CountryReview) -> CountryReview:
    """The review re-read under a row lock, with what the checks and notices need."""
    return (
        CountryReview.objects.select_for_update(of=("self",))
        .select_related("state", "focal_point")
        .get(pk=review.pk)
    )


def _changed(review: CountryReview, change: Callable[[CountryReview], object]) -> None:
    """Apply `change` to the locked review and tell people about the steps it opened."""
    before = plan(review)
    change(review)  # `review` comes from _locked(): nothing prefetched, so plan() reads the change
    after = plan(review)
    opened = timeline.newly_open(before, after)
    if opened:
        notifications.step_opened(review, opened)


def _refresh(original: CountryReview, saved: CountryReview) -> None:
    """Give the caller's instance the values the service saved (it was re-read under the lock)."""
    original.focal_point = saved.focal_point
    for name in (
        "started_on",
        "language",
        "direct_dialogue_kind",
        "direct_dialogue_starts",
        "direct_dialogue_ends",
    ):
        setattr(original, name, getattr(saved, name))
    if hasattr(original, "_prefetched_objects_cache"):
        original._prefetched_objects_cache.pop("step_records", None)


def _day(day: dt.date) -> str:
    return date_format(day, "DATE_FORMAT")


def _step(value: Step | str) -> Step:
    try:
        return Step(value)
    except ValueError:
        raise ReviewRuleError(
            _("“%(step)s” is not a step of a country review."), code="unknown_step", params={"step": value}
        ) from None


def _check_manager(review: CountryReview, actor) -> None:
    """The secretariat fixes a review's timetable (RULES 4.5); None is the platform itself (demo,
    commands)."""
    if actor is not None and not actor.has_perm("reviews.manage_review", review):
        raise ReviewRuleError(
            _("Only the secretariat manages the timetable of a review."), code="not_allowed"
        )


def _check_day(review: CountryReview, on: dt.date, field: str = "on") -> None:
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise refuse(_("Give the day as a date."), code="not_a_date", field=field)
    if on > timezone.localdate():
        raise refuse(
            _("%(day)s is in the future: record a step on the day it was done."),
            code="future_date",
            field=field,
            day=_day(on),
        )
    if review.started_on is not None and on < review.started_on:
        raise refuse(
            _("The review started on %(start)s; a step cannot be done before that."),
            code="before_start",
            field=field,
            start=_day(review.started_on),
        )


def _records(review: CountryReview) -> dict[Step, StepRecord]:
    return {Step(r.step): r for r in StepRecord.objects.filter(review=review)}


def _check_can_complete(review: CountryReview, step: Step, on: dt.date, actor) -> None:
    if actor is not None and not access.may_record_step(actor, review, step):
        raise ReviewRuleError(
            _("You may not record the step “%(step)s” of this review."),
            code="not_allowed",
            params={"step": step_label(step)},
        )
    if review.started_on is None:
        raise ReviewRuleError(
            _("The review has not started: the secretariat first records its notification."),
            code="not_started",
        )
    records = _records(review)
    if step in records:
        existing = records[step]
        if existing.skipped:
            message = _("“%(step)s” was skipped: the State under review did not ask for one.")
        else:
            message = _("“%(step)s” is already recorded as done on %(day)s.")
        raise ReviewRuleError(
            message,
            code="already_recorded",
            params={"step": step_label(step), "day": _day(existing.completed_on)},
        )
    waiting = [other for other in timeline.DEFINITIONS[step].waits_for if other not in records]
    if waiting:
        raise ReviewRuleError(
            _("“%(step)s” waits for %(steps)s: record those first."),
            code="predecessors_open",
            params={"step": step_label(step), "steps": ", ".join(f"“{step_label(o)}”" for o in waiting)},
        )
    _check_day(review, on)


def _save_step(review: CountryReview, step: Step, on: dt.date, actor, note: str = "", skipped=False):
    step_record = StepRecord(
        review=review,
        step=step,
        completed_on=on,
        skipped=skipped,
        note=note,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    record(step_record, actor=actor, reason=f"reviews.step.{'skipped' if skipped else 'completed'}")
    return step_record


@transaction.atomic
def complete_step(
    review: CountryReview, step: Step | str, *, on: dt.date, actor, note: str = ""
) -> StepRecord:
    """Record that `step` of the review was done on `on`, and tell the people concerned about each
    step this opens.

    Refused (ReviewRuleError, nothing saved): an unknown step; an actor who may not record it
    (access.may_record_step; `actor=None` is the platform itself); a review not started; a step
    already recorded (or skipped); a step whose predecessors are not done or skipped; a date before
    the review started or in the future. A late step is recorded like any other.
    """
    step = _step(step)
    locked = _locked(review)
    _check_can_complete(locked, step, on, actor)
    saved: list[StepRecord] = []
    _changed(locked, lambda r: saved.append(_save_step(r, step, on, actor, note)))
    _refresh(review, locked)
    return saved[0]


@transaction.atomic
def start_review(review: CountryReview, *, on: dt.date, actor) -> StepRecord:
    """The secretariat notifies the State that its review starts (RULES 4.6 step 0): sets the
    review's start and records the notification done that day, which opens the nomination of the
    focal point and tells the State (its focal points, or the named one)."""
    locked = _locked(review)
    _check_manager(locked, actor)
    if locked.started_on is not None:
        raise ReviewRuleError(
            _("The review already started on %(day)s."),
            code="already_started",
            params={"day": _day(locked.started_on)},
        )
    _check_day(locked, on)
    saved: list[StepRecord] = []

    def start(r: CountryReview) -> None:
        r.started_on = on
        record(r, actor=actor, reason="reviews.review.started", update_fields=["started_on"])
        saved.append(_save_step(r, Step.NOTIFICATION, on, actor))

    _changed(locked, start)
    _refresh(review, locked)
    return saved[0]


@transaction.atomic
def nominate_focal_point(review: CountryReview, user, *, on: dt.date, actor) -> CountryReview:
    """The State under review names its focal point for the review (RULES 4.5, 4.6 step 1).

    The first nomination records the step done on `on`; a later one replaces the focal point and
    leaves the step as recorded. Refused: a user who is not an official of the State under review,
    an actor who may not record the step (its focal points and the secretariat may), and the
    refusals of complete_step for the first nomination."""
    locked = _locked(review)
    if actor is not None and not access.may_record_step(actor, locked, Step.FOCAL_POINT_NOMINATION):
        raise ReviewRuleError(
            _("Only the State under review or the secretariat names the focal point."), code="not_allowed"
        )
    if user is None or not user.is_active or locked.state_id not in states_of(user):
        raise refuse(
            _("The focal point must be an official of %(state)s, the State under review."),
            code="not_an_official",
            field="user",
            state=locked.state.short_name,
        )
    first = not StepRecord.objects.filter(review=locked, step=Step.FOCAL_POINT_NOMINATION).exists()
    if first:
        _check_can_complete(locked, Step.FOCAL_POINT_NOMINATION, on, None)

    def nominate(r: CountryReview) -> None:
        r.focal_point = user
        record(r, actor=actor, reason="reviews.review.focal_point", update_fields=["focal_point"])
        if first:
            _save_step(r, Step.FOCAL_POINT_NOMINATION, on, actor)

    _changed(locked, nominate)
    _refresh(review, locked)
    return review


@transaction.atomic
def set_language(review: CountryReview, language: str, *, actor) -> CountryReview:
    """The language of the review, as agreed at the kick-off call (RULES 4.5, 4.6 step 2): one of
    the six UN languages."""
    locked = _locked(review)
    _check_manager(locked, actor)
    if language not in dict(settings.LANGUAGES):
        raise refuse(
            _("“%(language)s” is not one of the six languages of the United Nations."),
            code="unknown_language",
            field="language",
            language=language,
        )
    locked.language = language
    record(locked, actor=actor, reason="reviews.review.language", update_fields=["language"])
    _refresh(review, locked)
    return review


@transaction.atomic
def defer_review(review: CountryReview, *, to_year: int, reason: str, actor) -> CountryReview:
    """The State under review defers its review to a later year of the cycle (DL-9). The conditions
    of a deferral are unconfirmed [U], so the secretariat records it with the reason the State gave;
    only a review that has not started can move, and only to a later year of its cycle. The year it
    was first drawn for is kept. Its reviewers stay as drawn; if the State wants them drawn again for
    the new year, it asks for a redraw (DL-6)."""
    locked = _locked(review)
    _check_manager(locked, actor)
    last_year = get_cycle(locked.cycle).years
    if locked.started_on is not None:
        raise refuse(
            _("The review started on %(day)s: only a review that has not started can be deferred."),
            code="already_started",
            field="to_year",
            day=_day(locked.started_on),
        )
    if not locked.year < to_year <= last_year:
        raise refuse(
            _("The review is drawn for year %(year)s: it can be deferred to a later year, up to %(last)s."),
            code="not_a_later_year",
            field="to_year",
            year=locked.year,
            last=last_year,
        )
    if not reason.strip():
        raise refuse(_("Say why the State defers its review (DL-9)."), code="no_reason", field="reason")
    locked.deferred_from_year = locked.deferred_from_year or locked.year
    locked.year = to_year
    record(
        locked,
        actor=actor,
        reason=f"reviews.review.deferred: {reason.strip()}",
        update_fields=["year", "deferred_from_year"],
    )
    _refresh(review, locked)
    return review


@transaction.atomic
def set_direct_dialogue(
    review: CountryReview, kind: str, starts: dt.date, ends: dt.date, *, actor
) -> CountryReview:
    """The country visit or joint meeting in Vienna the State under review asked for, with its
    agreed dates (RULES 4.6 step 7, 4.8): the step is then due on its last day. Setting dates after
    the step was skipped reopens it, unless the draft report it would precede is already done."""
    locked = _locked(review)
    _check_manager(locked, actor)
    for name, value in (("starts", starts), ("ends", ends)):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise refuse(_("Give the day as a date."), code="not_a_date", field=name)
    try:
        agreed = DirectDialogue(kind, starts, ends)
    except TimelineInputError as error:
        if error.field == "ends":
            raise refuse(
                _("A visit or meeting cannot end before it starts."), code="ends_before_start", field="ends"
            ) from None
        raise refuse(
            _("Choose a country visit or a joint meeting in Vienna."), code="unknown_kind", field="kind"
        ) from None
    if locked.started_on is not None and starts < locked.started_on:
        raise refuse(
            _("The review started on %(start)s; the visit cannot start before that."),
            code="before_start",
            field="starts",
            start=_day(locked.started_on),
        )
    records = _records(locked)
    skip = records.get(Step.DIRECT_DIALOGUE)
    if skip is not None and skip.skipped and Step.DRAFT_REPORT in records:
        raise ReviewRuleError(
            _("The draft report is already recorded without a visit or meeting; it cannot be added now."),
            code="too_late",
        )

    def set_dates(r: CountryReview) -> None:
        if skip is not None and skip.skipped:
            skip.delete()
        r.direct_dialogue_kind = agreed.kind.value
        r.direct_dialogue_starts = agreed.starts
        r.direct_dialogue_ends = agreed.ends
        record(
            r,
            actor=actor,
            reason="reviews.review.direct_dialogue",
            update_fields=["direct_dialogue_kind", "direct_dialogue_starts", "direct_dialogue_ends"],
        )

    _changed(locked, set_dates)
    _refresh(review, locked)
    return review


@transaction.atomic
def skip_direct_dialogue(review: CountryReview, *, actor) -> StepRecord:
    """The State under review does not ask for a country visit or joint meeting: the optional step
    is skipped (clearing any dates) and the draft report waits only for the active dialogue.
    Refused when the visit or meeting is already recorded as held, or already skipped."""
    locked = _locked(review)
    _check_manager(locked, actor)
    existing = StepRecord.objects.filter(review=locked, step=Step.DIRECT_DIALOGUE).first()
    if existing is not None:
        message = (
            _("The visit or meeting is already skipped.")
            if existing.skipped
            else _("The visit or meeting is recorded as held on %(day)s; it cannot be skipped.")
        )
        raise ReviewRuleError(message, code="already_recorded", params={"day": _day(existing.completed_on)})
    today = timezone.localdate()
    saved: list[StepRecord] = []

    def skip(r: CountryReview) -> None:
        if r.direct_dialogue_kind or r.direct_dialogue_starts or r.direct_dialogue_ends:
            r.direct_dialogue_kind, r.direct_dialogue_starts, r.direct_dialogue_ends = "", None, None
            record(
                r,
                actor=actor,
                reason="reviews.review.direct_dialogue",
                update_fields=["direct_dialogue_kind", "direct_dialogue_starts", "direct_dialogue_ends"],
            )
        # The schedule ignores a skipped step's day; it says when the decision was recorded.
        saved.append(_save_step(r, Step.DIRECT_DIALOGUE, today, actor, skipped=True))

    _changed(locked, skip)
    _refresh(review, locked)
    return saved[0]
