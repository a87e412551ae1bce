"""The drawing of lots of the Implementation Review Mechanism (RULES.md 4.3-4.4, rules DL-1 to DL-14).

Two draws make a cycle:

- `draw_years` fixes, at the start of the cycle, the year in which each State party is reviewed (DL-1):
  cycle 1 spreads the parties over its first four years in proportion to each regional group's size
  (4.3-5), cycle 2 gives each of its five years one fifth of them (4.3-7); late joiners are reviewed in
  the last year (4.3-5, 4.3-7, DL-13).
- `draw_reviewers` draws, for the States under review in one year, their two reviewing States (DL-2,
  DL-3): one from the State's own regional group, with a similar legal system if possible (DL-4), the
  other from anywhere; never the State itself; never two States reviewing each other in the same cycle,
  counting the pairs of earlier years (DL-5); not a State that declines to review in the year of its own
  review (DL-8); not a State that has reached the cap on reviews (DL-10); not, if so set, a State without
  a list of governmental experts (DL-12); not a signatory unless a recorded decision lets it take part
  (DL-14).

`draw_cycle` runs both for a whole cycle, year after year as the IRG does (DL-3), and `redraw` repeats
the draw of one State's reviewers when it asks (DL-6: at most twice, more only in exceptional
circumstances with a reason). Each returns a `DrawRecord`: the seed, a SHA-256 digest of the canonical
inputs, the time and author the caller gives, and the result, so that anyone holding the same inputs
can run the draw again and get the same result (`verify`).

The search. The reviewers of one year are a flow: each State under review takes up to two distinct
reviewers, those of other groups through a "port" that admits one (the second reviewer) or, with
substitutes, two; each reviewer has room up to its cap. A greedy pass first picks, State by State (the
most constrained first), the preferred candidate: a similar legal system for DL-4's reviewer, then the
fewest reviews so far, then the lot. Cheapest augmenting paths then move earlier picks aside until no
further rule place can be filled, and then no further substitute without losing a place: when a place
stays empty, no other draw of that year could have filled it. The flow ignores one rule, DL-5 inside
the year (A reviews B and B reviews A, both under review that year): such a pair is undone by branch
and bound, one branch forbidding A→B and the other B→A, keeping the best valid draw. When a place stays
empty the result says which rule failed for which State, and why (`Unmet`). If no reviewer from the
State's group can be drawn, one from another group is drawn in its place so that the State still has
two reviewers (a setting; RULES.md has no rule for it), and the DL-4 failure is still reported.

DL-7 (lots drawn on the first day of the IRG session) and DL-11 (who draws the ballots) say when and
by whom: the record's `at` and `author` hold them. DL-9 (a State deferring its review to a later year)
is `YearAssignment.defer`; its conditions are unconfirmed and left to the caller.

Randomness comes only from `random.Random` seeded from the caller's seed, and every input is put in a
canonical order first, so the same seed and inputs give the same draw on any machine.
Pure Python: no models, no database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import random
import re
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from .cycles import Cycle, Distribution, get_cycle
from .legal_systems import LegalSystem

# Part of every inputs digest: a change to the algorithm changes the digest, so an old record is never
# "verified" against an engine that would draw differently.
ENGINE_VERSION = 1

_ISO3 = re.compile(r"^[A-Z]{3}$")


class DrawInputError(ValueError):
    """Inputs the engine cannot use (a duplicate State, a State under review that is not in the list)."""


# --- Inputs -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DrawState:
    """A State as the draw sees it."""

    iso3: str
    group: str | None  # regional group code; None for a party in no group (Kiribati, the EU)
    legal_system: LegalSystem | None = None  # DL-4; None when unknown
    party_since: dt.date | None = None  # deposit of its instrument; decides late joiners (DL-13)
    party: bool = True  # DL-14: only parties are drawn...
    takes_part_by_decision: bool = False  # ...unless a recorded decision lets a signatory take part
    declines_in_review_year: bool = False  # DL-8: will not review in the year of its own review
    has_expert_list: bool = True  # DL-12
    # DL-10: reviews this State has done in this cycle that the pairs given to the engine do not show
    # (0 when every pair of the cycle is passed as `previous_pairs`).
    reviews_done: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.iso3, str) or not _ISO3.match(self.iso3):
            raise DrawInputError(f"{self.iso3!r} is not an ISO 3166 alpha-3 code")
        if self.group is not None and (not isinstance(self.group, str) or not self.group):
            raise DrawInputError(f"{self.iso3}: the regional group is a code such as 'AFR', or None")
        done = self.reviews_done
        if isinstance(done, bool) or not isinstance(done, int) or done < 0:
            raise DrawInputError(f"{self.iso3}: reviews_done must be a whole number, got {done!r}")

    @property
    def takes_part(self) -> bool:
        """DL-14: signatories are not drawn unless an explicit decision is recorded."""
        return self.party or self.takes_part_by_decision


@dataclass(frozen=True)
class DrawSettings:
    """The draw's settings. Every default below that RULES.md marks unconfirmed [U] is a choice of ours.

    DL-10 [U]: the IRG once excluded States that had already done two reviews, but neither the cap's
    value nor its scope is confirmed. We cap reviews at three per cycle by default: with every party
    reviewed once by two reviewers, parties review two States on average, so a cap of two leaves no room
    at all for decliners, parties in no group and late joiners. Within the cap the draw always prefers
    the States that have done the fewest reviews, which is what the IRG's exclusion aimed at.
    """

    reviews_per_cycle_cap: int | None = 3  # DL-10 [U]; None: no cap
    reviews_per_year_cap: int | None = None  # DL-10 [U]; None: no cap
    exclude_states_without_expert_list: bool = False  # DL-12 [U]: the IRG listed them, did not exclude
    ordinary_redraws: int = 2  # DL-6 [C]: more only in exceptional circumstances
    # Our choice (no rule found): when no reviewer from the State's group can be drawn (DL-4), draw one
    # from another group in its place so the State still has two reviewers (DL-2); DL-4 is still reported.
    substitute_when_no_same_group: bool = True
    # Our choice: a redraw gives other reviewers than the ones it replaces (that is why States ask).
    redraw_excludes_current_reviewers: bool = True
    # How many branch-and-bound nodes one year may explore to undo mutual pairs inside the year; reached
    # only by pathological inputs, and then the best answer found (always valid) is returned.
    search_budget: int = 64

    def __post_init__(self) -> None:
        for name in ("reviews_per_cycle_cap", "reviews_per_year_cap"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise DrawInputError(f"{name} must be a whole number or None, got {value!r}")
        if isinstance(self.ordinary_redraws, bool) or self.ordinary_redraws < 0:
            raise DrawInputError(f"ordinary_redraws must be a whole number, got {self.ordinary_redraws!r}")
        if self.search_budget < 1:
            raise DrawInputError("search_budget must be at least 1")


DEFAULT_SETTINGS = DrawSettings()


@dataclass(frozen=True, order=True)
class Pair:
    """`reviewer` reviews `reviewed` in `year` of the cycle."""

    reviewer: str
    reviewed: str
    year: int


# --- Results ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearAssignment:
    """Which year of the cycle each State is reviewed in (DL-1)."""

    cycle: int
    years: Mapping[int, tuple[str, ...]]  # year → ISO3 codes, sorted; every year of the cycle present
    late_joiners: tuple[str, ...]  # reviewed in the cycle's late-joiner year (4.3-5, 4.3-7)
    left_out: tuple[str, ...]  # not drawn: signatories without a recorded decision (DL-14)

    def year_of(self, iso3: str) -> int | None:
        return next((year for year, states in self.years.items() if iso3 in states), None)

    def defer(self, iso3: str, to_year: int) -> YearAssignment:
        """The assignment with `iso3`'s review moved to a later year (DL-9: its reviewers are then drawn
        at that year's draw). The conditions for a deferral are unconfirmed [U]; the caller decides."""
        current = self.year_of(iso3)
        if current is None:
            raise DrawInputError(f"{iso3} is not reviewed in cycle {self.cycle}")
        if not current < to_year <= max(self.years):
            raise DrawInputError(
                f"{iso3} is reviewed in year {current}: it can defer to years after it, "
                f"up to {max(self.years)}, not to {to_year}"
            )
        years = {
            year: tuple(sorted((set(members) - {iso3}) | ({iso3} if year == to_year else set())))
            for year, members in self.years.items()
        }
        return dataclasses.replace(self, years=years)


