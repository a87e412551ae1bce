"""The PostgreSQL backend, for deployments where several web workers share one database.

`documents_block_search(block_id, vector)` holds a tsvector per block, built in Python from the
tokens of `text.index_text` (CJK bigrams and folded words) and cast as a literal, so PostgreSQL's
own parser never re-tokenizes (it would keep `CAC/COSP/2019/3` or `1.5` as single tokens). A GIN index
answers the tsquery (phrases `<->`, prefixes `:*`); ts_rank_cd ranks. Rows are written in the
caller's transaction and go with their block (a trigger deletes them).
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
        # Normalisation 1: divide by 1 + log(length), so a long table row does not win on size alone.
        sql = (
            f"SELECT s.block_id, ts_rank_cd(s.vector, q, 1) AS score, count(*) OVER () {from_where} "
            "ORDER BY score DESC, s.block_id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, offset])
            rows = cursor.fetchall()
        return [(row[0], row[1]) for row in rows], (rows[0][2] if rows else None)

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
