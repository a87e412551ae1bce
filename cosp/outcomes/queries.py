"""Reads of the outcomes app: lists with their filters, one outcome with its links, the mandate
tracker, the declaration and the work plan's coverage."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from cosp.meetings.models import Body, Session

from .enums import PENDING_STATUSES
from .models import DeclarationParagraph, DeclarationSection, Mandate, Outcome, Paragraph, WorkPlanEntry


def filter_outcomes(
    *, body: str | None = None, kind: str | None = None, session: str | None = None
) -> QuerySet[Outcome]:
    outcomes = Outcome.objects.select_related("body", "session").annotate(
        operative=Count("paragraphs", filter=Q(paragraphs__kind="operative")),
        mandate_count=Count("paragraphs__mandates"),
    )
    if body:
        outcomes = outcomes.filter(body__code=body)
    if kind:
        outcomes = outcomes.filter(kind=kind)
    if session:
        outcomes = outcomes.filter(session__slug=session)
    return outcomes.order_by("-session__start", "kind", "number")


def outcome_with_links(outcome: Outcome) -> QuerySet[Paragraph]:
    """Every paragraph with what it links to: articles, outcomes recalled, mandates and their reports."""
    mandates = Mandate.objects.select_related("due_session", "superseded_by").prefetch_related("reports")
    return outcome.paragraphs.prefetch_related(
        "articles", "cites", Prefetch("mandates", queryset=mandates)
    ).order_by("position")


def mandate_tracker(
    *, addressee: str | None = None, status: str | None = None, today: date | None = None
) -> list[Mandate]:
    """Mandates by addressee and due session; by default those still to carry out, overdue first
    (due for a session that has already opened)."""
    today = today or date.today()
    mandates = Mandate.objects.select_related(
        "paragraph__outcome__body", "paragraph__outcome__session", "due_session"
    ).prefetch_related("reports")
    mandates = mandates.filter(status=status) if status else mandates.filter(status__in=PENDING_STATUSES)
    if addressee:
        mandates = mandates.filter(addressee=addressee)

    def order(mandate: Mandate) -> tuple:
        due = mandate.due_session.start if mandate.due_session else None
        overdue = due is not None and due <= today
        return (
            not overdue,
            due or date.max,
            mandate.addressee,
            mandate.paragraph.outcome.number,
            mandate.paragraph.position,
        )

    return sorted(mandates, key=order)


def is_overdue(mandate: Mandate, today: date | None = None) -> bool:
    return bool(
        mandate.due_session
        and mandate.due_session.start <= (today or date.today())
        and mandate.status in PENDING_STATUSES
    )


def declaration() -> QuerySet[DeclarationSection]:
    paragraphs = DeclarationParagraph.objects.prefetch_related("articles", "work_plan_entries__bodies")
    return DeclarationSection.objects.prefetch_related(Prefetch("paragraphs", queryset=paragraphs))


def work_plan_calendar() -> dict[int, dict[Body, list[WorkPlanEntry]]]:
    """Year → body → entries: the calendar view of the work plan."""
    calendar: dict[int, dict[Body, list[WorkPlanEntry]]] = defaultdict(lambda: defaultdict(list))
    for entry in WorkPlanEntry.objects.prefetch_related("bodies", "paragraphs"):
        for body in entry.bodies.all():
            calendar[entry.year][body].append(entry)
    return {year: dict(bodies) for year, bodies in sorted(calendar.items())}


def work_plan_coverage() -> dict[str, list[DeclarationParagraph]]:
    """Paragraphs the work plan gives to no body, and paragraphs it gives to more than one entry."""
    paragraphs = DeclarationParagraph.objects.annotate(entries=Count("work_plan_entries"))
    return {
        "unassigned": list(paragraphs.filter(entries=0)),
        "assigned_twice": list(paragraphs.filter(entries__gt=1)),
    }


def sessions_with_outcomes() -> QuerySet[Session]:
    return Session.objects.filter(outcomes__isnull=False).distinct().select_related("body").order_by("-start")