@dataclass(frozen=True)
class Reviewer:
    state: str
    group: str | None
    same_group: bool  # fills DL-4's place: from the reviewed State's own group
    legal_similarity: int | None  # LegalSystem.similarity with the reviewed State; None if either unknown


# Why a slot stayed empty, and the message for each (filled with the Unmet's fields).
_MESSAGES = {
    ("DL-4", "no_regional_group"): "{state} belongs to no regional group, so no reviewer from its group "
    "can be drawn",
    ("DL-4", "no_eligible_reviewer"): "no other State of {group} may review {state}",
    ("DL-4", "reviewers_taken"): "the States of {group} that may review {state} ({states}) are all taken "
    "this year, by the cap on reviews (DL-10) or because they would review each other (DL-5)",
    ("DL-2", "not_substituted"): "{state} has {count} reviewer(s) instead of two: none from its group "
    "could be drawn, and the settings draw none from another group in its place",
    ("DL-2", "no_eligible_reviewer"): "{state} has {count} reviewer(s) instead of two: no further State "
    "may review it",
    ("DL-2", "reviewers_taken"): "{state} has {count} reviewer(s) instead of two: the States that may "
    "review it ({states}) are all taken this year, by the cap on reviews (DL-10) or because they would "
    "review each other (DL-5)",
}


@dataclass(frozen=True)
class Unmet:
    """A rule the draw could not satisfy for one State under review, and why.

    `rule` is "DL-4" (no reviewer from the State's group) or "DL-2" (fewer than two reviewers). `code`:
    - "no_regional_group": the State has no group (DL-4 only);
    - "no_eligible_reviewer": no State at all may fill the place; `blocked` says, for each State that
      could otherwise have, which rule keeps it out (DL-5, DL-8, DL-10, DL-12, DL-14, or DL-6 for the
      reviewers a redraw replaces);
    - "reviewers_taken": States may fill it (`states`), but the search proved that they cannot all serve
      every State under review this year together (the proof is complete unless a year's mutual pairs
      exhaust `DrawSettings.search_budget`, which takes pathological inputs);
    - "not_substituted" (DL-2 only): no reviewer from the group, and the settings draw none from another
      group in its place.
    """

    year: int
    state: str
    group: str | None
    rule: str
    code: str
    reviewers_drawn: int
    states: tuple[str, ...] = ()
    blocked: tuple[tuple[str, str], ...] = ()  # (ISO3, rule)
    substituted: bool = False  # DL-4 failed but a reviewer from another group was drawn in its place

    @property
    def message(self) -> str:
        """One sentence in English; programs use `rule` and `code`."""
        text = _MESSAGES[(self.rule, self.code)].format(
            state=self.state,
            group=self.group or "its group",
            states=", ".join(self.states),
            count=self.reviewers_drawn,
        )
        if self.substituted:
            text += "; a reviewer from another group was drawn in its place"
        return text + "."

    def as_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "state": self.state,
            "group": self.group,
            "rule": self.rule,
            "code": self.code,
            "message": self.message,
            "states": list(self.states),
            "blocked": [{"state": state, "rule": rule} for state, rule in self.blocked],
            "substituted": self.substituted,
        }


