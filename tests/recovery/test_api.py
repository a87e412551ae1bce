"""/api/recovery/statistics and /api/recovery/rates: public, the same aggregates and filters as the page,
and no record-level rows."""

import pytest

from .test_queries import record

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def records(world):
    record(world.nga, world.che, usd="1000", cases=2, offences=("23",))
    record(world.aut, world.deu, year=2021, measure="returned", usd="250.5")


@pytest.mark.parametrize("person", [None, "observer", "deu_focal_point", "secretariat"])
def test_the_statistics_are_the_same_for_everyone(signed_in, records, person):
    response = signed_in(person).get("/api/recovery/statistics?group_by=requesting_state")
    assert response.status_code == 200
    data = response.json()
    assert data["group_by"] == "requesting_state"
    lines = [(line["key"], line["label"]) for line in data["lines"]]
    assert lines == [("AUT", "Austria"), ("NGA", "Nigeria")]
    frozen = data["lines"][1]["measures"][0]
    assert frozen == {"measure": "frozen", "amount_usd": "1000.00", "cases": 2, "records": 1}
    assert [measure["amount_usd"] for measure in data["total"]] == ["1000.00", "0.00", "0.00", "250.50"]


def test_the_statistics_filters(signed_in, records):
    data = signed_in(None).get("/api/recovery/statistics?requested=deu&year_from=2021").json()
    assert [line["key"] for line in data["lines"]] == ["2021"]
    by_offence = signed_in(None).get("/api/recovery/statistics?group_by=offence&offence=23").json()
    assert [line["key"] for line in by_offence["lines"]] == ["23"]
    unknown = signed_in(None).get("/api/recovery/statistics?group_by=nonsense").json()
    assert unknown["group_by"] == "year"


def test_no_record_level_data_in_the_statistics(signed_in, world, records):
    """A record's source and notes (and who entered it) stay on its own page, whatever the grouping."""
    noted = record(world.nga, world.che, year=2022, usd="75")
    noted.source, noted.notes = "Mutual evaluation 2022 annex", "Confiscation order on appeal"
    noted.save()
    for group_by in ("year", "requested_state", "requesting_state", "offence", "currency", "measure"):
        response = signed_in(None).get(f"/api/recovery/statistics?group_by={group_by}&year_from=2022")
        assert response.status_code == 200
        text = response.content.decode()
        assert "75.00" in text  # the record is counted...
        for private in ("Mutual evaluation", "Confiscation order", "source", "notes", "entered_by"):
            assert private not in text  # ...but nothing of its own is shown


def test_the_rates(signed_in, world):
    rates = signed_in(None).get("/api/recovery/rates?currency=eur").json()
    assert rates == [
        {"currency": "EUR", "year": 2020, "units_per_usd": "0.800000", "source": ""},
        {"currency": "EUR", "year": 2021, "units_per_usd": "0.850000", "source": ""},
    ]
    assert len(signed_in(None).get("/api/recovery/rates?year=2020").json()) == 3
