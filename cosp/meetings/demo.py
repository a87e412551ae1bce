"""Demo meetings: COSP8's organisation of work, and an upcoming session (marked as demonstration
data) whose speakers' list is open, with delegations registering and NGOs applying.

Everything here is illustrative except what comes from the reference data (sessions, agendas,
bureaus, attendance); the upcoming session's dates follow today's date so that its list is open.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from cosp.core.models import Organisation, organisation_for_state
from cosp.states.models import State

from . import services
from .enums import Level, RegistrationStatus, Slot
from .models import AgendaItem, Body, Delegate, Delegation, Session, SpeakerEvent, SpeakersList, WorkCell

UPCOMING_SLUG = "cosp-12-demo"

# The standard agenda of a regular Conference session (RULES.md 5.1 for item 1).
STANDARD_AGENDA = [
    ("1", "Organizational matters", "组织事项"),
    ("1(a)", "Opening of the session", "会议开幕"),
    ("1(b)", "Election of officers", "选举主席团成员"),
    ("1(c)", "Adoption of the agenda and organization of work", "通过议程和工作安排"),
    ("1(d)", "Participation of observers", "观察员与会"),
    ("1(e)", "Adoption of the report of the bureau on credentials", "通过主席团关于全权证书的报告"),
    ("1(f)", "General discussion", "一般性讨论"),
    (
        "2",
        "Review of the implementation of the United Nations Convention against Corruption",
        "审议《联合国反腐败公约》实施情况",
    ),
    ("3", "Technical assistance", "技术援助"),
    ("4", "Prevention", "预防"),
    ("5", "Asset recovery", "资产追回"),
    ("6", "International cooperation", "国际合作"),
    ("7", "Other matters", "其他事项"),
    ("8", "Provisional agenda for the next session", "下一届会议临时议程"),
    ("9", "Adoption of the report", "通过报告"),
]

ANNOTATION_1F = (
    "The general discussion gives high-level representatives time to speak on general matters. "
    "The speakers' list opens three weeks before the session and closes at noon on the opening day.\n\n"
    "* Ministers and higher officials speak first; otherwise **first come, first served**.\n"
    "* Statements are limited to **4 minutes** (7 for the chair of a regional group speaking for it)."
)

# Day × slot → (track, items or title, interpretation): a five-day session with a plenary and,
# on three days, a parallel meeting; 18 meetings with interpretation, as COSP8 had.
GRID = [
    (0, Slot.MORNING, "plenary", ["1(a)", "1(b)", "1(c)", "1(d)", "1(f)"]),
    (0, Slot.AFTERNOON, "plenary", ["1(f)"]),
    (1, Slot.MORNING, "plenary", ["1(f)"]),
    (1, Slot.AFTERNOON, "plenary", ["2", "3"]),
    (2, Slot.MORNING, "plenary", ["4"]),
    (2, Slot.AFTERNOON, "plenary", ["5"]),
    (3, Slot.MORNING, "plenary", ["6"]),
    (3, Slot.AFTERNOON, "plenary", ["7"]),
    (4, Slot.MORNING, "plenary", ["8"]),
    (4, Slot.AFTERNOON, "plenary", ["1(e)", "9"]),
]
# COSP8's agenda had ten items (item 7 on the General Assembly's special session).
GRID_COSP8 = [
    *GRID[:8],
    (4, Slot.MORNING, "plenary", ["8", "9"]),
    (4, Slot.AFTERNOON, "plenary", ["1(e)", "10"]),
]
PARALLEL = [
    (day, slot, "Implementation Review Group, resumed session")
    for day in (1, 2, 3)
    for slot in (Slot.MORNING, Slot.AFTERNOON)
] + [(day, Slot.AFTERNOON, "Informal consultations on draft resolutions") for day in (0, 4)]


def _agenda(session: Session, items=STANDARD_AGENDA) -> dict[str, AgendaItem]:
    made: dict[str, AgendaItem] = {}
    for position, (number, title_en, title_zh) in enumerate(items):
        made[number], _ = AgendaItem.objects.update_or_create(
            session=session,
            number=number,
            defaults={
                "position": position,
                "parent": made.get(number.split("(")[0]) if "(" in number else None,
                "title_en": title_en,
                "title_zh_hans": title_zh,
                "annotation_en": ANNOTATION_1F if number == "1(f)" else "",
            },
        )
    return made


def _grid(session: Session, grid=GRID) -> None:
    items = {item.number: item for item in session.agenda_items.all()}
    for offset, slot, track, numbers in grid:
        cell, _ = WorkCell.objects.update_or_create(
            session=session, day=session.start + timedelta(days=offset), slot=slot, track=track
        )
        cell.items.set([items[n] for n in numbers if n in items])
    for offset, slot, title in PARALLEL:
        WorkCell.objects.update_or_create(
            session=session,
            day=session.start + timedelta(days=offset),
            slot=slot,
            track=title,
            defaults={"title_en": title},
        )


def _upcoming_session(today: date) -> Session:
    start = today + timedelta(days=21)
    start += timedelta(days=(7 - start.weekday()) % 7)  # a Monday
    session, _ = Session.objects.update_or_create(
        slug=UPCOMING_SLUG,
        defaults={
            "body": Body.objects.get(code="COSP"),
            "number": 12,
            "place_en": "Vienna (demonstration)",
            "place_zh_hans": "维也纳（演示）",
            "start": start,
            "end": start + timedelta(days=4),
            "timezone": "Europe/Vienna",
            "interpretation_meetings": 18,
            "is_demo": True,
        },
    )
    return session


# (days before the list opened, delegation, level, speaker, on behalf of a group)
REQUESTS = [
    (1, "DEU", Level.CABINET_MINISTER, "Federal Minister of Justice", None),
    (2, "CHN", Level.VICE_MINISTER, "Deputy Secretary of the Central Commission", None),
    (2, "BRA", Level.AMBASSADOR, "Permanent Representative", None),
    (3, "NGA", Level.AMBASSADOR, "Chair of the African Group", "AFR"),
    (4, "KEN", Level.CABINET_MINISTER, "Attorney General", None),
    (5, "MEX", Level.SENIOR_OFFICIAL, "Head of the Public Administration Secretariat", None),
    (6, "FRA", Level.MINISTER, "Minister Delegate", None),
]


def _speakers_list(session: Session) -> None:
    zone = ZoneInfo(session.timezone)
    opening_day = datetime.combine(session.start, time(12), zone)
    speakers_list, _ = SpeakersList.objects.update_or_create(
        session=session,
        defaults={
            "agenda_item": session.agenda_items.get(number="1(f)"),
            "opens_at": datetime.combine(session.start - timedelta(days=35), time(9), zone),
            "closes_at": opening_day,
            "ends_at": datetime.combine(session.start + timedelta(days=1), time(18), zone),
        },
    )
    if speakers_list.events.exists():
        return
    states = {s.iso3: s for s in State.objects.filter(iso3__in=[r[1] for r in REQUESTS])}
    for days, iso3, level, speaker, group in REQUESTS:
        SpeakerEvent.objects.create(
            speakers_list=speakers_list,
            kind="request",
            received_at=speakers_list.opens_at + timedelta(days=days, hours=days),
            delegation=organisation_for_state(states[iso3]),
            level=level,
            speaker=speaker,
            on_behalf_of_group=group or "",
        )
    # Germany confirmed its minister's cabinet membership; Kenya has not yet (rule 3).
    SpeakerEvent.objects.create(
        speakers_list=speakers_list,
        kind="confirm_cabinet",
        received_at=speakers_list.opens_at + timedelta(days=3),
        delegation=organisation_for_state(states["DEU"]),
    )


# (ISO3, name, title, level, head of delegation, approved)
DELEGATES = [
    ("CHN", "Li Wei", "Deputy Secretary of the Central Commission", Level.VICE_MINISTER, True, True),
    ("CHN", "Wang Fang", "Director, International Cooperation", Level.SENIOR_OFFICIAL, False, True),
    ("AUT", "Anna Berger", "Federal Ministry of Justice", Level.EXPERT, False, False),
    ("KEN", "Grace Otieno", "Attorney General", Level.CABINET_MINISTER, True, True),
]
# Other NGOs (rule 17(2)) that applied in time and are on the circulated list.
LISTED_NGOS = ["africa-foi-centre", "anti-corruption-front", "anti-corruption-cameroon"]


def _participation(session: Session) -> None:
    if Delegation.objects.filter(session=session).exists():
        return
    states = {s.iso3: s for s in State.objects.filter(iso3__in={row[0] for row in DELEGATES})}
    for iso3, name, title, level, is_head, approved in DELEGATES:
        delegate = services.register_delegate(
            session=session,
            organisation=organisation_for_state(states[iso3]),
            name=name,
            title=title,
            level=level,
            is_head=is_head,
            actor=None,
        )
        if approved:
            Delegate.objects.filter(pk=delegate.pk).update(status=RegistrationStatus.APPROVED)
    # The NGOs applied long before the deadline; the list went out 35 days before the session, so the
    # no-objection period is running now.
    for code in LISTED_NGOS:
        services.apply_as_observer(
            session=session,
            applicant=Organisation.objects.get(code=code),
            received_on=session.start - timedelta(days=130),
            actor=None,
        )
    services.circulate_ngo_list(session=session, on=session.start - timedelta(days=35), actor=None)


@transaction.atomic
def prepare_demo_meetings(today: date | None = None) -> Iterator[str]:
    today = today or date.today()
    cosp8 = Session.objects.get(slug="cosp-8")
    _grid(cosp8, GRID_COSP8)
    yield f"{cosp8}: organization of work with {cosp8.work_cells.count()} meetings"
    session = _upcoming_session(today)
    _agenda(session)
    _grid(session)
    _speakers_list(session)
    _participation(session)
    yield (
        f"{session} (demonstration, from {session.start}): agenda, organization of work, speakers' list, "
        "delegations, observers in the no-objection period"
    )
