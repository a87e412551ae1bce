"""The drawing of lots as recorded (cosp/reviews/services/draw.py; RULES.md 4.3-4.4, DL-1 to DL-14): the
States read from the database, a cycle's draw saved with its reviews, redraws within DL-6, and the check
that a record is what its own inputs give."""

from __future__ import annotations

import datetime as dt

import pytest

from cosp.meetings.models import Body, Session
from cosp.reviews import draw as engine
from cosp.reviews.legal_systems import LegalSystem
from cosp.reviews.models import CountryReview, CycleParticipation, Draw, GovernmentalExpert, ReviewingState
from cosp.reviews.services import ReviewRuleError
from cosp.reviews.services.draw import (
    Check,
    check_draw,
    conduct_draw,
    draw_states,
    pairings,
    preview_draw,
    record_as_json,
    request_redraw,
    result_as_json,
    verify_draw,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

AT = dt.datetime(2026, 6, 15, 9, tzinfo=dt.UTC)


@pytest.fixture
def secretariat(make_user):
    from cosp.core.enums import Role

    return make_user(Role.SECRETARIAT_OFFICER, username="drawer")


@pytest.fixture
def irg_session(db) -> Session:
    body = Body.objects.create(
        code="IRG", name_en="Implementation Review Group", symbol_prefix="CAC/COSP/IRG"
    )
    return Session.objects.create(body=body, number=17, start=dt.date(2026, 6, 15), end=dt.date(2026, 6, 19))


def drawn(registry, secretariat, *, seed: int = 11, **fields) -> Draw:
    registry()
    return conduct_draw(cycle=2, seed=seed, actor=secretariat, at=AT, **fields)


# --- draw_states -----------------------------------------------------------------------------------


def test_draw_states_reads_what_the_draw_needs_from_the_database(make_party, make_state, make_review):
    make_party("AUT", "WEOG", instrument_deposited_on=dt.date(2006, 1, 11))
    make_party("DEU", "WEOG")
    make_party("FRA", "WEOG")
    signatory = make_state("SYR", iso2="SY", instrument="", signed_on=dt.date(2003, 12, 9))
    make_state("XKX", iso2="XK", instrument="")  # neither party nor signatory: never drawn
    make_state("NZL", iso2="NZ", instrument="", signed_on=dt.date(2003, 12, 10))  # no decision: not drawn
    CycleParticipation.objects.create(cycle=2, state=make_party("DEU"), declines_in_review_year=True)
    CycleParticipation.objects.create(cycle=2, state=signatory, takes_part_by_decision=True, decision="x")
    CycleParticipation.objects.create(cycle=1, state=make_party("FRA"), declines_in_review_year=True)
    GovernmentalExpert.objects.create(state=make_party("FRA"), name="Listed")
    GovernmentalExpert.objects.create(state=make_party("DEU"), name="Gone", active=False)
    make_review("ITA", ("FRA", "AUT"))  # entered by hand: no draw record shows these pairs

    states = {state.iso3: state for state in draw_states(2, legal_systems={"AUT": LegalSystem(("civil",))})}

    assert set(states) == {"AUT", "DEU", "FRA", "ITA", "SYR"}
    assert states["AUT"] == engine.DrawState(
        iso3="AUT",
        group="WEOG",
        legal_system=LegalSystem(("civil",)),
        party_since=dt.date(2006, 1, 11),
        has_expert_list=False,
        reviews_done=1,
    )
    assert states["DEU"].declines_in_review_year
    assert not states["DEU"].has_expert_list
    assert not states["FRA"].declines_in_review_year  # it declined in cycle 1 only
    assert states["FRA"].has_expert_list
    assert states["FRA"].reviews_done == 1
    assert (states["SYR"].party, states["SYR"].takes_part_by_decision, states["SYR"].group) == (
        False,
        True,
        None,
    )


def test_reviews_of_a_recorded_draw_do_not_count_as_done_by_hand(registry, secretariat):
    drawn(registry, secretariat)

    assert {state.reviews_done for state in draw_states(2)} == {0}


# --- conduct_draw ----------------------------------------------------------------------------------


def test_a_draw_of_thirty_states_is_saved_with_its_reviews(registry, secretariat, irg_session):
    record = drawn(registry, secretariat, session=irg_session)

    assert (record.cycle, record.action, record.seed, record.session) == (2, "draw", 11, irg_session)
    assert (record.author, record.author_name, record.at) == (secretariat, "drawer", AT)
    assert record.engine_version == engine.ENGINE_VERSION
    assert record.inputs_digest == engine.inputs_digest(record.inputs)
    assert len(record.inputs["states"]) == 30
    # The stored result is the same draw the engine gives on the same data.
    again = engine.draw_cycle(draw_states(2), 2, 11, at=AT, author="anyone")
    assert again.inputs_digest == record.inputs_digest
    assert record.result == result_as_json(again.result)
    assert {"reviews", "unmet", "years"} <= set(record.result)
    assert record.result["unmet"] == []
    reviews = (
        CountryReview.objects.filter(cycle=2).select_related("state").prefetch_related("reviewers__state")
    )
    assert reviews.count() == 30
    for review in reviews:
        pairing = again.result.pairing_of(review.state.iso3)
        reviewers = list(review.reviewers.all())
        assert (review.year, review.draw, review.redraws) == (pairing.year, record, 0)
        assert [r.state.iso3 for r in reviewers] == [r.state for r in pairing.reviewers]
        assert [(r.position, r.same_group) for r in reviewers] == [(0, True), (1, False)]
        assert reviewers[0].state.regional_group_id == review.state.regional_group_id
    # Each review and reviewer has its history row, naming who drew.
    assert CountryReview.history.filter(history_user=secretariat).count() == 30
    assert ReviewingState.history.filter(history_user=secretariat).count() == 60


def test_a_draw_is_written_in_a_few_queries_whatever_the_number_of_states(
    registry, secretariat, django_assert_max_num_queries
):
    registry(60)

    with django_assert_max_num_queries(20):
        conduct_draw(cycle=2, seed=3, actor=secretariat, at=AT)

    assert ReviewingState.objects.count() == 120


def test_a_second_draw_of_the_cycle_is_refused_and_saves_nothing(registry, secretariat):
    drawn(registry, secretariat)
    before = list(ReviewingState.objects.values_list("review__state__iso3", "state__iso3", "position"))

    with pytest.raises(ReviewRuleError, match="years are drawn once, at the start of the cycle"):
        conduct_draw(cycle=2, seed=99, actor=secretariat, at=AT)

    assert Draw.objects.count() == 1
    assert (
        list(ReviewingState.objects.values_list("review__state__iso3", "state__iso3", "position")) == before
    )


def test_the_other_cycle_may_still_be_drawn(registry, secretariat):
    drawn(registry, secretariat)

    conduct_draw(cycle=1, seed=99, actor=secretariat, at=AT)

    assert CountryReview.objects.filter(cycle=1).count() == 30


def test_a_draw_at_a_session_of_another_body_is_refused(registry, secretariat):
    cosp = Body.objects.create(code="COSP", name_en="Conference", symbol_prefix="CAC/COSP")
    session = Session.objects.create(
        body=cosp, number=10, start=dt.date(2023, 12, 11), end=dt.date(2023, 12, 15)
    )
    registry()

    with pytest.raises(ReviewRuleError, match="session of the Implementation Review Group"):
        conduct_draw(cycle=2, seed=1, actor=secretariat, session=session, at=AT)

    assert not Draw.objects.exists()
    assert not CountryReview.objects.exists()


def test_a_draw_whose_data_changed_since_the_preview_is_refused(registry, secretariat, make_party):
    registry()
    preview = preview_draw(cycle=2, seed=5)
    make_party("ZZZ", "AFR", iso2="ZZ")  # a new party after the preview

    with pytest.raises(ReviewRuleError, match="changed since the preview"):
        conduct_draw(cycle=2, seed=5, actor=secretariat, expected_digest=preview.inputs_digest)

    assert not Draw.objects.exists()
    assert not CountryReview.objects.exists()


def test_the_preview_is_the_draw_then_recorded(registry, secretariat):
    registry()
    preview = preview_draw(cycle=2, seed=5)

    record = conduct_draw(cycle=2, seed=5, actor=secretariat, expected_digest=preview.inputs_digest)

    assert record.inputs_digest == preview.inputs_digest
    assert (
        record.result["reviews"][0]["reviewers"][0]["state"] == preview.result.pairings[0].reviewers[0].state
    )


def test_a_draw_without_states_parties_is_refused(secretariat):
    with pytest.raises(ReviewRuleError, match="no States parties"):
        conduct_draw(cycle=2, seed=1, actor=secretariat)


# --- request_redraw (DL-6) -------------------------------------------------------------------------


def reviewers_of(review: CountryReview) -> list[str]:
    return list(review.reviewers.order_by("position").values_list("state__iso3", flat=True))


def test_a_redraw_replaces_the_reviewers_and_records_what_it_replaces(registry, secretariat):
    first = drawn(registry, secretariat)
    review = CountryReview.objects.get(cycle=2, state__iso3="ZXA")
    old = reviewers_of(review)

    record = request_redraw(review, actor=secretariat, seed=42, at=AT + dt.timedelta(days=1))

    review.refresh_from_db()
    new = reviewers_of(review)
    assert (record.action, record.state, record.seed, record.replaces, record.exceptional) == (
        "redraw",
        review.state,
        42,
        first,
        False,
    )
    assert record.inputs["request"] == {"state": "ZXA", "exceptional": False, "reason": ""}
    assert (review.redraws, review.draw) == (1, record)
    assert len(new) == 2
    assert not set(new) & set(old)  # other reviewers than the ones replaced
    assert list(review.reviewers.values_list("same_group", flat=True).order_by("position")) == [True, False]
    stored = next(row for row in record.result["reviews"] if row["state"] == "ZXA")
    assert ([r["state"] for r in stored["reviewers"]], stored["redraws"]) == (new, 1)


def test_a_redraw_without_a_seed_draws_one_and_records_it(registry, secretariat):
    drawn(registry, secretariat)
    review = CountryReview.objects.get(cycle=2, state__iso3="ZXB")

    record = request_redraw(review, actor=secretariat, at=AT + dt.timedelta(days=1))

    assert record.seed >= 0
    assert record.inputs["seed"] == record.seed
    assert verify_draw(record)


def test_two_ordinary_redraws_then_only_exceptional_ones_with_a_reason(registry, secretariat):
    drawn(registry, secretariat)
    review = CountryReview.objects.get(cycle=2, state__iso3="ZXC")
    for day in (1, 2):
        request_redraw(review, actor=secretariat, seed=day, at=AT + dt.timedelta(days=day))
    saved = (Draw.objects.count(), reviewers_of(review))

    with pytest.raises(ReviewRuleError, match="drawn again 2 times"):
        request_redraw(review, actor=secretariat, seed=3, at=AT + dt.timedelta(days=3))
    with pytest.raises(ReviewRuleError, match="exceptional redraw must give the circumstances"):
        request_redraw(review, actor=secretariat, exceptional=True, reason="  ", seed=3)

    assert (Draw.objects.count(), reviewers_of(review)) == saved
    review.refresh_from_db()
    assert review.redraws == 2

    record = request_redraw(
        review, actor=secretariat, exceptional=True, reason="A reviewer's government resigned.", seed=3
    )

    review.refresh_from_db()
    assert (record.exceptional, record.reason, review.redraws) == (
        True,
        "A reviewer's government resigned.",
        3,
    )


def test_redraws_of_different_states_build_on_each_other(registry, secretariat):
    drawn(registry, secretariat)
    first = CountryReview.objects.get(cycle=2, state__iso3="ZXA")
    second = CountryReview.objects.get(cycle=2, state__iso3="ZXF")

    one = request_redraw(first, actor=secretariat, seed=1, at=AT + dt.timedelta(days=1))
    two = request_redraw(second, actor=secretariat, seed=2, at=AT + dt.timedelta(days=2))

    assert two.replaces == one
    kept = next(row for row in two.result["reviews"] if row["state"] == "ZXA")
    assert [r["state"] for r in kept["reviewers"]] == reviewers_of(first)
    assert verify_draw(one)
    assert verify_draw(two)


def test_a_review_not_drawn_on_the_platform_cannot_be_redrawn(make_review, secretariat):
    review = make_review("AUT", ("DEU", "FRA"))

    with pytest.raises(ReviewRuleError, match="not drawn on this platform"):
        request_redraw(review, actor=secretariat, seed=1)

    assert not Draw.objects.exists()
    assert reviewers_of(review) == ["DEU", "FRA"]


def test_a_redraw_with_no_other_reviewer_available_is_refused(make_party, secretariat):
    # Three States of one group: BBB (year 1) is reviewed by the other two, so a redraw, which must give
    # other reviewers than the current ones, has none to give.
    for iso3 in ("AAA", "BBB", "CCC"):
        make_party(iso3, "WEOG", iso2=iso3[:2])
    conduct_draw(cycle=2, seed=1, actor=secretariat, at=AT)
    review = CountryReview.objects.get(state__iso3="BBB")
    before = reviewers_of(review)
    assert sorted(before) == ["AAA", "CCC"]

    with pytest.raises(ReviewRuleError) as refused:
        request_redraw(review, actor=secretariat, seed=2)

    assert refused.value.messages[0].startswith("No other reviewers of BBB satisfy the rules")
    assert Draw.objects.count() == 1
    assert reviewers_of(review) == before


# --- verify_draw -----------------------------------------------------------------------------------


def test_a_recorded_draw_verifies(registry, secretariat):
    record = drawn(registry, secretariat)

    assert verify_draw(Draw.objects.get(pk=record.pk))


def test_a_tampered_result_does_not_verify(registry, secretariat):
    record = drawn(registry, secretariat)
    reviews = record.result["reviews"]
    reviews[0]["reviewers"][1], reviews[1]["reviewers"][1] = (
        reviews[1]["reviewers"][1],
        reviews[0]["reviewers"][1],
    )
    Draw.objects.filter(pk=record.pk).update(result=record.result)

    assert check_draw(Draw.objects.get(pk=record.pk)).status == Check.MISMATCH
    assert not verify_draw(Draw.objects.get(pk=record.pk))


def test_tampered_inputs_do_not_verify(registry, secretariat):
    record = drawn(registry, secretariat)
    record.inputs["states"][0]["declines_in_review_year"] = True
    Draw.objects.filter(pk=record.pk).update(inputs=record.inputs)

    assert not verify_draw(Draw.objects.get(pk=record.pk))


def test_a_redraw_verifies_and_a_tampered_one_does_not(registry, secretariat):
    drawn(registry, secretariat)
    review = CountryReview.objects.get(cycle=2, state__iso3="ZXD")
    record = request_redraw(review, actor=secretariat, seed=8, at=AT + dt.timedelta(days=1))

    assert verify_draw(Draw.objects.get(pk=record.pk))

    Draw.objects.filter(pk=record.pk).update(seed=9)
    assert not verify_draw(Draw.objects.get(pk=record.pk))


def test_a_record_without_inputs_cannot_be_verified(db):
    record = Draw.objects.create(
        cycle=2,
        action="draw",
        seed=7,
        engine_version=1,
        inputs={},
        inputs_digest="0" * 64,
        result={"reviews": [], "unmet": []},
        at=AT,
        author_name="Secretariat",
    )

    check = check_draw(record)

    assert (check.status, verify_draw(record)) == (Check.UNVERIFIABLE, False)
    assert "no inputs" in check.reason


def test_a_record_with_a_broken_result_cannot_be_verified(registry, secretariat):
    record = drawn(registry, secretariat)
    Draw.objects.filter(pk=record.pk).update(result={"reviews": [], "unmet": []})

    assert check_draw(Draw.objects.get(pk=record.pk)).status == Check.UNVERIFIABLE


def test_the_json_of_a_record_holds_what_a_rerun_needs(registry, secretariat, irg_session):
    record = drawn(registry, secretariat, session=irg_session)

    data = record_as_json(record)

    assert data["inputs"] == record.inputs
    assert data["result"] == record.result
    assert (data["seed"], data["inputs_digest"], data["author"]) == (11, record.inputs_digest, "drawer")
    assert data["at"] == "2026-06-15T09:00:00+00:00"


# --- pairings -------------------------------------------------------------------------------------


def test_pairings_are_the_reviews_by_year_with_their_reviewers(
    registry, secretariat, django_assert_num_queries
):
    record = drawn(registry, secretariat)

    with django_assert_num_queries(4):
        by_year = pairings(2)
        rows = [
            (y, r.state.iso3, [s.state.iso3 for s in r.reviewers.all()])
            for y, rs in by_year.items()
            for r in rs
        ]

    expected = [
        (row["year"], row["state"], [r["state"] for r in row["reviewers"]])
        for row in sorted(record.result["reviews"], key=lambda row: (row["year"], row["state"]))
    ]
    assert rows == expected
    assert list(by_year) == sorted(by_year)
    assert pairings(1) == {}
