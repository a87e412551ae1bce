"""The review cycles of the Implementation Review Mechanism (RULES.md 4.3): what each cycle reviews, how
its States parties are spread over its years, and what it asks of States that join late.

One phase is two cycles of five years each (4.3-1). Cycle 1 reviews chapters III and IV (4.3-2);
cycle 2 reviews chapters II and V (4.3-3). Which articles a chapter holds is reference data (the
`states` app's Chapter and Article rows), so the caller passes it in; this module only knows chapters.

Where RULES.md marks a point unconfirmed [U] or where we had to choose a date, the value is a field of
`Cycle` with the default documented next to it; `dataclasses.replace(CYCLES[2], ...)` gives a variant,
and the draw engine (draw.py) takes whichever `Cycle` it is given. Pure Python: no models, no database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

ROMAN_CHAPTERS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")  # the Convention's eight chapters


class Distribution(StrEnum):
    """How the States parties at the draw are spread over the years of a cycle (DL-1)."""

    # Cycle 1 (4.3-5, resolution 3/1 para. 3 and ToR para. 14): each year takes from every regional
    # group a number of States proportional to the group's size.
    PROPORTIONAL_BY_GROUP = "proportional_by_group"
    # Cycle 2 (4.3-7, resolution 6/1): one fifth of the States parties in each year, whatever their group.
    EQUAL_SHARES = "equal_shares"


@dataclass(frozen=True)
class Obligation:
    """Something a late joiner owes outside the cycle's own schedule."""

    chapters: tuple[str, ...]
    due_on: dt.date
    rule: str  # where RULES.md says so, e.g. "4.3-7"


@dataclass(frozen=True)
class Cycle:
    """One review cycle. The defaults of `CYCLES` are documented field by field there."""

    number: int
    chapters: tuple[str, ...]
    distribution: Distribution
    years: int = 5  # 4.3-1: five years per cycle
    # The years over which the States parties at the draw are spread: 1..draw_years.
    draw_years: int = 5
    # States whose instrument was deposited after this day are the cycle's late joiners...
    late_joiners_after: dt.date | None = None
    # ...and are reviewed in this year (by default the last one).
    late_joiner_year: int = 5
    late_joiner_rule: str = ""
    # Cycle 2: late joiners must also complete the review of these chapters within N years of depositing.
    late_joiners_owe_chapters: tuple[str, ...] = ()
    late_joiners_owe_within_years: int | None = None
    launched_on: dt.date | None = None  # for display and records; no rule depends on it
    extended_until: dt.date | None = None

    def __post_init__(self) -> None:
        for chapter in (*self.chapters, *self.late_joiners_owe_chapters):
            if chapter not in ROMAN_CHAPTERS:
                raise ValueError(f"cycle {self.number}: {chapter!r} is not a chapter of the Convention")
        if self.years < 1:
            raise ValueError(f"cycle {self.number}: a cycle lasts at least one year")
        if not 1 <= self.draw_years <= self.years:
            raise ValueError(f"cycle {self.number}: draw_years must be between 1 and {self.years}")
        if not 1 <= self.late_joiner_year <= self.years:
            raise ValueError(f"cycle {self.number}: late_joiner_year must be between 1 and {self.years}")
        if self.late_joiners_owe_chapters and self.late_joiners_owe_within_years is None:
            raise ValueError(f"cycle {self.number}: say within how many years late joiners owe chapters")

    def is_late_joiner(self, party_since: dt.date | None) -> bool:
        """Whether a State that became a party on `party_since` is one of this cycle's late joiners.

        An unknown date (None) counts as a party from before the cycle began: the reference data leaves
        a deposit date blank only where sources disagreed, and the draw must still place the State.
        """
        return (
            self.late_joiners_after is not None
            and party_since is not None
            and party_since > self.late_joiners_after
        )

    def late_joiner_obligations(self, party_since: dt.date | None) -> tuple[Obligation, ...]:
        """What a late joiner owes besides its review in `late_joiner_year` (4.3-7: the chapters of
        cycle 1 within two years of depositing its instrument). Empty for other States."""
        if not self.is_late_joiner(party_since) or not self.late_joiners_owe_chapters:
            return ()
        assert party_since is not None  # a late joiner has a date
        assert self.late_joiners_owe_within_years is not None  # checked in __post_init__
        due_on = add_years(party_since, self.late_joiners_owe_within_years)
        return (Obligation(self.late_joiners_owe_chapters, due_on, self.late_joiner_rule),)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


CYCLES: dict[int, Cycle] = {
    1: Cycle(
        number=1,
        chapters=("III", "IV"),  # 4.3-2
        distribution=Distribution.PROPORTIONAL_BY_GROUP,  # 4.3-5
        # 4.3-5: the lots spread the parties over "each of the first four years"; late joiners take year 5.
        draw_years=4,
        # 4.3-5 / DL-13: States that became parties after the first draw. The draw was held at the first
        # IRG session (28 June-2 July 2010) on its first day (DL-7); the exact day is our reading [U].
        late_joiners_after=dt.date(2010, 6, 28),
        late_joiner_year=5,
        late_joiner_rule="4.3-5",
        launched_on=dt.date(2010, 6, 28),
    ),
    2: Cycle(
        number=2,
        chapters=("II", "V"),  # 4.3-3
        distribution=Distribution.EQUAL_SHARES,  # 4.3-7: one fifth per year
        draw_years=5,
        # 4.3-7: States that became parties after COSP6 (St Petersburg, 2-6 November 2015); "after" is
        # read as after the session's last day [U].
        late_joiners_after=dt.date(2015, 11, 6),
        late_joiner_year=5,  # 4.3-7: the last year of the cycle
        late_joiner_rule="4.3-7",
        late_joiners_owe_chapters=("III", "IV"),  # 4.3-7: within two years of depositing
        late_joiners_owe_within_years=2,
        launched_on=dt.date(2015, 11, 6),  # resolution 6/1 (4.1)
        extended_until=dt.date(2024, 6, 30),  # 4.3-4: extended to June 2024 [C~]
    ),
}


def get_cycle(number: int) -> Cycle:
    """The cycle numbered `number`; a ValueError names the cycles there are."""
    try:
        return CYCLES[number]
    except KeyError:
        known = ", ".join(str(n) for n in sorted(CYCLES))
        raise ValueError(f"there is no review cycle {number!r} (cycles: {known})") from None


def articles_under_review(cycle: Cycle | int, articles: Iterable[tuple[int, str]]) -> tuple[int, ...]:
    """The numbers of the articles a cycle reviews, in order.

    `articles` is the Convention's catalogue as (article number, chapter roman numeral) pairs, e.g.
    `Article.objects.values_list("number", "chapter__roman")`.
    """
    chosen = cycle if isinstance(cycle, Cycle) else get_cycle(cycle)
    return tuple(sorted({number for number, chapter in articles if chapter in chosen.chapters}))
