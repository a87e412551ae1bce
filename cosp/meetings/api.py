from datetime import date
from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from cosp.core.api import check_perm
from cosp.core.languages import translations
from cosp.states.models import State

from .models import Session, SpeakersList
from .queries import replay_list

router = Router(tags=["meetings"])


class SessionOut(Schema):
    slug: str
    body: str
    number: int | None
    kind: str
    places: dict[str, str]
    start: date
    end: date
    format: str


class AgendaItemOut(Schema):
    number: str
    titles: dict[str, str]
    annotations: dict[str, str]


class OfficerOut(Schema):
    office: str
    state: str
    person: str


class SessionDetailOut(SessionOut):
    agenda: list[AgendaItemOut]
    officers: list[OfficerOut]


def _session(session: Session) -> dict:
    return {
        "slug": session.slug,
        "body": session.body.code,
        "number": session.number,
        "kind": session.kind,
        "places": translations(session, "place"),
        "start": session.start,
        "end": session.end,
        "format": session.format,
    }


@router.get("/sessions", response=list[SessionOut])
def list_sessions(request):
    check_perm(request, "meetings.view_sessions")
    return [_session(s) for s in Session.objects.select_related("body").order_by("start")]


@router.get("/sessions/{slug}", response=SessionDetailOut)
def get_session(request, slug: str):
    session = get_object_or_404(Session.objects.select_related("body"), slug=slug)
    check_perm(request, "meetings.view_sessions", session)
    return {
        **_session(session),
        "agenda": [
            {
                "number": item.number,
                "titles": translations(item, "title"),
                "annotations": translations(item, "annotation"),
            }
            for item in session.agenda_items.all()
        ],
        "officers": [
            {"office": o.office, "state": o.state.iso3, "person": o.person}
            for o in session.officers.select_related("state")
        ],
    }


# The engine's own ISO 8601 text (Entry.as_json), as `cosp speakers replay` prints it: to the
# microsecond, in the zone the time was given in. Django's encoder would cut microseconds.
IsoDateTime = Annotated[str, Field(json_schema_extra={"format": "date-time"})]


class SpeakerOut(Schema):
    position: int
    delegation: str  # ISO 3166-1 alpha-3 code of the State
    delegation_name: str  # in English
    on_behalf_of_group: str | None
    level: str
    speaker: str
    priority: bool
    awaiting_confirmation: bool
    minutes: int
    requested_at: IsoDateTime
    ordering_time: IsoDateTime
    estimated_start: IsoDateTime | None
    estimated_end: IsoDateTime | None
    moved_to_other_items: bool


class SpeakersListOut(Schema):
    session: str
    opens_at: IsoDateTime
    closes_at: IsoDateTime
    ends_at: IsoDateTime | None  # None: the general discussion ends with its last meeting
    minutes: int
    group_minutes: int
    entries: list[SpeakerOut]


def _iso(moment) -> str | None:
    return moment.isoformat() if moment is not None else None


@router.get("/sessions/{slug}/speakers", response=SpeakersListOut)
def get_speakers_list(request, slug: str):
    """The general-discussion speakers' list as it stands now, in speaking order (RULES.md 5.4c)."""
    session = get_object_or_404(Session.objects.select_related("speakers_list"), slug=slug)
    check_perm(request, "meetings.view_sessions", session)
    try:
        speakers_list = session.speakers_list
    except SpeakersList.DoesNotExist:
        raise HttpError(404, "This session has no speakers' list.") from None
    entries = replay_list(speakers_list).entries
    # The engine knows delegations by ISO3 code; a code without a State is shown as it is.
    codes = {entry.delegation for entry in entries}
    names = dict(State.objects.filter(iso3__in=codes).values_list("iso3", "short_name_en"))
    return {
        "session": session.slug,
        "opens_at": _iso(speakers_list.opens_at),
        "closes_at": _iso(speakers_list.closes_at),
        "ends_at": _iso(speakers_list.ends_at),
        "minutes": speakers_list.minutes,
        "group_minutes": speakers_list.group_minutes,
        "entries": [
            {**entry.as_json(), "delegation_name": names.get(entry.delegation, entry.delegation)}
            for entry in entries
        ],
    }
