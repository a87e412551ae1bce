"""The indicative timeline of one country review (RULES.md 4.6), from the notification to publication.

A review runs through fixed steps (`Step`), each owned by one party (`Owner`) and given an indicative
duration (`TimelineSettings`). `schedule()` turns the review's start and the days on which steps were
actually completed into one `StepState` per step: its status, the day its clock started and its due
date. A step's due date runs from the actual completion of the step(s) it waits for, or from their
planned due date while they are not done (RULES.md 4.6, last paragraph), so a late step pushes the
plan of everything after it. Lateness is only ever flagged (`overdue`): a late step can still be
completed, and completing steps out of order is recorded as it happened, never refused.

The optional direct dialogue (a country visit or a joint meeting in Vienna, RULES.md 4.6 step 7)
runs alongside the active dialogue: it starts with it, is due on the last day of its agreed dates (or
with the dialogue when no dates are fixed yet), and the draft report waits for both. When the State
under review does not ask for one, the step is skipped.

Durations are defaults taken from RULES.md 4.6; where the sources disagree or say nothing, the
default is ours and says so (see `TimelineSettings`). Chained one after the other they add up to
well over the ~6 months the slides plan for the whole review: the sources give each step's limit,
not how the limits overlap, so the plan shown is the sum and the flag says which step is late.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum


class TimelineInputError(ValueError):
    """Input the timeline cannot use; `field` names the value at fault."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class Step(StrEnum):
    """The steps of a country review in their order (RULES.md 4.6, steps 0-11)."""

    NOTIFICATION = "notification"  # step 0: the secretariat notifies the start of the review
    FOCAL_POINT_NOMINATION = "focal_point_nomination"  # step 1
    KICK_OFF_CALL = "kick_off_call"  # step 2: dates, language of the review, division of labour
    SELF_ASSESSMENT = "self_assessment"  # step 3: the checklist response
    CIRCULATION = "circulation"  # step 4: response sent to the experts, translated where needed
    DESK_REVIEW = "desk_review"  # step 5
    DESK_REVIEW_CALL = "desk_review_call"  # step 6
    DIALOGUE = "dialogue"  # step 7: active dialogue (calls, e-mail)
    DIRECT_DIALOGUE = "direct_dialogue"  # step 7, optional: country visit or joint meeting in Vienna
    DRAFT_REPORT = "draft_report"  # step 8
    DRAFT_COMMENTS = "draft_comments"  # step 8: the experts comment on the preliminary draft
    AGREEMENT = "agreement"  # steps 9-10: report and summary approved by the State under review
    EXECUTIVE_SUMMARY = "executive_summary"  # step 11: the summary in its final form
    TRANSLATION = "translation"  # step 11: into the six UN languages
    PUBLICATION = "publication"  # step 11: issued as an IRG document; the review ends


class Owner(StrEnum):
    """Who must act for a step to be done."""

    SECRETARIAT = "secretariat"
    STATE_UNDER_REVIEW = "state_under_review"
    REVIEWING_EXPERTS = "reviewing_experts"
    ALL = "all"


class Recipient(StrEnum):
    """Whom to tell that a step is open: roles in the review, never addresses (the caller resolves
    them to people). `STATE_UNDER_REVIEW` is the State itself, through its official channel, for the
    time before it has named a focal point."""

    SECRETARIAT = "secretariat"
    FOCAL_POINT = "focal_point"
    REVIEWING_EXPERTS = "reviewing_experts"
    STATE_UNDER_REVIEW = "state_under_review"


class Status(StrEnum):
    NOT_STARTED = "not_started"  # a step it waits for is not done yet
    IN_PROGRESS = "in_progress"  # open: everything it waits for is done or skipped
    DONE = "done"
    SKIPPED = "skipped"  # only an optional step (the direct dialogue)


class DirectDialogueKind(StrEnum):
    COUNTRY_VISIT = "country_visit"
    JOINT_MEETING_VIENNA = "joint_meeting_vienna"  # at UNODC in Vienna


# --- Durations and settings --------------------------------------------------------------------------

_DURATION_PART = re.compile(r"(\d+)\s*(month|week|day)s?\b", re.IGNORECASE)
_DURATION_FILLER = re.compile(r"[\s,]+|\band\b", re.IGNORECASE)


