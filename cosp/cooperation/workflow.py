"""The life of a request between two central authorities, as plain rules (no database, no web code).

A request moves draft → sent → received → acknowledged → in execution → executed, partially executed,
refused or withdrawn. Each move belongs to one side: the requesting authority drafts, sends and may
withdraw; the requested authority records receipt, acknowledges, executes or refuses. Before refusing
(or postponing) the requested State consults the requesting State (art. 46(26)), so a refusal without a
recorded consultation is refused here, as is a refusal that gives no reason.

Deadlines count from the day a request was sent (acknowledgement) and from its acknowledgement
(execution); urgent requests have shorter ones. The days are settings (conf.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Status(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    IN_EXECUTION = "in_execution"
    EXECUTED = "executed"
    PARTIALLY_EXECUTED = "partially_executed"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class Side(StrEnum):
    REQUESTING = "requesting"
    REQUESTED = "requested"


class Reason(StrEnum):
    """Grounds given for refusing or delaying a request (the platform's own taxonomy)."""

    DUAL_CRIMINALITY = "dual_criminality"
    INSUFFICIENT_INFORMATION = "insufficient_information"
    BANK_SECRECY = "bank_secrecy"
    STATUTE_OF_LIMITATIONS = "statute_of_limitations"
    POLITICAL_OFFENCE = "political_offence"
    FISCAL_MATTERS = "fiscal_matters"
    NE_BIS_IN_IDEM = "ne_bis_in_idem"
    ESSENTIAL_INTERESTS = "essential_interests"
    ONGOING_PROCEEDINGS = "ongoing_proceedings"
    DE_MINIMIS = "de_minimis"
    NATIONALITY = "nationality"
    DISCRIMINATION = "discrimination"
    LANGUAGE = "language"
    OTHER = "other"


class Step(StrEnum):
    """The steps that have a deadline, each owed by the requested side."""

    ACKNOWLEDGE = "acknowledge"
    EXECUTE = "execute"


FINAL = frozenset({Status.EXECUTED, Status.PARTIALLY_EXECUTED, Status.REFUSED, Status.WITHDRAWN})
OPEN = frozenset({Status.SENT, Status.RECEIVED, Status.ACKNOWLEDGED, Status.IN_EXECUTION})

# (from, to) → the side that makes the move.
TRANSITIONS: dict[tuple[Status, Status], Side] = {
    (Status.DRAFT, Status.SENT): Side.REQUESTING,
    (Status.SENT, Status.RECEIVED): Side.REQUESTED,
    # Acknowledging a request that was never recorded as received records its receipt too.
    (Status.SENT, Status.ACKNOWLEDGED): Side.REQUESTED,
    (Status.RECEIVED, Status.ACKNOWLEDGED): Side.REQUESTED,
    (Status.ACKNOWLEDGED, Status.IN_EXECUTION): Side.REQUESTED,
    **{
        (start, end): Side.REQUESTED
        for start in (Status.ACKNOWLEDGED, Status.IN_EXECUTION)
        for end in (Status.EXECUTED, Status.PARTIALLY_EXECUTED)
    },
    **{
        (start, Status.REFUSED): Side.REQUESTED
        for start in (Status.RECEIVED, Status.ACKNOWLEDGED, Status.IN_EXECUTION)
    },
    **{(start, Status.WITHDRAWN): Side.REQUESTING for start in (Status.DRAFT, *OPEN)},
}

# Reasons the Convention says may not be the only ground for refusing: flagged, not forbidden, since
# the requested State answers for its refusal; the page and the statistics show the flag.
NOT_A_GROUND: dict[Reason, str] = {
    Reason.BANK_SECRECY: "46(8)",
    Reason.FISCAL_MATTERS: "46(22)",
}


STATUS_LABELS = {
    Status.DRAFT: gettext_lazy("draft"),
    Status.SENT: gettext_lazy("sent"),
    Status.RECEIVED: gettext_lazy("received"),
    Status.ACKNOWLEDGED: gettext_lazy("acknowledged"),
    Status.IN_EXECUTION: gettext_lazy("in execution"),
    Status.EXECUTED: gettext_lazy("executed"),
    Status.PARTIALLY_EXECUTED: gettext_lazy("partially executed"),
    Status.REFUSED: gettext_lazy("refused"),
    Status.WITHDRAWN: gettext_lazy("withdrawn"),
}
SIDE_LABELS = {Side.REQUESTING: gettext_lazy("requesting"), Side.REQUESTED: gettext_lazy("requested")}


class MoveRefused(Exception):
    """A move the rules do not allow; the message says why."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def moves_for(status: Status | str, side: Side | None) -> list[Status]:
    """The statuses `side` may move a request at `status` to, in the order of the life cycle."""
    if side is None:
        return []
    status = Status(status)
    return [end for (start, end), owner in TRANSITIONS.items() if start is status and owner is side]


def check_move(
    status: Status | str,
    target: Status | str,
    side: Side | None,
    *,
    consulted: bool = False,
    reasons: Iterable[Reason | str] = (),
) -> None:
    """Raise MoveRefused unless `side` may move a request from `status` to `target` now."""
    status, target = Status(status), Status(target)
    owner = TRANSITIONS.get((status, target))
    if owner is None:
        raise MoveRefused(
            _("A request that is %(status)s cannot become %(target)s.")
            % {"status": STATUS_LABELS[status], "target": STATUS_LABELS[target]},
            "no_such_move",
        )
    if side is not owner:
        raise MoveRefused(
            _("Only the %(side)s State's central authority can make a request %(target)s.")
            % {"side": SIDE_LABELS[owner], "target": STATUS_LABELS[target]},
            "wrong_side",
        )
    if target is Status.REFUSED:
        if not consulted:
            raise MoveRefused(
                _(
                    "Before refusing, consult the requesting State (article 46(26)) and record the "
                    "consultation on the request."
                ),
                "consultation_required",
            )
        if not list(reasons):
            raise MoveRefused(_("A refusal must give at least one reason."), "reason_required")


def flagged(reasons: Iterable[Reason | str]) -> list[tuple[Reason, str]]:
    """The reasons given that the Convention excludes as a ground for refusal, with the paragraph."""
    return [(Reason(r), NOT_A_GROUND[Reason(r)]) for r in reasons if Reason(r) in NOT_A_GROUND]


# --- Deadlines ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineSettings:
    acknowledge_days: int = 10
    execute_days: int = 90
    urgent_acknowledge_days: int = 3
    urgent_execute_days: int = 30
    reminder_repeat_days: int = 7


@dataclass(frozen=True)
class Dates:
    """What a deadline needs to know of a request."""

    status: Status
    urgent: bool
    sent_on: dt.date | None = None
    acknowledged_on: dt.date | None = None


@dataclass(frozen=True)
class Due:
    step: Step
    side: Side
    due: dt.date
    days_late: int  # 0 when not yet late

    @property
    def overdue(self) -> bool:
        return self.days_late > 0


def pending(dates: Dates, settings: DeadlineSettings, today: dt.date) -> list[Due]:
    """The step still owed on an open request, with its due date and how late it is."""
    status = Status(dates.status)
    if status in (Status.SENT, Status.RECEIVED) and dates.sent_on:
        days = settings.urgent_acknowledge_days if dates.urgent else settings.acknowledge_days
        step, start = Step.ACKNOWLEDGE, dates.sent_on
    elif status in (Status.ACKNOWLEDGED, Status.IN_EXECUTION) and (dates.acknowledged_on or dates.sent_on):
        days = settings.urgent_execute_days if dates.urgent else settings.execute_days
        step, start = Step.EXECUTE, dates.acknowledged_on or dates.sent_on
    else:
        return []
    due = start + dt.timedelta(days=days)
    return [Due(step, Side.REQUESTED, due, max(0, (today - due).days))]


def reminder_due(due: Due, last_sent: dt.date | None, settings: DeadlineSettings, today: dt.date) -> bool:
    """Whether to remind the owing side of an overdue step today: once it is late, then again every
    `reminder_repeat_days` days, never twice on one day."""
    if not due.overdue:
        return False
    if last_sent is None:
        return True
    return (today - last_sent).days >= max(1, settings.reminder_repeat_days)
