"""The organisation of work: a grid of days × meeting slots × tracks, and the checks on it.

Rule 8 leaves the proposed organisation of work to the secretariat. A session has two meeting slots
a day (10 a.m.-1 p.m. and 3-6 p.m.), a plenary track and parallel tracks (a resumed session of the
Implementation Review Group, informal consultations), and a fixed number of meetings with
interpretation in six languages (18 at COSP8). `check_grid` reports what does not fit; `timetable`
arranges the cells as rows (day × slot) and columns (tracks) for rendering.

Plain Python: the values are those of `enums.Slot`; messages are translated lazily, when read.
"""

from __future__ import annotations

import enum
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .enums import Slot

PLENARY = "plenary"

# The one table of meeting hours (local time of the session's venue).
SLOT_TIMES: dict[str, tuple[time, time]] = {
    Slot.MORNING: (time(10, 0), time(13, 0)),
    Slot.AFTERNOON: (time(15, 0), time(18, 0)),
}
SLOT_ORDER: tuple[str, ...] = tuple(SLOT_TIMES)


@dataclass(frozen=True)
class Cell:
    """One meeting: a track in a slot of a day, with the agenda items it takes up."""

    day: date
    slot: str  # an enums.Slot value
    track: str  # PLENARY or the name of a parallel track
    items: tuple[str, ...] = ()  # agenda item numbers: ("1(a)", "1(b)")
    title: str = ""  # what a parallel meeting is about
    interpretation: bool = True


class Severity(enum.StrEnum):
    ERROR = "error"  # the grid cannot be issued like this
    WARNING = "warning"  # probably a mistake
    NOTE = "note"  # worth knowing


_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}


@dataclass(frozen=True)
class Problem:
    """What is wrong with a grid: a stable code for programs and a message for people.

    The message is built when read, so it comes out in the language active at that moment.
    """

    code: str
    severity: Severity
    template: Any  # a lazy translation with %(name)s placeholders
    params: tuple[tuple[str, Any], ...] = ()
    day: date | None = None
    slot: str = ""
    track: str = ""
    item: str = ""

    @property
    def message(self) -> str:
        return str(self.template % dict(self.params)) if self.params else str(self.template)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class TimetableRow:
    day: date
    slot: str
    cells: tuple[Cell | None, ...]  # one per track of the timetable, None where nothing meets


@dataclass(frozen=True)
class Timetable:
    tracks: tuple[str, ...]  # the plenary first, then the parallel tracks as they first meet
    rows: tuple[TimetableRow, ...]  # every day × slot from the first day to the last, in order


def slot_label(slot: str) -> Any:
    """The slot's label ("10 a.m.-1 p.m."), or the raw value when it is not a known slot."""
    return Slot(slot).label if slot in SLOT_TIMES else slot


def track_label(track: str) -> Any:
    return _("Plenary") if track == PLENARY else track


def normalise_item(number: str) -> str:
    """ "1 (a)" and " 1(a) " are the same agenda item: "1(a)"."""
    return "".join(number.split())


def parent_item(number: str) -> str:
    """The item a sub-item belongs to: "1(a)" → "1"; an item is its own parent."""
    return normalise_item(number).split("(", 1)[0]


def interpretation_count(cells: Iterable[Cell]) -> int:
    return sum(1 for cell in cells if cell.interpretation)


def session_days(first_day: date, last_day: date) -> list[date]:
    return [first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)]


def _sort_key(cell: Cell) -> tuple[date, int]:
    slot_rank = SLOT_ORDER.index(cell.slot) if cell.slot in SLOT_TIMES else len(SLOT_ORDER)
    return (cell.day, slot_rank)


def _where(cell: Cell) -> tuple[tuple[str, Any], ...]:
    return (
        ("day", cell.day.isoformat()),
        ("slot", slot_label(cell.slot)),
        ("track", track_label(cell.track)),
    )


