"""The checklist's pages (RULES 4.7, 4.9): who sees the page, the DOCX and an attached file in every
position of the review world, before and after the State publishes; who answers, submits, locks,
sends back and publishes; refusals shown and nothing saved."""

from datetime import date

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from cosp.reviews.enums import ChecklistStatus
from cosp.reviews.models import Checklist, ChecklistAnswer, ChecklistAttachment, StepRecord
from cosp.reviews.services import checklist as service
from tests.reviews.conftest import IN_CIRCLE

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PAGE = "/reviews/2-AUT/checklist/"
ANSWER_PAGE = "/reviews/2-AUT/checklist/9/"
DOCX = "/reviews/2-AUT/checklist.docx"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
CONFIDENTIAL = "Officers declare their assets to an independent commission every year."
FORM = {
    "implementation": "partly",
    "measures": CONFIDENTIAL,
    "citations": "Public Service Act, section 12.",
    "examples": "",
    "statistics": "",
    "challenges": "",
    "assistance_needed": "",
    "assistance_type": "",
    "assistance_priority": "",
    "assistance_received": "",
    "attachment_title": "",
}
POSITIONS = list(IN_CIRCLE)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def person(review_world):
    return review_world.people


@pytest.fixture
def attached(review_world, person) -> ChecklistAttachment:
    """A draft answer with a law attached: the confidential material the wrong people must not see."""
    review = review_world.review
    answer = service.save_answer(
        review, 9, "", {"implementation": "partly", "measures": CONFIDENTIAL}, actor=person["sur_focal_point"]
    )
    upload = SimpleUploadedFile("act.pdf", PDF)
    return service.attach(review, answer, upload, title="Asset Declarations Act", actor=person["sur_expert"])


def ready_to_submit(review) -> None:
    for step, day in (
        ("notification", date(2026, 1, 5)),
        ("focal_point_nomination", date(2026, 1, 20)),
        ("kick_off_call", date(2026, 2, 3)),
    ):
        StepRecord.objects.create(review=review, step=step, completed_on=day)


def submitted(review_world, person) -> None:
    ready_to_submit(review_world.review)
    service.submit(review_world.review, actor=person["sur_focal_point"], on=date(2026, 3, 2))


def published(review_world, person) -> None:
    submitted(review_world, person)
    service.publish(review_world.review, actor=person["sur_focal_point"])


def denied(position: str) -> int:
    """Django-rules' answer to someone without the permission: signed out → the login page."""
    return 302 if position == "anonymous" else 403


def expected_status(position: str, is_published: bool) -> int:
    return 200 if is_published or IN_CIRCLE[position] else denied(position)


# --- Confidentiality (RULES 4.9) -------------------------------------------------------------------


@pytest.mark.parametrize("is_published", [False, True], ids=["unpublished", "published"])
@pytest.mark.parametrize("position", POSITIONS)
def test_the_page_is_for_the_circle_until_published(
    as_person, review_world, person, attached, position, is_published
):
    if is_published:
        published(review_world, person)

    response = as_person(position).get(PAGE)

    assert response.status_code == expected_status(position, is_published)
    assert (CONFIDENTIAL in response.content.decode()) is (response.status_code == 200)


@pytest.mark.parametrize("is_published", [False, True], ids=["unpublished", "published"])
@pytest.mark.parametrize("position", POSITIONS)
def test_the_docx_is_for_the_circle_until_published(
    as_person, review_world, person, attached, position, is_published
):
    if is_published:
        published(review_world, person)

    response = as_person(position).get(DOCX)

    assert response.status_code == expected_status(position, is_published)
    if response.status_code == 200:
        assert response["Content-Type"].endswith("wordprocessingml.document")
        assert response["Content-Disposition"] == 'attachment; filename="2-AUT-checklist.docx"'


@pytest.mark.parametrize("is_published", [False, True], ids=["unpublished", "published"])
@pytest.mark.parametrize("position", POSITIONS)
def test_an_attached_file_is_for_the_circle_until_published(
    as_person, review_world, person, attached, position, is_published
):
    if is_published:
        published(review_world, person)

    response = as_person(position).get(f"{PAGE}files/{attached.pk}/")

    assert response.status_code == expected_status(position, is_published)
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert 'filename="Asset Declarations Act.pdf"' in response["Content-Disposition"]
        assert "private" in response["Cache-Control"]


def test_attached_files_are_not_served_from_a_public_media_address(as_person, attached):
    response = as_person("secretariat").get(f"/{settings.MEDIA_URL}{attached.file.name}")

    assert response.status_code == 404


