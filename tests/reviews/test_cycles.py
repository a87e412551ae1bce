"""The review cycles (cosp/reviews/cycles.py) against RULES.md 4.3: the chapters and articles each cycle
reviews, how the years are spread, and the late joiners' rules."""

import csv
import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from cosp.reviews.cycles import (
    CYCLES,
    Cycle,
    Distribution,
    Obligation,
    add_years,
    articles_under_review,
    get_cycle,
)

pytestmark = [pytest.mark.unit]


@pytest.fixture(scope="module")
def catalogue() -> list[tuple[int, str]]:
    """The Convention's 71 articles as (number, chapter) pairs, from the states app's data file, the
    same pairs `Article.objects.values_list("number", "chapter__roman")` gives."""
    path = Path(__file__).resolve().parents[2] / "cosp" / "states" / "data" / "articles.csv"
    with path.open(encoding="utf-8") as handle:
        return [(int(row["number"]), row["chapter_roman"]) for row in csv.DictReader(handle)]


def test_a_phase_is_two_cycles_of_five_years():
    # 4.3-1
    assert sorted(CYCLES) == [1, 2]
    assert [CYCLES[n].years for n in (1, 2)] == [5, 5]


def test_cycle_one_reviews_chapters_three_and_four_and_cycle_two_chapters_two_and_five():
    # 4.3-2, 4.3-3
    assert CYCLES[1].chapters == ("III", "IV")
    assert CYCLES[2].chapters == ("II", "V")


def test_the_articles_under_review_come_from_the_catalogue_given(catalogue):
    # 4.3-2, 4.3-3: chapter III is articles 15-42, IV 43-50, II 5-14, V 51-59.
    assert articles_under_review(1, catalogue) == tuple(range(15, 51))
    assert articles_under_review(CYCLES[2], catalogue) == tuple(range(5, 15)) + tuple(range(51, 60))


def test_articles_under_review_ignore_the_order_and_repeats_of_the_catalogue():
    assert articles_under_review(2, [(52, "V"), (5, "II"), (52, "V"), (15, "III")]) == (5, 52)


def test_cycle_one_spreads_the_parties_over_four_years_by_group_and_late_joiners_in_year_five():
    # 4.3-5, DL-13
    first = CYCLES[1]

    assert first.distribution is Distribution.PROPORTIONAL_BY_GROUP
    assert (first.draw_years, first.late_joiner_year) == (4, 5)
    assert not first.is_late_joiner(dt.date(2010, 6, 28))
    assert first.is_late_joiner(dt.date(2010, 6, 29))
    assert first.late_joiner_obligations(dt.date(2012, 1, 1)) == ()


def test_cycle_two_gives_each_year_a_fifth_and_parties_after_cosp6_the_last_year():
    # 4.3-7
    second = CYCLES[2]

    assert second.distribution is Distribution.EQUAL_SHARES
    assert (second.draw_years, second.late_joiner_year) == (5, 5)
    assert not second.is_late_joiner(dt.date(2015, 11, 6))  # during COSP6
    assert second.is_late_joiner(dt.date(2015, 11, 7))


def test_a_late_joiner_of_cycle_two_owes_chapters_three_and_four_within_two_years():
    # 4.3-7
    second = CYCLES[2]

    assert second.late_joiner_obligations(dt.date(2017, 7, 11)) == (
        Obligation(chapters=("III", "IV"), due_on=dt.date(2019, 7, 11), rule="4.3-7"),
    )
    assert second.late_joiner_obligations(dt.date(2014, 1, 9)) == ()


def test_an_unknown_deposit_date_counts_as_a_party_from_before_the_cycle():
    assert not CYCLES[1].is_late_joiner(None)
    assert CYCLES[2].late_joiner_obligations(None) == ()


def test_two_years_after_the_29th_of_february_is_the_28th():
    assert add_years(dt.date(2016, 2, 29), 2) == dt.date(2018, 2, 28)
    assert add_years(dt.date(2016, 2, 29), 4) == dt.date(2020, 2, 29)


def test_cycle_two_ran_until_june_2024():
    # 4.3-4
    assert CYCLES[2].extended_until == dt.date(2024, 6, 30)


def test_unconfirmed_points_are_fields_that_a_variant_may_change():
    # [U] points (cut-off dates, years) are settings with documented defaults, not constants.
    later_cutoff = dataclasses.replace(CYCLES[2], late_joiners_after=dt.date(2016, 6, 20))

    assert not later_cutoff.is_late_joiner(dt.date(2016, 1, 1))
    assert CYCLES[2].is_late_joiner(dt.date(2016, 1, 1))


def test_an_unknown_cycle_is_refused_with_the_cycles_there_are():
    with pytest.raises(ValueError, match=r"no review cycle 3 \(cycles: 1, 2\)"):
        get_cycle(3)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"chapters": ("IX",)}, "not a chapter"),
        ({"years": 0, "draw_years": 0, "late_joiner_year": 0}, "at least one year"),
        ({"draw_years": 6}, "draw_years must be between 1 and 5"),
        ({"late_joiner_year": 6}, "late_joiner_year must be between 1 and 5"),
        ({"late_joiners_owe_chapters": ("III",)}, "within how many years"),
    ],
)
def test_a_cycle_that_cannot_be_is_refused(fields, message):
    base = {"number": 9, "chapters": ("II",), "distribution": Distribution.EQUAL_SHARES}

    with pytest.raises(ValueError, match=message):
        Cycle(**{**base, **fields})
