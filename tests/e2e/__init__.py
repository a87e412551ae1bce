"""Browser journeys. What several journeys do the same way lives here; fixtures are in conftest.py."""

from playwright.sync_api import expect

PASSWORD = "correct-horse-9"  # what the make_user fixture sets


def sign_in(page, username: str) -> None:
    """Sign in through the login form and wait until the header says so."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