@dataclass(frozen=True)
class Duration:
    """An indicative duration in calendar months, weeks and days ('1 month' is a calendar month:
    31 January + 1 month = 28 or 29 February)."""

    months: int = 0
    weeks: int = 0
    days: int = 0

    def __post_init__(self) -> None:
        for name in ("months", "weeks", "days"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise TimelineInputError(name, f"a duration part is a whole number ≥ 0, got {value!r}")

    def after(self, day: dt.date) -> dt.date:
        """The day this long after `day`."""
        month_index = day.month - 1 + self.months
        year, month = day.year + month_index // 12, month_index % 12 + 1
        # Clamp to the month's last day rather than overflow into the next month.
        moved = day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))
        return moved + dt.timedelta(weeks=self.weeks, days=self.days)

    @classmethod
    def parse(cls, value: Duration | int | str) -> Duration:
        """'2 months', '3 weeks', '1 month 2 weeks', '14 days', or an int (days)."""
        if isinstance(value, Duration):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(days=value)
        if not isinstance(value, str) or not value.strip():
            raise TimelineInputError(
                "duration", f"expected e.g. '2 months', '3 weeks' or a number of days, got {value!r}"
            )
        text = value.strip()
        parts = list(_DURATION_PART.finditer(text))
        if not parts or _DURATION_FILLER.sub("", _DURATION_PART.sub("", text)):
            raise TimelineInputError("duration", f"cannot read {value!r}: write e.g. '2 months' or '3 weeks'")
        amounts = {"month": 0, "week": 0, "day": 0}
        for part in parts:
            amounts[part.group(2).lower()] += int(part.group(1))
        return cls(months=amounts["month"], weeks=amounts["week"], days=amounts["day"])

    def __str__(self) -> str:
        parts = [
            f"{count} {unit}{'' if count == 1 else 's'}"
            for count, unit in ((self.months, "month"), (self.weeks, "week"), (self.days, "day"))
            if count
        ]
        return " ".join(parts) or "0 days"


@dataclass(frozen=True)
class TimelineSettings:
    """The indicative duration of each step, counted from the end of the step(s) it waits for.

    One field per `Step`, named by its value, so a deployment can override any of them by name
    (`TimelineSettings.from_mapping({"self_assessment": "1 month"})`, e.g. from a Django setting).

    From RULES.md 4.6 (and the rule list in section 7, item 8):
    - focal point nominated within 3 weeks of the notification [C];
    - kick-off call within 1 month [C];
    - self-assessment within 2 months: the UNODC slides say 2 months, an NGO guide 1 month, and the
      Guidelines text that would settle it was not read [U] — default 2 months, the official source;
    - desk review within 1 month of receiving the response [C~];
    - active dialogue about 2 months [C~];
    - reviewing experts comment on the preliminary draft within 2 weeks of receipt [C~];
    - translation and issue of the executive summary within 1-2 months (slide labels) [C~]: split here
      as 1 month to translate and 1 month to issue, the upper end of the range.
    Not given by any source, so ours [U], to be set by the secretariat: the notification on the day
    the review starts (0 days); circulation 2 weeks (it includes translation of the response); the
    desk-review call 2 weeks; the draft report 1 month; agreement on the report 1 month; the
    executive summary's final form 2 weeks.
    `direct_dialogue` None means: due with the active dialogue unless the visit's dates are agreed.
    """

    notification: Duration = Duration()
    focal_point_nomination: Duration = Duration(weeks=3)
    kick_off_call: Duration = Duration(months=1)
    self_assessment: Duration = Duration(months=2)
    circulation: Duration = Duration(weeks=2)
    desk_review: Duration = Duration(months=1)
    desk_review_call: Duration = Duration(weeks=2)
    dialogue: Duration = Duration(months=2)
    direct_dialogue: Duration | None = None
    draft_report: Duration = Duration(months=1)
    draft_comments: Duration = Duration(weeks=2)
    agreement: Duration = Duration(months=1)
    executive_summary: Duration = Duration(weeks=2)
    translation: Duration = Duration(months=1)
    publication: Duration = Duration(months=1)

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if value is None and item.name == Step.DIRECT_DIALOGUE:
                continue
            try:
                object.__setattr__(self, item.name, Duration.parse(value))
            except TimelineInputError as error:
                raise TimelineInputError(item.name, error.problem) from None

    def duration(self, step: Step | str) -> Duration:
        """The indicative duration of `step` (the direct dialogue falls back to the dialogue's)."""
        value = getattr(self, Step(step).value)
        return self.dialogue if value is None else value

    @classmethod
    def from_mapping(cls, overrides: Mapping[str, Duration | int | str] | None) -> TimelineSettings:
        """Defaults with the given steps overridden, e.g. {'self_assessment': '1 month'}; an unknown
        step name is refused, so a typo in a setting cannot silently leave a default in place."""
        overrides = dict(overrides or {})
        unknown = sorted(set(overrides) - {step.value for step in Step})
        if unknown:
            known = ", ".join(step.value for step in Step)
            raise TimelineInputError("settings", f"unknown steps {unknown}; the steps are: {known}")
        return cls(**overrides)


