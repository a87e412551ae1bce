"""Browser journeys: Debian's Chromium driven by Playwright against pytest-django's live server."""

import os
from pathlib import Path

import pytest

from cosp.core.i18n import compile_translations
from cosp.documents.demo import DEMO_DIR
from cosp.documents.services import ingest_file
from cosp.meetings.reference import load_bodies_and_sessions
from cosp.states.names import clear_name_cache
from cosp.states.reference import load_reference_data
from tests.e2e import sign_in
from tests.helpers import skip_or_fail

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Set COSP_E2E_SCREENSHOTS to a folder to keep screenshots of the pages the journeys pass through.
SCREENSHOTS = os.environ.get("COSP_E2E_SCREENSHOTS")


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """The journeys read translated pages: build the .mo files if `dev` or CI has not yet."""
    if compile_translations():
        from django.utils.translation import trans_real

        trans_real._translations = {}  # forget catalogues loaded before the .mo files existed
        trans_real._default = None


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        skip_or_fail(
            "Chromium is not installed at /usr/bin/chromium: browser tests need Debian's chromium package"
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in the test thread while the browser is open;
    # Django would then refuse the ORM calls that fixtures make. Allowed only while the browser is open.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _new_context(browser, live_server):
    """A fresh browser context (no cookies), speaking English, opened on the live server."""
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 800}
    )
    context.set_default_timeout(5_000)
    return context


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context per test, opened on the live server."""
    context = _new_context(browser, live_server)
    yield context.new_page()
    context.close()


@pytest.fixture
def desk(browser, live_server):
    """Open a browser of its own for someone else (signed in when a username is given), at their own
    desk. A sign-in lasts a working day on the server's clock (SESSION_COOKIE_AGE), so whoever acts
    days later in a journey sits down at a fresh desk and signs in again."""
    contexts = []

    def sit_down(username: str | None = None):
        contexts.append(_new_context(browser, live_server))
        page = contexts[-1].new_page()
        if username:
            sign_in(page, username)
        return page

    yield sit_down
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot(page):
    """Save a screenshot named `name` when COSP_E2E_SCREENSHOTS names a folder; otherwise do nothing."""

    def take(name: str) -> None:
        if SCREENSHOTS:
            page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def demo_documents(live_server, settings, tmp_path):
    """The demo documents, ingested into the live server's database with what their links need.

    The States registry and the Convention's articles come first so that the State names and articles
    the documents cite become links; the bodies and sessions so that each document knows its body.
    `live_server` runs on a transactional database, flushed after each test: load per test, and
    forget the cached State names (used to find them in running text) before and after.
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    clear_name_cache()
    load_reference_data()
    load_bodies_and_sessions()
    for path in sorted(DEMO_DIR.glob("*.txt")):
        ingest_file(path)
    yield
    clear_name_cache()
