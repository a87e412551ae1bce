"""Reads that turn a session's records into what the timetable page and the session's files show.

schedule.py and exports.py work on plain data; this module fills that data from the database, in one
of the six UN languages (a name or title missing in that language is given in English, as the
interface does). Nothing here writes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils.translation import override

from cosp.core.languages import clean_language, django_language, field_suffix, interface_language, un_language
from cosp.documents.enums import Distribution
from cosp.documents.extraction.numerals import int_to_chinese
from cosp.documents.models import Document

from . import exports, queries
from .attendance_data import attendance_paragraphs
from .enums import Office, SessionKind, Slot
from .exports import ReportSkeletonData, TimetableData
from .models import AgendaItem, Officer, Session, WorkCell
from .schedule import (
    SLOT_ORDER,
    Cell,
    Problem,
    Severity,
    check_grid,
    interpretation_count,
    timetable,
    track_label,
)


def translated(obj, field: str, language: str) -> str:
    """A translated field in `language` (a UN code), or in English where that language has none."""
    return getattr(obj, f"{field}_{field_suffix(language)}", "") or getattr(obj, f"{field}_en", "") or ""


# --- the session's name -----------------------------------------------------------------------------

_ORDINALS_EN = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth",
)  # fmt: skip
_TENS_EN = {2: "twent", 3: "thirt", 4: "fort", 5: "fift", 6: "sixt", 7: "sevent", 8: "eight", 9: "ninet"}


def ordinal_en(number: int) -> str:
    """1 → "first", 8 → "eighth", 21 → "twenty-first", as session names are written (up to 99)."""
    if 1 <= number < 20:
        return _ORDINALS_EN[number - 1]
    tens, units = divmod(number, 10)
    if tens not in _TENS_EN:
        return f"{number}th"
    stem = _TENS_EN[tens]
    return f"{stem}ieth" if units == 0 else f"{stem}y-{_ORDINALS_EN[units - 1]}"


def session_name(session: Session, language: str) -> str:
    """ "eighth session", "第八届会议", "special session", "resumed fourteenth session".

    Written for English and Chinese, the languages the reports are checked in; the other languages
    get the English name until someone writes theirs.
    """
    code = un_language(language)
    number = session.resumes.number if session.kind == SessionKind.RESUMED and session.resumes_id else None
    number = number or session.number
    if code == "zh":
        if session.kind == SessionKind.SPECIAL or number is None:
            return "特别会议"
        ordinal = f"第{int_to_chinese(number)}届会议"
        return f"{ordinal}续会" if session.kind == SessionKind.RESUMED else ordinal
    if session.kind == SessionKind.SPECIAL or number is None:
        return "special session"
    ordinal = f"{ordinal_en(number)} session"
    return f"resumed {ordinal}" if session.kind == SessionKind.RESUMED else ordinal


def session_title(session: Session, language: str) -> str:
    """The body and the session as a document's title: "Conference of ..., eighth session"."""
    code = un_language(language)
    body = translated(session.body, "name", code)
    name = session_name(session, code)
    return f"{body}{name}" if code == "zh" else f"{body}, {name}"


def body_short_name(session: Session, language: str) -> str:
    """How a report names its own body in running text: "the Conference", "缔约国会议"."""
    code = un_language(language)
    body = session.body
    if body.code == "COSP" and code == "en":
        return "Conference"
    abbreviation = translated(body, "abbreviation", code)
    if abbreviation and not abbreviation.isupper():  # an acronym ("COSP") does not read in a sentence
        return abbreviation
    return translated(body, "name", code)


# --- the organisation of work -----------------------------------------------------------------------


def work_cells(session: Session) -> list[WorkCell]:
    """The session's meetings, each with its agenda items in agenda order."""
    items = Prefetch("items", queryset=AgendaItem.objects.order_by("position"))
    return list(session.work_cells.prefetch_related(items))


def cell_of(work_cell: WorkCell, language: str = "en") -> Cell:
    """A meeting as schedule.py sees it; its title in `language`."""
    return Cell(
        day=work_cell.day,
        slot=work_cell.slot,
        track=work_cell.track,
        items=tuple(item.number for item in work_cell.items.all()),
        title=translated(work_cell, "title", un_language(language)),
        interpretation=work_cell.interpretation,
    )


def session_cells(session: Session, language: str = "en") -> tuple[Cell, ...]:
    return tuple(cell_of(work_cell, language) for work_cell in work_cells(session))


def agenda_titles(session: Session, language: str) -> list[tuple[str, str]]:
    """(number, title) for every item and sub-item of the agenda, in order, titles in `language`."""
    code = un_language(language)
    items = session.agenda_items.order_by("position")
    return [(item.number, translated(item, "title", code)) for item in items]


def agenda_numbers(session: Session) -> list[str]:
    return list(session.agenda_items.order_by("position").values_list("number", flat=True))


def grid_problems(session: Session, cells: Sequence[Cell] | None = None) -> list[Problem]:
    """What check_grid finds in the session's organisation of work (or in `cells`, a proposed one)."""
    return check_grid(
        session_cells(session) if cells is None else cells,
        first_day=session.start,
        last_day=session.end,
        interpretation_meetings=session.interpretation_meetings,
        agenda_items=agenda_numbers(session),
    )


def day_label(day: date, language: str | None = None) -> str:
    """The day in full in `language` (default: the interface language): "Monday, 16 December 2019"."""
    return exports.day_label(day, clean_language(language) or interface_language())