def test_a_file_of_another_review_is_not_found_through_this_one(as_person, review_world, person):
    other = service.save_answer(review_world.other_review, 9, "", {"implementation": "yes"}, actor=None)
    other_file = service.attach(
        review_world.other_review, other, SimpleUploadedFile("a.pdf", PDF), actor=None
    )

    response = as_person("sur_focal_point").get(f"{PAGE}files/{other_file.pk}/")

    assert response.status_code == 404


def test_withdrawing_publication_makes_it_confidential_again(as_person, review_world, person, attached):
    published(review_world, person)
    service.unpublish(review_world.review, actor=person["sur_focal_point"])

    assert as_person("observer").get(PAGE).status_code == 403
    assert as_person("anonymous").get(DOCX).status_code == 302


# --- The page --------------------------------------------------------------------------------------


def test_the_page_lists_every_article_under_review_by_chapter(as_person, attached):
    page = as_person("reviewing_expert").get(PAGE).content.decode()

    assert "Chapter II. Preventive measures" in page
    assert "Chapter V. Asset recovery" in page
    assert all(f'id="article-{number}"' in page for number in [*range(5, 15), *range(51, 60)])
    assert "Asset Declarations Act" in page
    assert "1 of 19 articles under review answered" in page


@pytest.mark.parametrize(
    ("position", "actions"),
    [
        ("sur_focal_point", {"Edit the answer", "Submit the checklist"}),
        ("sur_expert", {"Edit the answer"}),
        ("reviewing_expert", set()),
        ("secretariat", set()),
    ],
)
def test_a_draft_offers_each_person_their_actions(as_person, attached, position, actions):
    page = as_person(position).get(PAGE).content.decode()

    every = {"Edit the answer", "Submit the checklist", "Lock for circulation", "Publish the checklist"}
    assert {action for action in every if action in page} == actions


@pytest.mark.parametrize(
    ("position", "actions"),
    [
        ("sur_focal_point", {"Publish the checklist"}),
        ("sur_expert", set()),
        ("secretariat", {"Lock for circulation", "Send back to the State"}),
    ],
)
def test_a_submitted_checklist_offers_each_person_their_actions(
    as_person, review_world, person, attached, position, actions
):
    submitted(review_world, person)

    page = as_person(position).get(PAGE).content.decode()

    every = {"Edit the answer", "Submit the checklist", "Lock for circulation", "Send back to the State"}
    every |= {"Publish the checklist", "Withdraw the publication"}
    assert {action for action in every if action in page} == actions


def test_a_checklist_nobody_started_is_shown_empty_and_not_created(as_person):
    page = as_person("secretariat").get(PAGE).content.decode()

    assert "0 of 19 articles under review answered" in page
    assert not Checklist.objects.exists()


@pytest.mark.parametrize("answers", [1, 3])
def test_the_page_needs_the_same_queries_for_more_answers(
    as_person, review_world, person, django_assert_num_queries, answers
):
    for number in range(5, 5 + answers):
        answer = service.save_answer(review_world.review, number, "", {"implementation": "yes"}, actor=None)
        service.attach(review_world.review, answer, SimpleUploadedFile("a.pdf", PDF), actor=None)
    client = as_person("secretariat")

    with django_assert_num_queries(12):
        assert client.get(PAGE).status_code == 200


# --- Answering -------------------------------------------------------------------------------------


@pytest.mark.parametrize("position", POSITIONS)
def test_only_the_state_under_review_answers(as_person, review_world, position):
    allowed = position in {"sur_focal_point", "sur_expert"}

    response = as_person(position).get(ANSWER_PAGE)

    assert response.status_code == (200 if allowed else denied(position))


@pytest.mark.parametrize("position", ["secretariat", "reviewing_expert", "sur_delegate", "anonymous"])
def test_a_post_by_someone_else_saves_nothing(as_person, review_world, position):
    response = as_person(position).post(ANSWER_PAGE, FORM)

    assert response.status_code == denied(position)
    assert not ChecklistAnswer.objects.exists()


