"""Benchmark the review mechanism at full size: a whole phase generated (cosp/reviews/generator.py), then
the draw of a cycle, the progress page and the thematic report, each against the time to read all
findings from the database in the same run.

    python benchmarks/reviews.py [--states 190] [--findings 100] [--seed 0] [--repeat 5] [--json]
    python benchmarks/reviews.py --database-url postgres://postgres@127.0.0.1:5432/postgres

Everything happens in a throw-away database: an SQLite file in a temporary folder, or (with
--database-url, or DATABASE_URL when set) a new database cosp_bench_<random> created on that server
and dropped at the end. See README.md for what each figure measures. Progress goes to stderr; with
--json, stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from scratch import ThrowAwayDatabase, setup_django  # noqa: E402

# The phase is generated as of this day unless --today says otherwise: the same figures every run.
DEFAULT_TODAY = dt.date(2026, 6, 1)
# Pages timed through the Django test client as a secretariat user: (name, address).
PAGES = (
    ("progress", "/reviews/"),
    ("progress_cycle_1", "/reviews/?cycle=1"),
    ("board", "/reviews/board/"),
    ("thematic", "/reviews/thematic/?cycle=2&chapter=II"),
    ("thematic_docx", "/reviews/thematic.docx?cycle=2&chapter=II"),
    ("thematic_cycle_1", "/reviews/thematic/?cycle=1&chapter=III"),
)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def timed(function: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The median of `repeat` runs in milliseconds, after one run to warm caches; and the last result."""
    result = function()
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs), result


# --- The figures ------------------------------------------------------------------------------------


def read_all_findings() -> int:
    """The baseline: every column of every finding, fetched as plain rows by one SELECT."""
    from django.db import connection

    from cosp.reviews.models import Finding

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(Finding._meta.db_table)}")
        return len(cursor.fetchall())


def read_findings_through_the_orm() -> int:
    """For comparison: the same through Django's ORM, as tuples (a plain QuerySet: the model's manager
    adds django-modeltranslation's per-row work) and as model instances."""
    from django.db.models import QuerySet

    from cosp.reviews.models import Finding

    columns = [field.attname for field in Finding._meta.concrete_fields]
    return len(list(QuerySet(Finding).values_list(*columns)))


def load_all_findings() -> int:
    from cosp.reviews.models import Finding

    return len(list(Finding.objects.all()))


def draw_figures(cycle: int, seed: int, repeat: int, recorded_ms: float) -> dict:
    """The engine's draw of a whole cycle on the States in the database (timed), and every rule checked
    on it and on the draw the generator recorded (tests/reviews: an independent reading of DL-1 to
    DL-14), with the unmet rules and why."""
    from cosp.reviews import draw as engine
    from cosp.reviews.conf import draw_settings
    from cosp.reviews.cycles import get_cycle
    from cosp.reviews.models import Draw
    from cosp.reviews.services.draw import draw_states, result_from_json, verify_draw
    from tests.reviews import violations

    settings, definition = draw_settings(), get_cycle(cycle)
    states = draw_states(cycle)
    at = dt.datetime.now(dt.UTC)
    engine_ms, record = timed(
        lambda: engine.draw_cycle(states, definition, seed + 1, settings, at=at, author="benchmark"), repeat
    )
    stored = Draw.objects.filter(cycle=cycle).order_by("pk").first()
    stored_result = result_from_json(cycle, stored.result)
    fresh_violations = violations(states, record.result, definition, settings)
    stored_violations = violations(states, stored_result, definition, settings)
    unmet = Counter((unmet.rule, unmet.code) for unmet in stored_result.unmet)
    return {
        "states": len(states),
        "reviews": len(stored_result.pairings),
        "engine_ms": round(engine_ms, 1),
        "recorded_ms": round(recorded_ms, 1),  # conduct_draw in the generator: engine + saving reviews
        "violations": len(fresh_violations) + len(stored_violations),
        "violation_examples": (fresh_violations + stored_violations)[:5],
        "verified": verify_draw(stored),
        "unmet": sum(unmet.values()),
        "unmet_by_rule": {f"{rule} {code}": count for (rule, code), count in sorted(unmet.items())},
        "unmet_examples": sorted({unmet.message for unmet in stored_result.unmet})[:5],
    }


