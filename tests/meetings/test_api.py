"""The meetings API: sessions, their detail, and the speakers' list as it stands now."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cosp.core.models import organisation_for_state
from cosp.meetings.enums import Level, Slot
from cosp.meetings.models import AgendaItem, SpeakerEvent, SpeakersList, WorkCell
from cosp.meetings.queries import replay_list
from cosp.meetings.services import record_event
from cosp.states.models import State
from tests.helpers import ROLES

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

VIENNA = ZoneInfo("Europe/Vienna")


# --- Sessions ---------------------------------------------------------------------------------------


def test_the_sessions_list_gives_cosp_7_with_its_place_and_dates(client, sessions):
    listed = {s["slug"]: s for s in client.get("/api/sessions").json()}

    assert listed["cosp-7"] == {
        "slug": "cosp-7",
        "body": "COSP",
        "number": 7,
        "kind": "regular",
        "places": {"en": "Vienna", "zh": "维也纳"},
        "start": "2017-11-06",
        "end": "2017-11-10",
        "format": "in_person",
    }


def test_a_session_in_detail_gives_its_agenda_and_bureau(client, sessions):
    detail = client.get("/api/sessions/cosp-7").json()

    numbers = [item["number"] for item in detail["agenda"]]
    assert numbers[:7] == ["1", "1(a)", "1(b)", "1(c)", "1(d)", "1(e)", "1(f)"]
    general_discussion = detail["agenda"][6]
    assert general_discussion["titles"] == {"en": "General discussion", "zh": "一般性讨论"}
    assert {(o["office"], o["state"]) for o in detail["officers"]} == {
        ("president", "GTM"),
        ("vice_president", "NGA"),
        ("vice_president", "ESP"),
        ("vice_president", "BGD"),
        ("rapporteur", "BGR"),
    }


def test_an_unknown_session_answers_not_found(client, sessions):
    assert client.get("/api/sessions/cosp-99-none").status_code == 404


# --- The speakers' list -----------------------------------------------------------------------------

NAMES = {"AUT": ("Austria", "奥地利"), "BRA": ("Brazil", "巴西"), "DEU": ("Germany", "德国")}
NAMES |= {"KEN": ("Kenya", "肯尼亚"), "MEX": ("Mexico", "墨西哥")}


@pytest.fixture
def speakers_list(upcoming, make_state):
    """An open list of the upcoming session: opened ten days ago, closing in twenty. Item 1(f) is
    taken up by the plenary on the first morning; the second morning's plenary takes up item 2."""
    for iso3, (name_en, name_zh) in NAMES.items():
        make_state(iso3, short_name_en=name_en, short_name_zh_hans=name_zh)
    general_discussion = AgendaItem.objects.create(
        session=upcoming, number="1(f)", title_en="General discussion"
    )
    review = AgendaItem.objects.create(session=upcoming, number="2", title_en="Review of implementation")
    WorkCell.objects.create(session=upcoming, day=upcoming.start, slot=Slot.MORNING).items.add(
        general_discussion
    )
    next_day = upcoming.start + timedelta(days=1)
    WorkCell.objects.create(session=upcoming, day=next_day, slot=Slot.MORNING).items.add(review)
    now = timezone.now()
    return SpeakersList.objects.create(
        session=upcoming,
        agenda_item=general_discussion,
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=20),
    )


def send(speakers_list, kind: str, iso3: str, *, days_ago: float, **fields) -> SpeakerEvent:
    return record_event(
        speakers_list,
        actor=None,
        received_at=timezone.now() - timedelta(days=days_ago),
        kind=kind,
        delegation=organisation_for_state(State.objects.get(iso3=iso3)),
        **fields,
    )


def speakers_url(speakers_list) -> str:
    return f"/api/sessions/{speakers_list.session.slug}/speakers"


def test_the_list_comes_in_speaking_order_ministers_first(client, speakers_list):
    send(speakers_list, "request", "BRA", days_ago=8, level=Level.AMBASSADOR)
    send(speakers_list, "request", "DEU", days_ago=7, level=Level.CABINET_MINISTER)
    send(speakers_list, "confirm_cabinet", "DEU", days_ago=6)
    send(speakers_list, "request", "KEN", days_ago=5, level=Level.CABINET_MINISTER)  # not confirmed
    send(speakers_list, "request", "AUT", days_ago=1, level=Level.HEAD_OF_STATE)

    entries = client.get(speakers_url(speakers_list)).json()["entries"]

    assert [(e["position"], e["delegation_name"]) for e in entries] == [
        (1, "Germany"),
        (2, "Austria"),
        (3, "Brazil"),
        (4, "Kenya"),
    ]
    assert [e["priority"] for e in entries] == [True, True, False, False]
    assert [e["awaiting_confirmation"] for e in entries] == [False, False, False, True]


