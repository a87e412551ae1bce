"""Storing the political declaration's sections and paragraphs."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from cosp.core.languages import UN_LANGUAGES, field_suffix
from cosp.states.models import Article

from ..extraction.declaration import DeclarationSection as FoundSection
from ..models import DeclarationParagraph, DeclarationSection
from .base import save_changes

# A paragraph's text in every language: citations and articles are read from all of them.
_TEXT_COLUMNS = tuple(f"text_{field_suffix(language)}" for language in UN_LANGUAGES)


@transaction.atomic
def store_declaration(sections: Iterable[FoundSection], *, text_field_suffix: str) -> int:
    """Store the political declaration's sections and numbered paragraphs (in place: there is one
    declaration); returns the number of paragraphs. The opening's unnumbered lines (the title and
    the preamble) are no paragraphs, and a section holding nothing else is not stored."""
    count = 0
    empty: list[str] = []
    for position, found in enumerate(sections):
        numbered = [p for p in found.paragraphs if p.number is not None]
        if not numbered:
            empty.append(found.key)
            continue
        values = {"position": position, f"title_{text_field_suffix}": found.title}
        section, created = DeclarationSection.objects.get_or_create(key=found.key, defaults=values)
        if not created:
            save_changes(section, values)
        for found_paragraph in numbered:
            values = {
                "section": section,
                f"text_{text_field_suffix}": found_paragraph.text,
                "themes": list(found_paragraph.themes),
            }
            paragraph, created = DeclarationParagraph.objects.get_or_create(
                number=found_paragraph.number, defaults=values
            )
            if not created:
                save_changes(paragraph, values)
            paragraph.articles.set(Article.objects.filter(number__in=found_paragraph.articles))
            count += 1
    DeclarationSection.objects.filter(key__in=empty, paragraphs__isnull=True).delete()
    return count