DEFAULT_SETTINGS = TimelineSettings()


# --- The steps -------------------------------------------------------------------------------------

_SR, _FP, _EX, _SUR = (
    Recipient.SECRETARIAT,
    Recipient.FOCAL_POINT,
    Recipient.REVIEWING_EXPERTS,
    Recipient.STATE_UNDER_REVIEW,
)


@dataclass(frozen=True)
class StepDefinition:
    step: Step
    owner: Owner
    rule: str  # where the step comes from, for people reading a plan
    waits_for: tuple[Step, ...]  # empty: runs from the review's start
    notify: frozenset[Recipient]  # told when the step opens
    optional: bool = False


def _waits_for() -> dict[Step, tuple[Step, ...]]:
    order = list(Step)
    waits = {step: (order[index - 1],) if index else () for index, step in enumerate(order)}
    # The direct dialogue runs alongside the active dialogue; the draft report waits for both.
    waits[Step.DIRECT_DIALOGUE] = (Step.DESK_REVIEW_CALL,)
    waits[Step.DRAFT_REPORT] = (Step.DIALOGUE, Step.DIRECT_DIALOGUE)
    return waits


_WAITS_FOR = _waits_for()


def _define(
    step: Step, owner: Owner, rule: str, notify: Iterable[Recipient], optional: bool = False
) -> StepDefinition:
    return StepDefinition(step, owner, rule, _WAITS_FOR[step], frozenset(notify), optional)


STEPS: tuple[StepDefinition, ...] = (
    # The notification goes out after the draw (DL-1, DL-3); the secretariat sends it. Until the State
    # names a focal point, it is reached through its official channel.
    _define(Step.NOTIFICATION, Owner.SECRETARIAT, "RULES 4.6 step 0", [_SR]),
    _define(Step.FOCAL_POINT_NOMINATION, Owner.STATE_UNDER_REVIEW, "RULES 4.6 step 1", [_SUR]),
    _define(Step.KICK_OFF_CALL, Owner.SECRETARIAT, "RULES 4.6 step 2", [_SR, _FP, _EX]),
    _define(Step.SELF_ASSESSMENT, Owner.STATE_UNDER_REVIEW, "RULES 4.6 step 3, 4.7", [_FP]),
    _define(Step.CIRCULATION, Owner.SECRETARIAT, "RULES 4.6 step 4", [_SR]),
    _define(Step.DESK_REVIEW, Owner.REVIEWING_EXPERTS, "RULES 4.6 step 5", [_EX]),
    _define(Step.DESK_REVIEW_CALL, Owner.SECRETARIAT, "RULES 4.6 step 6", [_SR, _FP, _EX]),
    _define(Step.DIALOGUE, Owner.ALL, "RULES 4.6 step 7", [_SR, _FP, _EX]),
    # Only if the State under review asks for or agrees to it; the secretariat facilitates.
    _define(Step.DIRECT_DIALOGUE, Owner.ALL, "RULES 4.6 step 7, 4.8", [_SR, _FP, _EX], optional=True),
    # The experts draft with the secretariat's help (4.8); the secretariat is told so it can assist.
    _define(Step.DRAFT_REPORT, Owner.REVIEWING_EXPERTS, "RULES 4.6 step 8, 4.8", [_EX, _SR]),
    _define(Step.DRAFT_COMMENTS, Owner.REVIEWING_EXPERTS, "RULES 4.6 step 8", [_EX]),
    # The report and summary go to the State under review for approval (step 9); agreement is by
    # consensus with the reviewers (step 10), so the experts are told as well.
    _define(Step.AGREEMENT, Owner.STATE_UNDER_REVIEW, "RULES 4.6 steps 9-10", [_FP, _EX]),
    _define(Step.EXECUTIVE_SUMMARY, Owner.SECRETARIAT, "RULES 4.6 step 11, 4.8", [_SR]),
    _define(Step.TRANSLATION, Owner.SECRETARIAT, "RULES 4.6 step 11", [_SR]),
    # Everyone hears when the summary is out: the review has ended.
    _define(Step.PUBLICATION, Owner.SECRETARIAT, "RULES 4.6 step 11, 4.9", [_SR, _FP, _EX]),
)
DEFINITIONS: Mapping[Step, StepDefinition] = {definition.step: definition for definition in STEPS}
OPTIONAL_STEPS = frozenset(definition.step for definition in STEPS if definition.optional)


