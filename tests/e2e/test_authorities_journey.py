"""Austria's focal point proposes a new name and e-mail for its central authority for mutual legal
assistance; the secretariat approves the proposal; an anonymous visitor then finds the new name in the
directory but not the e-mail, while a signed-in delegate of another State (Kenya) sees the e-mail."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from cosp.authorities.enums import AuthorityKind
from cosp.authorities.models import Authority
from cosp.core.enums import Role
from cosp.states.models import RegionalGroup
from tests.e2e import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OLD_NAME = "Federal Ministry of Justice, Department IV"
NEW_NAME = "Federal Ministry of Justice, Directorate for International Cooperation"
NEW_EMAIL = "cooperation@justice.aut.example"


@pytest.fixture
def people(make_state, make_user):
    weog = RegionalGroup.objects.create(code="WEOG", name_en="Western European and other States")
    afr = RegionalGroup.objects.create(code="AFR", name_en="African States")
    austria = make_state("AUT", iso2="AT", short_name_en="Austria", regional_group=weog)
    make_state("KEN", iso2="KE", short_name_en="Kenya", regional_group=afr)
    Authority.objects.create(
        state=austria,
        kind=AuthorityKind.CENTRAL_AUTHORITY,
        name_en=OLD_NAME,
        designated_on=dt.date(2006, 1, 11),
        contact_person="Head of Department IV",
        email="old@justice.aut.example",
    )
    make_user(Role.FOCAL_POINT, username="austria-fp", state="AUT")
    make_user(Role.SECRETARIAT_OFFICER, username="officer")
    make_user(Role.DELEGATE, username="kenya-delegate", state="KEN")


def test_a_central_authority_update_from_proposal_to_the_public_directory(page, desk, people, screenshot):
    # 1. Austria's focal point proposes the change from its State's page.
    sign_in(page, "austria-fp")
    page.goto("/authorities/mine/")
    page.get_by_role("link", name="All the entries of this State").click()
    row = page.locator("#p-46-13 table.authorities tbody tr").first
    row.get_by_role("link", name="Change").click()
    page.get_by_label("Name (English)").fill(NEW_NAME)
    page.get_by_label("E-mail").fill(NEW_EMAIL)
    page.get_by_role("button", name="Propose").click()
    expect(page.locator(".messages")).to_contain_text("Your proposal is sent to the secretariat")
    expect(page.locator("section.pending")).to_contain_text(NEW_NAME)
    expect(page.locator("#p-46-13")).to_contain_text(OLD_NAME)  # unchanged until approved
    screenshot("authorities-proposed")

    # 2. The secretariat approves it from its queue.
    officer = desk("officer")
    officer.goto("/authorities/proposals/")
    officer.get_by_role("link", name=NEW_NAME).click()
    expect(officer.locator("table.proposal-values")).to_contain_text(NEW_EMAIL)
    officer.get_by_label("Approve").check()
    officer.get_by_role("button", name="Record the decision").click()
    expect(officer.locator(".messages")).to_contain_text("Approved")

    # 3. An anonymous visitor finds the new name, without the e-mail.
    visitor = desk()
    visitor.goto("/authorities/")
    visitor.get_by_label("Name or State").fill("Directorate for International")
    visitor.get_by_role("button", name="Filter").click()
    expect(visitor.locator("table.authorities")).to_contain_text(NEW_NAME)
    visitor.get_by_role("link", name="Austria").click()
    expect(visitor.locator("#p-46-13")).to_contain_text(NEW_NAME)
    expect(visitor.get_by_text("Contact details are shown only to signed-in officials")).to_be_visible()
    assert NEW_EMAIL not in visitor.content()

    # 4. A delegate of Kenya, signed in, sees the e-mail.
    kenyan = desk("kenya-delegate")
    kenyan.goto("/authorities/AUT/")
    expect(kenyan.locator("#p-46-13").get_by_role("link", name=NEW_EMAIL)).to_be_visible()
