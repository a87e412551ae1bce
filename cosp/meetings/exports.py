"""Files made from a session's data: the organisation of work as DOCX, PDF and iCalendar, and the
skeleton of the session's report as DOCX.

Pure functions from plain data to bytes: no database, no request. The caller passes the content
(titles, names, paragraphs) already in the language of the file; the few labels the files add come
from the interface catalogues, in the language asked for.

Fonts: the PDF uses Helvetica for Latin text and ReportLab's built-in CID font STSong-Light for the
rest (Chinese, and Cyrillic, which it covers in full-width glyphs), so nothing is read from the system
or fetched. No built-in font has Arabic glyphs and ReportLab cannot shape Arabic without extra
libraries, so an Arabic PDF is written in English (`pdf_language`); the DOCX files are fine in Arabic,
as Word shapes the text itself.
"""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, parse_pattern
from django.utils.translation import gettext as _
from django.utils.translation import override
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm
from icalendar import Calendar, Event
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from cosp.core.exports import (
    chapter_number,
    docx_bytes,
    finish_docx,
    pdf_language,
    pdf_markup,
    register_cid_font,
    section_letter,
)
from cosp.core.languages import babel_locale, django_language, un_language

from .schedule import PLENARY, SLOT_TIMES, Cell, Timetable, normalise_item, timetable

# Stable calendar UIDs: the same session, day, slot and track give the same UID in every export.
_UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://cosp-platform.invalid/organization-of-work")


@dataclass(frozen=True)
class TimetableData:
    title: str  # "Conference of the States Parties ..., eighth session"
    first_day: date
    last_day: date
    timezone: str  # IANA name of the venue's time zone: "Asia/Dubai"
    cells: tuple[Cell, ...]
    session_key: str  # the same in every language and export ("COSP-8"): calendar UIDs derive from it
    item_titles: Mapping[str, str] = field(default_factory=dict)  # "1(a)" → "Opening of the session"
    place: str = ""


@dataclass(frozen=True)
class ReportSkeletonData:
    body: str  # "Conference of the States Parties to the United Nations Convention against Corruption"
    body_short: str  # "Conference", as in "documents before the Conference"
    session: str  # "eighth session"
    place: str
    first_day: date
    last_day: date
    officers: Sequence[tuple[str, str, str]] = ()  # (office, State, person)
    agenda: Sequence[tuple[str, str]] = ()  # (number, title): ("1", "Organizational matters")
    attendance: Sequence[str] = ()  # the attendance paragraphs, ready to print
    credentials: str = ""  # the credentials paragraph, ready to print
    documents: Sequence[tuple[str, str, str]] = ()  # (symbol, agenda items, title)


# --- the organisation of work ---------------------------------------------------------------------


def timetable_docx(data: TimetableData, language: str) -> bytes:
    """The organisation of work as a Word table: one row per day and slot, one column per track."""
    code = un_language(language)
    grid = timetable(data.cells, first_day=data.first_day, last_day=data.last_day)
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    with override(django_language(code)):
        document.add_heading(data.title, level=0)
        document.add_paragraph(_place_and_dates(data.place, data.first_day, data.last_day, code))
        document.add_heading(_("Organization of work"), level=1)
        header = [_("Date"), _("Time"), *_track_labels(grid)]
        table = document.add_table(rows=1 + len(grid.rows), cols=len(header))
        table.style = "Table Grid"
        for column, label in enumerate(header):
            table.cell(0, column).paragraphs[0].add_run(label).bold = True
        for index, row in enumerate(grid.rows, start=1):
            table.cell(index, 1).text = _slot_time(row.slot)
            for column, cell in enumerate(row.cells, start=2):
                if cell is not None:
                    _fill_docx_cell(table.cell(index, column), _cell_lines(cell, data.item_titles))
        _merge_days(table, grid, code)
        document.add_paragraph(_notes(data, grid))
    finish_docx(document, code)
    return docx_bytes(document)


