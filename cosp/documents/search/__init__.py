"""Full-text search over Blocks, behind one interface (`SearchBackend`) with three implementations:
Tantivy (the embedded default, an index folder kept in step through an outbox), PostgreSQL tsvector,
and SQLite FTS5 (selectable). `get_backend()` picks the one for the database unless
settings.COSP_SEARCH_BACKEND names a class. All index the same tokens (`text.py`: CJK bigrams, folded
words), so they find the same blocks."""

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
