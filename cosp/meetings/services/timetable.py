"""The secretariat's writes to a session's organisation of work (rule 8): add a meeting, remove one.

Each function is one transaction with a keyword-only `actor`. A change is checked with
schedule.check_grid against the grid as it would be, and refused with MeetingRuleError when it would
add an error (a double booking, a day outside the session, more meetings with interpretation than the
resources cover, an item not on the agenda); the database is then left as it was. Problems already
there (a grid entered before the resources were cut) do not block other changes, but a change that
makes one worse (one more meeting over the resources) is refused. The history tables record who made
each change (the audit trail).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cosp.core.languages import clean_language, field_suffix

from ..models import Session, WorkCell
from ..schedule import PLENARY, Cell, Problem, Severity, normalise_item
from ..timetable_data import grid_problems, session_cells
from .base import MeetingRuleError


def _error_key(problem: Problem) -> tuple:
    """What makes two errors the same error: a clash of three meetings is not the clash of two."""
    params = tuple((name, str(value)) for name, value in problem.params)
    return (problem.code, problem.day, problem.slot, problem.track, problem.item, params)


def check_change(session: Session, current: Sequence[Cell], proposed: Sequence[Cell]) -> None:
    """Raise MeetingRuleError listing every error the proposed grid has that the current one has not."""

    def errors(cells: Sequence[Cell]) -> list[Problem]:
        return [problem for problem in grid_problems(session, cells) if problem.severity == Severity.ERROR]

    before = {_error_key(problem) for problem in errors(current)}
    added = [problem for problem in errors(proposed) if _error_key(problem) not in before]
    if added:
        raise MeetingRuleError([_refusal(p.template, p.code, dict(p.params)) for p in added])


def _refusal(message, code: str, params: dict) -> ValidationError:
    return ValidationError(message, code=code, params=params)


def _locked(session: Session) -> Session:
    """The session row locked, so that two secretariat officers editing the grid take turns."""
    return Session.objects.select_for_update().get(pk=session.pk)


@transaction.atomic
def add_meeting(
    session: Session,
    *,
    day: date,
    slot: str,
    track: str = PLENARY,
    items: Iterable[str] = (),
    titles: Mapping[str, str] | None = None,
    interpretation: bool = True,
    actor,
) -> WorkCell:
    """Add a meeting to the grid: a track (the plenary or a parallel meeting's name) in a slot of a day,
    taking up agenda items (numbers: "1(a)", "2") and/or with a title per UN language ({"en": ...}).

    Steps: lock the session; check the grid with the meeting added (refused: MeetingRuleError with
    each new error); save the meeting, its titles and its items with the actor in the history.
    """
    session = _locked(session)
    track = track.strip() or PLENARY
    numbers = list(dict.fromkeys(normalise_item(number) for number in items if number.strip()))
    titles = {clean_language(language): title.strip() for language, title in (titles or {}).items()}
    if None in titles:
        raise ValueError(f"Titles are keyed by UN language codes: {sorted(map(str, titles))}")
    english_title = titles.get("en") or next((title for title in titles.values() if title), "")
    proposed = Cell(day, slot, track, tuple(numbers), english_title, interpretation)
    current = session_cells(session)
    check_change(session, current, [*current, proposed])

    by_number = {normalise_item(item.number): item for item in session.agenda_items.all()}
    unknown = [number for number in numbers if number not in by_number]
    if unknown:
        # check_grid lets a sub-item of an item without listed sub-items pass ("2(a)" under "2"); the
        # grid stores agenda items, so it must be on the agenda as entered.
        message = _("Item %(item)s is not on the agenda.")
        raise MeetingRuleError([_refusal(message, "item_not_on_agenda", {"item": n}) for n in unknown])
    cell = WorkCell(session=session, day=day, slot=slot, track=track, interpretation=interpretation)
    for language, title in titles.items():
        setattr(cell, f"title_{field_suffix(language)}", title)
    cell._history_user = actor
    cell._change_reason = "meetings.work_cell.added"
    cell.save()
    cell.items.set([by_number[number] for number in numbers])
    return cell


@transaction.atomic
def remove_meeting(cell: WorkCell, *, actor) -> None:
    """Remove a meeting from the grid. Taking a meeting away adds no error (the items it took up may
    become unscheduled, which check_grid reports as a warning), so nothing is refused."""
    _locked(cell.session)
    cell._history_user = actor
    cell._change_reason = "meetings.work_cell.removed"
    cell.delete()
