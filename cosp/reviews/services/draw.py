"""The drawing of lots as the IRG holds it (RULES.md 4.3-4.4): the States as the database knows them, a
cycle's draw recorded with its country reviews, a State's request for a redraw (DL-6), and the check
that a recorded draw is what its inputs give.

The rules are draw.py's; this module only feeds it from the database and stores what it returns. Every
record keeps the canonical inputs and the whole result (years, reviewers with their flags, unmet rules,
redraw counts), so `verify_draw` can rebuild the engine's record from the database row alone and run it
again. A redraw starts from the cycle's current record (the last one), which it replaces.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from cosp.meetings.models import Session
from cosp.states.models import State

from .. import draw as engine
from ..conf import draw_settings
from ..cycles import get_cycle
from ..enums import DrawAction
from ..legal_systems import LegalSystem, load_legal_systems
from ..models import CountryReview, CycleParticipation, Draw, GovernmentalExpert, ReviewingState
from .base import ReviewRuleError

IRG = "IRG"  # the body whose session draws the lots (DL-7)
SEED_LIMIT = 10**9  # fresh seeds stay short enough to read out in the room


def fresh_seed() -> int:
    """A seed nobody chose: from the operating system's random source."""
    return secrets.randbelow(SEED_LIMIT)


# --- The States as the draw sees them -------------------------------------------------------------


def draw_states(cycle: int, *, legal_systems: dict[str, LegalSystem] | None = None) -> list[engine.DrawState]:
    """Every State party, and every signatory a recorded decision lets take part (DL-14), as the draw of
    `cycle` sees it: `party_states` (the reference data) with what `in_cycle` adds."""
    systems = load_legal_systems() if legal_systems is None else legal_systems
    return in_cycle(party_states(systems), cycle, legal_systems=systems)


def party_states(legal_systems: dict[str, LegalSystem]) -> list[engine.DrawState]:
    """Every State party from the reference data: regional group, legal system (DL-4, the team's file),
    deposit date (DL-13); what depends on the cycle keeps the engine's defaults until `in_cycle`."""
    parties = State.objects.parties().select_related("regional_group").order_by("iso3")
    return [_draw_state(state, legal_systems) for state in parties]


def _draw_state(state: State, legal_systems: dict[str, LegalSystem], **fields: Any) -> engine.DrawState:
    return engine.DrawState(
        iso3=state.iso3,
        group=state.regional_group.code if state.regional_group else None,
        legal_system=legal_systems.get(state.iso3),
        party_since=state.instrument_deposited_on,
        **fields,
    )


def in_cycle(
    states: list[engine.DrawState], cycle: int, *, legal_systems: dict[str, LegalSystem]
) -> list[engine.DrawState]:
    """The States with what the database knows of them in `cycle`: whether each declines to review in
    its own review year (DL-8), keeps a list of governmental experts (DL-12), and does reviews in this
    cycle that no recorded draw shows (DL-10: reviews entered by hand; the pairs of a recorded draw
    reach the engine as pairs, so they are not counted twice); and the signatories that a recorded
    decision lets take part (DL-14)."""
    participation = {
        p.state.iso3: p for p in CycleParticipation.objects.filter(cycle=cycle).select_related("state")
    }
    with_experts = set(
        GovernmentalExpert.objects.filter(active=True).values_list("state__iso3", flat=True).distinct()
    )
    done_by_hand = Counter(
        ReviewingState.objects.filter(review__cycle=cycle, review__draw__isnull=True).values_list(
            "state__iso3", flat=True
        )
    )
    known = {state.iso3 for state in states}
    admitted = (
        State.objects.filter(iso3__in=[iso3 for iso3, p in participation.items() if p.takes_part_by_decision])
        .exclude(iso3__in=known)
        .select_related("regional_group")
    )
    result = []
    for state in [*states, *(_draw_state(state, legal_systems, party=False) for state in admitted)]:
        held = participation.get(state.iso3)
        result.append(
            dataclasses.replace(
                state,
                takes_part_by_decision=bool(held and held.takes_part_by_decision),
                declines_in_review_year=bool(held and held.declines_in_review_year),
                has_expert_list=state.iso3 in with_experts,
                reviews_done=done_by_hand[state.iso3],
            )
        )
    return sorted(result, key=lambda state: state.iso3)


