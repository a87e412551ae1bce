"""The embedded default: a Tantivy index in a folder (settings.DATA_DIR / "search-index", or
settings/env COSP_SEARCH_INDEX_DIR) over the same tokens as the other backends (`text.index_text`:
CJK bigrams plus each run's last character, folded words; split on spaces only), so it finds the
same blocks. Tantivy stops ranking early (block-max WAND) where SQL engines score every match.

Each document is a block: `block_id` and `version_id` (indexed fast integer fields) and `body`.
Filters are resolved to the allowed version ids with the ORM (`versions_filter_sql`: the visibility
rule of queries.py) and applied inside Tantivy as a term-set query, so the top 20 and the total stay
right.

Consistency with the database. Index writes cannot join a database transaction, so the backend never
writes the index from `index_versions`/`remove_versions`: it writes an outbox row
(`models.SearchIndexChange`) in the caller's transaction, and the rows are applied to Tantivy after
the commit (`transaction.on_commit`), before every search, and by `catch_up()`/`rebuild()`. Applying a
row is idempotent (delete the version's documents, then add its blocks as they are in the database
now) and the row is deleted only after Tantivy committed, so after a crash at any point the next
catch-up brings the index back to the database. A trigger (migration 0003, SQLite) writes a row when
blocks are deleted by any other path (cascades from the admin).

An "epoch" row (a random token) identifies the database to the index, which keeps the token in a file
next to it: an index built from another database, from one that was emptied (a test's rolled-back
transaction, a restored backup) or never finished, is rebuilt from the blocks.

Changes applied inside an open transaction (a search there sees its own uncommitted writes) would stay
in the index if that transaction rolled back: such versions are re-synchronised from the database by
the next catch-up that runs outside a transaction (or by the epoch check, when the rollback took the
epoch row along).

Several processes (web workers, the task worker) share the folder: writers are serialised by an
fcntl lock (Tantivy itself allows one writer), readers reload their searcher when `meta.json` changed.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import re
import secrets
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import tantivy
from django.db import connection, transaction

from ..models import Block, SearchIndexChange
from .base import BATCH_SIZE, Progress, SearchBackend, SearchFilters, SearchPage
from .text import ParsedQuery, index_text

logger = logging.getLogger(__name__)

EPOCH, INDEX, REMOVE = "epoch", "index", "remove"
SCHEMA_VERSION = "1"  # bump when the schema or the tokens change: the index is then rebuilt
LOCK_TIMEOUT = 120.0  # seconds a writer waits for another process's writer
WRITER_HEAP = 64_000_000
REBUILD_HEAP = 256_000_000
# A TopDocs collector allocates for its limit: never ask for more than the index holds.
_MAX_LIMIT = 10_000_000


def index_dir() -> Path:
    from django.conf import settings

    configured = getattr(settings, "COSP_SEARCH_INDEX_DIR", None) or os.environ.get("COSP_SEARCH_INDEX_DIR")
    return Path(configured) if configured else Path(settings.DATA_DIR) / "search-index"


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("block_id", fast=True, indexed=True)
    builder.add_integer_field("version_id", fast=True, indexed=True)
    # "spaces": split on whitespace only (the text is tokenized and folded by text.py already); unlike
    # Tantivy's "whitespace" analyzer it drops no long token.
    builder.add_text_field("body", tokenizer_name="spaces", index_option="position")
    return builder.build()


@contextlib.contextmanager
def _file_lock(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """An exclusive fcntl lock on `path` (serialises writers across processes and threads)."""
    with path.open("a") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    message = f"the search index {path.parent} is locked by another writer"
                    raise TimeoutError(message) from None
                time.sleep(0.01)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class _Folder:
    """One index folder, opened once per process: the Tantivy index, its reader, the writer lock."""

    def __init__(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.lock = threading.RLock()
        self.schema = _schema()
        self.lock_path = path / ".cosp-writer.lock"
        self.epoch_path = path / "cosp-epoch"
        with _file_lock(self.lock_path):
            if self._stored_schema_version() not in (None, SCHEMA_VERSION):
                self._wipe()
            self.index = self._open()
        self.seen: tuple[int, int, int] | None = None
        self.unconfirmed: set[int] = set()  # versions applied inside a transaction that may roll back

    def _stored_schema_version(self) -> str | None:
        try:
            return self.epoch_path.read_text().split(":", 1)[0]
        except (FileNotFoundError, IndexError):
            return None

    def _wipe(self) -> None:
        for child in self.path.iterdir():
            if child.is_file() and child != self.lock_path:
                child.unlink()

    def _open(self) -> tantivy.Index:
        try:
            index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
        except (OSError, ValueError):
            logger.warning("search index %s unreadable: starting a new one", self.path)
            self._wipe()
            index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
        spaces = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
        index.register_tokenizer("spaces", spaces)
        return index

    def epoch(self) -> int | None:
        try:
            version, token = self.epoch_path.read_text().split(":", 1)
            return int(token) if version == SCHEMA_VERSION else None
        except (FileNotFoundError, ValueError):
            return None

    def set_epoch(self, token: int | None) -> None:
        temporary = self.epoch_path.with_suffix(".tmp")
        temporary.write_text(f"{SCHEMA_VERSION}:{token if token is not None else ''}")
        os.replace(temporary, self.epoch_path)

    def searcher(self) -> tantivy.Searcher:
        """A searcher on the last commit, whichever process made it."""
        try:
            stat = (self.path / "meta.json").stat()
            stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            stamp = None
        with self.lock:
            if stamp != self.seen:
                self.index.reload()
                self.seen = stamp
            return self.index.searcher()

    @contextlib.contextmanager
    def writer(self, *, heap: int = WRITER_HEAP, threads: int = 1) -> Iterator[tantivy.IndexWriter]:
        """The one writer, under the lock; committed when the block ends, rolled back on error."""
        with self.lock, _file_lock(self.lock_path):
            writer = self.index.writer(heap_size=heap, num_threads=threads)
            try:
                yield writer
                writer.commit()
            except BaseException:
                writer.rollback()
                raise
            finally:
                writer.wait_merging_threads()  # also releases Tantivy's own lock before ours
        self.seen = None  # reload on the next search


_folders: dict[Path, _Folder] = {}
_folders_lock = threading.Lock()


def _folder(path: Path) -> _Folder:
    path = path.resolve()
    with _folders_lock:
        if path not in _folders:
            _folders[path] = _Folder(path)
        return _folders[path]


class TantivyBackend(SearchBackend):
    vendor = "tantivy"

    def __init__(self, path: Path | str | None = None, *, private: bool = False) -> None:
        """`private`: open the folder anew instead of sharing this process's handle (as another
        process would; for tests)."""
        where = Path(path) if path is not None else index_dir()
        self.folder = _Folder(where.resolve()) if private else _folder(where)
        self.schema = self.folder.schema

    # --- queries --------------------------------------------------------------------------------------

    def _query(self, query: ParsedQuery, versions: tuple[str, list[Any]] | None) -> tantivy.Query | None:
        parts = []
        for term in query.terms:
            words = list(term.tokens)
            if len(words) == 1 and term.prefix:
                part = tantivy.Query.regex_query(self.schema, "body", re.escape(words[0]) + ".*")
            elif len(words) == 1:
                part = tantivy.Query.term_query(self.schema, "body", words[0])
            elif term.prefix:
                # regex_phrase_query expands the last word without phrase_prefix_query's 50-term limit.
                patterns = [re.escape(word) for word in words[:-1]] + [re.escape(words[-1]) + ".*"]
                part = tantivy.Query.regex_phrase_query(self.schema, "body", patterns)
            else:
                part = tantivy.Query.phrase_query(self.schema, "body", words)
            parts.append((tantivy.Occur.Must, part))
        if versions is not None:
            with connection.cursor() as cursor:
                cursor.execute(*versions)
                allowed = [row[0] for row in cursor.fetchall()]
            if not allowed:
                return None
            allowed_query = tantivy.Query.term_set_query(self.schema, "version_id", allowed)
            parts.append((tantivy.Occur.Must, tantivy.Query.const_score_query(allowed_query, 0.0)))
        return tantivy.Query.boolean_query(parts)

    def _ranked(
        self, query: ParsedQuery, versions: tuple[str, list[Any]] | None, limit: int, offset: int
    ) -> tuple[list[tuple[int, float]], int | None]:
        compiled = self._query(query, versions)
        if compiled is None:
            return [], 0
        searcher = self.folder.searcher()
        limit = max(1, min(limit, searcher.num_docs, _MAX_LIMIT))
        result = searcher.search(compiled, limit, count=True, offset=offset)
        addresses = [address for _score, address in result.hits]
        ids = searcher.fast_field_values("block_id", addresses) if addresses else []
        ranked = [(block_id, score) for block_id, (score, _) in zip(ids, result.hits, strict=True)]
        return ranked, result.count

    def _count(self, query: ParsedQuery, versions: tuple[str, list[Any]] | None) -> int:
        return self._ranked(query, versions, 1, 0)[1] or 0

    def search(
        self, query: str, *, filters: SearchFilters | None = None, limit: int = 20, offset: int = 0
    ) -> SearchPage:
        self.catch_up()
        return super().search(query, filters=filters, limit=limit, offset=offset)

    # --- writes: through the outbox -------------------------------------------------------------------

    def _record(self, version_ids: Iterable[int], action: str) -> list[int]:
        version_ids = list(dict.fromkeys(version_ids))
        if version_ids:
            SearchIndexChange.objects.bulk_create(
                SearchIndexChange(version_id=version_id, action=action) for version_id in version_ids
            )
            transaction.on_commit(self._after_commit, robust=True)
        return version_ids

    def _after_commit(self) -> None:
        try:
            self.catch_up()
        except Exception:  # the rows stay: the next search or catch-up applies them
            logger.exception("search index: catching up after a commit failed")

    def index_versions(self, version_ids: Iterable[int]) -> int:
        """Record that these versions' blocks must be (re)indexed; applied after the commit."""
        version_ids = self._record(version_ids, INDEX)
        return Block.objects.filter(version_id__in=version_ids).count() if version_ids else 0

    def remove_versions(self, version_ids: Iterable[int]) -> None:
        self._record(version_ids, REMOVE)

    def index_blocks(self, rows: Sequence[tuple[int, str]]) -> None:
        """Add blocks given as (id, text) that are not in the index yet (bulk loading)."""
        versions = dict(Block.objects.filter(id__in=[row[0] for row in rows]).values_list("id", "version_id"))
        with self.folder.writer() as writer:
            for block_id, text in rows:
                writer.add_document(
                    tantivy.Document(block_id=block_id, version_id=versions[block_id], body=index_text(text))
                )

    # --- applying the outbox --------------------------------------------------------------------------

    def _epoch(self, rows: list[tuple[int, int, str]]) -> int:
        epochs = [version_id for _id, version_id, action in rows if action == EPOCH]
        if epochs:
            return epochs[0]
        SearchIndexChange.objects.create(version_id=secrets.randbits(62) + 1, action=EPOCH)
        # Two processes may have written one each at once: the first row is the epoch for both.
        epochs = SearchIndexChange.objects.filter(action=EPOCH).order_by("id")
        return epochs.values_list("version_id", flat=True)[0]

    @staticmethod
    def _pending() -> list[tuple[int, int, str]]:
        return list(SearchIndexChange.objects.order_by("id").values_list("id", "version_id", "action"))

    def catch_up(self) -> int:
        """Apply the outbox rows to the index (rebuilding it when it belongs to another database);
        returns the number of versions applied. Cheap when there is nothing to do: one query."""
        rows = self._pending()
        epoch = self._epoch(rows)
        if self.folder.epoch() != epoch:
            self.rebuild()
            return 0
        in_transaction = connection.in_atomic_block
        if not any(action != EPOCH for _id, _version, action in rows) and (
            in_transaction or not self.folder.unconfirmed
        ):
            return 0
        with self.folder.writer() as writer:
            rows = self._pending()  # again, under the lock: another process may have applied some
            applied = [row_id for row_id, _version, action in rows if action != EPOCH]
            final = {version_id: action for _id, version_id, action in rows if action != EPOCH}
            if not in_transaction:
                final = dict.fromkeys(self.folder.unconfirmed, INDEX) | final
            self._apply(writer, final)
        self._forget(applied)
        if in_transaction:
            self.folder.unconfirmed |= set(final)
        else:
            self.folder.unconfirmed.clear()
        return len(final)

    def _apply(self, writer: tantivy.IndexWriter, final: dict[int, str]) -> None:
        for version_id in final:
            writer.delete_documents_by_term("version_id", version_id)
        to_index = [version_id for version_id, action in final.items() if action == INDEX]
        for start in range(0, len(to_index), 500):
            rows = Block.objects.filter(version_id__in=to_index[start : start + 500]).values_list(
                "id", "version_id", "text"
            )
            self._add(writer, rows.iterator(chunk_size=BATCH_SIZE))

    @staticmethod
    def _add(writer: tantivy.IndexWriter, rows: Iterable[tuple[int, int, str]]) -> int:
        done = 0
        document = tantivy.Document
        for block_id, version_id, text in rows:
            writer.add_document(document(block_id=block_id, version_id=version_id, body=index_text(text)))
            done += 1
        return done

    @staticmethod
    def _forget(row_ids: list[int]) -> None:
        for start in range(0, len(row_ids), 500):
            SearchIndexChange.objects.filter(id__in=row_ids[start : start + 500]).delete()

    def rebuild(self, progress: Progress | None = None) -> int:
        """Empty the index and index every block again; the outbox is applied and emptied."""
        epoch = self._epoch(self._pending())
        total = Block.objects.count() if progress else 0
        done = 0
        if progress:
            progress(0, total)
        with self.folder.writer(heap=REBUILD_HEAP, threads=0) as writer:
            self.folder.set_epoch(None)  # a crash before the end leaves an index to rebuild
            rows = self._pending()
            writer.delete_all_documents()
            last_id = 0
            while True:
                batch = list(
                    Block.objects.filter(id__gt=last_id)
                    .order_by("id")
                    .values_list("id", "version_id", "text")[:BATCH_SIZE]
                )
                if not batch:
                    break
                done += self._add(writer, batch)
                last_id = batch[-1][0]
                if progress:
                    progress(done, total)
            # Removals asked for while the blocks stay (remove_versions alone) still hold.
            removed = {version_id: action for _id, version_id, action in rows if action != EPOCH}
            for version_id, action in removed.items():
                if action == REMOVE:
                    writer.delete_documents_by_term("version_id", version_id)
        self.folder.set_epoch(epoch)
        self._forget([row_id for row_id, _version, action in rows if action != EPOCH])
        self.folder.unconfirmed.clear()
        return done

    def _clear(self) -> None:
        with self.folder.writer() as writer:
            writer.delete_all_documents()

    def document_count(self) -> int:
        return self.folder.searcher().num_docs

    def index_size(self) -> int:
        return sum(f.stat().st_size for f in self.folder.path.iterdir() if f.is_file())


def catch_up() -> int:
    """Apply pending outbox rows to the default Tantivy index (for a worker or a cron job)."""
    return TantivyBackend().catch_up()
