"""The speakers' list: a written communication is recorded only if the rules accept it."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .. import speakers
from ..models import SpeakerEvent, SpeakersList
from ..queries import replay_list


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
