"""Benchmark the asset-recovery statistics at size: a CSV file of 50,000 records imported through the
product's code (read, check every row, store with history), then the statistics page, its export and
the API over them, each against the time to read the same file with the csv module alone, in the same
run.

    python benchmarks/recovery.py [--rows 50000] [--seed 0] [--repeat 5] [--json]
    python benchmarks/recovery.py --database-url postgres://postgres@127.0.0.1:5432/postgres

Everything happens in a throw-away database (benchmarks/scratch.py): an SQLite file in a temporary
folder, or a new database on that PostgreSQL server, dropped at the end. Progress goes to stderr; with
--json, stdout is one JSON object.

What is measured:
* baseline (`baseline_read_csv_ms`): `csv.reader` over the file into a list of rows; every other
  figure's ratio is its time divided by this one.
* `check_ms`: `services.check_file`: decoding, the header, every row's values, States resolved (names and
  codes), rates, the importer's States, duplicates inside the file and against the stored records.
* `import_ms`: `services.import_file` (the command's path): the check and the insert of every record
  with its history row, in one transaction. Run once (a second run would find every row stored).
* pages, through Django's test client as a secretariat user (median of --repeat runs after a warm-up):
  the statistics page by year (charts and table), by requesting State, by offence, the CSV export by
  requested State, and /api/recovery/statistics by regional group.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from scratch import ThrowAwayDatabase, setup_django  # noqa: E402

PAGES = (
    ("statistics_by_year", "/recovery/"),
    ("statistics_by_requesting_state", "/recovery/?group_by=requesting_state"),
    ("statistics_by_offence", "/recovery/?group_by=offence"),
    ("export_csv_by_requested_state", "/recovery/statistics.csv?group_by=requested_state"),
    ("api_by_requested_group", "/api/recovery/statistics?group_by=requested_group"),
)
CURRENCIES = {"EUR": "0.9", "GBP": "0.78", "CHF": "0.95", "CNY": "6.9", "NGN": "410", "USD": None}
YEARS = range(2010, 2026)
MEASURES = ("frozen", "seized", "confiscated", "returned")
HEADER = "year,requesting_state,requested_state,measure,amount,currency,cases,offences,source,notes"


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


def write_file(path: Path, rows: int, seed: int) -> None:
    """`rows` records between States parties, named as files do: English names, Chinese names and ISO
    codes mixed. Every row differs (the cents count the line), so none is a duplicate."""
    from cosp.states.models import State

    rng = random.Random(seed)
    states = list(State.objects.parties().values_list("iso3", "short_name_en", "short_name_zh_hans"))
    currencies = list(CURRENCIES)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER + "\n")
        writer = csv.writer(handle)
        for index in range(rows):
            first, second = rng.sample(states, 2)
            names = [rng.choice((state[0], state[1], state[2] or state[1])) for state in (first, second)]
            offences = ",".join(
                rng.sample(["15", "16", "17", "19", "23", "24", "other"], k=rng.choice((0, 1, 2)))
            )
            writer.writerow(
                [
                    rng.choice(YEARS),
                    names[0],
                    names[1],
                    rng.choice(MEASURES),
                    f"{rng.randint(1_000, 50_000_000)}.{index % 100:02d}",
                    rng.choice(currencies),
                    rng.randint(1, 5),
                    offences,
                    "Benchmark figures",
                    "",
                ]
            )


def read_with_csv_module(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return len(list(csv.reader(handle)))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="cosp-bench-recovery-"))
    database = ThrowAwayDatabase(args.database_url, workdir)
    try:
        setup_django(database.url, workdir)
        results = run(args, workdir, database.url)
    finally:
        from django.db import connections

        connections.close_all()
        database.drop()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for key, value in results.items():
            print(f"{key}: {value}")


def run(args, workdir: Path, url: str) -> dict:
    from decimal import Decimal

    from django.test import Client

    from cosp.core.enums import OrganisationKind, Role
    from cosp.core.models import Membership, Organisation, User
    from cosp.recovery import services
    from cosp.recovery.models import ExchangeRate, RecoveryRecord
    from cosp.states.reference import load_reference_data

    log("loading the reference data")
    load_reference_data()
    user = User.objects.create_user(username="bench-secretariat")
    secretariat = Organisation.objects.create(kind=OrganisationKind.SECRETARIAT, name="Secretariat")
    Membership.objects.create(user=user, organisation=secretariat, role=Role.SECRETARIAT_OFFICER)
    for currency, rate in CURRENCIES.items():
        if rate:
            ExchangeRate.objects.bulk_create(
                ExchangeRate(currency=currency, year=year, units_per_usd=Decimal(rate)) for year in YEARS
            )
    path = workdir / "records.csv"
    log(f"writing {args.rows} rows")
    write_file(path, args.rows, args.seed)
    content = path.read_bytes()

    baseline_ms, lines = timed(lambda: read_with_csv_module(path), args.repeat)
    log(f"baseline: {baseline_ms:.1f} ms for {lines} lines")
    check_ms, checked = timed(lambda: services.check_file(content, "csv", actor=user), args.repeat)
    log(f"check: {check_ms:.1f} ms, {len(checked.good)} good, {len(checked.bad)} bad")
    started = time.perf_counter()
    _batch, stored = services.import_file(content, "records.csv", actor=user)
    import_ms = (time.perf_counter() - started) * 1000
    log(f"import: {import_ms:.1f} ms, {stored} stored")

    client = Client()
    client.force_login(user)
    pages = {}
    for name, address in PAGES:
        elapsed, response = timed(lambda address=address: client.get(address), args.repeat)
        assert response.status_code == 200, (address, response.status_code)
        pages[name] = {"ms": round(elapsed, 1), "ratio": round(elapsed / baseline_ms, 2)}
        log(f"{name}: {elapsed:.1f} ms")

    return {
        "database": "postgresql" if url.startswith("postgres") else "sqlite",
        "rows": args.rows,
        "file_bytes": len(content),
        "records_stored": RecoveryRecord.objects.count(),
        "history_rows": RecoveryRecord.history.count(),
        "baseline_read_csv_ms": round(baseline_ms, 1),
        "check_ms": round(check_ms, 1),
        "check_ratio": round(check_ms / baseline_ms, 2),
        "import_ms": round(import_ms, 1),
        "import_ratio": round(import_ms / baseline_ms, 2),
        "import_rows_per_s": round(stored / (import_ms / 1000)),
        "pages": pages,
    }


if __name__ == "__main__":
    main()
