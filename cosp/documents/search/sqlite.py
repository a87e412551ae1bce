"""The embedded default: an SQLite FTS5 table in the same database file as the blocks.

`documents_block_fts(body)` has rowid = Block.id and holds the text made by `text.index_text`
(CJK bigrams and folded words). It lives in the same file, so its rows are written in the same
transaction as the blocks: after a crash both are there or neither is. A trigger removes a block's
row when the block is deleted by any path (cascades from the admin included). Ranking is FTS5's bm25.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection

from .base import SearchBackend
from .text import ParsedQuery, fts5_query, index_text

TABLE = "documents_block_fts"

# unicode61 only splits on spaces here: the text it gets is already tokenized and folded by text.py
# (remove_diacritics 0, so it folds nothing differently from PostgreSQL). prefix='1' keeps a
# one-character index so a one-character Chinese term (`资*`) reads one list, not every bigram's.
CREATE_SQL = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "body, tokenize='unicode61 remove_diacritics 0', prefix='1')",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_block_deleted AFTER DELETE ON documents_block "
    f"BEGIN DELETE FROM {TABLE} WHERE rowid = old.id; END",
]
DROP_SQL = [
    f"DROP TRIGGER IF EXISTS {TABLE}_block_deleted",
    f"DROP TABLE IF EXISTS {TABLE}",
]


class SqliteBackend(SearchBackend):
    vendor = "sqlite"

    def _where(self, query: ParsedQuery, versions: tuple[str, list[Any]] | None) -> tuple[str, list[Any]]:
        sql = f"{TABLE} MATCH %s"
        params: list[Any] = [fts5_query(query)]
        if versions is not None:
            sql += f" AND rowid IN (SELECT id FROM documents_block WHERE version_id IN ({versions[0]}))"
            params += versions[1]
        return sql, params

    def _ranked(
        self, query: ParsedQuery, versions: tuple[str, list[Any]] | None, limit: int, offset: int
    ) -> tuple[list[tuple[int, float]], int | None]:
        where, params = self._where(query, versions)
        # bm25() cannot sit beside a window function: score in a subquery, count over its rows.
        sql = (
            f"SELECT id, score, count(*) OVER () FROM (SELECT rowid AS id, -bm25({TABLE}) AS score "
            f"FROM {TABLE} WHERE {where}) ORDER BY score DESC, id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, offset])
            rows = cursor.fetchall()
        return [(row[0], row[1]) for row in rows], (rows[0][2] if rows else None)

    def _count(self, query: ParsedQuery, versions: tuple[str, list[Any]] | None) -> int:
        where, params = self._where(query, versions)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE {where}", params)
            return cursor.fetchone()[0]

    def _write(self, rows: Sequence[tuple[int, str]]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE}(rowid, body) VALUES (%s, %s)",
                [(block_id, index_text(text)) for block_id, text in rows],
            )

    def _delete_blocks_of_versions(self, version_ids: Sequence[int]) -> None:
        marks = ", ".join(["%s"] * len(version_ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE rowid IN "
                f"(SELECT id FROM documents_block WHERE version_id IN ({marks}))",
                list(version_ids),
            )

    def _clear(self) -> None:
        with connection.cursor() as cursor:
            for statement in DROP_SQL + CREATE_SQL:
                cursor.execute(statement)

    def optimize(self) -> None:
        """Merge the index into one b-tree (after a bulk load or a rebuild: faster queries)."""
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")

    def rebuild(self, progress=None) -> int:
        done = super().rebuild(progress)
        self.optimize()
        return done

    def index_size(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE %s", [f"{TABLE}%"])
            return int(cursor.fetchone()[0])