def page_figures(repeat: int) -> dict:
    from django.test import Client

    from cosp.core.demo import secretariat
    from cosp.core.enums import Role
    from cosp.core.models import Membership, User

    user = User.objects.create_user(username="bench-secretariat")
    Membership.objects.create(user=user, organisation=secretariat(), role=Role.SECRETARIAT_OFFICER)
    client = Client()
    client.force_login(user)
    figures = {}
    for name, address in PAGES:
        log(f"timing {address}")
        milliseconds, response = timed(lambda address=address: client.get(address), repeat)
        figures[name] = {
            "address": address,
            "status": response.status_code,
            "bytes": len(response.content),
            "ms": round(milliseconds, 1),
        }
    return figures


def measure(args: argparse.Namespace) -> dict:
    from django.db import connection

    from cosp.reviews.generator import generate_phase
    from cosp.reviews.models import CountryReview, Finding
    from cosp.states.reference import load_reference_data

    if not args.fake_states:
        log("loading the reference data (the real States parties)")
        load_reference_data()
    log(f"generating a phase: {args.states} States, {args.findings} findings per review, seed {args.seed}")
    summary = generate_phase(
        states=args.states, findings_per_review=args.findings, seed=args.seed, today=args.today, progress=log
    )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    log("baseline: reading every finding")
    baseline_ms, rows = timed(read_all_findings, args.repeat)
    orm_tuples_ms, _rows = timed(read_findings_through_the_orm, args.repeat)
    orm_objects_ms, _rows = timed(load_all_findings, args.repeat)
    log("the draw of each cycle")
    draws = {
        f"cycle_{cycle}": draw_figures(cycle, args.seed, args.repeat, summary.draw_seconds[cycle] * 1000)
        for cycle in (1, 2)
    }
    pages = page_figures(args.repeat)
    for figures in [*draws.values(), *pages.values()]:
        key = "engine_ms" if "engine_ms" in figures else "ms"
        figures["ratio"] = round(figures[key] / baseline_ms, 3)
    return {
        "database": connection.vendor,
        "today": args.today.isoformat(),
        "seed": args.seed,
        "states": summary.states,
        "fake_states": summary.fake_states,
        "reviews": CountryReview.objects.count(),
        "reviews_with_findings": Finding.objects.values("review").distinct().count(),
        "findings": rows,
        "built": vars(summary.built),
        "generate_seconds": round(summary.seconds, 1),
        "baseline_read_findings_ms": round(baseline_ms, 1),
        "orm_read_findings": {
            "tuples_ms": round(orm_tuples_ms, 1),
            "tuples_ratio": round(orm_tuples_ms / baseline_ms, 3),
            "objects_ms": round(orm_objects_ms, 1),
            "objects_ratio": round(orm_objects_ms / baseline_ms, 3),
        },
        "draw": draws,
        "pages": pages,
    }


def as_text(result: dict) -> str:
    orm = result["orm_read_findings"]
    lines = [
        f"{result['states']} States parties ({result['fake_states']} made up), {result['reviews']} reviews, "
        f"{result['findings']:,} findings on {result['reviews_with_findings']} reviews; generated in "
        f"{result['generate_seconds']} s ({result['database']})",
        f"Baseline, reading every finding (one SELECT): {result['baseline_read_findings_ms']} ms; through "
        f"the ORM as tuples {orm['tuples_ms']} ms (ratio {orm['tuples_ratio']}), as objects "
        f"{orm['objects_ms']} ms (ratio {orm['objects_ratio']})",
    ]
    for name, draw in result["draw"].items():
        lines.append(
            f"Draw {name}: engine {draw['engine_ms']} ms (ratio {draw['ratio']}), recorded "
            f"{draw['recorded_ms']} ms; rules broken {draw['violations']}; verified {draw['verified']}; "
            f"unmet {draw['unmet']} {draw['unmet_by_rule']}"
        )
        lines += [f"    {message}" for message in draw["unmet_examples"]]
    for name, page in result["pages"].items():
        lines.append(
            f"{name:<18} {page['address']:<44} {page['status']} {page['bytes']:>9,} bytes "
            f"{page['ms']:>9} ms  ratio {page['ratio']}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--states", type=int, default=190, help="States parties at least (default 190)")
    parser.add_argument("--findings", type=int, default=100, help="findings per review (default 100)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each figure (default 5)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=DEFAULT_TODAY)
    parser.add_argument(
        "--fake-states", action="store_true", help="do not load the real States: make them all up"
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="cosp-reviews-bench-"))
    database = ThrowAwayDatabase(args.database_url, workdir)
    try:
        setup_django(database.url, workdir)
        result = measure(args)
    finally:
        from django.db import connections

        connections.close_all()
        database.drop()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else as_text(result))


if __name__ == "__main__":
    main()
