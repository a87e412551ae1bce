"""Benchmark the search backend on a synthetic corpus, against a plain insert, brute force and Tantivy.

    python benchmarks/search.py --paragraphs 200000 --json
    python benchmarks/search.py --paragraphs 200000 --json \\
        --database-url postgres://postgres@127.0.0.1:5432/postgres

Everything happens in a throw-away database (an SQLite file in a temporary folder, or a new database
created on the PostgreSQL server named by --database-url and dropped at the end). See README.md for
what each figure measures. Progress goes to stderr; with --json, stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import corpus  # noqa: E402
from scratch import ThrowAwayDatabase, setup_django  # noqa: E402

# (class, query): 1-4 character Chinese terms, phrases across word boundaries, several terms, English.
QUERIES: list[tuple[str, str]] = [
    ("zh1", "国"),
    ("zh1", "资"),
    ("zh1", "腐"),
    ("zh1", "援"),
    ("zh1", "贿"),
    ("zh1", "廉"),
    ("zh2", "资产"),
    ("zh2", "国会"),
    ("zh2", "审议"),
    ("zh2", "洗钱"),
    ("zh2", "引渡"),
    ("zh2", "守则"),
    ("zh3", "秘书处"),
    ("zh3", "缔约国"),
    ("zh3", "私营部"),
    ("zh3", "工作组"),
    ("zh3", "透明度"),
    ("zh4", "资产追回"),
    ("zh4", "技术援助"),
    ("zh4", "国际合作"),
    ("zh4", "公共采购"),
    ("zh_cross", "约国会"),
    ("zh_cross", "产追回问"),
    ("zh_cross", "秘书处强调"),
    ("zh_cross", "议组注意到"),
    ("zh_cross", "的需求"),
    ("zh_cross", "主席团欢迎资产"),
    ("zh_multi", "资产追回 秘书处"),
    ("zh_multi", "技术援助 能力建设"),
    ("zh_multi", "腐败 司法 引渡"),
    ("en_word", "recovery"),
    ("en_word", "bribery"),
    ("en_word", "extradition"),
    ("en_word", "assist"),
    ("en_word", "transparency"),
    ("en_phrase", '"technical assistance"'),
    ("en_phrase", '"asset recovery"'),
    ("en_phrase", '"private sector"'),
    ("en_phrase", '"the secretariat emphasized"'),
    ("en_multi", "asset recovery"),
    ("en_multi", "conference implementation review"),
    ("en_multi", "parliaments bribery"),
]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


# --- Database set-up -------------------------------------------------------------------------------

# --- Ingestion ---------------------------------------------------------------------------------------

_NUMBERED = re.compile(r"^(\d+)\.\s+", re.S)


def parse(text: str) -> list[tuple[str, str]]:
    """The light 'parse' step: paragraphs are separated by blank lines and start with their number."""
    found = []
    for chunk in text.split("\n\n"):
        match = _NUMBERED.match(chunk)
        found.append((match.group(1), chunk[match.end() :]) if match else ("", chunk))
    return found


def ingest(documents: list[tuple[str, str, str]]) -> tuple[int, float, float, float]:
    """Parse, store and index through the product's own code, one transaction per 40 versions:
    Documents and DocumentVersions through the ORM, blocks through `services._store_blocks`, the
    index through `get_backend().index_versions` (Tantivy: an outbox row, applied after the commit).
    Returns (characters, seconds in all, seconds storing blocks, seconds indexing)."""
    from types import SimpleNamespace

    from django.db import transaction

    from cosp.documents.extraction.model import Paragraph
    from cosp.documents.models import Document, DocumentVersion
    from cosp.documents.search import get_backend
    from cosp.documents.services import _store_blocks

    backend = get_backend()
    timers = {"store": 0.0, "index": 0.0}
    if hasattr(backend, "catch_up"):  # Tantivy: the work happens in the commit hook
        catch_up = backend.catch_up

        def timed_catch_up() -> int:
            started = time.perf_counter()
            try:
                return catch_up()
            finally:
                timers["index"] += time.perf_counter() - started

        backend.catch_up = timed_catch_up
    known: dict[str, Document] = {}
    characters = 0
    done = 0
    started = time.perf_counter()
    batch: list[tuple[str, str, str]] = []

    def flush() -> None:
        nonlocal characters
        with transaction.atomic():
            new = [
                Document(symbol=symbol, base_symbol=symbol, original_language="en")
                for symbol in dict.fromkeys(symbol for symbol, _, _ in batch)
                if symbol not in known
            ]
            for document in Document.objects.bulk_create(new):
                known[document.symbol] = document
            versions = DocumentVersion.objects.bulk_create(
                DocumentVersion(document=known[symbol], language=language) for symbol, language, _ in batch
            )
            for version, (_, _, text) in zip(versions, batch, strict=True):
                paragraphs = [
                    Paragraph(number=number, section=None, text=paragraph, line=line)
                    for line, (number, paragraph) in enumerate(parse(text))
                ]
                characters += sum(len(paragraph.text) for paragraph in paragraphs)
                extracted = SimpleNamespace(
                    title=None, headings=[], paragraphs=paragraphs, footnotes=[], tables=[]
                )
                store_started = time.perf_counter()
                _store_blocks(version, extracted)
                timers["store"] += time.perf_counter() - store_started
            index_started = time.perf_counter()
            backend.index_versions([version.pk for version in versions])
            timers["index"] += time.perf_counter() - index_started

    for item in documents:
        batch.append(item)
        if len(batch) == 40:
            flush()
            done += len(batch)
            batch = []
            if done % 1000 == 0:
                log(f"ingested {done:,} of {len(documents):,} versions")
    if batch:
        flush()
    if hasattr(backend, "optimize"):
        index_started = time.perf_counter()
        backend.optimize()
        timers["index"] += time.perf_counter() - index_started
    return characters, time.perf_counter() - started, timers["store"], timers["index"]


def plain_insert(paragraphs: list[str]) -> float:
    """The same paragraphs into a table with no index at all, in one transaction. Returns seconds."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_plain (id bigint PRIMARY KEY, text text NOT NULL)")
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(paragraphs), 10_000):
            cursor.executemany(
                "INSERT INTO bench_plain (id, text) VALUES (%s, %s)",
                [(start + i, text) for i, text in enumerate(paragraphs[start : start + 10_000])],
            )
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_plain")
    return seconds