def problems_by_severity(
    session: Session, meetings: Sequence[WorkCell] | None = None
) -> dict[str, list[Problem]]:
    """The grid's problems as the pages list them, by severity ("error", "warning", "note")."""
    cells = None if meetings is None else [cell_of(meeting) for meeting in meetings]
    grouped: dict[str, list[Problem]] = {severity.value: [] for severity in Severity}
    for problem in grid_problems(session, cells):
        grouped[problem.severity.value].append(problem)
    return grouped


@dataclass(frozen=True)
class GridRow:
    day: date
    slot: str
    first_of_day: bool  # the row that opens a day carries the day's label
    meetings: tuple[WorkCell | None, ...]  # one per track, None where nothing meets

    @property
    def day_label(self) -> str:
        return day_label(self.day)

    @property
    def slot_label(self):
        return Slot(self.slot).label


@dataclass(frozen=True)
class Grid:
    """The organisation of work as the page shows it: days × slots as rows, tracks as columns."""

    tracks: tuple[str, ...]
    rows: tuple[GridRow, ...]
    interpretation_needed: int
    interpretation_available: int | None
    slots_per_day: int = len(SLOT_ORDER)

    @property
    def track_labels(self) -> list:
        return [track_label(track) for track in self.tracks]

    @property
    def is_empty(self) -> bool:
        return not any(meeting for row in self.rows for meeting in row.meetings)


def session_grid(session: Session, meetings: Sequence[WorkCell] | None = None) -> Grid:
    """The session's days from first to last, widened to show a meeting recorded outside them (so the
    secretariat can see and remove it)."""
    meetings = work_cells(session) if meetings is None else list(meetings)
    days = [meeting.day for meeting in meetings]
    first = min([session.start, *days])
    last = max([session.end, *days])
    by_place = {(meeting.day, meeting.slot, meeting.track): meeting for meeting in meetings}
    grid = timetable([cell_of(meeting) for meeting in meetings], first_day=first, last_day=last)
    rows = tuple(
        GridRow(
            day=row.day,
            slot=row.slot,
            first_of_day=row.slot == SLOT_ORDER[0],
            meetings=tuple(
                by_place[(cell.day, cell.slot, cell.track)] if cell is not None else None
                for cell in row.cells
            ),
        )
        for row in grid.rows
    )
    return Grid(
        tracks=grid.tracks,
        rows=rows,
        interpretation_needed=interpretation_count(cell_of(meeting) for meeting in meetings),
        interpretation_available=session.interpretation_meetings,
    )


def timetable_data(session: Session, language: str) -> TimetableData:
    """What the DOCX, PDF and iCalendar timetables need, in `language`."""
    code = un_language(language)
    return TimetableData(
        title=session_title(session, code),
        first_day=session.start,
        last_day=session.end,
        timezone=session.timezone,
        cells=session_cells(session, code),
        session_key=session.slug,
        item_titles=dict(agenda_titles(session, code)),
        place=translated(session, "place", code),
    )


# --- the report skeleton ----------------------------------------------------------------------------


def officers_elected(session: Session, language: str) -> list[tuple[str, str, str]]:
    """(office, State, person) for the officers elected at the session, President first, then the
    Vice-Presidents and the Rapporteur. A replacement named later under rule 31 was not elected there."""
    code = un_language(language)
    order = list(Office.values)
    officers = sorted(
        Officer.objects.filter(session=session, replaces__isnull=True).select_related("state"),
        key=lambda officer: (order.index(officer.office), officer.pk),
    )
    with override(django_language(code)):
        return [
            (str(Office(officer.office).label), translated(officer.state, "short_name", code), officer.person)
            for officer in officers
        ]


def credentials_paragraph(session: Session, language: str) -> str:
    """The bureau's credentials paragraph (credentials.py) for the States parties represented; "" where
    credentials.py has no wording for the language or no State party is recorded."""
    overview = queries.credentials_overview(session)
    report = overview.reports.get(un_language(language))
    return report.paragraph if report and overview.rows else ""


_NUMBER_RUN = re.compile(r"(\d+)")


def symbol_order(symbol: str) -> tuple:
    """CAC/COSP/2019/2 before CAC/COSP/2019/10: the numbers in a symbol compare as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in _NUMBER_RUN.split(symbol))


def documents_before(session: Session, language: str) -> list[tuple[str, str, str]]:
    """(symbol, agenda items, title) for the annex listing the documents before the session.

    The report is public: documents of restricted distribution are left out.
    """
    code = un_language(language)
    documents = (
        Document.objects.filter(session=session)
        .exclude(distribution=Distribution.RESTRICTED)
        .prefetch_related("versions")
    )
    rows = []
    for document in sorted(documents, key=lambda document: symbol_order(document.symbol)):
        titles = {version.language: version.title for version in document.versions.all() if version.title}
        title = titles.get(code) or titles.get("en") or next(iter(titles.values()), "")
        items = ", ".join(str(item) for item in document.agenda_items or [])
        rows.append((document.symbol, items, title))
    return rows


def report_skeleton_data(session: Session, language: str) -> ReportSkeletonData:
    """What the report skeleton needs, in `language`."""
    code = un_language(language)
    return ReportSkeletonData(
        body=translated(session.body, "name", code),
        body_short=body_short_name(session, code),
        session=session_name(session, code),
        place=translated(session, "place", code),
        first_day=session.start,
        last_day=session.end,
        officers=officers_elected(session, code),
        agenda=agenda_titles(session, code),
        attendance=attendance_paragraphs(session, code),
        credentials=credentials_paragraph(session, code),
        documents=documents_before(session, code),
    )
