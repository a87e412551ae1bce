"""Austria's focal point inscribes a cabinet minister for the general discussion. The minister waits
among the ordinary speakers until the secretariat records the confirmation of cabinet membership;
then the list puts Austria in the priority tier at the time it asked. Nobody moves anyone by hand:
the page has no control to do so. A second request from Austria is refused under rule 6."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cosp.core.enums import Role
from cosp.core.models import organisation_for_state
from cosp.meetings.enums import Level, Slot
from cosp.meetings.models import AgendaItem, Body, Session, SpeakerEvent, SpeakersList, WorkCell
from cosp.meetings.services import record_event
from cosp.states.models import State
from tests.e2e import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DELEGATIONS = "table.speakers tbody tr td:nth-child(2)"
STATES = {
    "AUT": "Austria",
    "BRA": "Brazil",
    "DEU": "Germany",
    "FRA": "France",
    "KEN": "Kenya",
    "MEX": "Mexico",
}
# What reached the secretariat before the journey: (days ago, kind, delegation, level, speaker).
EARLIER = [
    (8, "request", "BRA", Level.AMBASSADOR, "Permanent Representative"),
    (7, "request", "DEU", Level.CABINET_MINISTER, "Federal Minister of Justice"),
    (6, "confirm_cabinet", "DEU", "", ""),
    (5, "request", "KEN", Level.CABINET_MINISTER, "Attorney General"),  # never confirmed (rule 3)
    (4, "request", "MEX", Level.SENIOR_OFFICIAL, "Head of the Public Administration Secretariat"),
    (3, "request", "FRA", Level.MINISTER, "Minister Delegate"),  # not of the cabinet: no priority
]
# The only communications there are; none of them is "move this speaker".
COMMUNICATIONS = [
    "Inscribe a speaker",
    "Confirm the speaker's cabinet membership",
    "Replace the speaker",
    "Swap places with another delegation",
    "Withdraw from the list",
]
MOVE_BY_HAND = re.compile(r"\b(move|reorder|re-order|up|down|raise|lower|drag|priority)\b", re.IGNORECASE)


@pytest.fixture
def session(make_state) -> Session:
    """A Conference session three weeks from now. Its list opened ten days ago; the plenary takes up
    item 1(f) on the first day, morning and afternoon, and item 2 on the second morning."""
    for iso3, name in STATES.items():
        make_state(iso3, short_name_en=name)
    body, _ = Body.objects.get_or_create(
        code="COSP", defaults={"name_en": "Conference", "symbol_prefix": "CAC/COSP"}
    )
    start = date.today() + timedelta(days=21)
    session = Session.objects.create(body=body, number=97, start=start, end=start + timedelta(days=4))
    general_discussion = AgendaItem.objects.create(
        session=session, number="1(f)", title_en="General discussion"
    )
    review = AgendaItem.objects.create(session=session, number="2", title_en="Review of implementation")
    for day, slot, item in [
        (0, Slot.MORNING, general_discussion),
        (0, Slot.AFTERNOON, general_discussion),
        (1, Slot.MORNING, review),
    ]:
        WorkCell.objects.create(session=session, day=start + timedelta(days=day), slot=slot).items.add(item)
    now = timezone.now()
    speakers_list = SpeakersList.objects.create(
        session=session,
        agenda_item=general_discussion,
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=20),
    )
    for days_ago, kind, iso3, level, speaker in EARLIER:
        record_event(
            speakers_list,
            actor=None,
            received_at=now - timedelta(days=days_ago),
            kind=kind,
            delegation=organisation_for_state(State.objects.get(iso3=iso3)),
            level=level,
            speaker=speaker,
        )
    return session


def next_whole_minute(moment: datetime, zone: str) -> str:
    """The first whole minute after `moment` in `zone`, as a datetime-local field takes it."""
    later = moment.astimezone(ZoneInfo(zone)) + timedelta(minutes=1)
    return f"{later:%Y-%m-%dT%H:%M}"


def expect_no_control_to_move_a_speaker(page) -> None:
    expect(
        page.locator("table.speakers").locator("input, select, button, textarea, [draggable]")
    ).to_have_count(0)
    expect(page.get_by_role("button", name=MOVE_BY_HAND)).to_have_count(0)
    expect(page.get_by_role("link", name=MOVE_BY_HAND)).to_have_count(0)


def test_a_confirmed_minister_takes_the_place_the_request_earned_and_nobody_reorders_by_hand(
    page, desk, session, make_user, screenshot
):
    make_user(Role.FOCAL_POINT, username="focalpoint", state="AUT")
    make_user(Role.SECRETARIAT_OFFICER, username="officer")
    speakers_page = f"/meetings/{session.slug}/speakers/"
    delegations = page.locator(DELEGATIONS)

    # Austria's focal point inscribes its minister through the platform.
    sign_in(page, "focalpoint")
    page.goto(speakers_page)
    expect(delegations).to_have_text(["Germany", "Brazil", "Kenya", "Mexico", "France"])
    page.get_by_role("link", name=re.compile("^Inscribe")).click()
    page.get_by_label("Communication").select_option(label="Inscribe a speaker")
    page.get_by_label("Speaker's level").select_option(label="Minister (member of the cabinet)")
    page.get_by_label("Speaker (name and title)").fill("Federal Minister for Justice")
    page.get_by_role("button", name="Send").click()

    # Until its cabinet membership is confirmed, the minister waits among the ordinary speakers.
    page.wait_for_url(f"**{speakers_page}")
    expect(delegations).to_have_text(["Germany", "Brazil", "Kenya", "Mexico", "France", "Austria"])
    austria = page.locator("table.speakers tbody tr", has_text="Austria")
    expect(austria).to_contain_text("cabinet membership not yet confirmed")
    screenshot("speakers-austria-inscribed")

    # A second national statement is refused, and nothing is recorded.
    page.get_by_role("link", name=re.compile("^Inscribe")).click()
    page.get_by_label("Speaker's level").select_option(label="Head of State or Government")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".errorlist")).to_contain_text("Rule 6")
    screenshot("speakers-second-request-refused")
    page.goto(speakers_page)
    expect(delegations).to_have_text(["Germany", "Brazil", "Kenya", "Mexico", "France", "Austria"])

    # The secretariat records the e-mail confirming the minister's cabinet membership. The form takes
    # whole minutes, and the e-mail came after Austria's request.
    inscribed_at = SpeakerEvent.objects.get(delegation__state__iso3="AUT").received_at
    secretariat = desk()
    sign_in(secretariat, "officer")
    secretariat.goto(speakers_page)
    expect_no_control_to_move_a_speaker(secretariat)
    secretariat.get_by_role("link", name=re.compile("^Inscribe")).click()
    communication = secretariat.get_by_label("Communication")
    expect(communication.locator("option")).to_have_text(COMMUNICATIONS)
    communication.select_option(label="Confirm the speaker's cabinet membership")
    secretariat.get_by_label(re.compile(r"^Delegation\b")).select_option(label="Austria")
    received = secretariat.get_by_label("Received (time of the e-mail, in the session's time zone)")
    received.fill(next_whole_minute(inscribed_at, session.timezone))
    secretariat.get_by_role("button", name="Send").click()
    secretariat.wait_for_url(f"**{speakers_page}")
    # The record holds the communications and nothing else: six before the journey, then Austria's two.
    changes = secretariat.locator(".record .changes li")
    expect(changes).to_have_count(len(EARLIER) + 2)
    expect(changes.last).to_contain_text("Cabinet membership")
    expect(changes.last).to_contain_text("recorded by officer")
    expect_no_control_to_move_a_speaker(secretariat)

    # The public list: Austria after the minister who asked earlier, ahead of every ordinary speaker.
    public = desk()
    public.goto(speakers_page)
    expect(public.locator(DELEGATIONS)).to_have_text(
        ["Germany", "Austria", "Brazil", "Kenya", "Mexico", "France"]
    )
    expect(public.locator("table.speakers tbody tr.priority td:nth-child(2)")).to_have_text(
        ["Germany", "Austria"]
    )
    expect(public.locator("table.speakers tbody tr", has_text="Austria")).not_to_contain_text(
        "not yet confirmed"
    )
    expect_no_control_to_move_a_speaker(public)
    page.reload()
    expect(delegations).to_have_text(["Germany", "Austria", "Brazil", "Kenya", "Mexico", "France"])
    screenshot("speakers-austria-confirmed")
