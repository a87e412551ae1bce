"""Other parts of the platform found by the documents search page, each in a section of its own.

The documents app knows only this registry: an app registers a source (usually in its AppConfig's
ready()) and the search page lists, under the source's label, the hits it gives for the query and the
user asking. A source decides what that user may see; the document hits themselves are not touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from django.utils.functional import Promise
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class SourceHit:
    title: str
    url: str
    snippet: SafeString | str  # escaped text with matches in <mark> (see search.base.snippet)
    language: str = ""
    meta: str = ""  # who and when, in a few words


@dataclass(frozen=True)
class SourceResults:
    hits: list[SourceHit] = field(default_factory=list)
    total: int = 0
    more_url: str = ""  # where the source lists all its hits, if it can


class SearchSource(Protocol):
    key: str  # unique: registering a source with the same key replaces it
    label: str | Promise  # the section's heading

    def search(self, query: str, user, limit: int = 10) -> SourceResults: ...


@dataclass(frozen=True)
class SourceSection:
    key: str
    label: str | Promise
    results: SourceResults


_SOURCES: dict[str, SearchSource] = {}


def register(source: SearchSource) -> None:
    _SOURCES[source.key] = source


def unregister(key: str) -> None:
    _SOURCES.pop(key, None)


def search_sources() -> list[SearchSource]:
    """The registered sources, in the order they were registered."""
    return list(_SOURCES.values())


def search_all(query: str, user, limit: int = 10) -> list[SourceSection]:
    """Each source's results for the query, as sections of the search page."""
    return [
        SourceSection(source.key, source.label, source.search(query, user, limit))
        for source in search_sources()
    ]
