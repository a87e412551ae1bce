"""Austria's focal point writes a contribution in Chinese, asks the platform for tags and accepts the
suggested theme; the secretariat finds it in its moderation queue and publishes it; an anonymous
visitor then finds it by a Chinese term on the documents search page, in the section of the
repository, and opens it."""

import re

import pytest
from playwright.sync_api import expect

from cosp.core.enums import Role
from cosp.outcomes.models import DeclarationParagraph, DeclarationSection
from cosp.states.models import Article, Chapter
from tests.e2e import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "奥地利的资产追回工作"
TEXT = "奥地利加强了资产追回工作，与其他缔约国合作返还被没收的资产。"


def field(page, label: str):
    """The form field labelled `label` (Django's labels end in a colon)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


@pytest.fixture
def world(make_state, make_user):
    make_state("AUT", short_name_en="Austria")
    chapter = Chapter.objects.create(number=5, roman="V", title_en="Asset recovery")
    article = Article.objects.create(number=57, chapter=chapter, title_en="Return and disposal of assets")
    section = DeclarationSection.objects.create(key="asset_recovery", position=5, title_en="Asset recovery")
    paragraph = DeclarationParagraph.objects.create(
        number=12, section=section, text_en="We commit to return assets.", themes=["asset_recovery"]
    )
    paragraph.articles.add(article)
    make_user(Role.FOCAL_POINT, username="focal")
    make_user(Role.SECRETARIAT_OFFICER, username="secretary")


def test_a_chinese_contribution_from_submission_to_search(page, desk, world):
    # The focal point writes the contribution and asks for suggestions: nothing is saved yet.
    sign_in(page, "focal")
    page.goto("/knowledge/submit/")
    field(page, "Title").fill(TITLE)
    field(page, "Language of the text").select_option("zh")
    field(page, "Text").fill(TEXT)
    page.get_by_role("button", name="Suggest tags from the text").click()
    suggestion = page.get_by_role("button", name="Theme: Asset recovery and return")
    expect(suggestion).to_be_visible()
    expect(page.get_by_role("button", name="Political declaration: Paragraph 12")).to_be_visible()

    # She accepts the theme only; it goes into the form, the other suggestions stay suggestions.
    suggestion.click()
    expect(page.get_by_role("button", name="Theme: Asset recovery and return")).to_be_disabled()
    expect(field(page, "Themes")).to_have_values(["asset_recovery"])
    expect(field(page, "Articles of the Convention")).to_have_values([])
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("is saved")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".tags")).to_contain_text("Asset recovery and return")

    # She submits it; until published, the public does not see it.
    page.get_by_role("link", name="Submit to the secretariat").click()
    page.get_by_role("button", name="Submit to the secretariat").click()
    expect(page.locator(".messages")).to_contain_text("is submitted to the secretariat")
    address = page.url

    visitor = desk()
    visitor.goto(address)
    expect(visitor.get_by_role("button", name="Log in")).to_be_visible()  # sent to the login page

    # The secretariat publishes it from its queue.
    secretariat = desk("secretary")
    secretariat.goto("/knowledge/moderation/")
    secretariat.get_by_role("row").filter(has_text=TITLE).get_by_role("link", name="Moderate").click()
    secretariat.get_by_label("Published").check()
    secretariat.get_by_role("button", name="Record the decision").click()
    expect(secretariat.locator(".messages")).to_contain_text("is published")
    expect(secretariat.get_by_text("Nothing awaits moderation.")).to_be_visible()

    # An anonymous visitor searches for a two-character Chinese term inside the text.
    visitor.goto("/documents/search/")
    visitor.locator("#id_q").fill("追回")
    visitor.get_by_role("button", name="Search", exact=True).click()
    section = visitor.locator("#source-knowledge")
    expect(section.get_by_role("heading")).to_have_text("In the repository of contributions")
    expect(section.locator("mark").first).to_have_text("追回")
    section.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.locator(".contribution-text")).to_contain_text("返还被没收的资产")
