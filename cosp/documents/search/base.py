"""The search interface: what a backend must do, and what every backend shares.

A backend keeps an index of Blocks (rowid/primary key = Block.id) over the text made by `text.py`,
and answers two questions: which blocks match a query (with a score, best first) and how many. All
the rest — the query syntax, the filters, the symbol shortcut, the snippets — is here, so the
backends return the same pages.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import connection
from django.utils.safestring import SafeString, mark_safe

from ..models import Block, Document, DocumentVersion
from .text import ParsedQuery, match_spans, parse_query

Progress = Callable[[int, int], None]  # (blocks done, blocks in all)

BATCH_SIZE = 2000
SNIPPET_CHARS = 240
SNIPPET_LEAD = 60

# Used when cosp.documents.symbols is not there: a slash-separated UN symbol such as CAC/COSP/2019/3.
_SYMBOL_FALLBACK = re.compile(r"^\s*([A-Za-z]{1,10}(?:/[A-Za-z0-9.\-]+)+)\s*$")


@dataclass(frozen=True)
class SearchFilters:
    """Narrow a search; None means any. `visible_to` (a user) hides what that user may not read."""

    body: str | None = None  # a Body code: COSP, IRG ...
    year: int | None = None
    doc_type: str | None = None  # a DocumentType value
    language: str | None = None  # a Language value: zh, en ...
    article: int | None = None  # the version cites this article of the Convention
    visible_to: Any = None

    def narrows(self) -> bool:
        return any(
            value is not None
            for value in (self.body, self.year, self.doc_type, self.language, self.article, self.visible_to)
        )


@dataclass(frozen=True)
class SearchHit:
    block_id: int
    version_id: int
    symbol: str
    language: str
    anchor: str  # the fragment of the block on the document page (para-12, fn-3, block-40)
    kind: str
    number: str
    snippet: SafeString  # escaped text, matches in <mark>
    score: float  # higher is better


@dataclass
class SearchPage:
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    redirect_symbol: str | None = None  # the query was the symbol of this document: go there


def snippet(text: str, query: ParsedQuery, *, width: int = SNIPPET_CHARS) -> SafeString:
    """An escaped excerpt of `text` around its first match, every match wrapped in <mark>."""
    spans = match_spans(text, query)
    start = 0
    if len(text) > width and spans:
        start = max(0, min(spans[0][0] - SNIPPET_LEAD, len(text) - width))
    end = min(len(text), start + width)
    parts = ["…" if start else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(html.escape(text[cursor:span_start]))
        parts.append("<mark>" + html.escape(text[span_start:span_end]) + "</mark>")
        cursor = span_end
    parts.append(html.escape(text[cursor:end]))
    if end < len(text):
        parts.append("…")
    return mark_safe("".join(parts))  # every piece of text is escaped above


def _clean_symbol(query: str) -> str | None:
    try:
        from ..symbols import clean_symbol
    except ImportError:
        match = _SYMBOL_FALLBACK.match(query)
        return match.group(1).upper() if match else None
    return clean_symbol(query)


def redirect_symbol(query: str, filters: SearchFilters) -> str | None:
    """The symbol of the document the query names, when it names one the user may read."""
    if "/" not in query:
        return None
    try:
        symbol = _clean_symbol(query.strip())
    except Exception:  # a query is any text: a parser that trips over it just means "not a symbol"
        return None
    if not symbol:
        return None
    if filters.visible_to is not None:
        from ..queries import documents_visible_to

        documents = documents_visible_to(filters.visible_to)
    else:
        documents = Document.objects.all()
    return symbol if documents.filter(symbol=symbol).exists() else None


def versions_filter_sql(filters: SearchFilters) -> tuple[str, list[Any]] | None:
    """SQL selecting the ids of the versions the filters allow (None: all of them), from the ORM so
    the visibility rule is the one in queries.py."""
    if not filters.narrows():
        return None
    if filters.visible_to is not None:
        from ..queries import documents_visible_to

        versions = DocumentVersion.objects.filter(document__in=documents_visible_to(filters.visible_to))
    else:
        versions = DocumentVersion.objects.all()
    if filters.body:
        versions = versions.filter(document__body__code=filters.body)
    if filters.year:
        versions = versions.filter(document__date__year=filters.year)
    if filters.doc_type:
        versions = versions.filter(document__doc_type=filters.doc_type)
    if filters.language:
        versions = versions.filter(language=filters.language)
    if filters.article:
        versions = versions.filter(references__article=filters.article)
    sql, params = versions.order_by().values("id").query.sql_with_params()
    return sql, list(params)


class _HitBlock(NamedTuple):
    """The columns of a block a results page shows (a model instance per hit cost a tenth of a page)."""

    id: int
    version_id: int
    position: int
    kind: str
    number: str
    annex: str
    part: str
    text: str

    # Block.anchor's rule, read from the model so there is one; it only reads these fields.
    anchor = property(Block.anchor.fget)


def _hit_blocks(block_ids: list[int]) -> dict[int, tuple[_HitBlock, str, str]]:
    """The blocks of a results page with their version's language and document's symbol, in one
    plain query (the ORM's in_bulk with select_related cost more than the Tantivy query itself)."""
    if not block_ids:
        return {}
    blocks, versions = Block._meta.db_table, DocumentVersion._meta.db_table
    documents = Document._meta.db_table
    marks = ", ".join(["%s"] * len(block_ids))
    sql = (
        "SELECT b.id, b.version_id, b.position, b.kind, b.number, b.annex, b.part, b.text, v.language, "
        f"d.symbol FROM {blocks} b JOIN {versions} v ON v.id = b.version_id "
        f"JOIN {documents} d ON d.id = v.document_id WHERE b.id IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, block_ids)
        rows = cursor.fetchall()
    return {row[0]: (_HitBlock(*row[:8]), row[8], row[9]) for row in rows}


class SearchBackend:
    """An index of Blocks. Writes happen in the caller's transaction, so the index commits (or rolls
    back) together with the blocks it describes (the Tantivy backend writes an outbox row there)."""

    vendor = ""

    # --- what a backend implements -------------------------------------------------------------------

    def _ranked(
        self, query: ParsedQuery, versions: tuple[str, list[Any]] | None, limit: int, offset: int
    ) -> tuple[list[tuple[int, float]], int | None]:
        """(block id, score) of matching blocks, best first (higher score is better), and how many
        blocks match in all (None when the page is empty: past the end, or nothing matches)."""
        raise NotImplementedError

    def _count(self, query: ParsedQuery, versions: tuple[str, list[Any]] | None) -> int:
        raise NotImplementedError

    def _write(self, rows: Sequence[tuple[int, str]]) -> None:
        """Add (block id, block text) to the index; the ids are not in it."""
        raise NotImplementedError

    def _delete_blocks_of_versions(self, version_ids: Sequence[int]) -> None:
        raise NotImplementedError

    def _clear(self) -> None:
        raise NotImplementedError

    def index_size(self) -> int:
        """Bytes the index takes on disk (an estimate where the database cannot tell exactly)."""
        raise NotImplementedError

    # --- shared --------------------------------------------------------------------------------------

    def index_versions(self, version_ids: Iterable[int]) -> int:
        """(Re)index every block of these versions; returns the number of blocks indexed."""
        version_ids = list(version_ids)
        if not version_ids:
            return 0
        self.remove_versions(version_ids)
        done = 0
        for start in range(0, len(version_ids), 500):
            rows = Block.objects.filter(version_id__in=version_ids[start : start + 500]).values_list(
                "id", "text"
            )
            batch: list[tuple[int, str]] = []
            for row in rows.iterator(chunk_size=BATCH_SIZE):
                batch.append(row)
                if len(batch) >= BATCH_SIZE:
                    self._write(batch)
                    done += len(batch)
                    batch = []
            if batch:
                self._write(batch)
                done += len(batch)
        return done

    def index_blocks(self, rows: Sequence[tuple[int, str]]) -> None:
        """Add blocks given as (id, text) that are not in the index yet (bulk loading, benchmarks)."""
        self._write(rows)

    def remove_versions(self, version_ids: Iterable[int]) -> None:
        version_ids = list(version_ids)
        for start in range(0, len(version_ids), 500):
            self._delete_blocks_of_versions(version_ids[start : start + 500])

    def rebuild(self, progress: Progress | None = None) -> int:
        """Empty the index and index every block again (in batches); returns the number of blocks."""
        self._clear()
        total = Block.objects.count()
        done = 0
        last_id = 0
        if progress:
            progress(0, total)
        while True:
            batch = list(
                Block.objects.filter(id__gt=last_id).order_by("id").values_list("id", "text")[:BATCH_SIZE]
            )
            if not batch:
                break
            self._write(batch)
            done += len(batch)
            last_id = batch[-1][0]
            if progress:
                progress(done, total)
        return done

    def search(
        self, query: str, *, filters: SearchFilters | None = None, limit: int = 20, offset: int = 0
    ) -> SearchPage:
        """Blocks matching every term of `query`, best first, with highlighted snippets."""
        filters = filters or SearchFilters()
        symbol = redirect_symbol(query, filters)
        if symbol:
            return SearchPage(redirect_symbol=symbol)
        parsed = parse_query(query)
        if not parsed:
            return SearchPage()
        versions = versions_filter_sql(filters)
        ranked, total = self._ranked(parsed, versions, limit, offset)
        if total is None:
            total = self._count(parsed, versions) if offset else 0
        blocks = _hit_blocks([block_id for block_id, _ in ranked])
        hits = []
        for block_id, score in ranked:
            found = blocks.get(block_id)
            if found is None:  # deleted since the query ran
                continue
            block, language, symbol = found
            hits.append(
                SearchHit(
                    block_id=block.id,
                    version_id=block.version_id,
                    symbol=symbol,
                    language=language,
                    anchor=block.anchor,
                    kind=block.kind,
                    number=block.number,
                    snippet=snippet(block.text, parsed),
                    score=round(float(score), 6),
                )
            )
        return SearchPage(hits=hits, total=total)


def get_backend() -> SearchBackend:
    """The backend named by settings.COSP_SEARCH_BACKEND (a dotted path), else the one for the database:
    PostgresBackend on PostgreSQL, TantivyBackend (an index folder next to the database) otherwise.
    The SQLite FTS5 backend stays selectable: "cosp.documents.search.sqlite.SqliteBackend"."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    name = getattr(settings, "COSP_SEARCH_BACKEND", None)
    if name:
        return import_string(name)()
    if connection.vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend()
    from .tantivy_backend import TantivyBackend

    return TantivyBackend()
