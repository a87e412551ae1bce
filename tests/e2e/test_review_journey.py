"""Austria is reviewed in the second cycle by Germany and Kenya. Its focal point answers the
self-assessment checklist for article 9 and submits it; the expert Germany assigned to the review
writes a recommendation and takes the article and theme the page suggests; the secretariat sends the
report to Austria, whose focal point agrees it. Until the secretariat issues the executive summary, an
expert who reviews another country (Italy) is refused the summary, the report and the findings; once it
is issued, anyone finds it on the public list of summaries and reads the recommendation in it.

The review starts at the self-assessment: the notification, the focal point's nomination and the
kick-off call are recorded in the fixture. What happens by e-mail and calls between the pages visited
here (circulation, desk review, dialogue, the draft's comments) is recorded by the secretariat through
the workflow service, as its staff would record it on the step pages.
"""

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cosp.core.enums import Role
from cosp.core.models import User
from cosp.reviews.enums import Step
from cosp.reviews.models import (
    CountryReview,
    ExpertAssignment,
    GovernmentalExpert,
    ReviewingState,
    StepRecord,
)
from cosp.reviews.services import workflow
from cosp.states.models import Article, Chapter, RegionalGroup, State
from tests.e2e import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REVIEW = "/reviews/2-AUT/"
SUMMARY = f"{REVIEW}summary/"
REPORT = f"{REVIEW}report/"
FINDINGS = f"{REVIEW}findings/"

# Regional groups and the States of the two reviews: (ISO3, ISO2, name, group).
GROUPS = {
    "WEOG": "Western European and other States",
    "AFR": "African States",
    "GRULAC": "Latin American and Caribbean States",
}
STATES = [
    ("AUT", "AT", "Austria", "WEOG"),
    ("DEU", "DE", "Germany", "WEOG"),
    ("KEN", "KE", "Kenya", "AFR"),
    ("ITA", "IT", "Italy", "WEOG"),
    ("ESP", "ES", "Spain", "WEOG"),
    ("BRA", "BR", "Brazil", "GRULAC"),
]
# Cycle 2 reviews chapters II and V (RULES 1.3 titles).
CHAPTERS = {
    (2, "II", "Preventive measures"): {
        5: "Preventive anti-corruption policies and practices",
        6: "Preventive anti-corruption body or bodies",
        7: "Public sector",
        8: "Codes of conduct for public officials",
        9: "Public procurement and management of public finances",
        10: "Public reporting",
        11: "Measures relating to the judiciary and prosecution services",
        12: "Private sector",
        13: "Participation of society",
        14: "Measures to prevent money-laundering",
    },
    (5, "V", "Asset recovery"): {
        51: "General provision",
        52: "Prevention and detection of transfers of proceeds of crime",
        53: "Measures for direct recovery of property",
        54: "Mechanisms for recovery of property through international cooperation in confiscation",
        55: "International cooperation for purposes of confiscation",
        56: "Special cooperation",
        57: "Return and disposal of assets",
        58: "Financial intelligence unit",
        59: "Bilateral and multilateral agreements and arrangements",
    },
}
ARTICLE_9 = "Article 9. Public procurement and management of public finances"

# Our own example texts.
MEASURES = (
    "The Federal Procurement Act requires open tenders above set thresholds; a review chamber hears "
    "complaints from bidders within ten days."
)
RECOMMENDATION = (
    "Publish every public procurement notice and award decision on one national portal, so that "
    "bidders and the public can follow each tender from start to finish."
)
INTRODUCTION = "Austria is a federal State whose Constitution makes treaties part of its law once approved."
SYMBOL = "CAC/COSP/IRG/II/1/1/Add.12"


@dataclass
class World:
    review: CountryReview  # of Austria, by Germany and Kenya
    other_review: CountryReview  # of Italy, by Spain and Brazil
    secretariat: User
    focal_point: User  # Austria's, named on its review
    expert: User  # Germany's expert assigned to Austria's review
    other_expert: User  # Spain's expert assigned to Italy's review only


def listed_expert(user: User, name: str, iso3: str, review: CountryReview) -> None:
    """Put `user` on their State's list of governmental experts and assign them to `review`."""
    user.first_name, user.last_name = name.split(" ", 1)
    user.save(update_fields=["first_name", "last_name"])
    listing = GovernmentalExpert.objects.create(
        state=State.objects.get(iso3=iso3), user=user, name=name, languages="English"
    )
    ExpertAssignment.objects.create(review=review, expert=listing)


