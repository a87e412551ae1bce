"""The mandate tracker and the work plan in the browser: overdue mandates first, filtered by addressee;
the secretariat confirms a proposed mandate; the work plan's calendar and coverage."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from cosp.core.enums import Role
from cosp.meetings.models import Body, Session
from cosp.outcomes.enums import Addressee
from cosp.outcomes.models import (
    DeclarationParagraph,
    DeclarationSection,
    Mandate,
    Outcome,
    Paragraph,
    WorkPlanEntry,
)
from tests.e2e import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def resolution(db):
    body = Body.objects.create(code="COSP", name_en="Conference", symbol_prefix="CAC/COSP")
    past = Session.objects.create(body=body, number=8, start=date(2019, 12, 16), end=date(2019, 12, 20))
    coming = date.today() + timedelta(days=400)
    future = Session.objects.create(body=body, number=12, start=coming, end=coming + timedelta(days=4))
    outcome = Outcome.objects.create(body=body, kind="resolution", number="7/6", title_en="Prevention")
    paragraph = Paragraph.objects.create(
        outcome=outcome, position=0, number="22", kind="operative", operational=True, text_en="Requests ..."
    )
    Mandate.objects.create(
        paragraph=paragraph, addressee=Addressee.DONORS, action="to fund the work later", due_session=future
    )
    Mandate.objects.create(
        paragraph=paragraph,
        addressee=Addressee.SECRETARIAT,
        action="to report on prevention",
        due_session=past,
    )
    return outcome


def test_the_tracker_lists_overdue_mandates_first_and_filters_by_addressee(page, resolution):
    page.goto("/outcomes/mandates/")
    rows = page.locator("table.mandates tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("to report on prevention")
    expect(rows.nth(0)).to_contain_text("overdue")
    expect(rows.nth(1)).to_contain_text("to fund the work later")

    page.get_by_label("Addressee").select_option(label="Donors")
    page.get_by_role("button", name="Filter").click()
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_contain_text("to fund the work later")
    expect(page.get_by_role("link", name="XLSX")).to_be_visible()


def test_the_secretariat_confirms_a_proposed_mandate(page, resolution, make_user):
    make_user(Role.SECRETARIAT_OFFICER, username="desk")
    sign_in(page, "desk")

    page.goto(resolution.get_absolute_url())
    mandate = page.locator(".mandates li", has_text="to report on prevention")
    expect(mandate).to_contain_text("proposed")
    mandate.get_by_role("link", name="Confirm or correct").click()
    page.get_by_label("Status").select_option(label="In progress")
    page.get_by_role("button", name="Confirm").click()

    mandate = page.locator(".mandates li", has_text="to report on prevention")
    expect(mandate).to_contain_text("In progress")
    expect(mandate).not_to_contain_text("proposed")


def test_the_work_plan_shows_the_calendar_and_what_no_body_discusses(page, resolution):
    section = DeclarationSection.objects.create(key="prevention", position=1, title_en="Prevention")
    planned = DeclarationParagraph.objects.create(number=5, section=section, text_en="We will prevent.")
    DeclarationParagraph.objects.create(number=6, section=section, text_en="We will also educate.")
    entry = WorkPlanEntry.objects.create(year=2024, keywords_en="integrity in procurement")
    entry.bodies.add(resolution.body)
    entry.paragraphs.add(planned)

    page.goto("/outcomes/work-plan/")
    year = page.locator(".work-plan-year", has_text="2024")
    expect(year).to_contain_text("integrity in procurement")
    expect(year.get_by_role("link", name="5")).to_be_visible()
    expect(page.locator("#coverage")).to_contain_text("6")

    year.get_by_role("link", name="5").click()
    expect(page.locator("#para-5")).to_contain_text("We will prevent.")
