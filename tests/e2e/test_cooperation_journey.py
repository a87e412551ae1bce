"""A request's life between two central authorities. Kenya's central authority writes a request for
mutual legal assistance to the United Kingdom and sends it; the British official acknowledges it with
their own reference, tries to refuse it and is told to consult Kenya first (article 46(26)), records
the consultation, then executes the request. Kenya sees it executed. A French central-authority
official who opens the request's address gets a 404 page with nothing of the request on it."""

import re

import pytest
from playwright.sync_api import expect

from cosp.core.enums import Role
from cosp.states.models import Article, Chapter
from tests.e2e import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SUBJECT = "Land registry records of a beach plot in Kilifi bought through a Jersey company"
REFERENCE = "KEN/MLA/2026/031"
UK_REFERENCE = "UKCA-88412"


@pytest.fixture
def world(make_state, make_user):
    for iso3, name in (("KEN", "Kenya"), ("GBR", "United Kingdom"), ("FRA", "France")):
        make_state(iso3, short_name_en=name)
    chapter = Chapter.objects.create(number=3, roman="III", title_en="Criminalization and law enforcement")
    for number, title in (
        (15, "Bribery of national public officials"),
        (23, "Laundering of proceeds of crime"),
    ):
        Article.objects.create(number=number, chapter=chapter, title_en=title)
    for username, iso3 in (("ken_authority", "KEN"), ("gbr_authority", "GBR"), ("fra_authority", "FRA")):
        make_user(Role.CENTRAL_AUTHORITY, username=username, state=iso3)


def section(page, heading: str):
    return page.get_by_role("region", name=heading)


def change_status(page, label: str) -> None:
    form = section(page, "Change the status")
    form.get_by_label("New status").select_option(label=label)
    form.get_by_role("button", name="Change the status").click()


def expect_message(page, text: str) -> None:
    expect(page.locator(".messages")).to_contain_text(text)


def test_a_request_is_sent_acknowledged_consulted_and_executed(page, desk, world):
    # 1. Kenya's central authority writes the request and sends it.
    sign_in(page, "ken_authority")
    page.goto("/cooperation/")
    page.get_by_role("link", name="New request").click()
    page.get_by_label("Requested State").select_option(label="United Kingdom")
    page.get_by_label("Type of request").select_option(label="Mutual legal assistance")
    page.get_by_label("Legal basis").select_option(label="The Convention")
    page.get_by_label("Offences").select_option(
        label=["15. Bribery of national public officials", "23. Laundering of proceeds of crime"]
    )
    page.get_by_label("Your reference").fill(REFERENCE)
    page.get_by_label("Subject").fill(SUBJECT)
    page.get_by_role("button", name="Save").click()
    expect_message(page, "saved as a draft")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Request {REFERENCE}")
    expect(page.locator("dd.status")).to_have_text("Draft")
    address = page.url
    change_status(page, "Sent")
    expect_message(page, "The request is now: Sent.")
    expect(page.locator("dd.status")).to_have_text("Sent")

    # 2. The British official finds it among incoming requests and acknowledges it.
    uk = desk("gbr_authority")
    uk.goto("/cooperation/?direction=incoming")
    uk.get_by_role("link", name=REFERENCE).click()
    expect(uk.locator(".subject")).to_have_text(SUBJECT)
    form = section(uk, "Change the status")
    form.get_by_label("New status").select_option(label="Acknowledged")
    form.get_by_label("Your reference").fill(UK_REFERENCE)
    form.get_by_role("button", name="Change the status").click()
    expect_message(uk, "The request is now: Acknowledged.")
    expect(uk.locator("dl.facts")).to_contain_text(UK_REFERENCE)

    # 3. A refusal before any consultation is refused, and nothing changes.
    form = section(uk, "Change the status")
    form.get_by_label("New status").select_option(label="Refused")
    form.get_by_label("Absence of dual criminality").check()
    form.get_by_role("button", name="Change the status").click()
    expect(uk.locator(".errorlist")).to_contain_text(
        re.compile(r"consult the requesting State \(article 46\(26\)\)")
    )
    uk.goto(address)
    expect(uk.locator("dd.status")).to_have_text("Acknowledged")

    # 4. The official records the consultation, then executes the request.
    consultation = section(uk, "Record a consultation")
    consultation.get_by_label("What was discussed").fill("Agreed that certified copies will do.")
    consultation.get_by_role("button", name="Record the consultation").click()
    expect_message(uk, "The consultation was recorded.")
    expect(uk.locator("ol.timeline")).to_contain_text("Agreed that certified copies will do.")
    change_status(uk, "Executed")
    expect_message(uk, "The request is now: Executed.")

    # 5. Kenya sees it executed, with the whole timeline.
    page.goto("/cooperation/")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=REFERENCE))
    expect(row).to_contain_text("Executed")
    page.goto(address)
    expect(page.locator("ol.timeline")).to_contain_text("Consultation")
    expect(page.locator("ol.timeline li")).to_have_count(
        5
    )  # draft, sent, acknowledged, consultation, executed

    # 6. France's central authority is told there is no such page.
    france = desk("fra_authority")
    response = france.goto(address)
    assert response is not None
    assert response.status == 404
    for secret in (SUBJECT, REFERENCE, UK_REFERENCE, "Kilifi"):
        expect(france.locator("body")).not_to_contain_text(secret)
    france.goto("/cooperation/")
    expect(france.get_by_text("No request matches.")).to_be_visible()
