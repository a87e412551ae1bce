"""The self-assessment checklist's services and DOCX (RULES 4.7, 4.9): answers only while a draft,
attachments checked, submission through the review's workflow, lock, reopen, publication by the State
under review alone; a refused action saves nothing."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from cosp.reviews.enums import ChecklistStatus
from cosp.reviews.exports.checklist import checklist_docx
from cosp.reviews.models import Checklist, ChecklistAnswer, ChecklistAttachment, StepRecord
from cosp.reviews.services import ReviewRuleError
from cosp.reviews.services import checklist as service
from cosp.states.models import Article, Chapter

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

CHAPTER_II = list(range(5, 15))
CHAPTER_V = list(range(51, 60))
ANSWER = {
    "implementation": "partly",
    "measures": "A procurement law requires open tenders above a threshold.",
    "citations": "Procurement Act, sections 4-9.",
    "assistance_needed": "Training of procurement officers in risk analysis.",
    "assistance_type": "capacity_building",
    "assistance_priority": "high",
}
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(review_world):
    return review_world


@pytest.fixture
def review(world):
    return world.review


@pytest.fixture
def person(world):
    return world.people


def ready_for_checklist(review) -> None:
    """The steps the self-assessment waits for, recorded as done (the workflow's precondition)."""
    for step, day in (
        ("notification", date(2026, 1, 5)),
        ("focal_point_nomination", date(2026, 1, 20)),
        ("kick_off_call", date(2026, 2, 3)),
    ):
        StepRecord.objects.create(review=review, step=step, completed_on=day)


def answered(review, person, article: int = 9, paragraph: str = "", **fields):
    return service.save_answer(
        review, article, paragraph, {**ANSWER, **fields}, actor=person["sur_focal_point"]
    )


def submitted(review, person):
    answered(review, person)
    ready_for_checklist(review)
    return service.submit(review, actor=person["sur_focal_point"], on=date(2026, 3, 2))


def snapshot(review):
    """What a refused action must leave untouched."""
    checklist = Checklist.objects.filter(review=review).first()
    return (
        checklist and (checklist.status, checklist.submitted_at, checklist.locked_at, checklist.published_at),
        list(ChecklistAnswer.objects.values_list("pk", "paragraph", "implementation", "measures")),
        list(ChecklistAttachment.objects.values_list("pk", "title")),
        list(StepRecord.objects.filter(review=review).values_list("step", "completed_on")),
    )


# --- What the checklist covers ---------------------------------------------------------------------


def test_provisions_are_the_articles_of_the_cycles_chapters_in_order(review):
    assert [article.number for article in service.provisions(review)] == CHAPTER_II + CHAPTER_V


def test_article_outside_the_cycle_is_refused(review):
    chapter = Chapter.objects.create(number=3, roman="III", title_en="Criminalization and law enforcement")
    Article.objects.create(number=15, chapter=chapter, title_en="Bribery of national public officials")

    with pytest.raises(ReviewRuleError) as refused:
        service.article_under_review(review, 15)

    assert refused.value.code == "article_not_under_review"
    assert service.article_under_review(review, 9).number == 9


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("", ""),
        (None, ""),
        ("  ", ""),
        ("1", "1"),
        ("2 (a)", "2(a)"),
        ("2(A)", "2(a)"),
        ("3 (b) (ii)", "3(b)(ii)"),
        ("(a)", None),
        ("paragraph 1", None),
        ("123", None),
        ("1; DROP", None),
    ],
)
def test_paragraph_references_have_one_spelling(given, expected):
    assert service.clean_paragraph(given) == expected


# --- Answers ---------------------------------------------------------------------------------------


def test_reading_never_starts_a_checklist(review):
    assert service.find_checklist(review) is None
    assert service.answers_by_chapter(review, None)[0].articles[0].answers == []
    assert not Checklist.objects.exists()


def test_saving_an_answer_starts_the_checklist_as_a_draft_and_updates_the_same_answer(review, person):
    first = answered(review, person)
    second = answered(review, person, measures="The law was amended in 2025.", implementation="yes")

    assert first.pk == second.pk
    assert service.find_checklist(review).status == ChecklistStatus.DRAFT
    saved = ChecklistAnswer.objects.get()
    assert (saved.implementation, saved.measures) == ("yes", "The law was amended in 2025.")
    assert saved.updated_by == person["sur_focal_point"]
    assert saved.history.first().history_user == person["sur_focal_point"]


