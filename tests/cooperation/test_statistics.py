"""The anonymous statistics' suppression of small cells (plain rules)."""

import datetime as dt

import pytest

from cosp.cooperation.statistics import Facts, median_days, one_way, report, suppress_counts, two_way

pytestmark = pytest.mark.unit


def test_small_counts_are_suppressed_with_a_second_cell_when_one_alone_is_hidden():
    assert suppress_counts({"a": 10, "b": 2, "c": 5, "d": 0}, 3) == {"a": 10, "b": None, "c": None, "d": 0}
    assert suppress_counts({"a": 10, "b": 2, "c": 1}, 3) == {"a": 10, "b": None, "c": None}
    assert suppress_counts({"a": 10, "b": 4}, 3) == {"a": 10, "b": 4}


def test_one_way_keeps_the_given_order():
    assert one_way(["x", "x", "x", "y"], ["y", "x", "z"], 3) == [("y", None), ("x", None), ("z", 0)]


def test_two_way_leaves_no_row_or_column_with_a_lone_hidden_cell():
    pairs = (
        [("mla", "sent")] * 5 + [("mla", "refused")] * 1 + [("ext", "sent")] * 4 + [("ext", "refused")] * 6
    )
    table = two_way(pairs, ["mla", "ext"], ["sent", "refused"], 3)
    for line in (
        [table.cells[("mla", c)] for c in table.columns],
        [table.cells[("ext", c)] for c in table.columns],
        [table.cells[(r, "sent")] for r in table.rows],
        [table.cells[(r, "refused")] for r in table.rows],
    ):
        assert line.count(None) != 1
    assert table.cells[("mla", "refused")] is None


def test_medians_need_enough_requests():
    start = dt.date(2026, 1, 1)
    pairs = [(start, start + dt.timedelta(days=d)) for d in (10, 20, 40)]
    assert median_days(pairs, 3) == 20
    assert median_days(pairs[:2], 3) is None
    assert median_days([(start, None)] * 5, 3) is None


def test_the_report_holds_no_names_only_categories():
    facts = [Facts("mla", "executed", "convention", 2024, dt.date(2024, 1, 1)) for _ in range(4)]
    result = report(
        facts,
        kinds=["mla", "extradition"],
        statuses=["executed"],
        bases=["convention"],
        reasons=["other"],
        threshold=3,
    )
    assert result.total == 4
    assert result.by_year == [("2024", 4)]
    assert result.by_kind == [("mla", 4), ("extradition", 0)]
    assert (
        report(facts[:2], kinds=["mla"], statuses=["executed"], bases=[], reasons=[], threshold=3).total
        is None
    )


def _facts(kind: str, status: str, count: int) -> list[Facts]:
    return [Facts(kind, status, "convention", 2024, dt.date(2024, 1, 1)) for _ in range(count)]


def test_a_count_hidden_by_type_cannot_be_read_off_the_status_table():
    """Two extradition requests are hidden in the counts by type; before, the five requests of mutual
    legal assistance hidden with them were printed as that type's total in the status table, and the
    two followed by subtraction from the number of requests sent."""
    facts = (
        _facts("mla", "sent", 5) + _facts("extradition", "executed", 2) + _facts("asset_recovery", "sent", 10)
    )
    result = report(
        facts,
        kinds=["mla", "extradition", "asset_recovery"],
        statuses=["sent", "executed"],
        bases=["convention"],
        reasons=["other"],
        threshold=3,
    )
    table = result.status_by_kind
    assert result.total == 17
    assert dict(result.by_kind)["extradition"] is None
    # Each count by type or status is the table's total of that row or column, hidden alike.
    assert result.by_kind == [(kind, table.totals[kind]) for kind in table.rows]
    assert result.by_status == [(status, table.column_totals[status]) for status in table.columns]
    # No row or column, with its total, has a single hidden figure.
    for kind in table.rows:
        assert [table.value(kind, status) for status in table.columns].count(None) + (
            table.totals[kind] is None
        ) != 1
    for status in table.columns:
        assert [table.value(kind, status) for kind in table.rows].count(None) + (
            table.column_totals[status] is None
        ) != 1
    assert [value for _kind, value in result.by_kind].count(None) != 1
    assert [value for _status, value in result.by_status].count(None) != 1