def test_an_expert_of_the_state_saves_an_answer_with_a_law(as_person, person):
    upload = SimpleUploadedFile("declarations.pdf", PDF)

    response = as_person("sur_expert").post(
        ANSWER_PAGE, {**FORM, "attachment": upload, "attachment_title": "Asset Declarations Act"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/reviews/2-AUT/checklist/#article-9"
    answer = ChecklistAnswer.objects.get()
    assert (answer.article.number, answer.paragraph, answer.measures) == (9, "", CONFIDENTIAL)
    assert answer.updated_by == person["sur_expert"]
    assert list(answer.attachments.values_list("title", flat=True)) == ["Asset Declarations Act"]


def test_a_paragraph_is_answered_on_its_own(as_person):
    client = as_person("sur_focal_point")

    page = client.get(f"{ANSWER_PAGE}?paragraph=2+(a)").content.decode()
    response = client.post(f"{ANSWER_PAGE}?paragraph=2+(a)", FORM)

    assert "paragraph 2(a)" in page
    assert response.status_code == 302
    assert ChecklistAnswer.objects.get().paragraph == "2(a)"


@pytest.mark.parametrize("path", ["/reviews/2-AUT/checklist/30/", f"{ANSWER_PAGE}?paragraph=first"])
def test_an_article_not_under_review_or_a_bad_paragraph_is_not_found(as_person, path):
    assert as_person("sur_focal_point").get(path).status_code == 404


def test_a_refused_file_is_shown_on_the_form_and_nothing_is_saved(as_person):
    upload = SimpleUploadedFile("law.exe", b"MZ\x90\x00")

    response = as_person("sur_focal_point").post(ANSWER_PAGE, {**FORM, "attachment": upload})

    assert response.status_code == 200
    assert "law.exe cannot be attached" in response.content.decode()
    assert not ChecklistAnswer.objects.exists()
    assert not ChecklistAttachment.objects.exists()


def test_a_refusal_of_the_rules_is_shown_on_the_form_and_nothing_is_saved(as_person):
    response = as_person("sur_focal_point").post(ANSWER_PAGE, {**FORM, "assistance_priority": "high"})

    assert response.status_code == 200
    assert "Describe the technical assistance needed" in response.content.decode()
    assert not ChecklistAnswer.objects.exists()


def test_attachments_are_removed_from_the_form(as_person, attached):
    response = as_person("sur_expert").post(ANSWER_PAGE, {**FORM, "remove": [attached.pk]})

    assert response.status_code == 302
    assert not ChecklistAttachment.objects.exists()


def test_a_submitted_checklist_shows_its_answers_read_only(as_person, review_world, person, attached):
    submitted(review_world, person)
    client = as_person("sur_focal_point")

    page = client.get(ANSWER_PAGE).content.decode()
    response = client.post(ANSWER_PAGE, {**FORM, "measures": "Changed later."})

    assert "Save the answer" not in page
    assert "cannot change" in page
    assert response.status_code == 200
    assert ChecklistAnswer.objects.get().measures == CONFIDENTIAL


# --- Submit, lock, send back, publish --------------------------------------------------------------

ACTIONS = {
    "submit": {"sur_focal_point"},
    "lock": {"secretariat"},
    "reopen": {"secretariat"},
    "publish": {"sur_focal_point"},
    "unpublish": {"sur_focal_point"},
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("position", POSITIONS)
def test_each_action_is_for_its_owner_alone(as_person, review_world, person, attached, action, position):
    if action == "submit":
        ready_to_submit(review_world.review)
    if action in {"lock", "reopen", "publish"}:
        submitted(review_world, person)
    if action == "unpublish":
        published(review_world, person)
    before = Checklist.objects.values_list("status", "submitted_at", "locked_at", "published_at").get()

    response = as_person(position).post(f"{PAGE}{action}/")

    after = Checklist.objects.values_list("status", "submitted_at", "locked_at", "published_at").get()
    if position in ACTIONS[action]:
        assert response.status_code == 302
        assert after != before
    else:
        assert response.status_code == denied(position)
        assert after == before


@pytest.mark.parametrize("action", list(ACTIONS))
def test_actions_take_post_only(as_person, action):
    owner = next(iter(ACTIONS[action]))

    assert as_person(owner).get(f"{PAGE}{action}/").status_code == 405


def test_the_focal_point_submits_and_the_secretariat_locks(as_person, review_world, attached):
    ready_to_submit(review_world.review)

    submitted_page = as_person("sur_focal_point").post(f"{PAGE}submit/", follow=True).content.decode()
    locked_page = as_person("secretariat").post(f"{PAGE}lock/", follow=True).content.decode()

    assert "The checklist is submitted" in submitted_page
    assert "locked for circulation" in locked_page
    assert Checklist.objects.get().status == ChecklistStatus.LOCKED
    assert StepRecord.objects.filter(review=review_world.review, step="self_assessment").exists()


def test_a_refused_submission_says_why_and_saves_nothing(as_person, review_world, attached):
    # The kick-off call is not recorded: the workflow refuses the self-assessment step.
    response = as_person("sur_focal_point").post(f"{PAGE}submit/", follow=True)

    assert "Kick-off call" in response.content.decode()
    assert Checklist.objects.get().status == ChecklistStatus.DRAFT
    assert not StepRecord.objects.filter(step="self_assessment").exists()


def test_once_published_everyone_reads_it(as_person, review_world, person, attached):
    submitted(review_world, person)

    as_person("sur_focal_point").post(f"{PAGE}publish/")

    page = as_person("anonymous").get(PAGE).content.decode()
    assert CONFIDENTIAL in page
    assert "The State under review has published its checklist" in page