def test_an_article_and_its_paragraphs_have_their_own_answers(review, person):
    answered(review, person)
    answered(review, person, paragraph="1")
    answered(review, person, paragraph="2 (a)", implementation="no")

    assert list(ChecklistAnswer.objects.values_list("paragraph", "implementation")) == [
        ("", "partly"),
        ("1", "partly"),
        ("2(a)", "no"),
    ]


def test_fields_left_out_are_saved_empty(review, person):
    answered(review, person)
    service.save_answer(review, 9, "", {"implementation": "no"}, actor=person["sur_expert"])

    saved = ChecklistAnswer.objects.get()
    assert (saved.implementation, saved.measures, saved.assistance_type) == ("no", "", "")


@pytest.mark.parametrize(
    ("article", "paragraph", "fields", "code"),
    [
        (30, "", {}, "article_not_under_review"),
        (9, "first", {}, "invalid_paragraph"),
        (9, "", {"implementation": "maybe"}, "invalid_choice"),
        (9, "", {"assistance_priority": "urgent"}, "invalid_choice"),
        (9, "", {"assistance_needed": "", "assistance_type": "data", "assistance_priority": ""}, None),
        (9, "", {"assistance_needed": " ", "assistance_priority": "low", "assistance_type": ""}, None),
    ],
)
def test_an_answer_the_rules_refuse_saves_nothing(review, person, article, paragraph, fields, code):
    answered(review, person, article=10)
    before = snapshot(review)

    with pytest.raises(ReviewRuleError) as refused:
        service.save_answer(review, article, paragraph, {**ANSWER, **fields}, actor=person["sur_focal_point"])

    assert refused.value.code == (code or "assistance_not_described")
    assert snapshot(review) == before


def test_an_unknown_field_is_a_programming_error(review, person):
    with pytest.raises(ValueError, match="score"):
        service.save_answer(review, 9, "", {"score": "5"}, actor=person["sur_focal_point"])


@pytest.mark.parametrize("status", [ChecklistStatus.SUBMITTED, ChecklistStatus.LOCKED])
def test_answers_change_only_while_a_draft(review, person, status):
    answered(review, person)
    Checklist.objects.filter(review=review).update(status=status)
    before = snapshot(review)

    with pytest.raises(ReviewRuleError) as refused:
        answered(review, person, measures="Changed after submission.")

    assert refused.value.code == f"checklist_{status}"
    assert snapshot(review) == before


# --- Attachments -----------------------------------------------------------------------------------


def test_attach_stores_the_file_under_a_title(review, person):
    answer = answered(review, person)

    attached = service.attach(
        review, answer, SimpleUploadedFile("procurement-act.pdf", PDF), actor=person["sur_expert"]
    )
    titled = service.attach(
        review,
        answer,
        SimpleUploadedFile("act.pdf", PDF),
        title="  Public Procurement Act 2018 ",
        actor=person["sur_expert"],
    )

    assert (attached.title, titled.title) == ("procurement-act", "Public Procurement Act 2018")
    assert attached.file.read() == PDF
    assert not attached.file.name.startswith("/")


def test_a_refused_attachment_saves_nothing(review, person):
    answer = answered(review, person)
    before = snapshot(review)

    with pytest.raises(ReviewRuleError, match=r"law\.exe"):
        service.attach(review, answer, SimpleUploadedFile("law.exe", b"MZ"), actor=person["sur_expert"])

    assert snapshot(review) == before


def test_no_attachment_once_submitted(review, person):
    submitted(review, person)
    answer = ChecklistAnswer.objects.get()
    before = snapshot(review)

    with pytest.raises(ReviewRuleError) as refused:
        service.attach(review, answer, SimpleUploadedFile("law.pdf", PDF), actor=person["sur_focal_point"])

    assert refused.value.code == "checklist_submitted"
    assert snapshot(review) == before


def test_an_answer_of_another_review_is_refused(world, person):
    other_answer = service.save_answer(world.other_review, 9, "", ANSWER, actor=None)

    with pytest.raises(ReviewRuleError) as refused:
        service.attach(
            world.review, other_answer, SimpleUploadedFile("law.pdf", PDF), actor=person["sur_focal_point"]
        )

    assert refused.value.code == "other_review"
    assert not ChecklistAttachment.objects.exists()