def timetable_pdf(data: TimetableData, language: str) -> bytes:
    """The organisation of work as a landscape A4 PDF; Arabic is written in English (`pdf_language`)."""
    register_cid_font()
    code = pdf_language(language)
    grid = timetable(data.cells, first_day=data.first_day, last_day=data.last_day)
    # Chinese has no spaces to break lines at: ReportLab's CJK wrapping breaks between characters.
    wrap = "CJK" if code == "zh" else None
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=9, leading=12, wordWrap=wrap)
    bold = ParagraphStyle("bold", parent=body, fontName="Helvetica-Bold")
    title = ParagraphStyle("title", parent=body, fontName="Helvetica-Bold", fontSize=15, leading=19)
    heading = ParagraphStyle("heading", parent=body, fontName="Helvetica-Bold", fontSize=12, leading=16)

    def para(text: str | Sequence[str], style: ParagraphStyle = body) -> Paragraph:
        lines = [text] if isinstance(text, str) else text
        return Paragraph("<br/>".join(pdf_markup(line) for line in lines), style)

    with override(django_language(code)):
        rows = [[para(label, bold) for label in (_("Date"), _("Time"), *_track_labels(grid))]]
        for row in grid.rows:
            rows.append(
                [
                    para(day_label(row.day, code)),
                    para(_slot_time(row.slot)),
                    *(para(_cell_lines(cell, data.item_titles)) if cell else "" for cell in row.cells),
                ]
            )
        style = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
        ]
        # A day's cell spans its slots, as in the printed organisation of work.
        slots = len(SLOT_TIMES)
        style += [("SPAN", (0, start), (0, start + slots - 1)) for start in range(1, len(rows), slots)]
        width = landscape(A4)[0] - 30 * mm
        tracks = max(len(grid.tracks), 1)
        table = Table(
            rows, colWidths=[45 * mm, 25 * mm] + [(width - 70 * mm) / tracks] * tracks, repeatRows=1
        )
        table.setStyle(TableStyle(style))
        story = [
            para(data.title, title),
            para(_place_and_dates(data.place, data.first_day, data.last_day, code)),
            Spacer(1, 4 * mm),
            para(_("Organization of work"), heading),
            Spacer(1, 2 * mm),
            table,
            Spacer(1, 3 * mm),
            para(_notes(data, grid)),
        ]
        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=landscape(A4),
            leftMargin=15 * mm,
            rightMargin=15 * mm,
            topMargin=15 * mm,
            bottomMargin=15 * mm,
            title=data.title,
            invariant=True,  # the same data give the same bytes
        )
        document.build(story)
    return buffer.getvalue()


def timetable_ics(data: TimetableData, *, language: str = "en", stamp: datetime | None = None) -> bytes:
    """The organisation of work as an iCalendar file: one event per meeting, in the venue's time zone.

    UIDs derive from the session key, day, slot and track, so importing a revised grid updates the
    meetings already in a calendar instead of adding them again. `stamp` (default: now) is DTSTAMP.
    """
    code = un_language(language)
    zone = ZoneInfo(data.timezone)
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//COSP Platform//Organization of work//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", data.title)
    calendar.add("x-wr-timezone", data.timezone)
    seen: set[str] = set()
    with override(django_language(code)):
        for cell in data.cells:
            uid = meeting_uid(data.session_key, cell)
            if cell.slot not in SLOT_TIMES or uid in seen:
                continue  # check_grid reports unknown slots and clashes; a calendar cannot hold them
            seen.add(uid)
            start, end = SLOT_TIMES[cell.slot]
            event = Event()
            event.add("uid", uid)
            event.add("dtstamp", stamp)
            event.add("dtstart", datetime.combine(cell.day, start, tzinfo=zone))
            event.add("dtend", datetime.combine(cell.day, end, tzinfo=zone))
            event.add("summary", _summary(cell))
            event.add("description", "\n".join(_cell_lines(cell, data.item_titles)))
            if data.place:
                event.add("location", data.place)
            calendar.add_component(event)
    calendar.add_missing_timezones(
        first_date=data.first_day - timedelta(days=1), last_date=data.last_day + timedelta(days=1)
    )
    return calendar.to_ical()


def meeting_uid(session_key: str, cell: Cell) -> str:
    """The calendar UID of a meeting: stable for the same session, day, slot and track."""
    name = "|".join((session_key, cell.day.isoformat(), cell.slot, cell.track))
    return f"{uuid.uuid5(_UID_NAMESPACE, name)}@cosp-platform"


# --- the report skeleton --------------------------------------------------------------------------


def report_skeleton_docx(data: ReportSkeletonData, language: str) -> bytes:
    """A session report's chapter "Organization of the session" with what the platform knows filled in,
    "[to be completed]" elsewhere, and the annex listing the documents before the session."""
    code = un_language(language)
    document = Document()
    with override(django_language(code)):
        pending = _("[to be completed]")
        document.add_heading(
            _("Report of the %(body)s on its %(session)s") % {"body": data.body, "session": data.session},
            level=0,
        )
        document.add_paragraph(
            _("Held in %(place)s, %(dates)s")
            % {"place": data.place, "dates": _date_range(data.first_day, data.last_day, code)}
        )
        chapter = _("Organization of the session")  # outside the f-string, where makemessages sees it
        document.add_heading(f"{chapter_number(1, code)} {chapter}", level=1)
        sections = iter(range(1, 7))

        def section(title: str) -> None:
            document.add_heading(f"{section_letter(next(sections), code)} {title}", level=2)

        section(_("Opening of the session"))
        document.add_paragraph(pending)

        section(_("Election of officers"))
        if data.officers:
            document.add_paragraph(_("The following officers were elected:"))
            for office, state, person in data.officers:
                line = (
                    _("%(office)s: %(person)s (%(state)s)")
                    % {"office": office, "person": person, "state": state}
                    if person
                    else _("%(office)s: %(state)s") % {"office": office, "state": state}
                )
                document.add_paragraph(line).paragraph_format.left_indent = Cm(1)
        else:
            document.add_paragraph(pending)

        section(_("Adoption of the agenda and organization of work"))
        if data.agenda:
            document.add_paragraph(_("The following agenda was adopted:"))
            for number, title in data.agenda:
                number = normalise_item(number)
                sub_item = "(" in number
                label = number[number.index("(") :] if sub_item else f"{number}."
                paragraph = document.add_paragraph(f"{label}\t{title}")
                paragraph.paragraph_format.left_indent = Cm(2 if sub_item else 1)
        document.add_paragraph(pending)  # the organisation of work as it went

        section(_("Attendance"))
        for paragraph in data.attendance or [pending]:
            document.add_paragraph(paragraph)

        section(_("Credentials"))
        document.add_paragraph(data.credentials or pending)

        section(_("Documentation"))
        document.add_paragraph(
            _("The documents before the %(body)s are listed in the annex to the present report.")
            % {"body": data.body_short}
            if data.documents
            else pending
        )

        document.add_page_break()
        document.add_heading(_("Annex"), level=1)
        document.add_heading(
            _("List of documents before the %(body)s at its %(session)s")
            % {"body": data.body_short, "session": data.session},
            level=2,
        )
        header = (_("Document symbol"), _("Agenda item"), _("Title or description"))
        table = document.add_table(rows=1 + max(len(data.documents), 1), cols=3)
        table.style = "Table Grid"
        for column, label in enumerate(header):
            table.cell(0, column).paragraphs[0].add_run(label).bold = True
        for index, row in enumerate(data.documents, start=1):
            for column, value in enumerate(row):
                table.cell(index, column).text = value
        if not data.documents:
            table.cell(1, 0).text = pending
    finish_docx(document, code)
    return docx_bytes(document)


