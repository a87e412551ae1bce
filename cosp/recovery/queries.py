"""Reads with rules in them: which records a person sees, the stored rates, how a State is found from
what a file says, and the aggregates (US-dollar totals and case counts) under filters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from django.db.models import Case, Count, DecimalField, IntegerField, Q, QuerySet, Sum, Value, When
from django.utils.translation import gettext as _

from cosp.core.rules import is_secretariat, states_of
from cosp.states.models import RegionalGroup, State
from cosp.states.names import UnresolvedName, resolve_state

from .enums import Measure, Offence
from .models import OFFENCE_SEPARATOR, ExchangeRate, RecoveryRecord

MEASURES = tuple(Measure)
NOT_STATED = ""  # the offence "key" of records that name none


def records_visible_to(user) -> QuerySet[RecoveryRecord]:
    """Every record for the secretariat; a State official's records of their own States; nothing else."""
    records = RecoveryRecord.objects.select_related("requesting_state", "requested_state")
    if is_secretariat(user):
        return records
    states = states_of(user)
    if not states:
        return records.none()
    return records.filter(Q(requesting_state__in=states) | Q(requested_state__in=states))


def rates_map(currencies=None) -> dict[tuple[str, int], Decimal]:
    rates = ExchangeRate.objects.all()
    if currencies is not None:
        rates = rates.filter(currency__in=currencies)
    return {
        (currency, year): rate
        for currency, year, rate in rates.values_list("currency", "year", "units_per_usd")
    }


def state_resolver() -> Callable[[str], State]:
    """Find a State from what a file says: its ISO 3166 code (alpha-3 or alpha-2) or any of its names in
    the six languages (states.names). Remembers each answer, so a file of thousands of rows naming the
    same States asks the database once per name. Raises ValueError for an unknown name."""
    by_code = {}
    for state in State.objects.all():
        by_code[state.iso3.upper()] = state
        by_code[state.iso2.upper()] = state

    @cache
    def resolve(text: str) -> State:
        code = text.strip().upper()
        if code in by_code and len(code) in (2, 3):
            return by_code[code]
        try:
            return resolve_state(text)
        except UnresolvedName as error:
            raise ValueError(str(error)) from None

    return resolve


def existing_keys(years) -> dict[tuple, int]:
    """The key of every stored record of these years (see imports.record_key) → its id."""
    from .imports import record_key

    rows = RecoveryRecord.objects.filter(year__in=set(years)).values_list(
        "pk",
        "year",
        "requesting_state_id",
        "requested_state_id",
        "measure",
        "currency",
        "amount",
        "cases",
        "offence_codes",
    )
    return {
        record_key(year, requesting, requested, measure, currency, amount, cases, _split(codes)): pk
        for pk, year, requesting, requested, measure, currency, amount, cases, codes in rows
    }


def _split(codes: str) -> tuple[str, ...]:
    return tuple(code for code in codes.split(OFFENCE_SEPARATOR) if code)


# --- Aggregates ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What the statistics are restricted to; None means no restriction."""

    year_from: int | None = None
    year_to: int | None = None
    measure: str | None = None
    requesting: str | None = None  # ISO 3166 alpha-3
    requested: str | None = None
    requesting_group: str | None = None  # regional group code
    requested_group: str | None = None
    offence: str | None = None  # an Offence value

    def apply(self, records: QuerySet) -> QuerySet:
        if self.year_from is not None:
            records = records.filter(year__gte=self.year_from)
        if self.year_to is not None:
            records = records.filter(year__lte=self.year_to)
        if self.measure:
            records = records.filter(measure=self.measure)
        if self.requesting:
            records = records.filter(requesting_state__iso3=self.requesting)
        if self.requested:
            records = records.filter(requested_state__iso3=self.requested)
        if self.requesting_group:
            records = records.filter(requesting_state__regional_group__code=self.requesting_group)
        if self.requested_group:
            records = records.filter(requested_state__regional_group__code=self.requested_group)
        if self.offence:
            records = records.filter(offence_codes__contains=_token(self.offence))
        return records


def _token(code: str) -> str:
    return f"{OFFENCE_SEPARATOR}{code}{OFFENCE_SEPARATOR}"


