from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from cosp.core.models import organisation_for_state
from cosp.meetings.enums import Level, Slot
from cosp.meetings.models import AgendaItem, SpeakerEvent, SpeakersList, WorkCell
from cosp.meetings.queries import replay_list
from cosp.meetings.services import SpeakerEventRefused, record_event
from cosp.states.models import State

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def speakers_list(upcoming, make_state):
    """An open list: it opened ten days ago and closes at noon on the opening day."""
    for iso3 in ("AUT", "DEU", "KEN", "BRA"):
        make_state(iso3, short_name_en={"AUT": "Austria", "DEU": "Germany", "KEN": "Kenya"}.get(iso3, iso3))
    item = AgendaItem.objects.create(session=upcoming, number="1(f)", title_en="General discussion")
    cell = WorkCell.objects.create(session=upcoming, day=upcoming.start, slot=Slot.MORNING)
    cell.items.add(item)
    now = timezone.now()
    return SpeakersList.objects.create(
        session=upcoming,
        agenda_item=item,
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=20),
    )


def request(speakers_list, iso3, level, *, days_ago, actor=None):
    return record_event(
        speakers_list,
        actor=actor,
        received_at=timezone.now() - timedelta(days=days_ago),
        kind="request",
        delegation=organisation_for_state(State.objects.get(iso3=iso3)),
        level=level,
    )


def test_the_list_is_replayed_from_the_recorded_events_in_the_rules_order(speakers_list):
    request(speakers_list, "BRA", Level.AMBASSADOR, days_ago=5)
    request(speakers_list, "DEU", Level.HEAD_OF_STATE, days_ago=2)
    result = replay_list(speakers_list)
    assert [e.delegation for e in result.entries] == ["DEU", "BRA"]
    assert result.entries[0].estimated_start is not None  # the plenary holding item 1(f)


def test_a_refused_communication_is_not_recorded_and_says_which_rule(speakers_list):
    request(speakers_list, "BRA", Level.AMBASSADOR, days_ago=5)
    with pytest.raises(SpeakerEventRefused) as refused:
        request(speakers_list, "BRA", Level.AMBASSADOR, days_ago=4)
    assert refused.value.refusal.rule == 6
    assert SpeakerEvent.objects.count() == 1


def test_a_request_received_before_the_list_opened_is_refused_under_rule_one(speakers_list):
    with pytest.raises(SpeakerEventRefused) as refused:
        request(speakers_list, "BRA", Level.AMBASSADOR, days_ago=11)
    assert refused.value.refusal.rule == 1
    assert not SpeakerEvent.objects.exists()


def test_the_public_sees_the_list_without_the_record(speakers_list, client_as):
    request(speakers_list, "KEN", Level.CABINET_MINISTER, days_ago=3)
    page = client_as("anonymous").get(f"/meetings/{speakers_list.session.slug}/speakers/").content.decode()
    assert "Kenya" in page
    assert "cabinet membership not yet confirmed" in page
    assert "The record" not in page


def test_a_focal_point_inscribes_a_minister_for_their_own_state(speakers_list, client_as):
    request(speakers_list, "BRA", Level.AMBASSADOR, days_ago=5)
    client = client_as("focal_point")  # Austria's focal point
    response = client.post(
        f"/meetings/{speakers_list.session.slug}/speakers/inscribe/",
        {"kind": "request", "level": Level.HEAD_OF_STATE, "speaker": "Federal President"},
    )
    assert response.status_code == 302
    assert [e.delegation for e in replay_list(speakers_list).entries] == ["AUT", "BRA"]
    assert SpeakerEvent.objects.get(delegation__state__iso3="AUT").recorded_by.username == "focal_point"


def test_a_delegation_cannot_inscribe_another_state(speakers_list, client_as):
    client = client_as("focal_point")
    client.post(
        f"/meetings/{speakers_list.session.slug}/speakers/inscribe/",
        {"kind": "request", "level": Level.AMBASSADOR, "delegation": "DEU"},
    )
    assert [e.delegation for e in replay_list(speakers_list).entries] == ["AUT"]


def test_the_form_shows_the_refusal_and_keeps_nothing(speakers_list, client_as):
    client = client_as("focal_point")
    url = f"/meetings/{speakers_list.session.slug}/speakers/inscribe/"
    client.post(url, {"kind": "request", "level": Level.AMBASSADOR})
    response = client.post(url, {"kind": "request", "level": Level.AMBASSADOR})
    assert response.status_code == 200
    assert "Rule 6" in response.content.decode()
    assert SpeakerEvent.objects.count() == 1


def test_the_secretariat_records_an_email_at_the_time_it_arrived(speakers_list, client_as):
    received = (timezone.now() - timedelta(days=3)).astimezone(timezone.get_current_timezone())
    client = client_as("secretariat")
    client.post(
        f"/meetings/{speakers_list.session.slug}/speakers/inscribe/",
        {
            "kind": "request",
            "delegation": State.objects.get(iso3="KEN").pk,
            "level": Level.AMBASSADOR,
            "received_at": received.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    event = SpeakerEvent.objects.get()
    assert event.delegation.state.iso3 == "KEN"
    assert abs(event.received_at - received) < timedelta(days=1)


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("observer", 403), ("delegate", 200)])
def test_only_delegations_of_states_and_the_secretariat_may_inscribe(speakers_list, client_as, role, status):
    assert (
        client_as(role).get(f"/meetings/{speakers_list.session.slug}/speakers/inscribe/").status_code
        == status
    )


def test_the_secretariat_sees_the_list_as_it_stood_at_a_past_moment(speakers_list, client_as):
    request(speakers_list, "BRA", Level.AMBASSADOR, days_ago=5)
    before = timezone.now()
    request(speakers_list, "DEU", Level.HEAD_OF_STATE, days_ago=1)
    assert [e.delegation for e in replay_list(speakers_list, as_of=before).entries] == ["BRA"]
    url = f"/meetings/{speakers_list.session.slug}/speakers/?{urlencode({'as_of': before.isoformat()})}"
    public_page = client_as("anonymous").get(url).content.decode()
    assert "Germany" in public_page  # the public always sees the list now
    secretariat_page = client_as("secretariat").get(url).content.decode()
    assert "Germany" not in secretariat_page


def test_a_session_without_a_speakers_list_answers_not_found(upcoming, client_as):
    assert client_as("anonymous").get(f"/meetings/{upcoming.slug}/speakers/").status_code == 404
