"""The matching of needs and offers, as plain data (no database)."""

import datetime as dt

import pytest

from cosp.assistance.matching import (
    Basis,
    Criterion,
    Met,
    NeedFacts,
    OfferFacts,
    candidates,
    compare,
)

pytestmark = pytest.mark.unit

TODAY = dt.date(2026, 6, 1)
NEED = NeedFacts(article=9, assistance_type="capacity_building", state="KEN", regional_group="AFR")


def test_an_offer_naming_the_article_type_and_group_meets_all_three_and_says_how():
    offer = OfferFacts(
        articles=frozenset({9, 10}),
        assistance_types=frozenset({"capacity_building"}),
        regional_groups=frozenset({"AFR"}),
    )

    comparison = compare(NEED, offer)

    assert comparison.full
    assert comparison.met == (
        Met(Criterion.ARTICLE, Basis.LISTED),
        Met(Criterion.TYPE, Basis.LISTED),
        Met(Criterion.REGION, Basis.REGIONAL_GROUP),
    )


def test_an_offer_naming_nothing_covers_any_article_type_and_state():
    comparison = compare(NEED, OfferFacts())

    assert comparison.full
    assert {met.basis for met in comparison.met} == {Basis.ANY}


def test_naming_the_state_beats_naming_another_group():
    offer = OfferFacts(regional_groups=frozenset({"EEG"}), states=frozenset({"KEN"}))

    assert Met(Criterion.REGION, Basis.STATE) in compare(NEED, offer).met


@pytest.mark.parametrize(
    ("offer", "missed"),
    [
        (OfferFacts(articles=frozenset({36})), (Criterion.ARTICLE,)),
        (OfferFacts(assistance_types=frozenset({"data"})), (Criterion.TYPE,)),
        (OfferFacts(regional_groups=frozenset({"EEG"})), (Criterion.REGION,)),
        (OfferFacts(states=frozenset({"POL"})), (Criterion.REGION,)),
        (
            OfferFacts(articles=frozenset({36}), regional_groups=frozenset({"GRULAC"})),
            (Criterion.ARTICLE, Criterion.REGION),
        ),
    ],
)
def test_each_criterion_missed_is_named(offer, missed):
    comparison = compare(NEED, offer)

    assert comparison.missed == missed
    assert comparison.score == 3 - len(missed)


def test_a_need_without_a_type_matches_offers_of_a_type_on_that_criterion():
    need = NeedFacts(article=9, assistance_type="", state="KEN", regional_group="AFR")

    met = compare(need, OfferFacts(assistance_types=frozenset({"data"}))).met

    assert Met(Criterion.TYPE, Basis.NOT_STATED) in met


def test_a_state_without_a_group_is_served_only_by_name_or_by_offers_for_anyone():
    need = NeedFacts(article=9, assistance_type="", state="COK", regional_group=None)

    assert not compare(need, OfferFacts(regional_groups=frozenset({"APG"}))).full
    assert compare(need, OfferFacts(states=frozenset({"COK"}))).full
    assert compare(need, OfferFacts()).full


def test_candidates_keep_full_matches_by_default_and_partial_ones_on_request():
    full = ("full", OfferFacts(articles=frozenset({9})))
    partial = ("partial", OfferFacts(articles=frozenset({36})))
    none = ("none", OfferFacts(articles=frozenset({36}), assistance_types=frozenset({"data"})))

    assert [c.offer for c in candidates(NEED, [partial, full, none], day=TODAY)] == ["full"]
    found = candidates(NEED, [partial, full, none], day=TODAY, required=(), minimum=2)
    assert [c.offer for c in found] == ["full", "partial"]  # best first


def test_a_required_criterion_must_be_met_whatever_the_score():
    offer = ("by region only", OfferFacts(articles=frozenset({36})))

    assert candidates(NEED, [offer], day=TODAY, required=(Criterion.ARTICLE,), minimum=0) == []
    assert len(candidates(NEED, [offer], day=TODAY, required=(Criterion.REGION,), minimum=0)) == 1


@pytest.mark.parametrize(
    ("facts", "available"),
    [
        (OfferFacts(active=False), False),
        (OfferFacts(ends_on=dt.date(2026, 5, 31)), False),
        (OfferFacts(starts_on=dt.date(2026, 6, 2)), False),
        (OfferFacts(starts_on=TODAY, ends_on=TODAY), True),
    ],
)
def test_closed_or_out_of_period_offers_never_match(facts, available):
    assert facts.available_on(TODAY) is available
    assert bool(candidates(NEED, [("offer", facts)], day=TODAY)) is available
