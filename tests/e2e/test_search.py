"""A visitor searches the documents: Chinese across a word boundary, then a symbol straight to its page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# 国会 ("parliament") is no word of the demo note: it only straddles 缔约国|会议 ("Conference of the
# States Parties"). Bigram indexing must find it there all the same.
ACROSS_A_WORD_BOUNDARY = "国会"
NOTE_URL = "/documents/CAC/COSP/IRG/2025/2/"


def search_from_the_navigation(page, query: str) -> None:
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Search the documents")
    form = page.get_by_role("search")
    form.get_by_role("textbox", name="Search").fill(query)  # labelled "Search:"
    form.get_by_role("button", name="Search").click()


def test_a_chinese_term_finds_highlighted_paragraphs_and_opens_the_first_at_its_anchor(
    page, demo_documents, screenshot
):
    search_from_the_navigation(page, ACROSS_A_WORD_BOUNDARY)

    expect(page.locator(".result-count")).to_have_text(re.compile(r"^\d+ paragraphs? found$"))
    hits = page.locator("ol.hits > li")
    expect(hits.first).to_be_visible()
    expect(hits.first).to_have_attribute("lang", "zh")
    marks = hits.first.locator(".snippet mark")
    expect(marks.first).to_have_text(ACROSS_A_WORD_BOUNDARY)
    screenshot("e2e-search-zh")

    first = hits.first.get_by_role("link", name="CAC/COSP/IRG/2025/2")
    href = first.get_attribute("href")
    match = re.fullmatch(re.escape(NOTE_URL) + r"\?lang=zh#(para-\d+)", href or "")
    assert match, href
    anchor = match.group(1)
    first.click()

    page.wait_for_url(f"**{NOTE_URL}?lang=zh#{anchor}")
    paragraph = page.locator(f"#{anchor}")
    expect(paragraph).to_be_visible()
    expect(paragraph).to_be_in_viewport()
    expect(paragraph).to_contain_text("缔约国会议")
    expect(page.locator("html")).to_have_attribute("lang", "en")  # the interface stays in English
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "zh")


def test_typing_a_symbol_in_any_case_goes_straight_to_the_document(page, demo_documents):
    search_from_the_navigation(page, "cac/cosp/irg/2025/2")

    page.wait_for_url(f"**{NOTE_URL}")
    expect(page.locator(".symbol")).to_have_text("CAC/COSP/IRG/2025/2")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Progress made in the implementation")