# --- A record as JSON and back ----------------------------------------------------------------------


def result_as_json(draw: engine.CycleDraw) -> dict[str, Any]:
    """The cycle's draw as stored: what `cosp draw --format json` prints (reviews, unmet) with what the
    engine needs to rebuild it (years, reviewers' flags, redraw counts, the count behind each unmet)."""
    data = draw.as_json()
    for row, pairing in zip(data["reviews"], draw.pairings, strict=True):
        row["redraws"] = pairing.redraws
        for reviewer_row, reviewer in zip(row["reviewers"], pairing.reviewers, strict=True):
            reviewer_row["same_group"] = reviewer.same_group
            reviewer_row["legal_similarity"] = reviewer.legal_similarity
    for row, unmet in zip(data["unmet"], draw.unmet, strict=True):
        row["reviewers_drawn"] = unmet.reviewers_drawn
    data["years"] = {str(year): list(states) for year, states in draw.years.years.items()}
    data["late_joiners"] = list(draw.years.late_joiners)
    data["left_out"] = list(draw.years.left_out)
    return data


def result_from_json(cycle: int, data: dict[str, Any]) -> engine.CycleDraw:
    """The engine's CycleDraw from a stored result; KeyError, TypeError or ValueError when it is not one."""
    unmet_by_state: dict[str, list[engine.Unmet]] = defaultdict(list)
    for row in data["unmet"]:
        unmet_by_state[row["state"]].append(
            engine.Unmet(
                year=row["year"],
                state=row["state"],
                group=row["group"],
                rule=row["rule"],
                code=row["code"],
                reviewers_drawn=row["reviewers_drawn"],
                states=tuple(row["states"]),
                blocked=tuple((item["state"], item["rule"]) for item in row["blocked"]),
                substituted=row["substituted"],
            )
        )
    pairings = tuple(
        engine.Pairing(
            year=row["year"],
            state=row["state"],
            group=row["group"],
            reviewers=tuple(
                engine.Reviewer(r["state"], r["group"], r["same_group"], r["legal_similarity"])
                for r in row["reviewers"]
            ),
            unmet=tuple(unmet_by_state.pop(row["state"], ())),
            redraws=row["redraws"],
        )
        for row in data["reviews"]
    )
    if unmet_by_state:
        raise ValueError(f"unmet rules for States not under review: {', '.join(sorted(unmet_by_state))}")
    years = engine.YearAssignment(
        cycle=cycle,
        years={int(year): tuple(states) for year, states in data["years"].items()},
        late_joiners=tuple(data["late_joiners"]),
        left_out=tuple(data["left_out"]),
    )
    return engine.CycleDraw(cycle, years, pairings)


def states_from_inputs(inputs: dict[str, Any]) -> list[engine.DrawState]:
    """The DrawStates of a record's canonical inputs (the reverse of draw.canonical_inputs)."""
    states = []
    for row in inputs["states"]:
        fields = dict(row)
        if fields["legal_system"] is not None:
            fields["legal_system"] = LegalSystem.parse(fields["legal_system"])
        if fields["party_since"] is not None:
            fields["party_since"] = dt.date.fromisoformat(fields["party_since"])
        states.append(engine.DrawState(**fields))
    return states


def _redraws_as_canonical(draw: engine.CycleDraw) -> list[dict[str, Any]]:
    # The engine digests the draw a redraw starts from in this shape (draw._draw_as_canonical); the
    # stored inputs must be the very inputs digested, which `_check_digest` confirms on every write.
    return [
        {
            "year": pairing.year,
            "state": pairing.state,
            "reviewers": [reviewer.state for reviewer in pairing.reviewers],
            "redraws": pairing.redraws,
        }
        for pairing in draw.pairings
    ]


