"""A visitor opens the home page: the key figures come from the data, and the keyboard path works."""

import datetime

import pytest
from playwright.sync_api import expect

from cosp.states.models import Article, Chapter, RegionalGroup

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reference_data(make_state):
    weog = RegionalGroup.objects.create(code="WEOG", name_en="Western European and other States")
    RegionalGroup.objects.create(code="AFR", name_en="African States")
    make_state("AUT", short_name_en="Austria", regional_group=weog)
    make_state("FRA", short_name_en="France", regional_group=weog)
    make_state(
        "SYR", short_name_en="Syrian Arab Republic", instrument="", signed_on=datetime.date(2003, 12, 9)
    )
    chapter = Chapter.objects.create(number=1, roman="I", title_en="General provisions")
    for number in (1, 2, 3):
        Article.objects.create(number=number, chapter=chapter, title_en=f"Article {number}")


def test_home_page_shows_the_key_figures_and_the_navigation(page, reference_data):
    page.goto("/")

    expect(page.get_by_role("heading", level=1)).to_have_text("The Convention's machinery, in one place")
    figures = page.get_by_role("list", name="Key figures")
    expect(figures.locator('[data-count="parties"]')).to_have_text("2")
    expect(figures.locator('[data-count="signatories"]')).to_have_text("1")
    expect(figures.locator('[data-count="regional_groups"]')).to_have_text("2")
    expect(figures.locator('[data-count="articles"]')).to_have_text("3")
    nav = page.get_by_role("navigation", name="Main")
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
        ]
    )
    expect(nav.get_by_role("link", name="Home")).to_have_attribute("aria-current", "page")


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(page):
    page.goto("/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")

    expect(page.get_by_role("main")).to_be_focused()
    assert page.url.endswith("/#main")
