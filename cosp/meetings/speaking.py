"""The speakers' list of a session, between the database and the engine (speakers.py): the engine's
input built from the stored events, and recording a new event only when the rules accept it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from . import speakers
from .models import SpeakerEvent, SpeakersList, WorkCell
from .schedule import SLOT_TIMES


def list_settings(speakers_list: SpeakersList) -> speakers.ListSettings:
    """The list's times and limits, with the plenary meetings that hold its agenda item as the
    meetings allotted to the general discussion (the organisation of work decides them)."""
    session = speakers_list.session
    zone = ZoneInfo(session.timezone)
    cells = WorkCell.objects.filter(session=session, track=WorkCell.PLENARY)
    if speakers_list.agenda_item_id:
        cells = cells.filter(items=speakers_list.agenda_item_id)
    meetings = [
        speakers.Meeting(
            datetime.combine(cell.day, SLOT_TIMES[cell.slot][0], zone),
            datetime.combine(cell.day, SLOT_TIMES[cell.slot][1], zone),
        )
        for cell in cells
        if cell.slot in SLOT_TIMES
    ]
    return speakers.ListSettings(
        opens_at=speakers_list.opens_at,
        closes_at=speakers_list.closes_at,
        meetings=tuple(meetings),
        ends_at=speakers_list.ends_at,
        minutes=speakers_list.minutes,
        group_minutes=speakers_list.group_minutes,
    )


def _delegation_code(organisation) -> str:
    return organisation.state.iso3 if organisation.state_id else f"org-{organisation.pk}"


def engine_event(row: SpeakerEvent) -> speakers.Event:
    """The engine's event for a stored row; `ref` is the row's id."""
    common = {"at": row.received_at, "recorded_by": str(row.recorded_by or ""), "ref": row.pk}
    group = row.on_behalf_of_group or None
    delegation = _delegation_code(row.delegation)
    if row.kind == "swap":
        return speakers.Swap(
            delegation_a=delegation,
            delegation_b=_delegation_code(row.other_delegation),
            agreed_by_both=row.both_agreed,
            **common,
        )
    if row.kind in ("request", "replace"):
        cls = speakers.Request if row.kind == "request" else speakers.Replace
        return cls(
            delegation=delegation, level=row.level, speaker=row.speaker, on_behalf_of_group=group, **common
        )
    cls = speakers.EVENT_KINDS[row.kind]
    return cls(delegation=delegation, on_behalf_of_group=group, **common)


def replay_list(speakers_list: SpeakersList, *, as_of: datetime | None = None) -> speakers.SpeakersList:
    """The list now, or as it stood at `as_of`: the events the secretariat had recorded by then."""
    rows = speakers_list.events.select_related("delegation__state", "other_delegation__state", "recorded_by")
    if as_of is not None:
        rows = rows.filter(recorded_at__lte=as_of)
    return speakers.replay(list_settings(speakers_list), [engine_event(row) for row in rows], as_of=as_of)


class SpeakerEventRefused(Exception):
    """The rules refused the event; nothing was recorded."""

    def __init__(self, refusal: speakers.Refusal) -> None:
        self.refusal = refusal
        super().__init__(refusal.reason)


@transaction.atomic
def record_event(
    speakers_list: SpeakersList, *, actor, received_at: datetime | None = None, **fields
) -> SpeakerEvent:
    """Record a written communication about the list, as received at `received_at` (now, for a
    delegation inscribing through the platform). The list is replayed with it; if the rules refuse
    it, it is not kept and SpeakerEventRefused says which rule and why."""
    SpeakersList.objects.select_for_update().filter(pk=speakers_list.pk).first()  # one writer at a time
    row = SpeakerEvent.objects.create(
        speakers_list=speakers_list, received_at=received_at or timezone.now(), recorded_by=actor, **fields
    )
    result = replay_list(speakers_list)
    refusal = next((r for r in result.refused if r.event.ref == row.pk), None)
    if refusal is not None:
        raise SpeakerEventRefused(refusal)  # leaving the atomic block undoes the insert
    return row