def _check_digest(inputs: dict[str, Any], record: engine.DrawRecord) -> None:
    if engine.inputs_digest(inputs) != record.inputs_digest:
        raise AssertionError("the stored inputs are not the inputs the engine digested")


# --- The cycle's draw ---------------------------------------------------------------------------------


def _author_name(actor) -> str:
    return actor.display_name if actor is not None else _("Secretariat")


def _check_session(session: Session | None) -> None:
    if session is not None and session.body.code != IRG:
        raise ReviewRuleError(
            _(
                "The lots are drawn at a session of the Implementation Review Group (DL-7), "
                "not at %(session)s."
            )
            % {"session": session},
            code="not_irg",
        )


def preview_draw(*, cycle: int, seed: int, at: dt.datetime | None = None) -> engine.DrawRecord:
    """The draw `conduct_draw` would record with this seed on the data as it is now; nothing is saved."""
    return engine.draw_cycle(
        draw_states(cycle), get_cycle(cycle), seed, draw_settings(), at=at or timezone.now(), author="preview"
    )


@transaction.atomic
def conduct_draw(
    *,
    cycle: int,
    seed: int,
    actor,
    session: Session | None = None,
    at: dt.datetime | None = None,
    expected_digest: str | None = None,
) -> Draw:
    """Draw the whole cycle (DL-1 to DL-14) and record it: the Draw with its canonical inputs, digest and
    result, then one CountryReview per State under review with its reviewers (the one from its group
    first). Refused when the cycle already has reviews (DL-1: the years are fixed once, at the start),
    when the session is not one of the IRG, or, given `expected_digest` (the preview's), when the data
    changed since the preview."""
    definition = get_cycle(cycle)
    _check_session(session)
    if CountryReview.objects.filter(cycle=cycle).exists():
        raise ReviewRuleError(
            _(
                "Cycle %(cycle)s already has its reviews: the years are drawn once, at the start of the "
                "cycle (DL-1). A State under review may ask for a redraw of its reviewers (DL-6)."
            )
            % {"cycle": cycle},
            code="already_drawn",
        )
    states = draw_states(cycle)
    if not states:
        raise ReviewRuleError(_("There are no States parties to draw."), code="no_states")
    settings = draw_settings()
    at = at or timezone.now()
    author_name = _author_name(actor)
    drawn = engine.draw_cycle(states, definition, seed, settings, at=at, author=author_name)
    if expected_digest and expected_digest != drawn.inputs_digest:
        raise ReviewRuleError(
            _(
                "The States' data changed since the preview, so this draw would not be the one shown: "
                "look at the new preview before recording it."
            ),
            code="inputs_changed",
        )
    inputs = engine.canonical_inputs(states, definition, seed, settings)
    _check_digest(inputs, drawn)
    record = Draw.objects.create(
        cycle=cycle,
        action=DrawAction.DRAW,
        seed=seed,
        engine_version=engine.ENGINE_VERSION,
        inputs=inputs,
        inputs_digest=drawn.inputs_digest,
        result=result_as_json(drawn.result),
        at=at,
        author=actor,
        author_name=author_name,
        session=session,
    )
    _create_reviews(record, drawn.result, actor)
    return record


def _create_reviews(record: Draw, draw: engine.CycleDraw, actor) -> None:
    # One query for the States, then two bulk inserts with their history rows: 190 States at once.
    codes = {pairing.state for pairing in draw.pairings}
    codes |= {reviewer.state for pairing in draw.pairings for reviewer in pairing.reviewers}
    states = {state.iso3: state for state in State.objects.filter(iso3__in=codes)}
    reason = f"reviews.draw.{record.pk}"
    reviews = bulk_create_with_history(
        [
            CountryReview(cycle=draw.cycle, year=pairing.year, state=states[pairing.state], draw=record)
            for pairing in draw.pairings
        ],
        CountryReview,
        default_user=actor,
        default_change_reason=reason,
    )
    by_state = {review.state_id: review for review in reviews}
    reviewers = [
        _reviewing_state(by_state[states[pairing.state].pk], states[reviewer.state], reviewer, position)
        for pairing in draw.pairings
        for position, reviewer in enumerate(pairing.reviewers)
    ]
    bulk_create_with_history(reviewers, ReviewingState, default_user=actor, default_change_reason=reason)