@dataclass(frozen=True)
class Pairing:
    """One State under review in one year and its reviewers: the DL-4 reviewer (or its substitute) first."""

    year: int
    state: str
    group: str | None
    reviewers: tuple[Reviewer, ...]
    unmet: tuple[Unmet, ...] = ()
    redraws: int = 0  # DL-6: how many times this State's reviewers were drawn again

    def pairs(self) -> tuple[Pair, ...]:
        return tuple(Pair(reviewer.state, self.state, self.year) for reviewer in self.reviewers)

    def as_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "state": self.state,
            "group": self.group,
            "reviewers": [{"state": reviewer.state, "group": reviewer.group} for reviewer in self.reviewers],
        }


@dataclass(frozen=True)
class CycleDraw:
    """A whole cycle: the years and, for every State under review, its reviewers."""

    cycle: int
    years: YearAssignment
    pairings: tuple[Pairing, ...]  # by year, then ISO3

    @property
    def unmet(self) -> tuple[Unmet, ...]:
        return tuple(unmet for pairing in self.pairings for unmet in pairing.unmet)

    def pairs(self) -> tuple[Pair, ...]:
        return tuple(pair for pairing in self.pairings for pair in pairing.pairs())

    def pairing_of(self, iso3: str) -> Pairing | None:
        return next((pairing for pairing in self.pairings if pairing.state == iso3), None)

    def as_json(self) -> dict[str, Any]:
        """The reviews and unmet rules as `cosp draw --format json` prints them (with cycle and seed)."""
        return {
            "reviews": [pairing.as_json() for pairing in self.pairings],
            "unmet": [unmet.as_json() for unmet in self.unmet],
        }


@dataclass(frozen=True)
class RedrawRequest:
    """A State under review asks for its reviewers to be drawn again (DL-6)."""

    state: str  # the State asking; only the State under review may ask
    exceptional: bool = False  # needed beyond the ordinary redraws
    reason: str = ""  # required when exceptional


@dataclass(frozen=True)
class Refusal:
    """A redraw the rules do not allow: a stable `code`, the `rule`, and a sentence for people."""

    code: str
    rule: str
    message: str


@dataclass(frozen=True)
class DrawRecord:
    """What was drawn, from what, when and by whom: enough for anyone to run it again (`verify`)."""

    action: str  # "draw" (a whole cycle) or "redraw" (one State's reviewers)
    cycle: int
    seed: int
    inputs_digest: str  # SHA-256 of `canonical_inputs(...)` as canonical JSON
    at: dt.datetime
    author: str
    result: CycleDraw  # for a redraw: the cycle's draw with the one pairing replaced
    request: RedrawRequest | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "cycle": self.cycle,
            "seed": self.seed,
            "inputs_digest": self.inputs_digest,
            "at": self.at.isoformat(),
            "author": self.author,
            "request": dataclasses.asdict(self.request) if self.request else None,
            **self.result.as_json(),
        }


# --- Canonical inputs and digests -----------------------------------------------------------------


def _canonical_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, LegalSystem):
        return str(value)
    if isinstance(value, tuple | list):
        return [_canonical_value(item) for item in value]
    return value


def _as_canonical_dict(instance: Any) -> dict[str, Any]:
    return {f.name: _canonical_value(getattr(instance, f.name)) for f in dataclasses.fields(instance)}


def canonical_inputs(
    states: Iterable[DrawState],
    cycle: Cycle | int,
    seed: int,
    settings: DrawSettings = DEFAULT_SETTINGS,
    **extra: Any,
) -> dict[str, Any]:
    """Everything a draw depends on, as plain JSON values in a canonical order."""
    return {
        "engine_version": ENGINE_VERSION,
        "cycle": _as_canonical_dict(_cycle(cycle)),
        "seed": seed,
        "settings": _as_canonical_dict(settings),
        "states": [_as_canonical_dict(state) for state in _canonical(states)],
        **extra,
    }


