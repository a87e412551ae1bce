"""A visitor reads a document: switches its language, compares two languages side by side, and follows
its links to a State's profile and to an article of the Convention."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SYMBOL = "CAC/COSP/IRG/2025/2"


def test_reading_a_document_in_two_languages_and_following_its_links(page, demo_documents, screenshot):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Documents").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Documents")
    page.get_by_role("link", name=SYMBOL, exact=True).click()

    title = page.get_by_role("heading", level=1)
    expect(title).to_contain_text("Progress made in the implementation of the Mechanism")
    expect(title).to_have_attribute("lang", "en")
    versions = page.get_by_role("navigation", name="Language versions")
    expect(versions.locator("[aria-current=page]")).to_have_text("English")

    versions.get_by_role("link", name="Chinese").click()
    page.wait_for_url("**?lang=zh")
    expect(title).to_have_text("《联合国反腐败公约》实施情况审议机制的实施进展")
    expect(title).to_have_attribute("lang", "zh")
    expect(versions.locator("[aria-current=page]")).to_have_text("Chinese")
    expect(page.locator("#para-6")).to_contain_text("自评清单")

    versions.get_by_label("Side by side with").select_option("en")
    versions.get_by_role("button", name="Compare").click()
    page.wait_for_url("**?lang=zh&compare=en")
    screenshot("e2e-document-side-by-side")
    row = page.locator(".document-text.side-by-side .row").filter(has=page.locator("#para-6"))
    cells = row.locator(".cell")
    expect(cells).to_have_count(2)
    expect(cells.nth(0)).to_have_attribute("lang", "zh")
    expect(cells.nth(0)).to_contain_text("奥地利、巴西和肯尼亚通知秘书处")
    expect(cells.nth(1)).to_have_attribute("lang", "en")
    expect(cells.nth(1)).to_contain_text("Austria, Brazil and Kenya informed the Secretariat")

    cells.nth(0).get_by_role("link", name="奥地利").click()  # a State named in the text
    page.wait_for_url("**/states/AUT/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Austria")

    page.go_back()
    page.wait_for_url("**?lang=zh&compare=en")
    page.locator("#para-5").get_by_role("link", name="第三十三条").click()  # an article cited
    page.wait_for_url("**/states/articles/33/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Article 33. Protection of reporting persons")
    expect(page.get_by_role("link", name=SYMBOL, exact=True)).to_be_visible()  # a document citing it
