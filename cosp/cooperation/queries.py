"""Reads that encode rules: a user's requests with their deadlines (overdue first), and the facts the
anonymous statistics are computed from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch

from . import access, statistics, workflow
from .conf import deadline_settings, statistics_threshold
from .enums import LegalBasis, Reason, ReasonPurpose, RequestKind, Status
from .models import ReasonGiven, Request


@dataclass
class Row:
    request: Request
    side: workflow.Side
    due: workflow.Due | None

    @property
    def incoming(self) -> bool:
        return self.side is workflow.Side.REQUESTED

    @property
    def counterpart(self):
        return self.request.requesting_state if self.incoming else self.request.requested_state

    @property
    def overdue(self) -> bool:
        return bool(self.due and self.due.overdue)


def my_requests(
    user,
    today: dt.date,
    *,
    direction: str = "",
    status: str = "",
    kind: str = "",
    overdue_only: bool = False,
) -> list[Row]:
    """The user's authority's requests, filtered, overdue first (the most late first), then newest."""
    requests = access.visible_requests(user).select_related("requesting_state", "requested_state")
    states = access.authority_states(user)
    if direction == "incoming":
        requests = requests.filter(requested_state__in=states)
    elif direction == "outgoing":
        requests = requests.filter(requesting_state__in=states)
    if status:
        requests = requests.filter(status=status)
    if kind:
        requests = requests.filter(kind=kind)
    settings = deadline_settings()
    rows = [row for request in requests if (row := row_of(user, request, today, settings)) is not None]
    if overdue_only:
        rows = [row for row in rows if row.overdue]
    rows.sort(key=lambda row: -row.due.days_late if row.overdue else 0)  # stable: newest first otherwise
    return rows


def row_of(user, request: Request, today: dt.date, settings=None) -> Row | None:
    """One request as the user's authority sees it (its side and next deadline); None if it may not."""
    side = access.side_of(user, request)
    if side is None:
        return None
    due = next(iter(workflow.pending(request.dates(), settings or deadline_settings(), today)), None)
    return Row(request, side, due)


def timeline(request: Request) -> list[tuple[dt.date, str, object]]:
    """Everything recorded on a request in date order: (date, kind, record)."""
    entries: list[tuple[dt.date, str, object]] = []
    entries += [(c.on, "status", c) for c in request.changes.select_related("actor")]
    entries += [(c.held_on, "consultation", c) for c in request.consultations.select_related("actor")]
    entries += [(r.recorded_at.date(), "reason", r) for r in request.reasons.select_related("actor")]
    entries += [(m.recorded_at.date(), "message", m) for m in request.messages.select_related("actor")]
    entries += [(a.recorded_at.date(), "attachment", a) for a in request.attachments.select_related("actor")]
    order = {"status": 0, "consultation": 1, "reason": 2, "attachment": 3, "message": 4}
    entries.sort(key=lambda entry: (entry[0], order[entry[1]]))
    return entries


def statistic_facts() -> list[statistics.Facts]:
    """The anonymous facts of every sent request: no State, no reference, no text."""
    requests = (
        Request.objects.exclude(status=Status.DRAFT)
        .exclude(sent_on=None)
        .only(
            "kind",
            "status",
            "legal_basis",
            "sent_on",
            "acknowledged_on",
            "executed_on",
            "refused_on",
            "withdrawn_on",
        )
        .prefetch_related(
            Prefetch(
                "reasons",
                queryset=ReasonGiven.objects.filter(purpose=ReasonPurpose.REFUSAL).only(
                    "request_id", "reason"
                ),
                to_attr="refusals",
            )
        )
    )
    return [
        statistics.Facts(
            kind=request.kind,
            status=request.status,
            legal_basis=request.legal_basis,
            year=request.sent_on.year,
            sent_on=request.sent_on,
            acknowledged_on=request.acknowledged_on,
            closed_on=request.executed_on or request.refused_on or request.withdrawn_on,
            refusal_reasons=tuple(sorted({given.reason for given in request.refusals})),
        )
        for request in requests
    ]


def statistics_report() -> statistics.Report:
    return statistics.report(
        statistic_facts(),
        kinds=RequestKind.values,
        statuses=[value for value in Status.values if value != Status.DRAFT],
        bases=LegalBasis.values,
        reasons=Reason.values,
        threshold=statistics_threshold(),
    )
