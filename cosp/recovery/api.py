"""The recovery app in the API: the public statistics (the same aggregates and filters as the page) and
the exchange rates. Record-level rows are not in the API."""

from decimal import Decimal

from ninja import Query, Router, Schema

from cosp.core.api import check_perm

from . import queries
from .enums import Measure
from .models import ExchangeRate

router = Router(tags=["recovery"])


class StatisticsFilter(Schema):
    group_by: str = "year"  # year, measure, requesting_state, requested_state, requesting_group,
    # requested_group, offence, currency
    year_from: int | None = None
    year_to: int | None = None
    measure: str | None = None
    requesting: str | None = None  # ISO 3166 alpha-3
    requested: str | None = None
    requesting_group: str | None = None  # AFR, APG, EEG, GRULAC, WEOG
    requested_group: str | None = None
    offence: str | None = None  # an article number of chapter III (15-25) or "other"


class MeasureOut(Schema):
    measure: str
    amount_usd: Decimal
    cases: int
    records: int


class StatisticsLineOut(Schema):
    key: str
    label: str
    measures: list[MeasureOut]


class StatisticsOut(Schema):
    group_by: str
    lines: list[StatisticsLineOut]
    total: list[MeasureOut]


class RateOut(Schema):
    currency: str
    year: int
    units_per_usd: Decimal
    source: str


def _measures(line: queries.Line) -> list[dict]:
    return [
        {"measure": measure.value, "amount_usd": cell.usd, "cases": cell.cases, "records": cell.records}
        for measure, cell in zip(Measure, line.by_measure(), strict=True)
    ]


@router.get("/recovery/statistics", response=StatisticsOut, url_name="recovery_statistics")
def statistics(request, filters: Query[StatisticsFilter]):
    """US-dollar totals, cases and records per measure, grouped by `group_by` under the filters."""
    check_perm(request, "recovery.view_statistics")
    data = filters.dict()
    group_by = data.pop("group_by")
    if group_by not in queries.GROUPINGS:
        group_by = "year"
    if data.get("requesting"):
        data["requesting"] = data["requesting"].upper()
    if data.get("requested"):
        data["requested"] = data["requested"].upper()
    stats = queries.statistics(queries.Filters(**data), group_by)
    return {
        "group_by": stats.group_by,
        "lines": [
            {"key": line.key, "label": line.label, "measures": _measures(line)} for line in stats.lines
        ],
        "total": _measures(stats.total),
    }


@router.get("/recovery/rates", response=list[RateOut], url_name="recovery_rates")
def rates(request, currency: str | None = None, year: int | None = None):
    """The stored exchange rates: units of each currency per US dollar, by year."""
    check_perm(request, "recovery.view_statistics")
    found = ExchangeRate.objects.all()
    if currency:
        found = found.filter(currency=currency.upper())
    if year:
        found = found.filter(year=year)
    return list(found.values("currency", "year", "units_per_usd", "source"))