def check_grid(
    cells: Iterable[Cell],
    *,
    first_day: date,
    last_day: date,
    interpretation_meetings: int | None,
    agenda_items: Sequence[str] = (),
) -> list[Problem]:
    """Every problem of the grid: errors, then warnings, then notes; within each, by check, day and slot.

    `interpretation_meetings` is the number of meetings the resources cover (None: not known, not
    checked). `agenda_items` are the agenda's item and sub-item numbers (empty: not checked). A
    scheduled item "1" covers its sub-items; a scheduled sub-item "1(a)" counts for item "1".
    """
    if last_day < first_day:
        raise ValueError(f"The session cannot end ({last_day}) before it begins ({first_day}).")
    if interpretation_meetings is not None and interpretation_meetings < 0:
        raise ValueError("The number of meetings with interpretation cannot be negative.")
    cells = sorted(cells, key=_sort_key)  # stable: cells of one slot keep their given order
    problems: list[Problem] = []

    for cell in cells:
        if cell.slot not in SLOT_TIMES:
            problems.append(
                Problem(
                    "unknown_slot",
                    Severity.ERROR,
                    _("%(day)s, %(slot)s, %(track)s: there is no such meeting slot."),
                    _where(cell),
                    cell.day,
                    cell.slot,
                    cell.track,
                )
            )
        if not first_day <= cell.day <= last_day:
            problems.append(
                Problem(
                    "outside_session",
                    Severity.ERROR,
                    _("%(day)s, %(slot)s, %(track)s: the session meets from %(first)s to %(last)s only."),
                    (*_where(cell), ("first", first_day.isoformat()), ("last", last_day.isoformat())),
                    cell.day,
                    cell.slot,
                    cell.track,
                )
            )

    placed = Counter((cell.day, cell.slot, cell.track) for cell in cells)
    for cell in cells:
        count = placed.pop((cell.day, cell.slot, cell.track), 1)  # report each clash once
        if count > 1:
            problems.append(
                Problem(
                    "double_booked",
                    Severity.ERROR,
                    _("%(day)s, %(slot)s, %(track)s: %(count)d meetings clash in this slot."),
                    (*_where(cell), ("count", count)),
                    cell.day,
                    cell.slot,
                    cell.track,
                )
            )

    if interpretation_meetings is not None:
        needed = interpretation_count(cells)
        counts = (("needed", needed), ("available", interpretation_meetings))
        if needed > interpretation_meetings:
            problems.append(
                Problem(
                    "interpretation_exceeded",
                    Severity.ERROR,
                    ngettext_lazy(
                        "%(needed)d meeting needs interpretation, resources cover %(available)d.",
                        "%(needed)d meetings need interpretation, resources cover %(available)d.",
                        "needed",
                    ),
                    counts,
                )
            )
        elif needed < interpretation_meetings:
            # Not an error: the secretariat may keep meetings in reserve.
            problems.append(
                Problem(
                    "interpretation_unused",
                    Severity.NOTE,
                    ngettext_lazy(
                        "%(needed)d meeting needs interpretation, resources cover %(available)d.",
                        "%(needed)d meetings need interpretation, resources cover %(available)d.",
                        "needed",
                    ),
                    counts,
                )
            )

    if agenda_items:
        problems.extend(_check_items(cells, [normalise_item(item) for item in agenda_items]))
    return sorted(problems, key=lambda problem: _SEVERITY_RANK[problem.severity])


def _check_items(cells: list[Cell], agenda: list[str]) -> list[Problem]:
    on_agenda = set(agenda)
    parents_with_subitems = {parent_item(item) for item in agenda if parent_item(item) != item}
    problems = []
    scheduled: set[str] = set()
    for cell in cells:
        for raw in cell.items:
            item = normalise_item(raw)
            scheduled.add(item)
            parent = parent_item(item)
            known = (
                item in on_agenda
                or item in parents_with_subitems  # the whole of an item with sub-items
                or (parent in on_agenda and parent not in parents_with_subitems)  # sub-items not listed
            )
            if not known:
                problems.append(
                    Problem(
                        "item_not_on_agenda",
                        Severity.ERROR,
                        _("%(day)s, %(slot)s, %(track)s: item %(item)s is not on the agenda."),
                        (*_where(cell), ("item", raw)),
                        cell.day,
                        cell.slot,
                        cell.track,
                        item,
                    )
                )
    scheduled_parents = {parent_item(item) for item in scheduled}
    for item in dict.fromkeys(agenda):  # in agenda order, once each
        if item in scheduled or parent_item(item) in scheduled or item in scheduled_parents:
            continue
        problems.append(
            Problem(
                "item_unscheduled",
                Severity.WARNING,
                _("Agenda item %(item)s is not taken up in any meeting."),
                (("item", item),),
                item=item,
            )
        )
    return problems


def timetable(
    cells: Iterable[Cell], *, first_day: date | None = None, last_day: date | None = None
) -> Timetable:
    """The grid as rows (each day × slot, empty ones included) and columns (tracks).

    Days run from `first_day` (default: the earliest cell) to `last_day` (default: the latest).
    Where two cells clash, the first given is shown; `check_grid` reports the clash.
    """
    cells = sorted(cells, key=_sort_key)
    known = [cell for cell in cells if cell.slot in SLOT_TIMES]
    tracks = list(dict.fromkeys(cell.track for cell in known))
    if PLENARY in tracks:
        tracks.remove(PLENARY)
        tracks.insert(0, PLENARY)
    if not known and (first_day is None or last_day is None):
        return Timetable(tracks=(), rows=())
    first = first_day or known[0].day
    last = last_day or known[-1].day
    placed: dict[tuple[date, str], dict[str, Cell]] = defaultdict(dict)
    for cell in known:
        placed[(cell.day, cell.slot)].setdefault(cell.track, cell)
    rows = tuple(
        TimetableRow(day, slot, tuple(placed[(day, slot)].get(track) for track in tracks))
        for day in session_days(first, last)
        for slot in SLOT_ORDER
    )
    return Timetable(tracks=tuple(tracks), rows=rows)