def drawn_review(iso3: str, reviewers: tuple[str, str], started_on: dt.date) -> CountryReview:
    review = CountryReview.objects.create(
        cycle=2, year=1, state=State.objects.get(iso3=iso3), started_on=started_on, language="en"
    )
    for position, reviewer in enumerate(reviewers):
        ReviewingState.objects.create(
            review=review, state=State.objects.get(iso3=reviewer), same_group=position == 0, position=position
        )
    return review


@pytest.fixture
def world(make_state, make_user) -> World:
    """The Convention's chapters under review, six States in three regional groups, the two reviews with
    their experts, and the people of the journey. Austria's review started forty days ago; its first
    three steps are done, so the checklist is what Austria must do next."""
    groups = {
        code: RegionalGroup.objects.create(code=code, name_en=name, abbreviation_en=code)
        for code, name in GROUPS.items()
    }
    for iso3, iso2, name, group in STATES:
        make_state(iso3, iso2=iso2, short_name_en=name, regional_group=groups[group])
    for (number, roman, title), articles in CHAPTERS.items():
        chapter = Chapter.objects.create(number=number, roman=roman, title_en=title)
        Article.objects.bulk_create(
            Article(number=article, chapter=chapter, title_en=article_title)
            for article, article_title in articles.items()
        )

    today = timezone.localdate()
    review = drawn_review("AUT", ("DEU", "KEN"), today - dt.timedelta(days=40))
    other_review = drawn_review("ITA", ("ESP", "BRA"), today - dt.timedelta(days=40))

    secretariat = make_user(Role.SECRETARIAT_OFFICER, username="officer")
    focal_point = make_user(Role.FOCAL_POINT, username="aut_focal_point", state="AUT")
    expert = make_user(Role.GOVERNMENTAL_EXPERT, username="deu_expert", state="DEU")
    listed_expert(expert, "Jonas Weber", "DEU", review)
    other_expert = make_user(Role.GOVERNMENTAL_EXPERT, username="esp_expert", state="ESP")
    listed_expert(other_expert, "Lucía Ortega", "ESP", other_review)

    review.focal_point = focal_point
    review.save(update_fields=["focal_point"])
    for step, days_ago in (
        (Step.NOTIFICATION, 40),
        (Step.FOCAL_POINT_NOMINATION, 30),
        (Step.KICK_OFF_CALL, 14),
    ):
        StepRecord.objects.create(
            review=review,
            step=step,
            completed_on=today - dt.timedelta(days=days_ago),
            recorded_by=secretariat,
        )
    return World(review, other_review, secretariat, focal_point, expert, other_expert)


def the_dialogue_runs_its_course(world: World) -> None:
    """The secretariat records the steps between the checklist and the agreement that happen by
    e-mail and calls: circulation, desk review and its call, the dialogue (Austria asked for no country
    visit), the draft and the experts' comments on it."""
    today = timezone.localdate()
    for step in (Step.CIRCULATION, Step.DESK_REVIEW, Step.DESK_REVIEW_CALL, Step.DIALOGUE):
        workflow.complete_step(world.review, step, on=today, actor=world.secretariat)
    workflow.skip_direct_dialogue(world.review, actor=world.secretariat)
    for step in (Step.DRAFT_REPORT, Step.DRAFT_COMMENTS):
        workflow.complete_step(world.review, step, on=today, actor=world.secretariat)


def step_row(page, label: str):
    """The row of the review's timetable for the step named `label`."""
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=label, exact=True))


def field(page, label: str):
    """The form field labelled `label` (Django's forms may end a label with a colon)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def expect_message(page, text: str) -> None:
    expect(page.locator(".messages")).to_contain_text(text)


def expect_refused(page, address: str) -> None:
    """Opening `address` is refused with a 403 page that shows nothing of the review's texts."""
    response = page.goto(address)
    assert response is not None, address
    assert response.status == 403, f"{address}: {response.status}"
    expect(page.get_by_role("heading", name=re.compile("403"))).to_be_visible()
    for secret in (RECOMMENDATION, INTRODUCTION, "Executive summary: Austria", "Country review report"):
        expect(page.locator("body")).not_to_contain_text(secret)