# Group-by key → the column the records are grouped on.
GROUPINGS = {
    "year": "year",
    "measure": "measure",
    "requesting_state": "requesting_state__iso3",
    "requested_state": "requested_state__iso3",
    "requesting_group": "requesting_state__regional_group__code",
    "requested_group": "requested_state__regional_group__code",
    "currency": "currency",
    "offence": None,  # one conditional sum per offence (a record naming two offences counts under both)
}


CENTS = Decimal("0.01")


def _money(value) -> Decimal:
    """A sum as the database gives it (SQLite: a number without cents) to the cent."""
    return Decimal(value or 0).quantize(CENTS)


@dataclass
class Cell:
    usd: Decimal = Decimal("0.00")
    cases: int = 0
    records: int = 0


@dataclass
class Line:
    key: str
    label: str
    cells: dict[str, Cell] = field(default_factory=dict)

    def cell(self, measure: str) -> Cell:
        return self.cells.get(measure) or Cell()

    def by_measure(self) -> list[Cell]:
        return [self.cell(measure) for measure in MEASURES]


@dataclass
class Statistics:
    group_by: str
    lines: list[Line]
    total: Line


_USD = DecimalField(max_digits=24, decimal_places=2)


def statistics(filters: Filters, group_by: str = "year") -> Statistics:
    """US-dollar totals, case counts and record counts per measure for each value of `group_by`, and the
    total per measure. Measures are never added together: they are stages of the same assets."""
    if group_by not in GROUPINGS:
        raise ValueError(f"unknown grouping {group_by!r}")
    records = filters.apply(RecoveryRecord.objects.all())
    total = Line("", _("All"))
    for row in records.values("measure").annotate(usd=Sum("amount_usd"), cases=Sum("cases"), n=Count("pk")):
        total.cells[row["measure"]] = Cell(_money(row["usd"]), row["cases"] or 0, row["n"])
    if group_by == "offence":
        lines = _by_offence(records)
    else:
        column = GROUPINGS[group_by]
        found: dict[str, Line] = {}
        rows = (
            records.values(column, "measure")
            .annotate(usd=Sum("amount_usd"), cases=Sum("cases"), n=Count("pk"))
            .order_by(column, "measure")
        )
        for row in rows:
            key = "" if row[column] is None else str(row[column])
            line = found.setdefault(key, Line(key, key))
            line.cells[row["measure"]] = Cell(_money(row["usd"]), row["cases"] or 0, row["n"])
        lines = list(found.values())
    _label(lines, group_by)
    if group_by not in ("year", "measure"):
        lines.sort(key=lambda line: (line.key == "", line.label.casefold()))
    return Statistics(group_by, lines, total)


def _by_offence(records: QuerySet) -> list[Line]:
    codes = [*Offence.values, NOT_STATED]
    aggregates = {}
    for index, code in enumerate(codes):
        condition = Q(offence_codes="") if code == NOT_STATED else Q(offence_codes__contains=_token(code))
        aggregates[f"usd_{index}"] = Sum(
            Case(When(condition, then="amount_usd"), default=Value(0), output_field=_USD)
        )
        aggregates[f"cases_{index}"] = Sum(
            Case(When(condition, then="cases"), default=Value(0), output_field=IntegerField())
        )
        aggregates[f"n_{index}"] = Count("pk", filter=condition)
    lines = {code: Line(code, code) for code in codes}
    for row in records.values("measure").annotate(**aggregates).order_by("measure"):
        for index, code in enumerate(codes):
            if row[f"n_{index}"]:
                lines[code].cells[row["measure"]] = Cell(
                    _money(row[f"usd_{index}"]), row[f"cases_{index}"] or 0, row[f"n_{index}"]
                )
    return [line for line in lines.values() if line.cells]


def _label(lines: list[Line], group_by: str) -> None:
    if group_by in ("requesting_state", "requested_state"):
        names = {
            state.iso3: state.short_name
            for state in State.objects.filter(iso3__in=[line.key for line in lines])
        }
    elif group_by in ("requesting_group", "requested_group"):
        names = {group.code: group.abbreviation or group.name for group in RegionalGroup.objects.all()}
        names[""] = _("No regional group")
    elif group_by == "measure":
        names = {measure.value: str(measure.label) for measure in Measure}
    elif group_by == "offence":
        names = {offence.value: str(offence.label) for offence in Offence}
        names[NOT_STATED] = _("Offence not stated")
    else:
        names = {}
    for line in lines:
        line.label = names.get(line.key, line.key)