def test_removing_an_attachment_deletes_its_file_once_committed(
    review, person, django_capture_on_commit_callbacks
):
    answer = answered(review, person)
    attached = service.attach(review, answer, SimpleUploadedFile("law.pdf", PDF), actor=person["sur_expert"])
    storage, name = attached.file.storage, attached.file.name

    with django_capture_on_commit_callbacks(execute=True):
        removed = service.remove_attachments(review, [attached], actor=person["sur_expert"])

    assert removed == 1
    assert not ChecklistAttachment.objects.exists()
    assert not storage.exists(name)


# --- Submission, lock, reopening -------------------------------------------------------------------


def test_submit_records_the_self_assessment_step(review, person):
    checklist = submitted(review, person)

    assert checklist.status == ChecklistStatus.SUBMITTED
    assert checklist.submitted_at is not None
    step = StepRecord.objects.get(review=review, step="self_assessment")
    assert (step.completed_on, step.recorded_by) == (date(2026, 3, 2), person["sur_focal_point"])


def test_a_checklist_with_no_status_of_implementation_is_not_submitted(review, person):
    answered(review, person, implementation="")
    ready_for_checklist(review)
    before = snapshot(review)

    with pytest.raises(ReviewRuleError) as refused:
        service.submit(review, actor=person["sur_focal_point"], on=date(2026, 3, 2))

    assert refused.value.code == "checklist_empty"
    assert snapshot(review) == before


def test_the_workflows_refusal_refuses_the_submission(review, person):
    answered(review, person)  # the kick-off call is not recorded
    before = snapshot(review)

    with pytest.raises(ReviewRuleError) as refused:
        service.submit(review, actor=person["sur_focal_point"], on=date(2026, 3, 2))

    assert refused.value.code == "predecessors_open"
    assert snapshot(review) == before


def test_submitting_twice_is_refused(review, person):
    submitted(review, person)
    before = snapshot(review)

    with pytest.raises(ReviewRuleError) as refused:
        service.submit(review, actor=person["sur_focal_point"])

    assert refused.value.code == "checklist_submitted"
    assert snapshot(review) == before


def test_lock_freezes_the_submitted_checklist(review, person):
    submitted(review, person)

    checklist = service.lock(review, actor=person["secretariat"])

    assert (checklist.status, checklist.locked_at is not None) == (ChecklistStatus.LOCKED, True)
    for action in (service.lock, service.reopen):
        with pytest.raises(ReviewRuleError) as refused:
            action(review, actor=person["secretariat"])
        assert refused.value.code == "checklist_locked"


def test_a_draft_is_not_locked(review, person):
    answered(review, person)
    before = snapshot(review)

    with pytest.raises(ReviewRuleError) as refused:
        service.lock(review, actor=person["secretariat"])

    assert refused.value.code == "checklist_not_submitted"
    assert snapshot(review) == before


def test_reopen_sends_it_back_and_a_second_submission_keeps_the_first_step(review, person):
    submitted(review, person)

    reopened = service.reopen(review, actor=person["secretariat"])
    answered(review, person, measures="Completed at the secretariat's request.")
    again = service.submit(review, actor=person["sur_focal_point"])

    assert reopened.status == ChecklistStatus.DRAFT
    assert again.status == ChecklistStatus.SUBMITTED
    assert list(
        StepRecord.objects.filter(review=review, step="self_assessment").values_list(
            "completed_on", flat=True
        )
    ) == [date(2026, 3, 2)]


def test_a_draft_is_not_reopened(review, person):
    answered(review, person)

    with pytest.raises(ReviewRuleError) as refused:
        service.reopen(review, actor=person["secretariat"])

    assert refused.value.code == "checklist_draft"


def test_a_published_checklist_is_not_reopened(review, person):
    submitted(review, person)
    service.publish(review, actor=person["sur_focal_point"])
    before = snapshot(review)

    with pytest.raises(ReviewRuleError) as refused:
        service.reopen(review, actor=person["secretariat"])

    assert refused.value.code == "checklist_published"
    assert snapshot(review) == before


# --- Publication (RULES 4.9) -----------------------------------------------------------------------


def test_the_focal_point_publishes_and_withdraws(review, person):
    submitted(review, person)

    published = service.publish(review, actor=person["sur_focal_point"])
    assert published.published_at is not None
    withdrawn = service.unpublish(review, actor=person["sur_focal_point"])
    assert withdrawn.published_at is None


