"""Reads that encode rules: what a session page shows, to whom, in the order the UN uses."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from cosp.documents.models import Document
from cosp.documents.queries import documents_visible_to

from .enums import RegistrationStatus
from .models import AgendaItem, Delegate, Delegation, Session, WorkCell


def sessions_by_body() -> dict:
    """Every session, grouped by its body, newest first."""
    grouped: dict = defaultdict(list)
    for session in Session.objects.select_related("body").order_by("body_id", "-start"):
        grouped[session.body].append(session)
    return dict(grouped)


@dataclass
class AgendaEntry:
    item: AgendaItem
    documents: list[Document] = field(default_factory=list)
    sub_items: list[AgendaEntry] = field(default_factory=list)


def agenda_with_documents(session: Session, user) -> list[AgendaEntry]:
    """The agenda as a tree, each item with the documents issued under it (documents name their
    agenda items; a document under `1(c)` is listed under that sub-item)."""
    items = list(session.agenda_items.all())
    entries = {item.pk: AgendaEntry(item) for item in items}
    by_number = {item.number: entries[item.pk] for item in items}
    documents = documents_visible_to(user).filter(session=session).order_by("symbol")
    for document in documents:
        for number in document.agenda_items or []:
            entry = by_number.get(str(number))
            if entry is not None:
                entry.documents.append(document)
    roots = []
    for item in items:
        if item.parent_id and item.parent_id in entries:
            entries[item.parent_id].sub_items.append(entries[item.pk])
        else:
            roots.append(entries[item.pk])
    return roots


def session_documents(session: Session, user) -> QuerySet[Document]:
    return documents_visible_to(user).filter(session=session).order_by("symbol")


def work_cells(session: Session) -> list[WorkCell]:
    return list(session.work_cells.prefetch_related("items"))


def delegations_with_people(session: Session, user) -> QuerySet[Delegation]:
    """The session's delegations with the delegates this user may see: approved ones for everyone;
    pending and rejected ones too for the secretariat and for the members of the delegation's own
    organisation (its focal point)."""
    visible = Delegate.objects.all()
    if not user.has_perm("meetings.manage_sessions"):
        approved = Q(status=RegistrationStatus.APPROVED)
        if user.is_authenticated:
            approved |= Q(delegation__organisation__memberships__user=user)
        visible = visible.filter(approved).distinct()
    return (
        session.delegations.select_related("organisation", "organisation__state")
        .prefetch_related(Prefetch("delegates", queryset=visible.order_by("-is_head", "name")))
        .order_by("group", "organisation__name")
    )


def pending_registrations(session: Session) -> QuerySet[Delegate]:
    return Delegate.objects.filter(
        delegation__session=session, status=RegistrationStatus.PENDING
    ).select_related("delegation__organisation")
