"""The aggregates (US dollars, cases and records per measure, by each grouping, under filters) and who
sees which records."""

from decimal import Decimal

import pytest

from cosp.recovery import queries
from cosp.recovery.models import RecoveryRecord, encode_offences
from cosp.recovery.queries import Filters

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def record(requesting, requested, *, year=2020, measure="frozen", usd="100", cases=1, offences=()):
    return RecoveryRecord.objects.create(
        year=year,
        requesting_state=requesting,
        requested_state=requested,
        measure=measure,
        amount=Decimal(usd),
        currency="USD",
        amount_usd=Decimal(usd),
        cases=cases,
        offence_codes=encode_offences(offences),
    )


@pytest.fixture
def records(world):
    return [
        record(world.nga, world.che, usd="1000", cases=2, offences=("15", "23")),
        record(world.nga, world.che, measure="returned", usd="400", offences=("23",)),
        record(world.aut, world.deu, year=2021, usd="50"),
        record(world.chn, world.aut, year=2021, measure="seized", usd="7", cases=3, offences=("other",)),
    ]


def cells(line) -> dict:
    return {measure: (cell.usd, cell.cases, cell.records) for measure, cell in line.cells.items()}


def test_by_year_each_measure_apart_and_the_total(records):
    stats = queries.statistics(Filters(), "year")
    assert [(line.key, cells(line)) for line in stats.lines] == [
        ("2020", {"frozen": (Decimal("1000"), 2, 1), "returned": (Decimal("400"), 1, 1)}),
        ("2021", {"frozen": (Decimal("50"), 1, 1), "seized": (Decimal("7"), 3, 1)}),
    ]
    assert cells(stats.total) == {
        "frozen": (Decimal("1050"), 3, 2),
        "returned": (Decimal("400"), 1, 1),
        "seized": (Decimal("7"), 3, 1),
    }


def test_by_requested_state_with_names(records):
    stats = queries.statistics(Filters(), "requested_state")
    assert [(line.label, line.cell("frozen").usd) for line in stats.lines] == [
        ("Austria", Decimal(0)),
        ("Germany", Decimal("50")),
        ("Switzerland", Decimal("1000")),
    ]


def test_by_regional_group_of_the_requesting_state(records):
    stats = queries.statistics(Filters(), "requesting_group")
    assert {line.label: cells(line) for line in stats.lines} == {
        "African States": {"frozen": (Decimal("1000"), 2, 1), "returned": (Decimal("400"), 1, 1)},
        "Asia-Pacific": {"seized": (Decimal("7"), 3, 1)},
        "WEOG": {"frozen": (Decimal("50"), 1, 1)},
    }


def test_by_offence_a_record_counts_under_each_of_its_offences(records):
    stats = queries.statistics(Filters(), "offence")
    assert {line.key: cells(line) for line in stats.lines} == {
        "15": {"frozen": (Decimal("1000"), 2, 1)},
        "23": {"frozen": (Decimal("1000"), 2, 1), "returned": (Decimal("400"), 1, 1)},
        "other": {"seized": (Decimal("7"), 3, 1)},
        "": {"frozen": (Decimal("50"), 1, 1)},
    }
    assert [line.label for line in stats.lines][-1] == "Offence not stated"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(year_from=2021), Decimal("57")),
        (Filters(year_to=2020), Decimal("1400")),
        (Filters(measure="returned"), Decimal("400")),
        (Filters(requesting="NGA"), Decimal("1400")),
        (Filters(requested="AUT"), Decimal("7")),
        (Filters(requested_group="WEOG"), Decimal("1457")),
        (Filters(requesting_group="WEOG"), Decimal("50")),
        (Filters(offence="23"), Decimal("1400")),
        (Filters(offence="16"), Decimal("0")),
    ],
)
def test_filters(records, filters, expected):
    total = queries.statistics(filters, "measure").total
    assert sum((cell.usd for cell in total.by_measure()), Decimal(0)) == expected


def test_by_currency_and_measure(records):
    assert [line.key for line in queries.statistics(Filters(), "currency").lines] == ["USD"]
    assert [line.label for line in queries.statistics(Filters(), "measure").lines] == [
        "Frozen",
        "Returned",
        "Seized",
    ]


@pytest.mark.parametrize(
    ("person", "visible"),
    [
        (None, set()),
        ("observer", set()),
        ("secretariat", {0, 1, 2, 3}),
        ("aut_delegate", {2, 3}),  # AUT is requesting in 2 and requested in 3
        ("aut_focal_point", {2, 3}),
        ("che_central_authority", {0, 1}),
        ("deu_focal_point", {2}),
    ],
)
def test_records_are_seen_by_the_secretariat_and_the_officials_of_their_two_states(
    world, records, person, visible
):
    from django.contrib.auth.models import AnonymousUser

    user = world.people[person] if person else AnonymousUser()
    seen = set(queries.records_visible_to(user).values_list("pk", flat=True))
    assert seen == {records[index].pk for index in visible}


def test_the_state_resolver_reads_codes_and_names(world):
    resolve = queries.state_resolver()
    assert [resolve(text) for text in ("CHN", "cn", "China", "中国")] == [world.chn] * 4
    with pytest.raises(ValueError, match="Atlantis"):
        resolve("Atlantis")
