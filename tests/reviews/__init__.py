"""Checks shared by the reviews tests: every rule of RULES.md 4.3-4.4 read off a finished draw,
written independently of the engine so that a test can catch the engine out."""

from __future__ import annotations

from collections import Counter

from cosp.reviews.cycles import Cycle
from cosp.reviews.draw import CycleDraw, DrawSettings, DrawState, Pairing


def could_fill(
    reviewer: DrawState,
    reviewed: DrawState,
    *,
    year: int,
    under_review: set[str],
    earlier: set[tuple[str, str]],
    load: int,
    settings: DrawSettings,
    same_group: bool,
) -> bool:
    """Whether `reviewer` could review `reviewed` in `year`, whatever else that year's draw holds."""
    if reviewer.iso3 == reviewed.iso3 or not (reviewer.party or reviewer.takes_part_by_decision):
        return False
    if settings.exclude_states_without_expert_list and not reviewer.has_expert_list:
        return False
    if reviewer.declines_in_review_year and reviewer.iso3 in under_review:
        return False
    cap = settings.reviews_per_cycle_cap
    if cap is not None and reviewer.reviews_done + load >= cap:
        return False
    if settings.reviews_per_year_cap == 0:
        return False
    if (reviewed.iso3, reviewer.iso3) in earlier:
        return False
    return not same_group or (reviewed.group is not None and reviewer.group == reviewed.group)


def violations(states: list[DrawState], draw: CycleDraw, cycle: Cycle, settings: DrawSettings) -> list[str]:
    """Every rule the draw breaks, as sentences; empty when the draw keeps them all or reports, truly,
    why it could not."""
    found: list[str] = []
    by_iso = {state.iso3: state for state in states}
    taking_part = {iso3 for iso3, state in by_iso.items() if state.party or state.takes_part_by_decision}

    # DL-1, DL-14: each State taking part is reviewed once, in a year of the cycle; no one else is.
    reviewed = Counter(pairing.state for pairing in draw.pairings)
    if set(reviewed) != taking_part:
        found.append(f"reviewed {sorted(set(reviewed) ^ taking_part)} wrongly (DL-1/DL-14)")
    found += [f"{iso3} reviewed {count} times (DL-1)" for iso3, count in reviewed.items() if count != 1]
    for pairing in draw.pairings:
        if not 1 <= pairing.year <= cycle.years or draw.years.year_of(pairing.state) != pairing.year:
            found.append(f"{pairing.state}: year {pairing.year} is not its drawn year (DL-1)")
        if cycle.is_late_joiner(by_iso[pairing.state].party_since) and pairing.year != cycle.late_joiner_year:
            found.append(f"{pairing.state} joined late but is reviewed in year {pairing.year} (DL-13)")

    pairs = {(pair.reviewer, pair.reviewed): pair.year for pair in draw.pairs()}
    years_of = {pairing.state: pairing.year for pairing in draw.pairings}
    load_cycle = Counter(reviewer for reviewer, _ in pairs)
    load_year = Counter((reviewer, year) for (reviewer, _), year in pairs.items())
    for pairing in draw.pairings:
        found += _pairing_violations(pairing, by_iso)
    for (reviewer, reviewed_state), year in pairs.items():
        state = by_iso[reviewer]
        if (reviewed_state, reviewer) in pairs:
            found.append(f"{reviewer} and {reviewed_state} review each other (DL-5)")
        if reviewer not in taking_part:
            found.append(f"{reviewer} reviews but does not take part (DL-14)")
        if settings.exclude_states_without_expert_list and not state.has_expert_list:
            found.append(f"{reviewer} reviews without a list of experts (DL-12)")
        if state.declines_in_review_year and years_of.get(reviewer) == year:
            found.append(f"{reviewer} reviews in the year of its own review, which it declined (DL-8)")
    cap, year_cap = settings.reviews_per_cycle_cap, settings.reviews_per_year_cap
    for reviewer, count in load_cycle.items():
        if cap is not None and count + by_iso[reviewer].reviews_done > cap:
            found.append(f"{reviewer} does {count} reviews, over the cap of {cap} (DL-10)")
    for (reviewer, year), count in load_year.items():
        if year_cap is not None and count > year_cap:
            found.append(f"{reviewer} does {count} reviews in year {year}, over {year_cap} (DL-10)")

    # Every "no_eligible_reviewer" must be true: no State but those drawn could have filled the place at
    # all, given the pairs of the years before.
    for pairing in draw.pairings:
        under_review = {p.state for p in draw.pairings if p.year == pairing.year}
        earlier = {(r, s) for (r, s), year in pairs.items() if year < pairing.year}
        earlier_load = Counter(r for (r, _s), year in pairs.items() if year < pairing.year)
        for unmet in pairing.unmet:
            if unmet.code == "no_regional_group" and by_iso[pairing.state].group is not None:
                found.append(f"{pairing.state}: reported without a group but it has one")
            if unmet.code != "no_eligible_reviewer":
                continue
            drawn = {reviewer.state for reviewer in pairing.reviewers}
            possible = [
                other.iso3
                for other in states
                if other.iso3 not in drawn
                and could_fill(
                    other,
                    by_iso[pairing.state],
                    year=pairing.year,
                    under_review=under_review,
                    earlier=earlier,
                    load=earlier_load[other.iso3],
                    settings=settings,
                    same_group=unmet.rule == "DL-4",
                )
            ]
            if possible:
                found.append(
                    f"{pairing.state}: 'no eligible reviewer' for {unmet.rule}, but {possible} could"
                )
    return found


def _pairing_violations(pairing: Pairing, by_iso: dict[str, DrawState]) -> list[str]:
    found = []
    states = [reviewer.state for reviewer in pairing.reviewers]
    group = by_iso[pairing.state].group
    if len(set(states)) != len(states) or len(states) > 2:
        found.append(f"{pairing.state}: reviewers {states} (DL-2)")
    if pairing.state in states:
        found.append(f"{pairing.state} reviews itself")
    rules = Counter(unmet.rule for unmet in pairing.unmet)
    # DL-2: two reviewers, or an Unmet saying why not.
    if (len(states) < 2) != (rules["DL-2"] == 1):
        found.append(f"{pairing.state}: {len(states)} reviewers but {rules['DL-2']} DL-2 reports")
    # DL-4: one reviewer from its group, or an Unmet saying why not.
    has_same = group is not None and any(by_iso[state].group == group for state in states)
    if has_same == (rules["DL-4"] == 1):
        found.append(f"{pairing.state}: same-group reviewer {has_same}, DL-4 reports {rules['DL-4']}")
    for reviewer in pairing.reviewers:
        if reviewer.group != by_iso[reviewer.state].group:
            found.append(f"{pairing.state}: reviewer {reviewer.state} shown in the wrong group")
        if reviewer.same_group and by_iso[reviewer.state].group != group:
            found.append(f"{pairing.state}: {reviewer.state} marked from its group but is not")
    return found
