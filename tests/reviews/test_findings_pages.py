"""The findings pages (cosp/reviews/views/findings.py): who sees a review's findings before and after
its summary is issued, who adds and edits them, suggestions a person confirms, the freeze after
agreement, the follow-up ledger and the public list of recommendations."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cosp.reviews.enums import FindingType, ReportStatus
from cosp.reviews.models import Finding, FollowUp
from cosp.reviews.services import findings as services
from tests.reviews.conftest import IN_CIRCLE

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = timezone.localdate()
AGREED = TODAY - timedelta(days=120)
FINDINGS = "/reviews/2-AUT/findings/"
ADD = "/reviews/2-AUT/findings/add/"
SECRET = "Publish the reasons for each award of a public contract."
EDITORS = {"secretariat", "reviewing_expert"}
FOLLOWERS = {"secretariat", "sur_focal_point"}


@pytest.fixture
def recommendation(review_world) -> Finding:
    return services.add_finding(
        review_world.review,
        kind=FindingType.RECOMMENDATION,
        article=9,
        text=SECRET,
        language="en",
        theme="public_procurement",
        sdg_targets=["16.5"],
        actor=review_world.people["reviewing_expert"],
    )


def agree(review) -> None:
    review.report_status = ReportStatus.AGREED
    review.agreed_on = AGREED
    review.save(update_fields=["report_status", "agreed_on"])


def issue_summary(review) -> None:
    agree(review)
    review.summary_issued_on = AGREED + timedelta(days=20)
    review.save(update_fields=["summary_issued_on"])


def expected_status(position: str, allowed: bool) -> int:
    if allowed:
        return 200
    return 302 if position == "anonymous" else 403


# --- Who sees the findings ------------------------------------------------------------------------------


@pytest.mark.parametrize("position", list(IN_CIRCLE))
def test_before_the_summary_only_the_circle_sees_the_findings(as_person, recommendation, position):
    response = as_person(position).get(FINDINGS)

    assert response.status_code == expected_status(position, IN_CIRCLE[position])
    assert (SECRET in response.content.decode()) is IN_CIRCLE[position]


@pytest.mark.parametrize("position", list(IN_CIRCLE))
def test_once_the_summary_is_issued_everyone_sees_the_findings(
    as_person, review_world, recommendation, position
):
    issue_summary(review_world.review)

    response = as_person(position).get(FINDINGS)

    assert response.status_code == 200
    assert SECRET in response.content.decode()


def test_the_findings_page_groups_by_article_and_type_with_each_status(
    as_person, review_world, recommendation
):
    expert = review_world.people["reviewing_expert"]
    services.add_finding(
        review_world.review,
        kind=FindingType.GOOD_PRACTICE,
        article=52,
        text="A public register of beneficial owners is kept.",
        language="en",
        actor=expert,
    )
    issue_summary(review_world.review)
    services.record_follow_up(
        recommendation,
        on=AGREED + timedelta(days=60),
        source="state_report",
        status="partly_implemented",
        response="A draft law is before parliament.",
        reference="CAC/COSP/IRG/2026/CRP.9",
        actor=review_world.people["sur_focal_point"],
    )

    page = as_person("anonymous").get(FINDINGS).content.decode()

    assert page.index('id="article-9"') < page.index('id="article-52"')
    assert "Recommendation" in page
    assert "Good practice" in page
    assert "Partly implemented" in page
    assert "A draft law is before parliament." in page
    assert "CAC/COSP/IRG/2026/CRP.9" in page
    assert "/findings/add/" not in page  # frozen, and the public edits nothing


def test_the_circle_edits_until_agreement_and_only_links_what_it_may_do(as_person, recommendation):
    expert_page = as_person("reviewing_expert").get(FINDINGS).content.decode()
    focal_page = as_person("sur_focal_point").get(FINDINGS).content.decode()

    assert f"/findings/{recommendation.pk}/delete/" in expert_page
    assert "/follow-up/" not in expert_page
    assert "/findings/add/" not in focal_page
    assert f"/findings/{recommendation.pk}/follow-up/" in focal_page


@pytest.mark.parametrize("count", [1, 3])
def test_the_findings_page_query_count_does_not_grow_with_findings(
    as_person, review_world, django_assert_num_queries, count
):
    for number in range(count):
        finding = services.add_finding(
            review_world.review,
            kind=FindingType.RECOMMENDATION,
            article=9,
            text=f"Recommendation {number}.",
            language="en",
            actor=review_world.people["secretariat"],
        )
        FollowUp.objects.create(finding=finding, on=TODAY, source="review", status="not_started")
    issue_summary(review_world.review)
    client = as_person("observer")

    with django_assert_num_queries(11):
        assert client.get(FINDINGS).status_code == 200


# --- Adding and editing ---------------------------------------------------------------------------------


def finding_data(**fields) -> dict:
    return {
        "kind": "recommendation",
        "language": "en",
        "text": "Train procurement officers in the rules on conflicts of interest.",
        "article": "9",
        "paragraph": "",
        "theme": "public_procurement",
        "sdg_targets": ["16.5", "16.6"],
        "assistance_type": "",
        "save": "1",
    } | fields


@pytest.mark.parametrize("position", list(IN_CIRCLE))
def test_only_assigned_experts_and_the_secretariat_add_findings(as_person, position):
    client = as_person(position)
    allowed = position in EDITORS

    assert client.get(ADD).status_code == expected_status(position, allowed)
    response = client.post(ADD, finding_data())

    assert response.status_code == (302 if allowed or position == "anonymous" else 403)
    assert Finding.objects.exists() is allowed


def test_an_expert_adds_a_finding(as_person):
    response = as_person("reviewing_expert").post(ADD, finding_data(), follow=True)

    finding = Finding.objects.get()
    assert (finding.article.number, finding.theme, finding.sdg_targets) == (
        9,
        "public_procurement",
        ["16.5", "16.6"],
    )
    assert "is added" in response.content.decode()


def test_a_refused_finding_comes_back_on_the_form(as_person):
    response = as_person("reviewing_expert").post(ADD, finding_data(paragraph="the second"))

    assert response.status_code == 200
    assert "Write the paragraph as a number" in response.content.decode()
    assert not Finding.objects.exists()


def test_the_article_is_chosen_never_defaulted(as_person):
    response = as_person("reviewing_expert").post(ADD, finding_data(article=""))

    assert response.status_code == 200
    assert response.context["form"].errors["article"]
    assert not Finding.objects.exists()


def test_the_suggest_button_shows_suggestions_and_saves_nothing(as_person):
    data = finding_data(text="Bid rigging in public tenders and weak procurement oversight.", theme="")
    data.pop("save")
    data["sdg_targets"] = []

    response = as_person("reviewing_expert").post(ADD, data | {"suggest": "1"})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="article:9"' in page
    assert 'value="theme:public_procurement"' in page
    assert 'value="sdg:16.5"' in page
    assert not Finding.objects.exists()


def test_choosing_a_suggestion_puts_it_in_the_form_only(as_person):
    data = finding_data(text="Bid rigging in public tenders.", theme="", sdg_targets=[])
    data.pop("save")

    response = as_person("reviewing_expert").post(ADD, data | {"apply": "theme:public_procurement"})

    form = response.context["form"]
    assert form.initial["theme"] == "public_procurement"
    assert form.initial["text"] == "Bid rigging in public tenders."
    assert 'value="theme:public_procurement" disabled' in response.content.decode()
    assert not Finding.objects.exists()

    response = as_person("reviewing_expert").post(ADD, data | {"apply": "sdg:16.5"})
    assert response.context["form"].initial["sdg_targets"] == ["16.5"]


def test_a_chinese_text_in_the_address_opens_the_form_with_its_suggestions(as_person):
    response = as_person("reviewing_expert").get(
        ADD, {"text": "该国应依照《公约》第五十二条查明实际受益人。", "language": "zh"}
    )

    page = response.content.decode()
    assert response.context["form"].initial["language"] == "zh"
    assert 'value="article:52"' in page
    assert 'value="theme:beneficial_ownership"' in page
    assert "第五十二条" in page


@pytest.mark.parametrize("position", list(IN_CIRCLE))
def test_only_editors_open_a_finding_to_edit_or_remove(as_person, recommendation, position):
    client = as_person(position)
    edit = f"{FINDINGS}{recommendation.pk}/"

    assert client.get(edit).status_code == expected_status(position, position in EDITORS)
    assert client.get(f"{edit}delete/").status_code == expected_status(position, position in EDITORS)


def test_an_expert_of_another_review_can_neither_edit_nor_remove(as_person, recommendation):
    client = as_person("other_review_expert")
    edit = f"{FINDINGS}{recommendation.pk}/"

    assert client.post(edit, finding_data(text="Rewritten.")).status_code == 403
    assert client.post(f"{edit}delete/").status_code == 403

    recommendation.refresh_from_db()
    assert recommendation.text_en == SECRET


def test_a_finding_of_another_review_is_not_found_under_this_one(as_person, review_world):
    other = services.add_finding(
        review_world.other_review,
        kind=FindingType.CHALLENGE,
        article=9,
        text="Elsewhere.",
        language="en",
        actor=review_world.people["secretariat"],
    )

    assert as_person("secretariat").get(f"{FINDINGS}{other.pk}/").status_code == 404


def test_editing_adds_a_french_text_and_keeps_the_english(as_person, recommendation):
    client = as_person("reviewing_expert")
    edit = f"{FINDINGS}{recommendation.pk}/"

    form = client.get(edit, {"language": "fr"}).context["form"]
    assert (form.initial["language"], form.initial["text"]) == ("fr", "")
    response = client.post(
        edit, finding_data(language="fr", text="Publier les motifs de chaque attribution.", theme="")
    )

    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert services.texts(recommendation) == {"en": SECRET, "fr": "Publier les motifs de chaque attribution."}
    assert recommendation.theme == ""


def test_after_agreement_editing_and_removal_are_refused(as_person, review_world, recommendation):
    agree(review_world.review)
    client = as_person("reviewing_expert")
    edit = f"{FINDINGS}{recommendation.pk}/"

    assert client.post(ADD, finding_data()).status_code == 200
    response = client.post(edit, finding_data(text="Rewritten."))
    assert "frozen" in response.content.decode()
    assert "frozen" in client.post(f"{edit}delete/").content.decode()

    recommendation.refresh_from_db()
    assert recommendation.text_en == SECRET
    assert Finding.objects.count() == 1


def test_removing_a_finding(as_person, recommendation):
    response = as_person("secretariat").post(f"{FINDINGS}{recommendation.pk}/delete/")

    assert response.status_code == 302
    assert not Finding.objects.exists()


# --- Follow-up ------------------------------------------------------------------------------------------


def follow_up_data(**fields) -> dict:
    return {
        "on": (AGREED + timedelta(days=30)).isoformat(),
        "source": "state_report",
        "status": "not_started",
        "response": "Work has not begun.",
        "reference": "CAC/COSP/IRG/2026/CRP.4",
    } | fields


@pytest.mark.parametrize("position", list(IN_CIRCLE))
def test_only_the_focal_point_and_the_secretariat_record_follow_up(
    as_person, review_world, recommendation, position
):
    agree(review_world.review)
    client = as_person(position)
    address = f"{FINDINGS}{recommendation.pk}/follow-up/"
    allowed = position in FOLLOWERS

    assert client.get(address).status_code == expected_status(position, allowed)
    response = client.post(address, follow_up_data())

    assert response.status_code == (302 if allowed or position == "anonymous" else 403)
    assert FollowUp.objects.exists() is allowed


def test_the_focal_point_records_and_sees_the_ledger(as_person, review_world, recommendation):
    agree(review_world.review)
    client = as_person("sur_focal_point")
    address = f"{FINDINGS}{recommendation.pk}/follow-up/"

    first = client.post(address, follow_up_data())
    client.post(
        address,
        follow_up_data(on=(AGREED + timedelta(days=90)).isoformat(), status="fully_implemented", response=""),
    )
    page = client.get(address).content.decode()

    assert first.status_code == 302
    assert first["Location"] == address

    assert [entry.status for entry in FollowUp.objects.all()] == ["not_started", "fully_implemented"]
    assert "Work has not begun." in page
    assert "Fully implemented" in page
    assert "Not started" in page
    assert page.count("CAC/COSP/IRG/2026/CRP.4") >= 2


def test_a_refused_entry_comes_back_on_the_form(as_person, review_world, recommendation):
    agree(review_world.review)
    address = f"{FINDINGS}{recommendation.pk}/follow-up/"

    response = as_person("secretariat").post(
        address, follow_up_data(on=(AGREED - timedelta(days=1)).isoformat())
    )

    assert response.status_code == 200
    assert "cannot be dated before that" in response.content.decode()
    assert not FollowUp.objects.exists()


def test_before_agreement_the_follow_up_form_is_not_offered(as_person, recommendation):
    address = f"{FINDINGS}{recommendation.pk}/follow-up/"
    client = as_person("secretariat")

    assert "not agreed yet" in client.get(address).content.decode()
    assert "not agreed yet" in client.post(address, follow_up_data()).content.decode()
    assert not FollowUp.objects.exists()


def test_only_recommendations_have_a_follow_up_page(as_person, review_world):
    challenge = services.add_finding(
        review_world.review,
        kind=FindingType.CHALLENGE,
        article=9,
        text="Few staff.",
        language="en",
        actor=review_world.people["secretariat"],
    )

    assert as_person("secretariat").get(f"{FINDINGS}{challenge.pk}/follow-up/").status_code == 404


# --- The public list of recommendations -----------------------------------------------------------------

RECOMMENDATIONS = "/reviews/recommendations/"


def test_the_public_list_shows_issued_summaries_only(as_person, review_world, recommendation):
    hidden = as_person("anonymous").get(RECOMMENDATIONS).content.decode()
    assert SECRET not in hidden

    issue_summary(review_world.review)
    page = as_person("anonymous").get(RECOMMENDATIONS).content.decode()
    assert SECRET in page
    assert "No status reported yet" in page


def test_the_public_list_filters_by_status(as_person, review_world, recommendation):
    issue_summary(review_world.review)
    client = as_person("observer")

    assert SECRET in client.get(RECOMMENDATIONS, {"status": "none"}).content.decode()
    assert SECRET not in client.get(RECOMMENDATIONS, {"status": "fully_implemented"}).content.decode()
    assert SECRET in client.get(RECOMMENDATIONS, {"sdg_target": "16.5", "article": "9"}).content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_the_public_list_query_count_does_not_grow(as_person, review_world, django_assert_num_queries, count):
    for number in range(count):
        services.add_finding(
            review_world.review,
            kind=FindingType.RECOMMENDATION,
            article=9 + number,
            text=f"Recommendation {number}.",
            language="en",
            actor=review_world.people["secretariat"],
        )
    issue_summary(review_world.review)
    client = as_person("anonymous")

    with django_assert_num_queries(5):
        assert client.get(RECOMMENDATIONS).status_code == 200
