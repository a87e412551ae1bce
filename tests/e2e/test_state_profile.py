"""A visitor finds a State in the list, opens its profile and reads its names in the six languages."""

import pytest
from playwright.sync_api import expect

from cosp.states.models import RegionalGroup

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def austria(make_state):
    weog = RegionalGroup.objects.create(
        code="WEOG", name_en="Western European and other States", abbreviation_en="WEOG"
    )
    make_state("BRA", iso2="BR", short_name_en="Brazil")
    return make_state(
        "AUT",
        iso2="AT",
        short_name_en="Austria",
        short_name_zh_hans="奥地利",
        short_name_ar="النمسا",
        short_name_fr="Autriche",
        formal_name_en="the Republic of Austria",
        formal_name_fr="la République d’Autriche",
        regional_group=weog,
    )


def test_filtering_the_list_and_opening_a_state_profile(page, austria):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="States").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("States")
    expect(page.locator(".result-count")).to_have_text("2 States")

    page.get_by_label("Regional group").select_option("WEOG")
    page.get_by_label("Name or ISO code").fill("奥地利")  # a name in any language finds the State
    page.get_by_role("button", name="Filter").click()

    expect(page.locator(".result-count")).to_have_text("1 State")
    page.get_by_role("link", name="Austria").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Austria")
    expect(page.get_by_text("the Republic of Austria").first).to_be_visible()
    names = page.locator("table.names")
    expected = {
        "English": ("Austria", "the Republic of Austria"),
        "Chinese": ("奥地利", "—"),
        "Arabic": ("النمسا", "—"),
        "French": ("Autriche", "la République d’Autriche"),
        "Russian": ("—", "—"),
    }
    for language, (short, formal) in expected.items():
        row = names.get_by_role("row").filter(has=page.get_by_role("rowheader", name=language, exact=True))
        expect(row.get_by_role("cell")).to_have_text([short, formal])
