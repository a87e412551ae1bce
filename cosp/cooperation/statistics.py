"""Anonymous statistics on requests, as plain rules (no database): counts by type, status, year and
legal basis, median days per stage and refusal reasons by type. Never a State, never a word of a
request's contents.

Small counts could point to a pair of States, so any cell below the threshold (a setting, 3 by
default) is suppressed; when a table shows its total, a second cell is suppressed with a lone one so
the hidden figure cannot be had by subtraction.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

SUPPRESSED = None  # a suppressed cell's value


@dataclass(frozen=True)
class Facts:
    """What the statistics may read of one sent request."""

    kind: str
    status: str
    legal_basis: str
    year: int  # the year it was sent
    sent_on: dt.date
    acknowledged_on: dt.date | None = None
    closed_on: dt.date | None = None  # executed, refused or withdrawn
    refusal_reasons: tuple[str, ...] = ()


@dataclass
class Table:
    """Rows × columns of counts; a cell holds None when suppressed. A table built with margins also
    has each row's total (`totals`), each column's total (`column_totals`) and the grand `total`,
    suppressed together with the cells."""

    rows: list[str]
    columns: list[str]
    cells: dict[tuple[str, str], int | None] = field(default_factory=dict)
    totals: dict[str, int | None] = field(default_factory=dict)  # per row
    column_totals: dict[str, int | None] = field(default_factory=dict)
    total: int | None = None

    def value(self, row: str, column: str) -> int | None:
        return self.cells.get((row, column), 0)


def suppress_counts(counts: dict, threshold: int) -> dict:
    """Counts with those under `threshold` (and above zero) replaced by None, plus the smallest other
    count when only one was hidden, so that the total does not give it away."""
    result: dict = {key: (SUPPRESSED if 0 < value < threshold else value) for key, value in counts.items()}
    hidden = [key for key, value in result.items() if value is SUPPRESSED]
    if len(hidden) == 1:
        others = sorted((value, str(key), key) for key, value in result.items() if value)
        if others:
            result[others[0][2]] = SUPPRESSED
    return result


def one_way(values: Iterable[str], order: Sequence[str], threshold: int) -> list[tuple[str, int | None]]:
    """Counts of each value in `order`, suppressed."""
    counts = Counter(values)
    shown = suppress_counts({key: counts.get(key, 0) for key in order}, threshold)
    return [(key, shown[key]) for key in order]


_MARGIN = object()  # the key of a row's or a column's total in a table with margins


def two_way(
    pairs: Iterable[tuple[str, str]],
    rows: Sequence[str],
    columns: Sequence[str],
    threshold: int,
    *,
    margins: bool = False,
) -> Table:
    """Counts per (row, column), suppressed cell by cell and then within each row and column so that no
    line has a lone hidden cell that its total would give away.

    With `margins`, the rows' and the columns' totals are published too (the table's total column, and
    the one-way counts by row and by column are read from them), so they take part in the suppression
    as cells of their own line: a hidden cell's row total is hidden or matched by a second hidden cell,
    and a hidden total has a hidden cell in its line. The grand total is never hidden to protect a
    cell, since other tables publish it."""
    counts = Counter(pairs)
    row_keys: list = [*rows, _MARGIN] if margins else list(rows)
    column_keys: list = [*columns, _MARGIN] if margins else list(columns)

    def count(r, c) -> int:
        return sum(
            counts.get((row, column), 0)
            for row in (rows if r is _MARGIN else [r])
            for column in (columns if c is _MARGIN else [c])
        )

    cells: dict[tuple, int | None] = {(r, c): count(r, c) for r in row_keys for c in column_keys}
    for key, value in cells.items():
        if 0 < value < threshold:
            cells[key] = SUPPRESSED
    lines = [[(r, c) for c in column_keys] for r in row_keys] + [
        [(r, c) for r in row_keys] for c in column_keys
    ]
    changed = True
    while changed:  # complementary suppression until no line has a lone hidden cell
        changed = False
        for line in lines:
            hidden = [key for key in line if cells[key] is SUPPRESSED]
            if len(hidden) == 1:
                visible = sorted(
                    (cells[key], index)
                    for index, key in enumerate(line)
                    if cells[key] and key != (_MARGIN, _MARGIN)
                )
                if visible:
                    cells[line[visible[0][1]]] = SUPPRESSED
                    changed = True
    table = Table(list(rows), list(columns), {(r, c): cells[r, c] for r in rows for c in columns})
    if margins:
        table.totals = {r: cells[r, _MARGIN] for r in rows}
        table.column_totals = {c: cells[_MARGIN, c] for c in columns}
        table.total = cells[_MARGIN, _MARGIN]
    return table


def median_days(pairs: Iterable[tuple[dt.date, dt.date | None]], threshold: int) -> int | None:
    """The median number of days between two dates over the requests that have both; None when fewer
    than `threshold` requests do (a median of one or two would give a request away)."""
    days = [(end - start).days for start, end in pairs if start and end]
    if len(days) < threshold:
        return SUPPRESSED
    return round(statistics.median(days))


@dataclass
class Report:
    total: int | None
    by_kind: list[tuple[str, int | None]]
    by_status: list[tuple[str, int | None]]
    by_basis: list[tuple[str, int | None]]
    by_year: list[tuple[str, int | None]]
    status_by_kind: Table
    reasons_by_kind: Table
    durations: list[tuple[str, int | None, int | None]]  # kind, days to acknowledge, days to close
    threshold: int


def report(
    facts: Sequence[Facts],
    *,
    kinds: Sequence[str],
    statuses: Sequence[str],
    bases: Sequence[str],
    reasons: Sequence[str],
    threshold: int,
) -> Report:
    years = [str(year) for year in sorted({f.year for f in facts})]
    # The counts by type and by status are the margins of the status-by-type table, suppressed with it:
    # suppressed apart, a figure hidden in one table could be read off the other.
    status_by_kind = two_way(((f.kind, f.status) for f in facts), kinds, statuses, threshold, margins=True)
    return Report(
        total=status_by_kind.total,
        by_kind=[(kind, status_by_kind.totals[kind]) for kind in kinds],
        by_status=[(status, status_by_kind.column_totals[status]) for status in statuses],
        by_basis=one_way((f.legal_basis for f in facts), bases, threshold),
        by_year=one_way((str(f.year) for f in facts), years, threshold),
        status_by_kind=status_by_kind,
        reasons_by_kind=two_way(
            ((f.kind, reason) for f in facts for reason in f.refusal_reasons), kinds, reasons, threshold
        ),
        durations=[
            (
                kind,
                median_days(((f.sent_on, f.acknowledged_on) for f in facts if f.kind == kind), threshold),
                median_days(((f.sent_on, f.closed_on) for f in facts if f.kind == kind), threshold),
            )
            for kind in kinds
        ],
        threshold=threshold,
    )