def recipients(step: Step | str) -> frozenset[Recipient]:
    """Whom to tell when `step` opens (roles, not addresses)."""
    return DEFINITIONS[Step(step)].notify


def owner(step: Step | str) -> Owner:
    return DEFINITIONS[Step(step)].owner


# --- The plan of one review ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DirectDialogue:
    """The country visit or joint meeting the State under review asked for, with its agreed dates."""

    kind: DirectDialogueKind
    starts: dt.date
    ends: dt.date

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "kind", DirectDialogueKind(self.kind))
        except ValueError:
            kinds = ", ".join(DirectDialogueKind)
            raise TimelineInputError("kind", f"{self.kind!r} is not one of {kinds}") from None
        if self.ends < self.starts:
            raise TimelineInputError("ends", "a visit or meeting cannot end before it starts")


@dataclass(frozen=True)
class StepState:
    """One step of one review as planned and as it went."""

    step: Step
    owner: Owner
    status: Status
    starts: dt.date  # when its clock started: the end (actual, or planned) of what it waits for
    due: dt.date
    completed: dt.date | None = None
    # True while the due date rests on a planned date of an earlier step rather than on what happened.
    estimated: bool = False
    optional: bool = False
    notify: frozenset[Recipient] = field(default_factory=frozenset)
    direct_dialogue: DirectDialogue | None = None

    @property
    def finished(self) -> bool:
        return self.status in (Status.DONE, Status.SKIPPED)

    @property
    def end(self) -> dt.date:
        """The day the next steps count from: the actual completion, else the planned due date."""
        return self.completed if self.completed is not None else self.due

    def is_overdue(self, today: dt.date) -> bool:
        """Past its due date and not yet done (a flag only: the step stays open to completion)."""
        return not self.finished and today > self.due

    def days_late(self, today: dt.date) -> int:
        """Days past the due date: at completion for a done step, as of `today` for an open one."""
        if self.status is Status.SKIPPED:
            return 0
        reference = self.completed if self.completed is not None else today
        return max(0, (reference - self.due).days)

    @property
    def completed_late(self) -> bool:
        return self.completed is not None and self.completed > self.due


def schedule(
    start: dt.date,
    completions: Mapping[Step | str, dt.date] | None = None,
    settings: TimelineSettings = DEFAULT_SETTINGS,
    *,
    direct_dialogue: DirectDialogue | None = None,
    skipped: Collection[Step | str] = (),
) -> list[StepState]:
    """Every step of a review that started on `start`, in order, given the day each finished step
    was completed. `skipped` may name only optional steps (the direct dialogue, when none is held).

    Completion dates are taken as recorded: a step done before an earlier one is not refused, and
    its successors count from its actual completion.
    """
    done = _clean_completions(start, completions or {})
    skip = _clean_skipped(skipped, done, direct_dialogue)

    states: dict[Step, StepState] = {}
    for definition in STEPS:
        step = definition.step
        before = [states[other] for other in definition.waits_for]
        clock = max((state.end for state in before), default=start)
        estimated = any(_end_is_planned(state) for state in before)
        if step in skip:
            states[step] = StepState(
                step=step,
                owner=definition.owner,
                status=Status.SKIPPED,
                starts=clock,
                due=clock,  # takes no time: what waits for it counts from the same day
                estimated=estimated,
                optional=definition.optional,
                notify=definition.notify,
            )
            continue
        if step is Step.DIRECT_DIALOGUE and direct_dialogue is not None:
            due = direct_dialogue.ends  # the agreed dates, not an indicative duration
            estimated = False
        else:
            due = settings.duration(step).after(clock)
        completed = done.get(step)
        if completed is not None:
            status = Status.DONE
        elif all(state.finished for state in before):
            status = Status.IN_PROGRESS
        else:
            status = Status.NOT_STARTED
        states[step] = StepState(
            step=step,
            owner=definition.owner,
            status=status,
            starts=clock,
            due=due,
            completed=completed,
            estimated=estimated,
            optional=definition.optional,
            notify=definition.notify,
            direct_dialogue=direct_dialogue if step is Step.DIRECT_DIALOGUE else None,
        )
    return [states[definition.step] for definition in STEPS]