def _reviewing_state(
    review: CountryReview, state: State, reviewer: engine.Reviewer, position: int
) -> ReviewingState:
    return ReviewingState(review=review, state=state, same_group=reviewer.same_group, position=position)


# --- Redraws (DL-6) -----------------------------------------------------------------------------------


def current_record(cycle: int) -> Draw | None:
    """The cycle's latest draw or redraw: the one whose result stands."""
    return Draw.objects.filter(cycle=cycle).order_by("at", "pk").last()


@transaction.atomic
def request_redraw(
    review: CountryReview,
    *,
    actor,
    exceptional: bool = False,
    reason: str = "",
    seed: int | None = None,
    at: dt.datetime | None = None,
) -> Draw:
    """The State under review asks for its reviewers to be drawn again (DL-6): at most two ordinary
    redraws, more only in exceptional circumstances with the reason. The engine draws from the cycle's
    current record; the new record replaces it, the review's reviewers are replaced and its redraw count
    goes up. What the engine refuses comes back as a ReviewRuleError with its message."""
    review = CountryReview.objects.select_for_update().select_related("state").get(pk=review.pk)
    reason = reason.strip()
    if exceptional and not reason:
        raise ReviewRuleError(
            {"reason": _("An exceptional redraw must give the circumstances that justify it (DL-6).")},
            code="exceptional_without_reason",
        )
    previous = current_record(review.cycle)
    try:
        before = result_from_json(review.cycle, previous.result) if previous is not None else None
    except (KeyError, TypeError, ValueError):
        before = None
    if before is None or before.pairing_of(review.state.iso3) is None:
        raise ReviewRuleError(
            _(
                "The reviewers of %(state)s were not drawn on this platform, so there is no recorded draw "
                "to draw them again from; the secretariat records the new reviewers instead."
            )
            % {"state": review.state},
            code="no_recorded_draw",
        )
    definition = get_cycle(review.cycle)
    states = draw_states(review.cycle)
    settings = draw_settings()
    seed = fresh_seed() if seed is None else seed
    at = at or timezone.now()
    author_name = _author_name(actor)
    request = engine.RedrawRequest(review.state.iso3, exceptional=exceptional, reason=reason)
    drawn = engine.redraw(
        before, request, states=states, seed=seed, settings=settings, at=at, author=author_name
    )
    if isinstance(drawn, engine.Refusal):
        raise ReviewRuleError(drawn.message, code=drawn.code)
    inputs = engine.canonical_inputs(
        states,
        definition,
        seed,
        settings,
        draw=_redraws_as_canonical(before),
        request=dataclasses.asdict(request),
    )
    _check_digest(inputs, drawn)
    record = Draw.objects.create(
        cycle=review.cycle,
        action=DrawAction.REDRAW,
        seed=seed,
        engine_version=engine.ENGINE_VERSION,
        inputs=inputs,
        inputs_digest=drawn.inputs_digest,
        result=result_as_json(drawn.result),
        at=at,
        author=actor,
        author_name=author_name,
        state=review.state,
        exceptional=exceptional,
        reason=reason,
        replaces=previous,
    )
    pairing = drawn.result.pairing_of(review.state.iso3)
    assert pairing is not None  # the engine redraws only a State under review
    change = f"reviews.redraw.{record.pk}"
    for old in review.reviewers.all():
        old._history_user, old._change_reason = actor, change
        old.delete()
    reviewing = {s.iso3: s for s in State.objects.filter(iso3__in=[r.state for r in pairing.reviewers])}
    for position, reviewer in enumerate(pairing.reviewers):
        new = _reviewing_state(review, reviewing[reviewer.state], reviewer, position)
        new._history_user, new._change_reason = actor, change
        new.save()
    review.redraws = pairing.redraws
    review.draw = record
    review._history_user, review._change_reason = actor, change
    review.save(update_fields=["redraws", "draw"])
    return record