def test_a_checklist_becomes_an_issued_summary_that_the_public_reads(page, desk, world, screenshot):
    # 1. Austria's focal point answers article 9 of the checklist and submits it.
    sign_in(page, "aut_focal_point")
    page.goto(REVIEW)
    expect(step_row(page, "Self-assessment checklist")).to_contain_text("In progress")
    page.get_by_role("navigation", name="This review").get_by_role("link", name="Checklist").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Self-assessment checklist: Austria")
    expect(page.locator("#status")).to_contain_text("Draft")
    article_9 = page.get_by_role("article").filter(has=page.get_by_role("heading", name=ARTICLE_9))
    expect(article_9).to_contain_text("No answer yet.")
    article_9.get_by_role("link", name="Answer", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE_9)
    page.get_by_label("Status of implementation").select_option(label="Partly")
    page.get_by_label("Measures adopted").fill(MEASURES)
    page.get_by_role("button", name="Save the answer").click()
    expect_message(page, "The answer for article 9 is saved.")
    expect(article_9).to_contain_text("Partly")
    expect(article_9).to_contain_text(MEASURES)
    expect(page.locator("#status")).to_contain_text("1 of 19 articles under review answered")
    page.get_by_role("button", name="Submit the checklist").click()
    expect_message(page, "The checklist is submitted")
    expect(page.locator("#status .badge")).to_have_text(["Submitted"])
    expect(page.get_by_role("button", name="Submit the checklist")).to_have_count(0)
    expect(page.get_by_role("link", name="Answer", exact=True)).to_have_count(0)  # no longer a draft
    screenshot("review-checklist-submitted")
    page.goto(REVIEW)  # the checklist page has no link back to its review
    expect(step_row(page, "Self-assessment checklist")).to_contain_text("Done")
    expect(step_row(page, "Circulation to the reviewing experts")).to_contain_text("In progress")

    # 2. Germany's assigned expert writes a recommendation on the findings page. The page suggests the
    #    article and theme from the words of the text: the article confirms the one the expert chose
    #    (the browser asks for one before any button sends the form), and the expert takes the theme.
    expert = desk("deu_expert")
    expert.goto(REVIEW)
    expert.get_by_role("navigation", name="This review").get_by_role("link", name="Findings").click()
    expect(expert.get_by_text("No finding is recorded for this review yet.")).to_be_visible()
    expert.get_by_role("link", name="Add a finding").click()
    expect(field(expert, "Article")).to_have_value("")  # nothing is chosen for the expert
    field(expert, "Type").select_option(label="Recommendation")
    field(expert, "Text").fill(RECOMMENDATION)
    field(expert, "Article").select_option(label=ARTICLE_9.removeprefix("Article "))
    expert.get_by_role("button", name="Suggest the article, theme and SDG targets").click()
    suggestions = expert.get_by_role("region", name="Suggestions from the text")
    expect(suggestions).to_contain_text("from the words: procurement, bidders")
    suggested_article = suggestions.get_by_role("listitem").filter(has_text="Article: 9.")
    expect(suggested_article).to_contain_text("chosen")
    expect(suggested_article.get_by_role("button")).to_be_disabled()
    take_theme = suggestions.get_by_role("button", name="Theme: Public procurement")
    expect(take_theme).to_be_enabled()
    expect(field(expert, "Theme")).to_have_value("")  # not applied until the expert takes it
    take_theme.click()
    expect(field(expert, "Theme")).to_have_value("public_procurement")
    expect(take_theme).to_be_disabled()
    expect(field(expert, "Text")).to_have_value(RECOMMENDATION)  # nothing lost on the way
    expect(field(expert, "Type")).to_have_value("recommendation")
    expect(field(expert, "Article")).to_have_value("9")
    expert.get_by_role("button", name="Save", exact=True).click()
    expect_message(expert, "The recommendation on article 9 is added.")
    on_article_9 = expert.locator(
        "section.article-findings", has=expert.get_by_role("heading", name=re.compile("^Article 9"))
    )
    expect(on_article_9.get_by_role("heading", level=3)).to_have_text([re.compile("^Recommendation")])
    expect(on_article_9).to_contain_text(RECOMMENDATION)
    expect(on_article_9).to_contain_text("Theme: Public procurement")

    # 3. The expert prepares the report and the summary (they start from the findings) and writes the
    #    summary's introduction; the secretariat sends both to Austria, whose focal point agrees them.
    the_dialogue_runs_its_course(world)
    expert.goto(REPORT)
    expert.get_by_role("button", name="Prepare the report's sections in this language").click()
    expect_message(expert, "sections to write")
    expect(expert.locator(".report-document")).to_contain_text(f"Recommendation: {RECOMMENDATION}")
    expert.get_by_role("navigation", name="This review").get_by_role("link", name="Executive summary").click()
    expert.get_by_role("button", name="Prepare the summary's sections in this language").click()
    expect(expert.locator(".report-document")).to_contain_text(f"Recommendation: {RECOMMENDATION}")
    introduction = expert.locator(".section-meta").first
    introduction.get_by_role("link", name="Edit").click()
    field(expert, "Text").fill(INTRODUCTION)
    expert.get_by_role("button", name=re.compile("^Save")).click()
    expect_message(expert, "Saved version 1")
    expect(expert.locator(".report-document")).to_contain_text(INTRODUCTION)
    expect(expert.get_by_role("button", name=re.compile("^Send the report"))).to_have_count(0)  # not theirs

    secretariat = desk("officer")
    secretariat.goto(REPORT)
    expect(secretariat.locator("#course .badge")).to_have_text("Being drafted")
    secretariat.get_by_role(
        "button", name="Send the report and the executive summary to the State under review"
    ).click()
    expect_message(secretariat, "sent to Austria for its approval")
    expect(secretariat.locator("#course .badge")).to_have_text("Sent to the State under review")

    page.goto(REPORT)
    expect(page.locator(".report-document")).to_contain_text(RECOMMENDATION)
    expect(page.get_by_label("Agreed on")).to_have_value(timezone.localdate().isoformat())
    page.get_by_role("button", name="Agree the report and the executive summary").click()
    expect_message(page, "Austria agreed the report and its executive summary.")
    expect(page.locator(".messages .warning")).to_have_count(0)  # the agreement step is done too
    expect(page.locator("#course .badge")).to_have_text("Agreed")
    screenshot("review-report-agreed")
    page.goto(REVIEW)
    expect(step_row(page, "Agreement on the report")).to_contain_text("Done")

    # 4. Before the summary is issued, Spain's expert, who reviews Italy, is refused Austria's texts.
    outsider = desk("esp_expert")
    for address in (SUMMARY, REPORT, FINDINGS):
        expect_refused(outsider, address)
    anonymous = desk()
    anonymous.goto("/reviews/summaries/")
    expect(anonymous.get_by_text("No executive summary has been issued yet.")).to_be_visible()

    # 5. The secretariat issues the executive summary under its symbol.
    secretariat.goto(SUMMARY)
    secretariat.get_by_label("Document symbol").fill(SYMBOL)
    secretariat.get_by_role("button", name="Issue the executive summary").click()
    expect_message(secretariat, f"The executive summary is issued as {SYMBOL}")
    expect(secretariat.locator(".symbol")).to_have_text(SYMBOL)

    # Anyone finds it on the public list of summaries, opens it and reads the recommendation.
    anonymous.goto("/reviews/summaries/")
    austria = anonymous.get_by_role("row").filter(has=anonymous.get_by_role("link", name="Austria"))
    expect(austria).to_contain_text(SYMBOL)
    austria.get_by_role("link", name="Austria").click()
    expect(anonymous.get_by_role("heading", level=1)).to_have_text("Executive summary: Austria, cycle 2")
    expect(anonymous.locator(".symbol")).to_have_text(SYMBOL)
    expect(anonymous.locator(".lead")).to_contain_text("Issued on")
    expect(anonymous.locator(".report-document")).to_contain_text(INTRODUCTION)
    expect(anonymous.locator(".report-document")).to_contain_text(RECOMMENDATION)
    expect(anonymous.get_by_role("link", name="Versions and comments")).to_have_count(0)  # final text only
    anonymous.get_by_role("navigation", name="This review").get_by_role("link", name="Findings").click()
    expect(anonymous.locator("#main")).to_contain_text(RECOMMENDATION)
    # The full report stays confidential: Austria agreed it but not its publication.
    anonymous.goto(REPORT)
    expect(anonymous).to_have_url(re.compile(r"/accounts/login/"))
    expect(anonymous.locator("#main")).not_to_contain_text(RECOMMENDATION)