# --- Truth, brute force, reference ----------------------------------------------------------------------


def substring_terms(query: str) -> list[str]:
    """The query's terms as plain strings (quoted phrases kept whole), lower-cased."""
    return [(quoted or bare).lower() for quoted, bare in re.findall(r'"([^"]*)"|(\S+)', query)]


def truth_matcher(query: str) -> Callable[[str], bool]:
    """Substring semantics: a Chinese term must occur as a substring; an English term as a string
    starting at a word start (and ending at a word end when quoted or shorter than 3 characters: the
    product matches English words, with the last word of an unquoted term as a prefix)."""
    checks: list[Callable[[str], bool]] = []
    for quoted, bare in re.findall(r'"([^"]*)"|(\S+)', query):
        term = (quoted or bare).lower()
        if re.search(r"[\u4e00-\u9fff]", term):
            checks.append(lambda text, term=term: term in text)
        else:
            words = re.findall(r"[0-9a-z]+", term)
            pattern = r"(?<![0-9a-z])" + r"[^0-9a-z]+".join(words)
            if quoted or len(words[-1]) < 3:
                pattern += r"(?![0-9a-z])"
            checks.append(lambda text, rx=re.compile(pattern): rx.search(text.lower()) is not None)
    return lambda text: all(check(text) for check in checks)


def brute_force(vendor: str, query: str) -> Callable[[], list]:
    """Top 20 by number of occurrences of the first term, and the count, from one scan of the blocks."""
    from django.db import connection

    terms = substring_terms(query)
    locate = "instr(lower(text), %s) > 0" if vendor == "sqlite" else "strpos(lower(text), %s) > 0"
    where = " AND ".join([locate] * len(terms))
    sql = (
        f"SELECT id, count(*) OVER () FROM documents_block WHERE {where} "
        "ORDER BY (length(text) - length(replace(lower(text), %s, ''))) DESC, id LIMIT 20"
    )

    def run() -> list:
        with connection.cursor() as cursor:
            cursor.execute(sql, [*terms, terms[0]])
            return cursor.fetchall()

    return run


