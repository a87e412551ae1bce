"""Reads that encode rules about documents: who sees what, families, names to look for in text."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from cosp.core.enums import OrganisationKind
from cosp.core.models import Organisation
from cosp.core.rules import is_secretariat, is_state_official
from cosp.states.models import State
from cosp.states.names import alias_names

from .enums import Distribution
from .models import Document


def documents_visible_to(user) -> QuerySet[Document]:
    """Documents of general and limited distribution are public; restricted ones are for the
    secretariat and the States parties' officials."""
    documents = Document.objects.all()
    if is_secretariat(user) or is_state_official(user):
        return documents
    return documents.exclude(distribution=Distribution.RESTRICTED)


def filter_documents(
    user, *, body: str | None = None, doc_type: str | None = None, year: int | None = None
) -> QuerySet[Document]:
    """The documents a user may see, narrowed by body code, type and year, with what lists show."""
    documents = documents_visible_to(user).select_related("body").prefetch_related("versions")
    if body:
        documents = documents.filter(body__code=body)
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    if year:
        documents = documents.filter(date__year=year)
    return documents


def family_of(document: Document) -> QuerySet[Document]:
    """The document's family: the same base symbol (the original, revisions, corrigenda, addenda),
    the drafts that became it, and what it became."""
    related = Q(base_symbol=document.base_symbol) | Q(became__base_symbol=document.base_symbol)
    if document.became_id:
        related |= Q(pk=document.became_id)
    return Document.objects.filter(related).order_by("symbol")


def entity_names() -> list[str]:
    """Every name of a State or organisation worth finding in running text (English and Chinese)."""
    names: set[str] = set()
    fields = ("short_name_en", "formal_name_en", "short_name_zh_hans", "formal_name_zh_hans")
    for row in State.objects.values_list(*fields):
        names.update(name for name in row if name)
    for row in Organisation.objects.exclude(kind=OrganisationKind.STATE).values_list(
        "name_en", "name_zh_hans"
    ):
        names.update(name for name in row if name)
    names.update(alias_names())
    # Very short names ("TI", "乍得" is fine) would match inside other words; keep two characters up.
    return sorted((name for name in names if len(name) >= 2), key=len, reverse=True)


def documents_citing_article(user, number: int) -> QuerySet[Document]:
    """The documents (visible to the user) one of whose versions cites article `number`."""
    return (
        documents_visible_to(user).filter(versions__references__article=number).distinct().order_by("symbol")
    )