def inputs_digest(canonical: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical inputs written as compact JSON with sorted keys."""
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _draw_as_canonical(draw: CycleDraw) -> list[dict[str, Any]]:
    return [
        {
            "year": pairing.year,
            "state": pairing.state,
            "reviewers": [reviewer.state for reviewer in pairing.reviewers],
            "redraws": pairing.redraws,
        }
        for pairing in draw.pairings
    ]


# --- Helpers ----------------------------------------------------------------------------------------


def _cycle(cycle: Cycle | int) -> Cycle:
    return cycle if isinstance(cycle, Cycle) else get_cycle(cycle)


def _canonical(states: Iterable[DrawState]) -> list[DrawState]:
    ordered = sorted(states, key=lambda state: state.iso3)
    for earlier, later in pairwise(ordered):
        if earlier.iso3 == later.iso3:
            raise DrawInputError(f"{earlier.iso3} is given twice")
    return ordered


def _rng(seed: int, *labels: object) -> random.Random:
    """A generator for one part of one draw. String seeds are hashed with SHA-512 by `random`, so the
    stream is the same on every machine and Python run (no hash randomisation)."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise DrawInputError(f"the seed is a whole number, got {seed!r}")
    return random.Random("|".join(str(part) for part in (seed, *labels)))


def _check_moment(at: dt.datetime, author: str) -> None:
    if not isinstance(at, dt.datetime) or at.tzinfo is None or at.utcoffset() is None:
        raise DrawInputError("the time of a draw must be a datetime with a time zone")
    if not isinstance(author, str) or not author.strip():
        raise DrawInputError("a draw names its author")


# --- The years (DL-1) ------------------------------------------------------------------------------


def draw_years(
    states: Iterable[DrawState], cycle: Cycle | int, seed: int, settings: DrawSettings = DEFAULT_SETTINGS
) -> YearAssignment:
    """The year in which each State is reviewed (DL-1).

    Late joiners (DL-13; 4.3-5, 4.3-7) go to the cycle's late-joiner year. The others are dealt out over
    years 1..`cycle.draw_years` in turn, after a shuffle: with PROPORTIONAL_BY_GROUP (cycle 1) the deck
    is the shuffled members of one group after another, so each group's count in each year is its size
    divided by the number of years, rounded up or down (4.3-5); with EQUAL_SHARES (cycle 2) the deck is
    all of them shuffled together, so each year has one share, rounded up or down (4.3-7). Either way
    each year's total is within one of the even share. (`settings` is accepted for symmetry with the
    other draws; no setting changes the years.)
    """
    definition = _cycle(cycle)
    rng = _rng(seed, "years", definition.number)
    ordered = _canonical(states)
    taking_part = [state for state in ordered if state.takes_part]
    left_out = tuple(state.iso3 for state in ordered if not state.takes_part)
    late = [state.iso3 for state in taking_part if definition.is_late_joiner(state.party_since)]
    on_time = [state for state in taking_part if not definition.is_late_joiner(state.party_since)]

    if definition.distribution is Distribution.PROPORTIONAL_BY_GROUP:
        by_group: dict[str | None, list[str]] = defaultdict(list)
        for state in on_time:
            by_group[state.group].append(state.iso3)
        deck: list[str] = []
        # A group after another, in a fixed order (parties in no group last): each group is one run of
        # consecutive cards, and a run of n cards dealt over k years gives each year n/k rounded.
        for group in sorted(by_group, key=lambda code: (code is None, code or "")):
            members = by_group[group]
            rng.shuffle(members)
            deck += members
    else:
        deck = [state.iso3 for state in on_time]
        rng.shuffle(deck)

    # Which year receives the first card, the second... is itself drawn, so no year is favoured.
    year_order = list(range(1, definition.draw_years + 1))
    rng.shuffle(year_order)
    years: dict[int, list[str]] = {year: [] for year in range(1, definition.years + 1)}
    for position, iso3 in enumerate(deck):
        years[year_order[position % len(year_order)]].append(iso3)
    years[definition.late_joiner_year] += late
    return YearAssignment(
        cycle=definition.number,
        years={year: tuple(sorted(members)) for year, members in years.items()},
        late_joiners=tuple(late),
        left_out=left_out,
    )


# --- The reviewers (DL-2 to DL-12) -----------------------------------------------------------------


@dataclass
class _Solution:
    reviewers: dict[str, tuple[str, ...]]  # State under review → its reviewers this year
    score: tuple[int, int]  # (places filled, reviewers drawn): see _Assignment.score
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # mutual pairs inside the year


class _YearSearch:
    """The reviewers of one year of one cycle. See the module docstring for the method."""

    def __init__(
        self,
        *,
        states: Sequence[DrawState],
        to_draw: Sequence[str],
        under_review: frozenset[str],
        year: int,
        cycle: Cycle,
        seed: int,
        settings: DrawSettings,
        previous_pairs: Iterable[Pair],
        replaced: frozenset[tuple[str, str]] = frozenset(),
        reviewed_later: frozenset[str] = frozenset(),
    ) -> None:
        self.states = {state.iso3: state for state in states}
        self.reviewers = sorted(self.states)
        self.to_draw = sorted(to_draw)
        self.year = year
        self.cycle = cycle
        self.seed = seed
        self.settings = settings
        self.replaced = replaced  # DL-6: the reviewers a redraw replaces
        self.reviewed_later = reviewed_later
        previous = sorted(set(previous_pairs))
        # DL-5 across the whole cycle: who has already reviewed whom.
        self.reviewed_by = {(pair.reviewer, pair.reviewed) for pair in previous}
        cycle_load = Counter(pair.reviewer for pair in previous)
        year_load = Counter(pair.reviewer for pair in previous if pair.year == year)
        self.load = {iso3: self.states[iso3].reviews_done + cycle_load[iso3] for iso3 in self.reviewers}
        self.capacity: dict[str, int] = {}
        self.blocked: dict[str, str | None] = {}  # the rule keeping a State from reviewing this year
        unlimited = len(self.to_draw)  # nobody can review more States than are under review
        for iso3 in self.reviewers:
            state = self.states[iso3]
            cycle_cap, year_cap = settings.reviews_per_cycle_cap, settings.reviews_per_year_cap
            room_cycle = unlimited if cycle_cap is None else cycle_cap - self.load[iso3]
            room_year = unlimited if year_cap is None else year_cap - year_load[iso3]
            self.capacity[iso3] = max(0, min(room_cycle, room_year))
            if not state.takes_part:
                self.blocked[iso3] = "DL-14"
            elif settings.exclude_states_without_expert_list and not state.has_expert_list:
                self.blocked[iso3] = "DL-12"
            elif iso3 in under_review and state.declines_in_review_year:
                self.blocked[iso3] = "DL-8"
            elif self.capacity[iso3] == 0:
                self.blocked[iso3] = "DL-10"
            else:
                self.blocked[iso3] = None
        # Who may review each State, whatever else is drawn this year, and which of them are of its group.
        self.candidates = {
            reviewed: [reviewer for reviewer in self.reviewers if self.why_not(reviewer, reviewed) is None]
            for reviewed in self.to_draw
        }
        self.same_group = {
            reviewed: [reviewer for reviewer in candidates if self.is_same_group(reviewer, reviewed)]
            for reviewed, candidates in self.candidates.items()
        }

    def is_same_group(self, reviewer: str, reviewed: str) -> bool:
        group = self.states[reviewed].group
        return group is not None and self.states[reviewer].group == group

    def why_not(self, reviewer: str, reviewed: str, *, same_group: bool = False) -> str | None:
        """The rule that keeps `reviewer` from reviewing `reviewed` (from its group, if `same_group`)
        whatever else is drawn this year, or None."""
        if reviewer == reviewed:
            return "DL-2"  # two reviewing States other than the State under review
        if self.blocked[reviewer]:
            return self.blocked[reviewer]
        if (reviewed, reviewer) in self.reviewed_by:
            return "DL-5"  # `reviewed` reviewed `reviewer` earlier in this cycle
        if (reviewer, reviewed) in self.reviewed_by:
            return "DL-2"  # already one of its reviewers
        if (reviewer, reviewed) in self.replaced:
            return "DL-6"
        if same_group and not self.is_same_group(reviewer, reviewed):
            return "DL-4"
        return None

    def solve(self, forbidden: frozenset[tuple[str, str]]) -> _Solution:
        """One node of the branch and bound: the best draw without the `forbidden` (reviewer, reviewed)
        pairs, ignoring mutual pairs inside the year (returned as conflicts)."""
        rng = _rng(self.seed, "reviewers", self.cycle.number, self.year, sorted(forbidden))
        lot = rng.sample(self.reviewers, len(self.reviewers))
        rank = {iso3: position for position, iso3 in enumerate(lot)}
        candidates = {
            reviewed: sorted(
                (reviewer for reviewer in options if (reviewer, reviewed) not in forbidden),
                key=rank.__getitem__,
            )
            for reviewed, options in self.candidates.items()
        }
        work = _Assignment(self, candidates)
        # The most constrained States first: the fewest reviewers from their group, then the fewest
        # reviewers at all; then by lot.
        by_group_options = sorted(self.to_draw, key=lambda s: (len(work.same[s]), rank[s]))
        for reviewed in by_group_options:
            work.greedy(reviewed, same_group_only=True)
        for reviewed in sorted(self.to_draw, key=lambda s: (len(candidates[s]), rank[s])):
            work.greedy(reviewed, same_group_only=False)
        work.improve()
        return _Solution(work.frozen(), work.score(), work.conflicts())

    def without_conflicts(self, solution: _Solution) -> _Solution:
        """A valid draw from one with mutual pairs: drop one side of each pair, then refill greedily."""
        reviewers = {reviewed: list(chosen) for reviewed, chosen in solution.reviewers.items()}
        for first, second in solution.conflicts:
            reviewers[second].remove(first)  # a fixed side keeps this deterministic
        work = _Assignment(self, self.candidates, reviewers)
        for same_group_only in (True, False):
            for reviewed in self.to_draw:
                work.greedy(reviewed, same_group_only=same_group_only)
        if self.settings.substitute_when_no_same_group:
            for reviewed in self.to_draw:
                work.greedy(reviewed, same_group_only=False, substitute=True)
        return _Solution(work.frozen(), work.score())

    def search(self) -> _Solution:
        """Branch and bound over the mutual pairs inside the year (DL-5)."""
        best: _Solution | None = None
        stack: list[frozenset[tuple[str, str]]] = [frozenset()]
        explored = 0
        while stack and explored < self.settings.search_budget:
            forbidden = stack.pop()
            explored += 1
            solution = self.solve(forbidden)
            # The node's draw ignores mutual pairs inside the year, so its score bounds every valid
            # draw below it: no better than the best so far means nothing below can be.
            if best is not None and solution.score <= best.score:
                continue
            if not solution.conflicts:
                best = solution
                continue
            fallback = self.without_conflicts(solution)
            if best is None or fallback.score > best.score:
                best = fallback
            if fallback.score == solution.score:
                continue  # as good as anything below this node can be
            first, second = solution.conflicts[0]
            stack.append(forbidden | {(second, first)})
            stack.append(forbidden | {(first, second)})
        assert best is not None  # the first node always gives one
        return best

    def pairings(self) -> list[Pairing]:
        solution = self.search()
        substitutes = self.settings.substitute_when_no_same_group
        result = []
        for reviewed in self.to_draw:
            chosen = solution.reviewers[reviewed]
            same = [reviewer for reviewer in chosen if self.is_same_group(reviewer, reviewed)]
            others = [reviewer for reviewer in chosen if reviewer not in same]
            # DL-4's reviewer first (the first of its group), then the other one.
            reviewers = tuple(
                self.reviewer(reviewer, reviewed, same_group=position == 0 and bool(same))
                for position, reviewer in enumerate([*same, *others])
            )
            common = {"year": self.year, "state": reviewed, "group": self.states[reviewed].group}
            common["reviewers_drawn"] = len(chosen)
            unmet = []
            if not same:
                unmet.append(self.same_group_unmet(reviewed, substituted=len(others) == 2, **common))
            if len(chosen) < 2:
                if not same and chosen and not substitutes:
                    unmet.append(Unmet(rule="DL-2", code="not_substituted", **common))
                else:
                    unmet.append(self.second_unmet(reviewed, chosen, **common))
            result.append(Pairing(self.year, reviewed, self.states[reviewed].group, reviewers, tuple(unmet)))
        return result

    def reviewer(self, reviewer: str, reviewed: str, *, same_group: bool) -> Reviewer:
        ours, theirs = self.states[reviewed].legal_system, self.states[reviewer].legal_system
        similarity = ours.similarity(theirs) if ours is not None and theirs is not None else None
        return Reviewer(reviewer, self.states[reviewer].group, same_group, similarity)

    # Why a place stayed empty: each reason is a fact about the inputs or about this year's draw.

    def same_group_unmet(self, reviewed: str, *, substituted: bool, **common: Any) -> Unmet:
        group = self.states[reviewed].group
        if group is None:
            return Unmet(rule="DL-4", code="no_regional_group", substituted=substituted, **common)
        if not self.same_group[reviewed]:
            members = [
                iso3 for iso3 in self.reviewers if iso3 != reviewed and self.states[iso3].group == group
            ]
            blocked = tuple((iso3, self.why_not(iso3, reviewed, same_group=True) or "") for iso3 in members)
            return Unmet(
                rule="DL-4", code="no_eligible_reviewer", blocked=blocked, substituted=substituted, **common
            )
        return Unmet(
            rule="DL-4",
            code="reviewers_taken",
            states=tuple(self.same_group[reviewed]),
            substituted=substituted,
            **common,
        )

    def second_unmet(self, reviewed: str, chosen: Sequence[str], **common: Any) -> Unmet:
        others = [iso3 for iso3 in self.candidates[reviewed] if iso3 not in chosen]
        if not others:
            rest = [iso3 for iso3 in self.reviewers if iso3 != reviewed and iso3 not in chosen]
            blocked = tuple((iso3, self.why_not(iso3, reviewed) or "") for iso3 in rest)
            return Unmet(rule="DL-2", code="no_eligible_reviewer", blocked=blocked, **common)
        return Unmet(rule="DL-2", code="reviewers_taken", states=tuple(others), **common)


_Node = tuple[str, str]  # ("S", State under review) | ("O", its port for other groups) | ("R", reviewer)
_SINK: _Node = ("T", "")


class _Assignment:
    """The reviewers drawn so far in one node of the search, and the moves that improve them.

    As a flow network: each State under review takes up to two reviewers, distinct; reviewers from its
    group come straight in, reviewers from other groups through a port that takes one (the second
    reviewer) or, with substitutes, two, the second costing 1 because it does not meet DL-4. Each
    reviewer has room for its remaining cap. `improve` sends flow along cheapest augmenting paths
    (successive shortest paths) while a path costs 0 (one more rule place filled) or 1 (one more
    reviewer, a substitute, with no place lost); a path costing 2 or more would lose a place.
    """

    def __init__(
        self,
        search: _YearSearch,
        candidates: Mapping[str, list[str]],
        reviewers: Mapping[str, list[str]] | None = None,
    ) -> None:
        self.search = search
        self.candidates = candidates
        self.same = {
            reviewed: [r for r in options if search.is_same_group(r, reviewed)]
            for reviewed, options in candidates.items()
        }
        self.other = {
            reviewed: [r for r in options if not search.is_same_group(r, reviewed)]
            for reviewed, options in candidates.items()
        }
        self.port_limit = 2 if search.settings.substitute_when_no_same_group else 1
        self.reviewers_of: dict[str, list[str]] = {reviewed: [] for reviewed in search.to_draw}
        self.holders: dict[str, set[str]] = defaultdict(set)  # reviewer → the States it reviews this year
        for reviewed, chosen in (reviewers or {}).items():
            for reviewer in chosen:
                self.add(reviewed, reviewer)

    def add(self, reviewed: str, reviewer: str) -> None:
        self.reviewers_of[reviewed].append(reviewer)
        self.holders[reviewer].add(reviewed)

    def drop(self, reviewed: str, reviewer: str) -> None:
        self.reviewers_of[reviewed].remove(reviewer)
        self.holders[reviewer].discard(reviewed)

    def room(self, reviewer: str) -> int:
        return self.search.capacity[reviewer] - len(self.holders[reviewer])

    def from_other_groups(self, reviewed: str) -> int:
        return sum(1 for r in self.reviewers_of[reviewed] if not self.search.is_same_group(r, reviewed))

    def greedy(self, reviewed: str, *, same_group_only: bool, substitute: bool = False) -> None:
        """Add the preferred free candidate: for DL-4's place a similar legal system (ToR para. 19);
        then the fewest reviews in the cycle (DL-10's purpose); then the cheapest for later years; then
        the lot. Never one that this State reviews this year (DL-5); never a second reviewer from
        another group unless `substitute`."""
        search = self.search
        chosen = self.reviewers_of[reviewed]
        if len(chosen) >= 2:
            return
        has_same = any(search.is_same_group(r, reviewed) for r in chosen)
        if same_group_only and has_same:
            return
        ours = search.states[reviewed].legal_system
        best_key: tuple[int, int, int, int] | None = None
        best = None
        options = self.same[reviewed] if same_group_only else self.candidates[reviewed]
        for position, reviewer in enumerate(options):
            if reviewer in chosen or self.room(reviewer) <= 0:
                continue
            if reviewer in self.holders.get(reviewed, ()):
                continue  # `reviewed` reviews `reviewer` this year (DL-5)
            same = search.is_same_group(reviewer, reviewed)
            if not same and self.from_other_groups(reviewed) >= (2 if substitute else 1):
                continue
            similarity = 0
            if same and same_group_only and ours is not None:
                theirs = search.states[reviewer].legal_system
                similarity = ours.similarity(theirs) if theirs is not None else 0
            # Once `reviewer` reviews `reviewed`, `reviewed` may never review it (DL-5): if `reviewer` is
            # still to be reviewed, that takes one State from its own candidates (one of its group's if
            # they share a group, DL-4). Among equally loaded candidates, prefer the cheapest.
            later = 0
            if reviewer in search.reviewed_later:
                later = 2 if same else 1
            key = (-similarity, search.load[reviewer] + len(self.holders[reviewer]), later, position)
            if best_key is None or key < best_key:
                best_key, best = key, reviewer
        if best is not None:
            self.add(reviewed, best)

    def improve(self) -> None:
        while True:
            found = self.cheapest_path()
            if found is None:
                return
            cost, moves = found
            if cost >= 2:
                return  # it would give a reviewer and lose a rule place: not an improvement
            for action, reviewed, reviewer in sorted(moves):  # drops before adds
                if action == "drop":
                    self.drop(reviewed, reviewer)
                else:
                    self.add(reviewed, reviewer)

    def edges(self, node: _Node) -> Iterable[tuple[_Node, int, tuple[str, str, str] | None]]:
        """The residual network's edges out of `node`: (next node, cost, move or None)."""
        kind, iso3 = node
        search = self.search
        if kind == "S":  # a State under review: take a reviewer of its group, or go through its port
            chosen = self.reviewers_of[iso3]
            for reviewer in self.same[iso3]:
                if reviewer not in chosen:
                    yield ("R", reviewer), 0, ("add", iso3, reviewer)
            through_port = self.from_other_groups(iso3)
            if through_port < self.port_limit:
                yield ("O", iso3), 0 if through_port == 0 else 1, None
        elif kind == "O":  # its port: take a reviewer of another group, or give back a port unit
            chosen = self.reviewers_of[iso3]
            for reviewer in self.other[iso3]:
                if reviewer not in chosen:
                    yield ("R", reviewer), 0, ("add", iso3, reviewer)
            through_port = self.from_other_groups(iso3)
            if through_port:
                yield ("S", iso3), -1 if through_port == 2 else 0, None
        elif kind == "R":  # a reviewer: use its room, or leave a State it reviews
            if self.room(iso3) > 0:
                yield _SINK, 0, None
            for reviewed in sorted(self.holders[iso3]):
                port = "S" if search.is_same_group(iso3, reviewed) else "O"
                yield (port, reviewed), 0, ("drop", reviewed, iso3)

    def cheapest_path(self) -> tuple[int, list[tuple[str, str, str]]] | None:
        """The cheapest augmenting path from a State with room for a reviewer to a reviewer with room
        (Bellman-Ford with a queue; costs are -1, 0 or 1 and the flow is always of least cost, so there
        is no negative cycle)."""
        distance: dict[_Node, int] = {}
        parent: dict[_Node, tuple[_Node, tuple[str, str, str] | None] | None] = {}
        queue: deque[_Node] = deque()
        for reviewed in self.search.to_draw:
            if len(self.reviewers_of[reviewed]) < 2:
                node = ("S", reviewed)
                distance[node], parent[node] = 0, None
                queue.append(node)
        queued = set(queue)
        while queue:
            node = queue.popleft()
            queued.discard(node)
            for target, cost, move in self.edges(node):
                if target in distance and distance[target] <= distance[node] + cost:
                    continue
                if self.on_path(parent, node, target):
                    continue  # a path passes each node once
                distance[target] = distance[node] + cost
                parent[target] = (node, move)
                if target != _SINK and target not in queued:
                    queue.append(target)
                    queued.add(target)
        if _SINK not in distance:
            return None
        moves = []
        step = parent[_SINK]
        while step is not None:
            node, move = step
            if move is not None:
                moves.append(move)
            step = parent[node]
        return distance[_SINK], moves

    @staticmethod
    def on_path(parent: Mapping[_Node, Any], node: _Node, target: _Node) -> bool:
        while node is not None:
            if node == target:
                return True
            step = parent[node]
            node = step[0] if step is not None else None
        return False

    def score(self) -> tuple[int, int]:
        """(rule places filled, reviewers drawn): a State with a reviewer of its group fills DL-4's
        place and, with a second reviewer, the second place; without one, only the second place."""
        places = drawn = 0
        for reviewed, chosen in self.reviewers_of.items():
            has_same = any(self.search.is_same_group(r, reviewed) for r in chosen)
            places += len(chosen) if has_same else min(len(chosen), 1)
            drawn += len(chosen)
        return places, drawn

    def conflicts(self) -> list[tuple[str, str]]:
        """Pairs of States drawn to review each other this year (DL-5), each once, in order."""
        return sorted(
            {
                (min(reviewer, reviewed), max(reviewer, reviewed))
                for reviewed, chosen in self.reviewers_of.items()
                for reviewer in chosen
                if reviewer in self.holders.get(reviewed, ())
            }
        )

    def frozen(self) -> dict[str, tuple[str, ...]]:
        return {reviewed: tuple(chosen) for reviewed, chosen in self.reviewers_of.items()}


def draw_reviewers(
    year_states: Iterable[str],
    all_states: Iterable[DrawState],
    cycle: Cycle | int,
    seed: int,
    settings: DrawSettings = DEFAULT_SETTINGS,
    previous_pairs: Iterable[Pair] = (),
    *,
    year: int,
    reviewed_later: Iterable[str] = (),
) -> list[Pairing]:
    """The two reviewers of each State under review in `year` (DL-2 to DL-12), in ISO3 order.

    `year_states` are the ISO3 codes of the States under review that year; `all_states` every State
    that may review; `previous_pairs` the pairs already drawn in this cycle (DL-5 across the cycle; they
    count towards the cap of DL-10 together with each State's `reviews_done`). `reviewed_later`, the
    States to be reviewed in later years of the cycle, only breaks ties: it steers the lot away from
    pairs that would leave those States short of reviewers from their own group later. A pairing that
    misses a rule carries `Unmet` entries saying which and why.
    """
    definition = _cycle(cycle)
    states = _canonical(all_states)
    known = {state.iso3 for state in states}
    under_review = sorted(set(year_states))
    missing = [iso3 for iso3 in under_review if iso3 not in known]
    if missing:
        raise DrawInputError(f"States under review not among the States given: {', '.join(missing)}")
    if not 1 <= year <= definition.years:
        raise DrawInputError(f"cycle {definition.number} has years 1 to {definition.years}, not {year}")
    search = _YearSearch(
        states=states,
        to_draw=under_review,
        under_review=frozenset(under_review),
        year=year,
        cycle=definition,
        seed=seed,
        settings=settings,
        previous_pairs=previous_pairs,
        reviewed_later=frozenset(reviewed_later),
    )
    return search.pairings()


def _draw_cycle_result(
    states: list[DrawState], definition: Cycle, seed: int, settings: DrawSettings
) -> CycleDraw:
    years = draw_years(states, definition, seed, settings)
    pairings: list[Pairing] = []
    for year in range(1, definition.years + 1):
        drawn = draw_reviewers(
            years.years[year],
            states,
            definition,
            seed,
            settings,
            [pair for pairing in pairings for pair in pairing.pairs()],
            year=year,
            reviewed_later=[
                iso3 for later in range(year + 1, definition.years + 1) for iso3 in years.years[later]
            ],
        )
        pairings += drawn
    return CycleDraw(definition.number, years, tuple(pairings))


def draw_cycle(
    states: Iterable[DrawState],
    cycle: Cycle | int,
    seed: int,
    settings: DrawSettings = DEFAULT_SETTINGS,
    *,
    at: dt.datetime,
    author: str,
) -> DrawRecord:
    """A whole cycle's draw: the years (DL-1), then each year's reviewers given the years before (DL-3)."""
    _check_moment(at, author)
    definition = _cycle(cycle)
    ordered = _canonical(states)
    digest = inputs_digest(canonical_inputs(ordered, definition, seed, settings))
    result = _draw_cycle_result(ordered, definition, seed, settings)
    return DrawRecord("draw", definition.number, seed, digest, at, author, result)


# --- Redraws (DL-6) --------------------------------------------------------------------------------


def redraw(
    draw: CycleDraw,
    request: RedrawRequest,
    *,
    states: Iterable[DrawState],
    seed: int,
    settings: DrawSettings = DEFAULT_SETTINGS,
    cycle: Cycle | None = None,
    at: dt.datetime,
    author: str,
) -> DrawRecord | Refusal:
    """Draw again the reviewers of the State that asks (DL-6), keeping every other rule.

    At most `settings.ordinary_redraws` (two) ordinary redraws per State; a further one only when the
    request is marked exceptional and gives its reason. The new reviewers keep DL-2 to DL-14 against
    every other pair of the cycle, and (by default) are not the ones they replace. A redraw that would
    leave the State worse served than now is refused: its reviewers stay as they are.
    """
    _check_moment(at, author)
    definition = cycle or get_cycle(draw.cycle)
    if definition.number != draw.cycle:
        raise DrawInputError(f"the draw is of cycle {draw.cycle}, not {definition.number}")
    pairing = draw.pairing_of(request.state)
    if pairing is None:
        return Refusal(
            "not_under_review",
            "DL-6",
            f"{request.state} is not under review in cycle {draw.cycle}: only the State under review may "
            "ask for its reviewers to be drawn again.",
        )
    if pairing.redraws >= settings.ordinary_redraws and not request.exceptional:
        return Refusal(
            "redraw_limit",
            "DL-6",
            f"The reviewers of {request.state} have been drawn again {pairing.redraws} times; a further "
            "redraw is allowed only in exceptional circumstances, with the reason.",
        )
    if request.exceptional and not request.reason.strip():
        return Refusal(
            "exceptional_without_reason",
            "DL-6",
            "An exceptional redraw must give the circumstances that justify it.",
        )
    ordered = _canonical(states)
    others = [pair for other in draw.pairings if other.state != pairing.state for pair in other.pairs()]
    replaced = (
        frozenset((reviewer.state, pairing.state) for reviewer in pairing.reviewers)
        if settings.redraw_excludes_current_reviewers
        else frozenset()
    )
    search = _YearSearch(
        states=ordered,
        to_draw=[pairing.state],
        under_review=frozenset(draw.years.years.get(pairing.year, ())),
        year=pairing.year,
        cycle=definition,
        seed=seed,
        settings=settings,
        previous_pairs=others,
        replaced=replaced,
        reviewed_later=frozenset(other.state for other in draw.pairings if other.year > pairing.year),
    )
    (new,) = search.pairings()
    if _served(new) < _served(pairing):
        return Refusal(
            "no_alternative",
            "DL-6",
            f"No other reviewers of {pairing.state} satisfy the rules: its reviewers stay as they are.",
        )
    new = dataclasses.replace(new, redraws=pairing.redraws + 1)
    result = dataclasses.replace(
        draw, pairings=tuple(new if other.state == pairing.state else other for other in draw.pairings)
    )
    digest = inputs_digest(
        canonical_inputs(
            ordered,
            definition,
            seed,
            settings,
            draw=_draw_as_canonical(draw),
            request=dataclasses.asdict(request),
        )
    )
    return DrawRecord("redraw", definition.number, seed, digest, at, author, result, request)


def _served(pairing: Pairing) -> tuple[int, int]:
    """How well a pairing meets DL-4 and DL-2: (rules met, reviewers drawn)."""
    same = any(reviewer.same_group for reviewer in pairing.reviewers)
    return (int(same) + int(len(pairing.reviewers) - int(same) > 0), len(pairing.reviewers))


def verify(
    record: DrawRecord,
    *,
    states: Iterable[DrawState],
    settings: DrawSettings = DEFAULT_SETTINGS,
    cycle: Cycle | None = None,
    before: CycleDraw | None = None,
) -> bool:
    """Whether the record's inputs digest and result are what these inputs give. A redraw needs the
    draw it started from (`before`)."""
    ordered = _canonical(states)
    definition = cycle or get_cycle(record.cycle)
    if record.action == "draw":
        digest = inputs_digest(canonical_inputs(ordered, definition, record.seed, settings))
        return digest == record.inputs_digest and record.result == _draw_cycle_result(
            ordered, definition, record.seed, settings
        )
    if before is None or record.request is None:
        raise DrawInputError("verifying a redraw needs the draw it started from and its request")
    again = redraw(
        before,
        record.request,
        states=ordered,
        seed=record.seed,
        settings=settings,
        cycle=definition,
        at=record.at,
        author=record.author,
    )
    return isinstance(again, DrawRecord) and again == record
