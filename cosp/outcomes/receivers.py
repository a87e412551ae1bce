"""What the outcomes app does when a document is ingested: store the resolutions, decisions and the
political declaration that the document contains (in the same transaction as the ingestion)."""

from __future__ import annotations

from django.dispatch import receiver

from cosp.core.languages import field_suffix
from cosp.documents.signals import version_ingested
from cosp.states.names import UnresolvedName, resolve_state

from .extraction.declaration import parse_declaration
from .extraction.outcomes import find_outcomes
from .services import store_declaration, store_outcomes


def _iso3(name: str) -> str | None:
    try:
        return resolve_state(name).iso3
    except UnresolvedName:
        return None


@receiver(version_ingested, dispatch_uid="outcomes.store_what_a_document_contains")
def store_what_a_document_contains(sender, *, version, extracted, **kwargs) -> None:
    language = version.language
    outcomes = find_outcomes(extracted, resolve=_iso3)
    if outcomes:
        store_outcomes(version.document, language, outcomes, text_field_suffix=field_suffix(language))
    sections = parse_declaration(extracted)
    if sections:
        store_declaration(sections, text_field_suffix=field_suffix(language))