class Reference:
    """Tantivy over the same tokens (CJK bigrams + trailing character, folded words), built here."""

    def __init__(self, rows: list[tuple[int, str]], path: Path) -> None:
        import tantivy

        from cosp.documents.search.text import index_text

        self.tantivy = tantivy
        builder = tantivy.SchemaBuilder()
        builder.add_integer_field("id", stored=True, fast=True)
        builder.add_text_field("body", tokenizer_name="whitespace", index_option="position")
        self.schema = builder.build()
        path.mkdir(parents=True)
        self.path = path
        self.index = tantivy.Index(self.schema, path=str(path))
        writer = self.index.writer(heap_size=512_000_000)
        started = time.perf_counter()
        for block_id, text in rows:
            writer.add_document(tantivy.Document(id=block_id, body=index_text(text)))
        writer.commit()
        writer.wait_merging_threads()
        self.build_seconds = time.perf_counter() - started
        self.index.reload()
        self.searcher = self.index.searcher()

    def query(self, query: str):
        from cosp.documents.search.text import parse_query

        tantivy = self.tantivy
        parts = []
        for term in parse_query(query).terms:
            words = list(term.tokens)
            if len(words) == 1 and term.prefix:
                part = tantivy.Query.regex_query(self.schema, "body", re.escape(words[0]) + ".*")
            elif len(words) == 1:
                part = tantivy.Query.term_query(self.schema, "body", words[0])
            elif term.prefix:
                part = tantivy.Query.phrase_prefix_query(self.schema, "body", words)
            else:
                part = tantivy.Query.phrase_query(self.schema, "body", words)
            parts.append((tantivy.Occur.Must, part))
        return tantivy.Query.boolean_query(parts)

    def top(self, query: str) -> Callable[[], list]:
        compiled = self.query(query)

        def run() -> list:
            result = self.searcher.search(compiled, 20, count=True)
            return [self.searcher.doc(address)["id"][0] for _score, address in result.hits]

        return run

    def ids(self, query: str) -> set[int]:
        compiled = self.query(query)
        count = self.searcher.search(compiled, 1, count=True).count
        result = self.searcher.search(compiled, max(count, 1), count=False)
        return {self.searcher.doc(address)["id"][0] for _score, address in result.hits}

    def size(self) -> int:
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())


# --- The run ------------------------------------------------------------------------------------------


def run(args: argparse.Namespace, workdir: Path) -> dict:
    database = ThrowAwayDatabase(args.database_url, workdir)
    try:
        setup_django(database.url, workdir)
        return measure(args, workdir)
    finally:
        from django.db import connections

        connections.close_all()
        database.drop()


