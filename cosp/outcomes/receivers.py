"""What the outcomes app does when a document is ingested: store the resolutions, decisions and the
political declaration that the document contains (in the same transaction as the ingestion, so a
failure here leaves nothing of the file behind)."""

from __future__ import annotations

from django.dispatch import receiver

from cosp.core.languages import field_suffix
from cosp.documents.signals import version_ingested
from cosp.states.names import UnresolvedName, resolve

from .extraction.declaration import parse_declaration
from .extraction.outcomes import find_outcomes
from .services import store_declaration, store_outcomes


def sponsor_code(name: str) -> str | None:
    """A sponsor's ISO3 code (the EU's too), or an organisation's name; None when nothing answers."""
    try:
        found = resolve(name)
    except UnresolvedName:
        return None
    return getattr(found, "iso3", None) or found.name


@receiver(version_ingested, dispatch_uid="outcomes.store_what_a_document_contains")
def store_what_a_document_contains(sender, *, version, extracted, **kwargs) -> None:
    language = version.language
    suffix = field_suffix(language)
    outcomes = find_outcomes(extracted, resolve=sponsor_code)
    if outcomes:
        store_outcomes(version.document, language, outcomes, text_field_suffix=suffix)
    sections = parse_declaration(extracted)
    if sections:
        store_declaration(sections, text_field_suffix=suffix)
