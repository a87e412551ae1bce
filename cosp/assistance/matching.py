"""Matching needs and offers: plain Python, no database.

An offer matches a need on three criteria, each met in a way the page can explain:

- article: the offer lists the need's article, or names no article (it covers any);
- type of assistance: the offer lists the need's type, names no type (any), or the need names none;
- region: the offer names the need's State, or its regional group, or names neither (anywhere).

An offer that is closed, not yet available or past its end date does not match at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar


class Criterion(StrEnum):
    ARTICLE = "article"
    TYPE = "type"
    REGION = "region"


CRITERIA: tuple[Criterion, ...] = (Criterion.ARTICLE, Criterion.TYPE, Criterion.REGION)


class Basis(StrEnum):
    """How a criterion is met."""

    LISTED = "listed"  # the offer names the need's article or type
    ANY = "any"  # the offer names nothing for this criterion: it covers all
    NOT_STATED = "not_stated"  # the need names no type of assistance
    STATE = "state"  # the offer names the need's State
    REGIONAL_GROUP = "regional_group"  # the offer names the need's regional group


@dataclass(frozen=True)
class NeedFacts:
    article: int
    assistance_type: str  # "" when not stated
    state: str  # ISO3
    regional_group: str | None  # group code


@dataclass(frozen=True)
class OfferFacts:
    articles: frozenset[int] = frozenset()
    assistance_types: frozenset[str] = frozenset()
    regional_groups: frozenset[str] = frozenset()
    states: frozenset[str] = frozenset()
    active: bool = True
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None

    def available_on(self, day: dt.date) -> bool:
        return (
            self.active
            and (self.starts_on is None or self.starts_on <= day)
            and (self.ends_on is None or day <= self.ends_on)
        )


@dataclass(frozen=True)
class Met:
    criterion: Criterion
    basis: Basis


@dataclass(frozen=True)
class Comparison:
    met: tuple[Met, ...]
    missed: tuple[Criterion, ...]

    @property
    def full(self) -> bool:
        return not self.missed

    @property
    def score(self) -> int:
        return len(self.met)

    def meets(self, criterion: Criterion) -> bool:
        return criterion not in self.missed


def _article(need: NeedFacts, offer: OfferFacts) -> Basis | None:
    if not offer.articles:
        return Basis.ANY
    return Basis.LISTED if need.article in offer.articles else None


def _type(need: NeedFacts, offer: OfferFacts) -> Basis | None:
    if not offer.assistance_types:
        return Basis.ANY
    if not need.assistance_type:
        return Basis.NOT_STATED
    return Basis.LISTED if need.assistance_type in offer.assistance_types else None


def _region(need: NeedFacts, offer: OfferFacts) -> Basis | None:
    if need.state in offer.states:
        return Basis.STATE
    if need.regional_group is not None and need.regional_group in offer.regional_groups:
        return Basis.REGIONAL_GROUP
    if not offer.states and not offer.regional_groups:
        return Basis.ANY
    return None


_CHECKS = {Criterion.ARTICLE: _article, Criterion.TYPE: _type, Criterion.REGION: _region}


def compare(need: NeedFacts, offer: OfferFacts) -> Comparison:
    """Which criteria the offer meets for the need, and how."""
    met, missed = [], []
    for criterion in CRITERIA:
        basis = _CHECKS[criterion](need, offer)
        if basis is None:
            missed.append(criterion)
        else:
            met.append(Met(criterion, basis))
    return Comparison(tuple(met), tuple(missed))


T = TypeVar("T")


@dataclass(frozen=True)
class Candidate(Generic[T]):
    offer: T
    comparison: Comparison


def candidates(
    need: NeedFacts,
    offers: Iterable[tuple[T, OfferFacts]],
    *,
    day: dt.date,
    required: Sequence[Criterion] = CRITERIA,
    minimum: int | None = None,
) -> list[Candidate[T]]:
    """The offers available on `day` that meet every `required` criterion and at least `minimum`
    criteria in all (default: all required ones), best first; ties keep the order given."""
    minimum = len(required) if minimum is None else minimum
    found = []
    for offer, facts in offers:
        if not facts.available_on(day):
            continue
        comparison = compare(need, facts)
        if all(comparison.meets(criterion) for criterion in required) and comparison.score >= minimum:
            found.append(Candidate(offer, comparison))
    found.sort(key=lambda candidate: -candidate.comparison.score)
    return found
