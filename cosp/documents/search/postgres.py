"""The PostgreSQL backend, for deployments where several web workers share one database.

`documents_block_search(block_id, vector)` holds a tsvector per block, built in Python from the
tokens of `text.index_text` (CJK bigrams and folded words) and cast as a literal, so PostgreSQL's
own parser never re-tokenizes (it would keep `CAC/COSP/2019/3` or `1.5` as single tokens). A GIN index
answers the tsquery (phrases `<->`, prefixes `:*`); ts_rank_cd ranks. Rows are written in the
caller's transaction and go with their block (a trigger deletes them).

Latency trade-off on dense queries. ts_rank_cd must read and score every matching vector before the
top 20 are known, and a one-character Chinese term matches a third of a UN corpus. So the matches are
first counted (exact: `total` is always the true number); when there are at most RANK_ALL of them all
are ranked, as before. Beyond that only a bounded candidate set is ranked: the first
max(CANDIDATES, offset + limit) matches in the order the bitmap scan returns them (table order, i.e.
roughly the order blocks were ingested). Matching (recall) is unchanged and exact; what is lost is
ranking quality on dense queries: the first page is the best of the candidates, not of every match,
and deep pages of such a query are not a strict continuation of the first. Dense one-character
queries rarely have a meaningful best match; sparse queries (most of them) are ranked in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection

from .base import SearchBackend
from .text import ParsedQuery, tsquery, tsvector

TABLE = "documents_block_search"

# No foreign key: Django's test flush TRUNCATEs documents_block without CASCADE and would refuse.
# Triggers do the same job: a deleted block (by any path) takes its row along, a truncate empties the
# index. The statements are the migration's (0002_search_index), which creates them.
RANK_ALL = 2000  # a query matching at most this many blocks has every match ranked
CANDIDATES = 1000  # beyond, the matches ranked (at least offset + limit)

INDEX_SQL = f"CREATE INDEX IF NOT EXISTS {TABLE}_vector ON {TABLE} USING gin (vector)"


class PostgresBackend(SearchBackend):
    vendor = "postgresql"

    def _from_where(
        self, query: ParsedQuery, versions: tuple[str, list[Any]] | None
    ) -> tuple[str, list[Any]]:
        sql = f"FROM {TABLE} s, CAST(%s AS tsquery) q WHERE s.vector @@ q"
        params: list[Any] = [tsquery(query)]
        if versions is not None:
            sql = (
                f"FROM {TABLE} s JOIN documents_block b ON b.id = s.block_id, CAST(%s AS tsquery) q "
                f"WHERE s.vector @@ q AND b.version_id IN ({versions[0]})"
            )
            params += versions[1]
        return sql, params

    def _ranked(
        self, query: ParsedQuery, versions: tuple[str, list[Any]] | None, limit: int, offset: int
    ) -> tuple[list[tuple[int, float]], int | None]:
        from_where, params = self._from_where(query, versions)
        total = self._count(query, versions)
        if not total or offset >= total:
            return [], total
        # Normalisation 1: divide by 1 + log(length), so a long table row does not win on size alone.
        if total <= RANK_ALL:
            sql = (
                f"SELECT s.block_id, ts_rank_cd(s.vector, q, 1) AS score {from_where} "
                "ORDER BY score DESC, s.block_id LIMIT %s OFFSET %s"
            )
            arguments = [*params, limit, offset]
        else:
            sql = (
                f"SELECT block_id, score FROM (SELECT s.block_id, ts_rank_cd(s.vector, q, 1) AS score "
                f"{from_where} LIMIT %s) candidates ORDER BY score DESC, block_id LIMIT %s OFFSET %s"
            )
            arguments = [*params, max(CANDIDATES, offset + limit), limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, arguments)
            rows = cursor.fetchall()
        return [(row[0], row[1]) for row in rows], total

    def _count(self, query: ParsedQuery, versions: tuple[str, list[Any]] | None) -> int:
        from_where, params = self._from_where(query, versions)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) {from_where}", params)
            return cursor.fetchone()[0]

    def _write(self, rows: Sequence[tuple[int, str]]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE}(block_id, vector) VALUES (%s, CAST(%s AS tsvector))",
                [(block_id, tsvector(text)) for block_id, text in rows],
            )

    def _delete_blocks_of_versions(self, version_ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {TABLE} s USING documents_block b WHERE b.id = s.block_id "
                "AND b.version_id = ANY(%s)",
                [list(version_ids)],
            )

    def _clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLE}")

    def rebuild(self, progress=None) -> int:
        # Filling the table first and building the GIN index once is much faster than row by row.
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_vector")
        done = super().rebuild(progress)
        with connection.cursor() as cursor:
            cursor.execute(INDEX_SQL)
        return done

    def index_size(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size(%s)", [TABLE])
            return int(cursor.fetchone()[0])