# --- shared pieces --------------------------------------------------------------------------------


def day_label(day: date, code: str) -> str:
    """The day in full in a UN language: "Monday, 16 December 2019", "2019年12月16日星期一"."""
    return format_date(day, "full", locale=babel_locale(code))


_ABBREVIATED_MONTH = re.compile(r"(?<!M)MMM(?!M)")


def _date_range(first: date, last: date, code: str) -> str:
    """ "16–20 December 2019", "2019年12月16日至20日": the locale's own interval pattern with the month
    written out in full, except in Chinese, where the UN writes it in figures."""
    locale = Locale.parse(babel_locale(code))
    if first == last:
        return format_date(first, "long", locale=locale)
    intervals = locale.interval_formats
    widen = code != "zh" and "yMMMMd" not in intervals  # CLDR's rule: widen the closest pattern
    formats = intervals["yMMMd" if code == "zh" or widen else "yMMMMd"]
    for part, differs in (("y", first.year != last.year), ("M", first.month != last.month), ("d", True)):
        if differs and part in formats:
            pieces = [_ABBREVIATED_MONTH.sub("MMMM", piece) if widen else piece for piece in formats[part]]
            days = (first, last)
            return "".join(
                parse_pattern(piece).apply(day, locale) for piece, day in zip(pieces, days, strict=True)
            )
    return f"{format_date(first, 'long', locale=locale)} – {format_date(last, 'long', locale=locale)}"


def _place_and_dates(place: str, first: date, last: date, code: str) -> str:
    dates = _date_range(first, last, code)
    return _("%(place)s, %(dates)s") % {"place": place, "dates": dates} if place else dates


def _slot_time(slot: str) -> str:
    start, end = SLOT_TIMES[slot]
    return f"{start:%H:%M}–{end:%H:%M}"


def _track_labels(grid: Timetable) -> list[str]:
    return [_("Plenary") if track == PLENARY else track for track in grid.tracks]


def _cell_lines(cell: Cell, item_titles: Mapping[str, str]) -> list[str]:
    """What a meeting's cell says: its title, each item with its title, and a missing interpretation."""
    titles = {normalise_item(number): title for number, title in item_titles.items()}
    lines = [cell.title] if cell.title else []
    for item in cell.items:
        title = titles.get(normalise_item(item), "")
        lines.append(f"{item} {title}".strip())
    if not cell.interpretation:
        lines.append(_("(without interpretation)"))
    return lines


def _summary(cell: Cell) -> str:
    track = _("Plenary") if cell.track == PLENARY else cell.track
    detail = ", ".join(cell.items) or cell.title
    return f"{track}: {detail}" if detail else track


def _notes(data: TimetableData, grid: Timetable) -> str:
    meetings = sum(1 for row in grid.rows for cell in row.cells if cell is not None and cell.interpretation)
    return _("Times are local time (%(timezone)s). Meetings with interpretation: %(count)d.") % {
        "timezone": data.timezone,
        "count": meetings,
    }


# --- DOCX -----------------------------------------------------------------------------------------


def _fill_docx_cell(cell, lines: list[str]) -> None:
    cell.text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def _merge_days(table, grid: Timetable, code: str) -> None:
    """One cell per day in the date column, spanning that day's slots."""
    slots = len(SLOT_TIMES)
    for start in range(0, len(grid.rows), slots):
        top = table.cell(1 + start, 0)
        top.text = day_label(grid.rows[start].day, code)
        top.merge(table.cell(start + slots, 0))


# --- PDF ------------------------------------------------------------------------------------------