def test_each_entry_is_the_engines_entry_with_the_delegations_english_name(client, speakers_list):
    send(speakers_list, "request", "MEX", days_ago=3, level=Level.SENIOR_OFFICIAL, speaker="Secretary")
    send(speakers_list, "request", "KEN", days_ago=2, level=Level.AMBASSADOR, on_behalf_of_group="AFR")

    body = client.get(speakers_url(speakers_list), HTTP_ACCEPT_LANGUAGE="zh-hans").json()

    expected = [
        {**entry.as_json(), "delegation_name": NAMES[entry.delegation][0]}
        for entry in replay_list(speakers_list).entries
    ]
    assert body["entries"] == expected
    assert [(e["delegation_name"], e["on_behalf_of_group"], e["minutes"]) for e in body["entries"]] == [
        ("Mexico", None, 4),
        ("Kenya", "AFR", 7),
    ]


def test_the_estimated_times_fall_in_the_plenary_holding_item_1f(client, speakers_list):
    send(speakers_list, "request", "BRA", days_ago=4, level=Level.AMBASSADOR)
    send(speakers_list, "request", "DEU", days_ago=3, level=Level.AMBASSADOR)

    entries = client.get(speakers_url(speakers_list)).json()["entries"]

    first_morning = datetime.combine(speakers_list.session.start, time(10), VIENNA)
    assert [datetime.fromisoformat(e["estimated_start"]) for e in entries] == [
        first_morning,
        first_morning + timedelta(minutes=4),
    ]
    assert [e["moved_to_other_items"] for e in entries] == [False, False]


def test_the_list_gives_its_opening_and_closing_times_and_time_limits(client, speakers_list):
    body = client.get(speakers_url(speakers_list)).json()

    assert datetime.fromisoformat(body["opens_at"]) == speakers_list.opens_at
    assert datetime.fromisoformat(body["closes_at"]) == speakers_list.closes_at
    assert (body["session"], body["ends_at"], body["minutes"], body["group_minutes"]) == (
        speakers_list.session.slug,
        None,
        4,
        7,
    )
    assert body["entries"] == []


def test_a_request_the_rules_refuse_is_not_on_the_list(client, speakers_list):
    # Stored directly, as an import might: the replay refuses it (rule 1, before the list opened).
    SpeakerEvent.objects.create(
        speakers_list=speakers_list,
        kind="request",
        received_at=speakers_list.opens_at - timedelta(hours=1),
        delegation=organisation_for_state(State.objects.get(iso3="BRA")),
        level=Level.AMBASSADOR,
    )
    send(speakers_list, "request", "DEU", days_ago=1, level=Level.AMBASSADOR)

    entries = client.get(speakers_url(speakers_list)).json()["entries"]

    assert [e["delegation"] for e in entries] == ["DEU"]


def test_a_session_without_a_speakers_list_answers_not_found_with_the_reason(client, upcoming):
    response = client.get(f"/api/sessions/{upcoming.slug}/speakers")

    assert response.status_code == 404
    assert response.json() == {"detail": "This session has no speakers' list."}


def test_the_speakers_list_of_an_unknown_session_answers_not_found(client, db):
    assert client.get("/api/sessions/cosp-99-none/speakers").status_code == 404


@pytest.mark.parametrize("role", list(ROLES))
def test_everyone_may_read_the_speakers_list(client_as, speakers_list, role):
    send(speakers_list, "request", "BRA", days_ago=1, level=Level.AMBASSADOR)

    response = client_as(role).get(speakers_url(speakers_list))

    assert response.status_code == 200
    assert [e["delegation"] for e in response.json()["entries"]] == ["BRA"]


@pytest.mark.parametrize("speakers", [1, 3])
def test_the_speakers_list_takes_the_same_queries_for_one_speaker_or_three(
    client, speakers_list, django_assert_num_queries, speakers
):
    for days_ago, iso3 in [(5, "BRA"), (4, "DEU"), (3, "MEX")][:speakers]:
        send(speakers_list, "request", iso3, days_ago=days_ago, level=Level.AMBASSADOR)

    # The session with its list, the list's events, its plenary meetings, the delegations' names.
    with django_assert_num_queries(4):
        response = client.get(speakers_url(speakers_list))

    assert len(response.json()["entries"]) == speakers


def test_the_schema_says_the_list_times_are_dates_and_times(client, db):
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]

    assert schemas["SpeakerOut"]["properties"]["requested_at"]["format"] == "date-time"
    assert schemas["SpeakersListOut"]["properties"]["opens_at"]["format"] == "date-time"