def measure(args: argparse.Namespace, workdir: Path) -> dict:
    from django.db import connection

    from cosp.documents.search import SearchFilters, get_backend
    from cosp.documents.search.text import parse_query

    n = args.paragraphs
    log(f"generating {n:,} paragraphs (seed {args.seed})")
    texts = [text for _language, text in corpus.paragraphs(n, args.seed)]
    characters = sum(map(len, texts))

    log("plain insert into an unindexed table")
    plain_seconds = plain_insert(texts)

    documents = list(corpus.documents(n, args.seed))
    log(f"ingesting through the pipeline (parse, store, index) with the {connection.vendor} backend")
    ingested_chars, ingest_seconds, store_seconds, index_seconds = ingest(documents)
    del documents
    assert ingested_chars == characters, (ingested_chars, characters)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    backend = get_backend()
    from cosp.documents.models import Block

    rows = list(Block.objects.order_by("id").values_list("id", "text"))
    text_bytes = sum(len(text.encode()) for _, text in rows)

    log("building the reference engine (Tantivy)")
    reference = Reference(rows, workdir / "tantivy")

    log(f"running {len(QUERIES)} queries x {args.repeat} (after one warm-up each)")
    filters = SearchFilters()
    latencies: list[float] = []
    engine_latencies: list[float] = []
    reference_latencies: list[float] = []
    brute_latencies: list[float] = []
    per_class: dict[str, list[float]] = {}
    per_query = []
    recall_found = recall_true = precision_hits = precision_all = 0
    reference_found = 0
    min_recall = 1.0
    for kind, query in QUERIES:
        parsed = parse_query(query)
        backend.search(query, filters=filters, limit=20)
        times = [
            timed(lambda q=query: backend.search(q, filters=filters, limit=20)) for _ in range(args.repeat)
        ]
        latencies += times
        per_class.setdefault(kind, []).extend(times)
        engine_latencies += [
            timed(lambda p=parsed: backend._ranked(p, None, 20, 0)) for _ in range(args.repeat)
        ]
        top_reference = reference.top(query)
        top_reference()
        reference_latencies += [timed(top_reference) for _ in range(args.repeat)]
        brute = brute_force(connection.vendor, query)
        brute_latencies += [timed(brute) for _ in range(args.brute_repeat)]

        matches = truth_matcher(query)
        truth = {block_id for block_id, text in rows if matches(text)}
        found = {block_id for block_id, _score in backend._ranked(parsed, None, 10**9, 0)[0]}
        by_reference = reference.ids(query)
        recall_found += len(found & truth)
        recall_true += len(truth)
        precision_hits += len(found & truth)
        precision_all += len(found)
        reference_found += len(by_reference & truth)
        query_recall = len(found & truth) / len(truth) if truth else 1.0
        min_recall = min(min_recall, query_recall)
        per_query.append(
            {
                "query": query,
                "class": kind,
                "hits": len(found),
                "substring_hits": len(truth),
                "recall": round(query_recall, 6),
                "p50_ms": round(statistics.median(times), 2),
            }
        )
        log(
            f"{kind:9} {query:32} {len(found):7,} hits (substring {len(truth):7,}) "
            f"{statistics.median(times):7.1f} ms"
        )

    search_p95 = percentile(latencies, 95)
    reference_p95 = percentile(reference_latencies, 95)
    brute_p50 = percentile(brute_latencies, 50)
    result = {
        "paragraphs": n,
        "characters": characters,
        "database": connection.vendor,
        "backend": type(backend).__name__,
        "seed": args.seed,
        "queries": len(QUERIES),
        "repeat": args.repeat,
        "ingest_seconds": round(ingest_seconds, 2),
        "ingest_chars_per_s": round(characters / ingest_seconds),
        "ingest_index_seconds": round(index_seconds, 2),
        "ingest_store_blocks_seconds": round(store_seconds, 2),
        "ingest_parse_store_seconds": round(ingest_seconds - index_seconds, 2),
        "plain_insert_seconds": round(plain_seconds, 2),
        "plain_insert_chars_per_s": round(characters / plain_seconds),
        "ingest_vs_plain": round(plain_seconds / ingest_seconds, 3),
        "search_p50_ms": round(percentile(latencies, 50), 2),
        "search_p95_ms": round(search_p95, 2),
        "search_p99_ms": round(percentile(latencies, 99), 2),
        "engine_p50_ms": round(percentile(engine_latencies, 50), 2),
        "engine_p95_ms": round(percentile(engine_latencies, 95), 2),
        "reference_p50_ms": round(percentile(reference_latencies, 50), 2),
        "reference_p95_ms": round(reference_p95, 2),
        "reference_p99_ms": round(percentile(reference_latencies, 99), 2),
        "bruteforce_p50_ms": round(brute_p50, 2),
        "bruteforce_p95_ms": round(percentile(brute_latencies, 95), 2),
        "recall_vs_substring": round(recall_found / recall_true, 6) if recall_true else 1.0,
        "min_query_recall": round(min_recall, 6),
        "precision_vs_substring": round(precision_hits / precision_all, 6) if precision_all else 1.0,
        "reference_recall_vs_substring": round(reference_found / recall_true, 6) if recall_true else 1.0,
        "index_bytes": backend.index_size(),
        "text_bytes": text_bytes,
        "index_vs_text": round(backend.index_size() / text_bytes, 3),
        "reference_index_bytes": reference.size(),
        "reference_build_seconds": round(reference.build_seconds, 2),
        "search_p95_ms_by_class": {
            kind: round(percentile(times, 95), 2) for kind, times in per_class.items()
        },
        "per_query": per_query,
    }
    result["targets"] = {
        "recall_1": result["recall_vs_substring"] == 1.0,
        "p95_within_2x_reference": search_p95 <= 2 * reference_p95,
        "ingest_at_least_quarter_of_plain": result["ingest_vs_plain"] >= 0.25,
        "p95_within_tenth_of_bruteforce_p95": search_p95 <= percentile(brute_latencies, 95) / 10,
    }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=20_000, help="corpus size (up to 1,000,000)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query")
    parser.add_argument("--brute-repeat", type=int, default=1, help="timed brute-force scans of each query")
    parser.add_argument("--database-url", help="a PostgreSQL server (postgres://user@host:port/db)")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary folder (SQLite file, Tantivy)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="cosp-bench-"))
    try:
        result = run(args, workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for key, value in result.items():
            if key != "per_query":
                print(f"{key:32} {value}")


if __name__ == "__main__":
    main()
