"""A non-governmental organization without consultative status with ECOSOC asks to attend a session
of the Conference as an observer (rule 17(2)). Its representative applies through the platform months
ahead; the secretariat circulates the list of such organizations more than 30 days before the session;
the no-objection period runs (closing it early is refused) and passes with no objection; the
secretariat closes it and everyone sees the organization among the admitted observers.

In the second journey Austria's focal point objects to one of two organizations on the list: closing
the period admits the other one only; the one objected to waits for the Conference, and nobody but the
secretariat and the bureau learns which State objected.

The clock moves with time-machine, which patches it for the whole process, the live server's thread
included: each step happens on its own day, and the forms offer that day as their date.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from cosp.core.enums import ObserverCategory, OrganisationKind, Role
from cosp.core.models import Membership, Organisation
from cosp.meetings import services
from cosp.meetings.models import Body, Session

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OPENING = dt.date.today() + dt.timedelta(days=150)
# The days of the journeys, counted back from the opening (deadlines: applications from other NGOs
# 115 days before, the list 30 days before, objections until the day before).
APPLIES = OPENING - dt.timedelta(days=130)
CIRCULATES = OPENING - dt.timedelta(days=40)
PERIOD_RUNS = OPENING - dt.timedelta(days=20)
PERIOD_OVER = OPENING
VIENNA = ZoneInfo("Europe/Vienna")


def travel_to(day: dt.date) -> time_machine.travel:
    """10 a.m. on `day` in Vienna (the platform's and the session's time zone, so time-machine's TZ
    matches Django's); the clock keeps running from there."""
    return time_machine.travel(dt.datetime.combine(day, dt.time(10), tzinfo=VIENNA), tick=True)


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def session(db) -> Session:
    body, _ = Body.objects.get_or_create(
        code="COSP", defaults={"name_en": "Conference", "symbol_prefix": "CAC/COSP"}
    )
    return Session.objects.create(
        body=body, number=96, start=OPENING, end=OPENING + dt.timedelta(days=4), place="Vienna"
    )


@pytest.fixture
def make_ngo(make_user):
    """An NGO without ECOSOC status (rule 17(2)) and, when `representative` is given, its representative's
    account."""

    def make(name: str, representative: str | None = None) -> Organisation:
        ngo = Organisation.objects.create(
            kind=OrganisationKind.OBSERVER, name_en=name, observer_category=ObserverCategory.NGO_OTHER
        )
        if representative:
            user = make_user(None, username=representative)
            Membership.objects.create(user=user, organisation=ngo, role=Role.OBSERVER_REPRESENTATIVE)
        return ngo

    return make


def observers_page(session: Session) -> str:
    return f"/meetings/{session.slug}/observers/"


def record_on_the_day(page, link: str, day: dt.date) -> None:
    """Follow one of the secretariat's links on the observers page and record the step on the date the
    form offers, checking it is the day the clock was moved to."""
    page.get_by_role("link", name=link).click()
    expect(page.get_by_label("Date")).to_have_value(day.isoformat())
    page.get_by_role("button", name="Record").click()


def row_of(page, name: str):
    return page.locator("#observers tbody tr", has_text=name)


def test_an_ngo_applies_the_no_objection_period_passes_and_it_is_admitted(
    page, desk, session, make_ngo, make_user, screenshot
):
    make_ngo("Transparency Watch Network", representative="ngo")
    make_user(Role.SECRETARIAT_OFFICER, username="officer")
    observers = observers_page(session)

    # Months ahead, the NGO's representative applies; the page names the rule and the deadline.
    with travel_to(APPLIES):
        ngo = desk("ngo")
        ngo.goto(observers)
        ngo.get_by_role("link", name="Apply for observer status").click()
        expect(ngo.locator(".lead")).to_contain_text("Transparency Watch Network")
        deadline = long_date(OPENING - dt.timedelta(days=115))
        expect(ngo.get_by_text("Under rule 17(2)")).to_contain_text(f"must arrive by {deadline}")
        ngo.get_by_role("button", name="Apply").click()
        ngo.wait_for_url(f"**{observers}")
        expect(ngo.locator(".messages")).to_contain_text("Transparency Watch Network: Applied or notified.")
        expect(row_of(ngo, "Transparency Watch Network")).to_contain_text("Applied or notified")

        # The public sees no application, only admitted observers.
        page.goto(observers)
        expect(page.locator("#observers")).to_contain_text("No observer is recorded")

    # Forty days before the session, the secretariat circulates the list as a document.
    with travel_to(CIRCULATES):
        secretariat = desk("officer")
        secretariat.goto(observers)
        record_on_the_day(
            secretariat, "Circulate the list of other non-governmental organizations", CIRCULATES
        )
        secretariat.wait_for_url(f"**{observers}")
        expect(secretariat.locator(".messages")).to_contain_text("circulated with 1 organization")
        expect(row_of(secretariat, "Transparency Watch Network")).to_contain_text("On the circulated list")
        secretariat.get_by_role(
            "link", name="List of other non-governmental organizations as circulated"
        ).click()
        expect(secretariat.locator(".circulated-list")).to_contain_text(
            f"Circulated on {long_date(CIRCULATES)}"
        )
        # Numbered, with the names in English and Chinese (none given here).
        expect(secretariat.locator(".circulated-list tbody td")).to_have_text(
            ["1", "Transparency Watch Network", "—"]
        )

    # While the period runs, it cannot be closed.
    with travel_to(PERIOD_RUNS):
        secretariat = desk("officer")
        secretariat.goto(observers)
        record_on_the_day(secretariat, "Close the no-objection period", PERIOD_RUNS)
        last_day = long_date(OPENING - dt.timedelta(days=1))
        expect(secretariat.locator(".errorlist")).to_contain_text(f"runs until {last_day} (rule 17(2))")
        secretariat.goto(observers)
        expect(row_of(secretariat, "Transparency Watch Network")).to_contain_text("On the circulated list")

    # The period has passed with no objection: closing it admits the NGO.
    with travel_to(PERIOD_OVER):
        secretariat = desk("officer")
        secretariat.goto(observers)
        record_on_the_day(secretariat, "Close the no-objection period", PERIOD_OVER)
        secretariat.wait_for_url(f"**{observers}")
        expect(secretariat.locator(".messages")).to_contain_text(
            "1 organization without objection is admitted"
        )

    # Everyone sees the NGO among the admitted observers.
    page.goto(observers)
    expect(page.get_by_role("heading", name="Admitted observers")).to_be_visible()
    expect(row_of(page, "Transparency Watch Network").locator("td")).to_have_text(
        ["Transparency Watch Network", "Other non-governmental organizations", "17(2)", "Admitted"]
    )
    screenshot("observers-ngo-admitted")


def test_an_ngo_a_state_party_objects_to_is_not_admitted_when_the_period_closes(
    page, desk, session, make_ngo, make_state, make_user, screenshot
):
    make_state("AUT", short_name_en="Austria")
    make_user(Role.FOCAL_POINT, username="focalpoint", state="AUT")
    make_user(Role.SECRETARIAT_OFFICER, username="officer")
    observers = observers_page(session)
    # Two NGOs applied in time and are on the circulated list.
    for name in ["Open Budget Forum", "Civic Integrity Alliance"]:
        services.apply_as_observer(session=session, applicant=make_ngo(name), received_on=APPLIES, actor=None)
    services.circulate_ngo_list(session=session, on=CIRCULATES, actor=None)

    # While the period runs, Austria's focal point objects to one of them.
    with travel_to(PERIOD_RUNS):
        focal_point = desk("focalpoint")
        focal_point.goto(observers)
        on_the_list = focal_point.locator("#objections li")
        expect(on_the_list).to_have_text(["Civic Integrity Alliance · Object", "Open Budget Forum · Object"])
        on_the_list.filter(has_text="Open Budget Forum").get_by_role("link", name="Object").click()
        expect(focal_point.get_by_label("Raised on")).to_have_value(PERIOD_RUNS.isoformat())
        focal_point.get_by_role("button", name="Record").click()
        focal_point.wait_for_url(f"**{observers}")
        expect(focal_point.locator(".messages")).to_contain_text(
            "The objection to Open Budget Forum is recorded."
        )

    # After the period, closing it admits only the organization nobody objected to.
    with travel_to(PERIOD_OVER):
        secretariat = desk("officer")
        secretariat.goto(observers)
        record_on_the_day(secretariat, "Close the no-objection period", PERIOD_OVER)
        secretariat.wait_for_url(f"**{observers}")
        expect(secretariat.locator(".messages")).to_contain_text(
            "1 organization without objection is admitted"
        )
        expect(row_of(secretariat, "Civic Integrity Alliance")).to_contain_text("Admitted")
        objected = row_of(secretariat, "Open Budget Forum")
        expect(objected).to_contain_text("Objection raised")
        expect(objected.locator(".objections")).to_have_text(f"Austria ({PERIOD_RUNS.isoformat()})")
        expect(objected.get_by_role("link", name="Refer to the Conference")).to_be_visible()

    # The public sees the admitted NGO only, and not who objected.
    page.goto(observers)
    expect(page.locator("#observers tbody tr td:first-child")).to_have_text(["Civic Integrity Alliance"])
    expect(page.locator("main")).not_to_contain_text("Austria")
    screenshot("observers-ngo-objected")
