"""A user logs in through the form, sees their name in the header and logs out; a wrong password fails."""

import pytest
from playwright.sync_api import expect

from cosp.core.enums import Role
from tests.e2e import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def amina(make_user):
    user = make_user(None, username="amina")
    user.first_name, user.last_name = "Amina", "Diallo"
    user.save()
    return user


def fill_login_form(page, username: str, password: str) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_logging_in_and_out_through_the_header(page, amina):
    page.goto("/")
    page.get_by_role("link", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")

    fill_login_form(page, "amina", PASSWORD)

    page.wait_for_url("**/")
    expect(page.locator(".site-header .user-name")).to_have_text("Amina Diallo")
    expect(page.get_by_role("link", name="Log in")).to_have_count(0)

    page.get_by_role("button", name="Log out").click()

    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    expect(page.locator(".site-header .user-name")).to_have_count(0)


def test_a_wrong_password_shows_an_error_and_stays_on_the_login_page(page, amina):
    page.goto("/accounts/login/")

    fill_login_form(page, "amina", "not-the-password")

    expect(page.locator(".errorlist")).to_contain_text("correct username and password")
    assert page.url.split("?")[0].endswith("/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page.locator(".site-header .user-name")).to_have_count(0)


def test_the_secretariat_sees_the_audit_trail_in_the_navigation_after_logging_in(page, make_user):
    make_user(Role.SECRETARIAT_OFFICER, username="omar")
    nav = page.get_by_role("navigation", name="Main")
    page.goto("/accounts/login/")
    expect(nav.get_by_role("link", name="Audit trail")).to_have_count(0)

    fill_login_form(page, "omar", PASSWORD)

    page.wait_for_url("**/")
    expect(nav.get_by_role("link")).to_have_text(
        [
            "Home",
            "States",
            "The Convention",
            "Meetings",
            "Outcomes",
            "Reviews",
            "Repository",
            "Authorities",
            "Assistance",
            "Asset recovery",
            "Documents",
            "Search",
            "API",
            "Request statistics",
            "Audit trail",
        ]
    )