@pytest.mark.parametrize(
    "position",
    ["secretariat", "sur_expert", "sur_delegate", "reviewing_expert", "reviewing_focal_point", "observer"],
)
def test_nobody_else_publishes(review, person, position):
    submitted(review, person)
    before = snapshot(review)

    with pytest.raises(ReviewRuleError):
        service.publish(review, actor=person[position])

    assert snapshot(review) == before


def test_the_secretariat_is_told_why_it_may_not_publish(review, person):
    submitted(review, person)

    with pytest.raises(ReviewRuleError) as refused:
        service.publish(review, actor=person["secretariat"])

    assert "State under review" in refused.value.messages[0]


def test_a_draft_is_not_published_and_nothing_twice(review, person):
    answered(review, person)
    with pytest.raises(ReviewRuleError) as refused:
        service.publish(review, actor=person["sur_focal_point"])
    assert refused.value.code == "checklist_draft"

    with pytest.raises(ReviewRuleError) as refused:
        service.unpublish(review, actor=person["sur_focal_point"])
    assert refused.value.code == "checklist_not_published"

    Checklist.objects.filter(review=review).update(status=ChecklistStatus.LOCKED)  # circulated: publishable
    service.publish(review, actor=person["sur_focal_point"])
    with pytest.raises(ReviewRuleError) as refused:
        service.publish(review, actor=person["sur_focal_point"])
    assert refused.value.code == "checklist_published"


# --- Progress --------------------------------------------------------------------------------------


def test_progress_counts_articles_answered_with_a_status(review, person):
    answered(review, person, article=5)
    answered(review, person, article=9, paragraph="1")
    answered(review, person, article=10, implementation="")  # a draft without a status yet

    progress = service.progress(review)

    assert (progress.answered, progress.total) == (2, 19)
    assert set(progress.unanswered) == set(CHAPTER_II + CHAPTER_V) - {5, 9}
    assert not progress.complete


def test_progress_of_a_checklist_not_started(review):
    progress = service.progress(review)

    assert (progress.answered, progress.total, len(progress.unanswered)) == (0, 19, 19)


# --- DOCX ------------------------------------------------------------------------------------------


def docx_text(content: bytes) -> list[str]:
    return [paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs]


def test_docx_has_the_masthead_chapters_articles_and_labelled_answers(review, person):
    answer = answered(review, person)
    answered(review, person, paragraph="2 (a)", implementation="no", measures="", citations="")
    service.attach(
        review,
        answer,
        SimpleUploadedFile("act.pdf", PDF),
        title="Procurement Act",
        actor=person["sur_expert"],
    )
    checklist = service.find_checklist(review)

    text = docx_text(checklist_docx(review, checklist, service.answers_by_chapter(review, checklist), "en"))

    assert "Distr.: Restricted" in text
    assert "Implementation Review Mechanism: review of AUT, cycle 2" in text
    assert "Self-assessment checklist: AUT" in text
    assert "Reviewing States: DEU, FRA" in text
    assert "A. Chapter II. Preventive measures" in text
    assert "B. Chapter V. Asset recovery" in text
    assert "Article 9. Article 9" in text
    assert "Status of implementation: Partly" in text
    assert f"Measures adopted: {ANSWER['measures']}" in text
    assert "Texts attached: Procurement Act" in text
    assert "Type of assistance: Capacity-building and training; Priority: High" in text
    assert "Paragraph 2(a)" in text
    assert "Status of implementation: No" in text
    assert text.count("No answer.") == 18  # every other article under review


def test_docx_of_a_published_checklist_is_for_general_distribution(review, person):
    submitted(review, person)
    service.publish(review, actor=person["sur_focal_point"])
    checklist = service.find_checklist(review)

    text = docx_text(checklist_docx(review, checklist, service.answers_by_chapter(review, checklist), "en"))

    assert "Distr.: General" in text
    assert any(line.startswith("Status: Submitted on") and "Published" in line for line in text)


@pytest.mark.parametrize("language", ["ar", "zh", "fr", "ru", "es"])
def test_docx_in_every_un_language(review, person, language):
    answered(review, person)
    checklist = service.find_checklist(review)

    content = checklist_docx(review, checklist, service.answers_by_chapter(review, checklist), language)

    assert ANSWER["measures"] in " ".join(docx_text(content))
