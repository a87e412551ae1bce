"""Requests between central authorities in the API, under the same access check as the pages
(access.py): a user's own authority's requests; one request answers 404 to anyone who may not see it,
the same as a missing one; anonymous statistics with small cells suppressed."""

import datetime as dt

from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from cosp.core.api import check_perm

from . import access, queries

router = Router(tags=["cooperation"])


class RequestOut(Schema):
    id: int
    direction: str
    requesting_state: str
    requested_state: str
    kind: str
    asset_recovery_step: str
    legal_basis: str
    treaty: str
    offences: list[int]
    urgency: str
    requesting_reference: str
    requested_reference: str
    subject: str
    status: str
    sent_on: dt.date | None
    received_on: dt.date | None
    acknowledged_on: dt.date | None
    executed_on: dt.date | None
    refused_on: dt.date | None
    withdrawn_on: dt.date | None
    due: dt.date | None
    days_late: int


class ChangeOut(Schema):
    status: str
    on: dt.date


class ReasonOut(Schema):
    purpose: str
    reason: str
    note: str


class RequestDetailOut(RequestOut):
    changes: list[ChangeOut]
    consultations: list[dt.date]
    reasons: list[ReasonOut]


class CountOut(Schema):
    key: str
    count: int | None  # null when suppressed


class CellOut(Schema):
    row: str
    column: str
    count: int | None


class DurationOut(Schema):
    kind: str
    median_days_to_acknowledge: int | None
    median_days_to_close: int | None


class StatisticsOut(Schema):
    threshold: int
    total: int | None
    by_kind: list[CountOut]
    by_status: list[CountOut]
    by_legal_basis: list[CountOut]
    by_year: list[CountOut]
    status_by_kind: list[CellOut]
    refusal_reasons_by_kind: list[CellOut]
    durations: list[DurationOut]


def _out(row: queries.Row) -> dict:
    item = row.request
    return {
        "id": item.pk,
        "direction": "incoming" if row.incoming else "outgoing",
        "requesting_state": item.requesting_state.iso3,
        "requested_state": item.requested_state.iso3,
        "kind": item.kind,
        "asset_recovery_step": item.asset_recovery_step,
        "legal_basis": item.legal_basis,
        "treaty": item.treaty,
        "offences": sorted(article.number for article in item.offences.all()),
        "urgency": item.urgency,
        "requesting_reference": item.requesting_reference,
        "requested_reference": item.requested_reference,
        "subject": item.subject,
        "status": item.status,
        "sent_on": item.sent_on,
        "received_on": item.received_on,
        "acknowledged_on": item.acknowledged_on,
        "executed_on": item.executed_on,
        "refused_on": item.refused_on,
        "withdrawn_on": item.withdrawn_on,
        "due": row.due.due if row.due else None,
        "days_late": row.due.days_late if row.due else 0,
    }


@router.get("/requests", response=list[RequestOut], url_name="cooperation_requests")
def list_requests(request):
    """The requests of the caller's central authority (incoming once sent, and outgoing)."""
    check_perm(request, "cooperation.use_requests")
    if not access.is_central_authority(request.user):  # has_perm is true for any superuser
        raise HttpError(403, "You do not have permission to use this endpoint.")
    return [_out(row) for row in queries.my_requests(request.user, timezone.localdate())]


@router.get("/requests/statistics", response=StatisticsOut, url_name="cooperation_statistics")
def request_statistics(request):
    """Anonymous figures: no State, no contents; counts under the threshold are null."""
    check_perm(request, "cooperation.view_statistics")
    report = queries.statistics_report()

    def counts(pairs):
        return [{"key": key, "count": value} for key, value in pairs]

    def cells(table):
        return [
            {"row": r, "column": c, "count": table.value(r, c)} for r in table.rows for c in table.columns
        ]

    return {
        "threshold": report.threshold,
        "total": report.total,
        "by_kind": counts(report.by_kind),
        "by_status": counts(report.by_status),
        "by_legal_basis": counts(report.by_basis),
        "by_year": counts(report.by_year),
        "status_by_kind": cells(report.status_by_kind),
        "refusal_reasons_by_kind": cells(report.reasons_by_kind),
        "durations": [
            {"kind": kind, "median_days_to_acknowledge": ack, "median_days_to_close": close}
            for kind, ack, close in report.durations
        ],
    }


@router.get("/requests/{request_id}", response=RequestDetailOut, url_name="cooperation_request")
def get_request(request, request_id: int):
    """One request, for its two authorities only; 404 for anyone else, as for a missing one."""
    if not request.user.is_authenticated:
        raise HttpError(401, "Sign in to use this endpoint.")
    item = (
        access.visible_requests(request.user)
        .select_related("requesting_state", "requested_state")
        .filter(pk=request_id)
        .first()
    )
    row = queries.row_of(request.user, item, timezone.localdate()) if item is not None else None
    if row is None or not request.user.has_perm("cooperation.view_request", item):
        raise HttpError(404, "Not Found")
    return {
        **_out(row),
        "changes": [{"status": c.status, "on": c.on} for c in item.changes.all()],
        "consultations": [c.held_on for c in item.consultations.all()],
        "reasons": [{"purpose": r.purpose, "reason": r.reason, "note": r.note} for r in item.reasons.all()],
    }
