"""Full-text search over Blocks, behind one interface (`SearchBackend`) with two implementations:
SQLite FTS5 (the embedded default) and PostgreSQL tsvector. `get_backend()` picks the one for the
database unless settings.COSP_SEARCH_BACKEND names a class. Both index the same tokens (`text.py`:
CJK bigrams, folded words), so they find the same blocks."""

from .base import SearchBackend, SearchFilters, SearchHit, SearchPage, get_backend, snippet
from .text import index_text, parse_query

__all__ = [
    "SearchBackend",
    "SearchFilters",
    "SearchHit",
    "SearchPage",
    "get_backend",
    "index_text",
    "parse_query",
    "snippet",
]
