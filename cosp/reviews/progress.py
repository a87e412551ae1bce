"""How far the reviews of a cycle have come (issue 6 §4): per year and regional group, how many reviews
stand at each step, how many are late, how many have ended and how many executive summaries are out;
and the public board of each review's step and delay.

Only public facts go in (`PublicReview`): who reviews whom, each review's plan of steps with its dates
(NGO trackers publish them) and the symbol and date of an issued executive summary. Nothing from a
checklist, a draft or the findings of an unpublished review is ever asked for, so nothing from them
can leak into a public figure (RULES 4.9).

No ranking or scoring of countries (RULES 4.2): the figures are counts of reviews, and the board is in
the order of the cycle's years and then of the States' names, never by how late a review is.

Plain Python: the plans come in as `timeline.StepState` lists, so this module needs no database.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from . import timeline
from .cycles import get_cycle
from .timeline import StepState

# Where a review stands: before its plan exists, at one of the timeline's steps, or ended.
NOT_STARTED = "not_started"
COMPLETED = "completed"
STAGES: tuple[str, ...] = (NOT_STARTED, *(step.value for step in timeline.Step), COMPLETED)


@dataclass(frozen=True)
class PublicReview:
    """What the public may know of one review.

    `steps` is the review's plan (`timeline.schedule`); empty while the review has not started (no
    notification date yet). `group` is the regional group's code, "" when the State has none.
    """

    cycle: int
    year: int
    group: str
    steps: Sequence[StepState] = ()
    summary_issued_on: dt.date | None = None
    # For the board: the State under review and its reviewers, as names to show.
    state: str = ""
    iso3: str = ""
    reviewers: tuple[str, ...] = ()
    summary_symbol: str = ""


def stage(steps: Sequence[StepState]) -> str:
    """Where a review with this plan stands: NOT_STARTED, a step's value, or COMPLETED."""
    if not steps:
        return NOT_STARTED
    current = timeline.current_step(steps)
    return COMPLETED if current is None else current.step.value


def is_late(steps: Sequence[StepState], today: dt.date) -> bool:
    """A step is open past its due date (a flag, RULES 4.6: never a block)."""
    return bool(timeline.overdue(steps, today))


def days_late(steps: Sequence[StepState], today: dt.date) -> int:
    """How many days the most overdue open step is past its due date; 0 when none is."""
    return max((state.days_late(today) for state in timeline.overdue(steps, today)), default=0)


def summary_issued(review: PublicReview, today: dt.date) -> bool:
    """The executive summary is out: it has an issue date, and that day has come."""
    return review.summary_issued_on is not None and review.summary_issued_on <= today


@dataclass
class Tally:
    """Counts for one set of reviews. `at_stage` has a count for every stage in STAGES."""

    reviews: int = 0
    at_stage: Counter[str] = field(default_factory=Counter)
    late: int = 0
    summaries_issued: int = 0

    @property
    def completed(self) -> int:
        return self.at_stage[COMPLETED]

    @property
    def not_started(self) -> int:
        return self.at_stage[NOT_STARTED]

    def stage_counts(self) -> list[int]:
        """The count at each stage, in the order of STAGES."""
        return [self.at_stage[key] for key in STAGES]

    def add(self, review: PublicReview, today: dt.date) -> None:
        self.reviews += 1
        self.at_stage[stage(review.steps)] += 1
        self.late += is_late(review.steps, today)
        self.summaries_issued += summary_issued(review, today)


@dataclass(frozen=True)
class TableRow:
    """One line of the progress table: a year and group, a year's total (group None), a group's
    total over the cycle (year None), or the cycle's total (both None)."""

    year: int | None
    group: str | None
    tally: Tally

    @property
    def is_total(self) -> bool:
        return self.year is None or self.group is None


@dataclass(frozen=True)
class Progress:
    """The counts of one cycle on one day."""

    cycle: int
    today: dt.date
    years: tuple[int, ...]
    groups: tuple[str, ...]
    cells: dict[tuple[int, str], Tally]
    by_year: dict[int, Tally]
    by_group: dict[str, Tally]
    total: Tally

    def rows(self) -> list[TableRow]:
        """The table: each year's groups then the year's total; then each group over the cycle and
        the cycle's total."""
        rows: list[TableRow] = []
        for year in self.years:
            rows.extend(TableRow(year, group, self.cells[year, group]) for group in self.groups)
            rows.append(TableRow(year, None, self.by_year[year]))
        rows.extend(TableRow(None, group, self.by_group[group]) for group in self.groups)
        rows.append(TableRow(None, None, self.total))
        return rows

    def stages_by_year(self) -> list[tuple[int, list[int]]]:
        """For each year, the count at each stage (in the order of STAGES): a chart's series."""
        return [(year, self.by_year[year].stage_counts()) for year in self.years]


def progress(
    reviews: Iterable[PublicReview], *, cycle: int, today: dt.date, groups: Sequence[str] = ()
) -> Progress:
    """Count the reviews of `cycle` as they stand on `today`.

    Every year of the cycle has a line, and so does every group in `groups` (in that order) even
    with no review; groups met in the data but not listed follow, by code. Reviews of other cycles
    are left out.
    """
    years = tuple(range(1, get_cycle(cycle).years + 1))
    chosen = [review for review in reviews if review.cycle == cycle]
    extra_groups = sorted({review.group for review in chosen} - set(groups))
    all_groups = (*dict.fromkeys(groups), *extra_groups)
    extra_years = sorted({review.year for review in chosen} - set(years))
    all_years = (*years, *extra_years)  # a year outside the cycle is shown, never dropped silently

    cells = {(year, group): Tally() for year in all_years for group in all_groups}
    by_year = {year: Tally() for year in all_years}
    by_group = {group: Tally() for group in all_groups}
    total = Tally()
    for review in chosen:
        for tally in (cells[review.year, review.group], by_year[review.year], by_group[review.group], total):
            tally.add(review, today)
    return Progress(cycle, today, all_years, all_groups, cells, by_year, by_group, total)


# --- The board ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardRow:
    """One review on the public board: where it stands, when its current step is due, how late."""

    review: PublicReview
    stage: str
    due: dt.date | None  # the current step's due date; None before the start and after the end
    days_late: int
    summary_symbol: str  # only once the summary is issued

    @property
    def late(self) -> bool:
        return self.days_late > 0


def name_key(name: str) -> str:
    """A sort key for a State's name that ignores case and accents (Côte d'Ivoire among the Cs)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def board_rows(
    reviews: Iterable[PublicReview],
    *,
    cycle: int,
    today: dt.date,
    year: int | None = None,
    group: str | None = None,
) -> list[BoardRow]:
    """The reviews of `cycle` (of one year and one group if given), by year then State name.

    Never sorted by lateness (RULES 4.2: no ranking); the delay is shown, not ordered on.
    """
    rows = []
    for review in reviews:
        if review.cycle != cycle or (year is not None and review.year != year):
            continue
        if group is not None and review.group != group:
            continue
        current = timeline.current_step(review.steps) if review.steps else None
        issued = summary_issued(review, today)
        rows.append(
            BoardRow(
                review=review,
                stage=stage(review.steps),
                due=current.due if current is not None else None,
                days_late=days_late(review.steps, today),
                summary_symbol=review.summary_symbol if issued else "",
            )
        )
    rows.sort(key=lambda row: (row.review.year, name_key(row.review.state), row.review.iso3))
    return rows