def _end_is_planned(state: StepState) -> bool:
    # A skipped step ends when its own clock started, so it is as planned as that clock.
    if state.completed is not None:
        return False
    return state.estimated if state.status is Status.SKIPPED else True


def _clean_completions(start: dt.date, completions: Mapping[Step | str, dt.date]) -> dict[Step, dt.date]:
    cleaned: dict[Step, dt.date] = {}
    for key, day in completions.items():
        try:
            step = Step(key)
        except ValueError:
            raise TimelineInputError("completions", f"{key!r} is not a step") from None
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise TimelineInputError(step.value, f"a completion is a date, got {day!r}")
        if day < start:
            raise TimelineInputError(step.value, f"completed on {day} before the review started on {start}")
        cleaned[step] = day
    return cleaned


def _clean_skipped(
    skipped: Collection[Step | str], done: Mapping[Step, dt.date], direct_dialogue: DirectDialogue | None
) -> frozenset[Step]:
    steps: set[Step] = set()
    for key in skipped:
        try:
            step = Step(key)
        except ValueError:
            raise TimelineInputError("skipped", f"{key!r} is not a step") from None
        if step not in OPTIONAL_STEPS:
            raise TimelineInputError("skipped", f"{step.value} is not optional and cannot be skipped")
        if step in done:
            raise TimelineInputError("skipped", f"{step.value} is recorded as done, so it was not skipped")
        if step is Step.DIRECT_DIALOGUE and direct_dialogue is not None:
            raise TimelineInputError("skipped", "a direct dialogue with dates cannot also be skipped")
        steps.add(step)
    return frozenset(steps)


# --- Questions about a plan ---------------------------------------------------------------------------


def current_step(steps: Iterable[StepState]) -> StepState | None:
    """The first step in order that is neither done nor skipped; None once the review has ended."""
    return next((state for state in steps if not state.finished), None)


def open_steps(steps: Iterable[StepState]) -> list[StepState]:
    """The steps open for work now (the active and the direct dialogue can be open together)."""
    return [state for state in steps if state.status is Status.IN_PROGRESS]


def overdue(steps: Iterable[StepState], today: dt.date) -> list[StepState]:
    """The steps past their due date and not done, in order. Flagged only, never blocked."""
    return [state for state in steps if state.is_overdue(today)]


def is_complete(steps: Iterable[StepState]) -> bool:
    """The review has ended: every step is done or skipped (publication included)."""
    return all(state.finished for state in steps)


def newly_open(before: Iterable[StepState], after: Iterable[StepState]) -> list[StepState]:
    """The steps open in `after` that were not open in `before`: the ones whose `notify` roles
    should now be told (for example after a completion is recorded)."""
    was_open = {state.step for state in before if state.status is Status.IN_PROGRESS}
    return [state for state in after if state.status is Status.IN_PROGRESS and state.step not in was_open]


def planned_end(steps: Iterable[StepState]) -> dt.date:
    """When the review is expected to end as things stand (publication's completion or due date)."""
    by_step = {state.step: state for state in steps}
    return by_step[Step.PUBLICATION].end


def with_settings(settings: TimelineSettings, **overrides: Duration | int | str) -> TimelineSettings:
    """A copy of `settings` with some steps' durations changed (e.g. one review's agreed dates)."""
    return replace(settings, **overrides)