# --- Verification and the public pages ---------------------------------------------------------------


class Check:
    VERIFIED = "verified"
    MISMATCH = "mismatch"  # run again, the inputs give another result (or digest)
    UNVERIFIABLE = "unverifiable"  # the record lacks what a run needs


@dataclass(frozen=True)
class Verification:
    status: str  # a Check value
    reason: str = ""  # why it could not be verified, for people

    @property
    def verified(self) -> bool:
        return self.status == Check.VERIFIED


def _engine_record(record: Draw) -> tuple[engine.DrawRecord, engine.CycleDraw | None]:
    """The engine's record rebuilt from the row, and for a redraw the draw it started from."""
    inputs = record.inputs
    request = engine.RedrawRequest(**inputs["request"]) if record.action == DrawAction.REDRAW else None
    before = None
    if request is not None:
        if record.replaces is None:
            raise ValueError("the redraw names no record it replaces")
        before = result_from_json(record.cycle, record.replaces.result)
    rebuilt = engine.DrawRecord(
        action=record.action,
        cycle=record.cycle,
        seed=record.seed,
        inputs_digest=record.inputs_digest,
        at=record.at,
        author=record.author_name,
        result=result_from_json(record.cycle, record.result),
        request=request,
    )
    return rebuilt, before


def check_draw(record: Draw) -> Verification:
    """Run the record again from its own inputs and say whether it gives the recorded result."""
    if not record.inputs:
        return Verification(Check.UNVERIFIABLE, _("The record holds no inputs to run the draw again from."))
    if record.inputs.get("engine_version") != engine.ENGINE_VERSION or record.engine_version != (
        engine.ENGINE_VERSION
    ):
        return Verification(
            Check.UNVERIFIABLE,
            _("The record was drawn by version %(old)s of the engine; this platform runs version %(new)s.")
            % {"old": record.engine_version, "new": engine.ENGINE_VERSION},
        )
    try:
        states = states_from_inputs(record.inputs)
        settings = engine.DrawSettings(**record.inputs["settings"])
        rebuilt, before = _engine_record(record)
        same = engine.verify(rebuilt, states=states, settings=settings, before=before)
    except (KeyError, TypeError, ValueError, AttributeError):
        return Verification(
            Check.UNVERIFIABLE, _("The record's inputs or result are incomplete, so it cannot be run again.")
        )
    return Verification(Check.VERIFIED if same else Check.MISMATCH)


def verify_draw(record: Draw) -> bool:
    """Whether the record, run again from its stored inputs, gives its stored digest and result."""
    return check_draw(record).verified


def record_as_json(record: Draw) -> dict[str, Any]:
    """The whole record, for anyone to download and run again."""
    return {
        "id": record.pk,
        "action": record.action,
        "cycle": record.cycle,
        "seed": record.seed,
        "engine_version": record.engine_version,
        "at": record.at.isoformat(),
        "author": record.author_name,
        "session": str(record.session) if record.session_id else None,
        "state": record.state.iso3 if record.state_id else None,
        "exceptional": record.exceptional,
        "reason": record.reason,
        "replaces": record.replaces_id,
        "inputs_digest": record.inputs_digest,
        "inputs": record.inputs,
        "result": record.result,
    }


def pairings(cycle: int) -> dict[int, list[CountryReview]]:
    """The country pairings of a cycle by year: each review with its State, group and reviewers (the one
    from its group first) and its redraw count. Public (RULES 4.9)."""
    reviews = (
        CountryReview.objects.filter(cycle=cycle)
        .select_related("state__regional_group")
        .prefetch_related("reviewers__state__regional_group")
        .order_by("year", "state__iso3")
    )
    by_year: dict[int, list[CountryReview]] = defaultdict(list)
    for review in reviews:
        by_year[review.year].append(review)
    return dict(by_year)
