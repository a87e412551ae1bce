from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from cosp.core.api import check_perm
from cosp.core.languages import translations

from .models import Session

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
