"""The self-assessment checklist of one country review (RULES 4.7, 4.9).

The State under review answers, for every article under review in the cycle (or for a paragraph of
one), the checklist's questions: status of implementation, measures adopted with the laws cited and
attached, examples and statistics, challenges, technical assistance needed (type, priority) and
received. Its life:

    draft ──submit (focal point)──▶ submitted ──lock (secretariat, circulating it)──▶ locked
      ▲                                │
      └──────reopen (secretariat)──────┘

Answers change only while the checklist is a draft. Publication is separate from that life: the
focal point of the State under review alone decides to publish a submitted checklist, and may
withdraw it (RULES 4.9). Every function that writes runs in one transaction: what the rules refuse
raises ReviewRuleError and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from cosp.core.uploads import problem_with
from cosp.states.models import Article, Chapter

from .. import access
from ..cycles import articles_under_review
from ..enums import AssistanceType, ChecklistStatus, Implementation, Priority
from ..models import Checklist, ChecklistAnswer, ChecklistAttachment, CountryReview, StepRecord
from ..timeline import Step
from ..visibility import Item
from .base import ReviewRuleError, record
from .workflow import complete_step  # the review's steps are the workflow's to record

# RULES 4.7's questions, as the fields of an answer, in the order the checklist asks them.
ANSWER_FIELDS: tuple[str, ...] = (
    "implementation",
    "measures",
    "citations",
    "examples",
    "statistics",
    "challenges",
    "assistance_needed",
    "assistance_type",
    "assistance_priority",
    "assistance_received",
)
_CHOICES: dict[str, frozenset[str]] = {
    "implementation": frozenset(Implementation.values),
    "assistance_type": frozenset(AssistanceType.values),
    "assistance_priority": frozenset(Priority.values),
}

# "1", "2 (a)", "3(b)(ii)": the Convention numbers paragraphs and lettered subparagraphs.
_PARAGRAPH = re.compile(r"^(\d{1,2})((?:\s*\([a-z]{1,4}\))*)$")


# --- Reads -----------------------------------------------------------------------------------------


def provisions(review: CountryReview) -> list[Article]:
    """The articles the review's cycle reviews, in order, with their chapters (RULES 4.3)."""
    catalogue = Article.objects.values_list("number", "chapter__roman")
    numbers = articles_under_review(review.cycle, catalogue)
    return list(Article.objects.filter(number__in=numbers).select_related("chapter").order_by("number"))


def article_under_review(review: CountryReview, number: int) -> Article:
    """The article numbered `number`, if the review's cycle reviews it."""
    for article in provisions(review):
        if article.number == number:
            return article
    raise ReviewRuleError(
        _("Article %(number)s is not under review in cycle %(cycle)s."),
        code="article_not_under_review",
        params={"number": number, "cycle": review.cycle},
    )


def find_checklist(review: CountryReview) -> Checklist | None:
    """The review's checklist, or None when nobody has started it (reading never creates one)."""
    return Checklist.objects.filter(review=review).first()


def clean_paragraph(value: str | None) -> str | None:
    """A paragraph reference in one spelling ("2 (a)" → "2(a)"), "" for the whole article, or None
    when it is not a paragraph reference."""
    text = (value or "").strip().lower()
    if not text:
        return ""
    match = _PARAGRAPH.match(text)
    if match is None:
        return None
    return match.group(1) + re.sub(r"\s+", "", match.group(2))


@dataclass(frozen=True)
class ChecklistProgress:
    """How far the State has got: the articles under review with at least one answer giving a status
    of implementation, of all of them. A count of one State's own work, never compared with others."""

    answered: int
    total: int
    unanswered: tuple[int, ...] = ()  # article numbers

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.answered == self.total


@dataclass
class ArticleAnswers:
    article: Article
    answers: list[ChecklistAnswer] = field(default_factory=list)  # the article's, then by paragraph


@dataclass
class ChapterAnswers:
    chapter: Chapter
    articles: list[ArticleAnswers] = field(default_factory=list)


def answers_by_chapter(review: CountryReview, checklist: Checklist | None) -> list[ChapterAnswers]:
    """Every article under review, grouped by chapter, with its answers and their attachments (an
    article nobody has answered is listed with none)."""
    by_article: dict[int, list[ChecklistAnswer]] = {}
    if checklist is not None:
        answers = checklist.answers.prefetch_related(
            Prefetch("attachments", queryset=ChecklistAttachment.objects.order_by("uploaded_at", "pk"))
        ).order_by("article__number", "paragraph")
        for answer in answers:
            by_article.setdefault(answer.article_id, []).append(answer)
    chapters: list[ChapterAnswers] = []
    for article in provisions(review):
        if not chapters or chapters[-1].chapter.pk != article.chapter_id:
            chapters.append(ChapterAnswers(article.chapter))
        chapters[-1].articles.append(ArticleAnswers(article, by_article.get(article.pk, [])))
    return chapters


def progress_of(chapters: Iterable[ChapterAnswers]) -> ChecklistProgress:
    """The progress shown by answers already grouped by `answers_by_chapter`."""
    articles = [item for chapter in chapters for item in chapter.articles]
    unanswered = tuple(
        item.article.number for item in articles if not any(answer.implementation for answer in item.answers)
    )
    return ChecklistProgress(len(articles) - len(unanswered), len(articles), unanswered)


def progress(review: CountryReview) -> ChecklistProgress:
    """How many of the articles under review the State has answered with a status of implementation."""
    return progress_of(answers_by_chapter(review, find_checklist(review)))


# --- Attachments -----------------------------------------------------------------------------------


def check_attachment(upload: UploadedFile) -> None:
    # Laws and policies attached to an answer: texts people can open anywhere.
    problem = problem_with(upload)
    if problem is not None:
        raise ReviewRuleError(problem, code="attachment_refused")


# --- Writes ----------------------------------------------------------------------------------------


def checklist_for(review: CountryReview) -> Checklist:
    """The review's checklist, started (as a draft) if it was not yet."""
    checklist, _created = Checklist.objects.get_or_create(review=review)
    return checklist


def _locked_checklist(review: CountryReview) -> Checklist:
    """The checklist, held against concurrent changes until the transaction ends."""
    checklist_for(review)
    return Checklist.objects.select_for_update().get(review=review)


def _check_draft(checklist: Checklist) -> None:
    if checklist.status == ChecklistStatus.LOCKED:
        raise ReviewRuleError(
            _("The checklist has been locked for circulation to the reviewing experts; it cannot change."),
            code="checklist_locked",
        )
    if checklist.status == ChecklistStatus.SUBMITTED:
        raise ReviewRuleError(
            _(
                "The checklist has been submitted; it can change again only if the secretariat sends "
                "it back to draft."
            ),
            code="checklist_submitted",
        )


def _clean_answer(data: Mapping[str, str]) -> dict[str, str]:
    unknown = set(data) - set(ANSWER_FIELDS)
    if unknown:
        raise ValueError(f"not fields of a checklist answer: {', '.join(sorted(unknown))}")
    values = {name: (data.get(name) or "").strip() for name in ANSWER_FIELDS}
    for name, allowed in _CHOICES.items():
        if values[name] and values[name] not in allowed:
            raise ReviewRuleError(
                _("%(value)s is not a possible %(field)s."),
                code="invalid_choice",
                params={"value": values[name], "field": ChecklistAnswer._meta.get_field(name).verbose_name},
            )
    # RULES 4.7: needs are given with their type and priority; a type or priority alone says nothing.
    if (values["assistance_type"] or values["assistance_priority"]) and not values["assistance_needed"]:
        raise ReviewRuleError(
            _("Describe the technical assistance needed before giving its type or priority."),
            code="assistance_not_described",
        )
    return values


@transaction.atomic
def save_answer(
    review: CountryReview, article: Article | int, paragraph: str, data: Mapping[str, str], *, actor
) -> ChecklistAnswer:
    """Save the answer for an article (paragraph "") or one of its paragraphs, while the checklist is
    a draft. `data` holds fields of ANSWER_FIELDS; those left out are saved empty."""
    number = article if isinstance(article, int) else article.number
    article = article_under_review(review, number)
    cleaned_paragraph = clean_paragraph(paragraph)
    if cleaned_paragraph is None:
        raise ReviewRuleError(
            _("%(value)s is not a paragraph number; write it as 1, or 2 (a)."),
            code="invalid_paragraph",
            params={"value": paragraph},
        )
    values = _clean_answer(data)
    checklist = _locked_checklist(review)
    _check_draft(checklist)
    answer = ChecklistAnswer.objects.filter(
        checklist=checklist, article=article, paragraph=cleaned_paragraph
    ).first() or ChecklistAnswer(checklist=checklist, article=article, paragraph=cleaned_paragraph)
    for name, value in values.items():
        setattr(answer, name, value)
    answer.updated_by = actor
    record(answer, actor=actor, reason="reviews.checklist.answer_saved")
    return answer


def _answer_of(review: CountryReview, answer: ChecklistAnswer) -> None:
    if answer.checklist_id != review.pk:
        raise ReviewRuleError(_("This answer belongs to another review."), code="other_review")


@transaction.atomic
def attach(
    review: CountryReview, answer: ChecklistAnswer, upload: UploadedFile, *, title: str = "", actor
) -> ChecklistAttachment:
    """Attach a law, policy or other text to an answer of a draft checklist: PDF, DOCX, ODT or TXT of
    at most 10 MB, whose content is what its name says. The title defaults to the file's name."""
    _answer_of(review, answer)
    check_attachment(upload)
    checklist = _locked_checklist(review)
    _check_draft(checklist)
    attachment = ChecklistAttachment(
        answer=answer, file=upload, title=(title.strip() or PurePath(upload.name or "").stem)[:300]
    )
    attachment.save()
    answer.updated_by = actor
    record(
        answer,
        actor=actor,
        reason="reviews.checklist.attachment_added",
        update_fields=["updated_at", "updated_by"],
    )
    return attachment


@transaction.atomic
def remove_attachments(review: CountryReview, attachments: Iterable[ChecklistAttachment], *, actor) -> int:
    """Remove attachments from answers of a draft checklist; returns how many. The files go from the
    storage once the removal is committed."""
    checklist = _locked_checklist(review)
    _check_draft(checklist)
    removed = 0
    for attachment in attachments:
        _answer_of(review, attachment.answer)
        stored = attachment.file
        name, storage = stored.name, stored.storage
        attachment.delete()
        transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
        removed += 1
    return removed


@transaction.atomic
def submit(review: CountryReview, *, actor, on: dt.date | None = None) -> Checklist:
    """The focal point submits the draft: it must answer at least one provision with a status of
    implementation. The checklist becomes SUBMITTED and the review's self-assessment step is done on
    `on` (today by default), through workflow.complete_step, whose refusals (the steps before it not
    recorded, a day in the future...) refuse the submission too."""
    checklist = _locked_checklist(review)
    _check_draft(checklist)
    if not checklist.answers.exclude(implementation="").exists():
        raise ReviewRuleError(
            _(
                "The checklist cannot be submitted yet: no answer gives a status of implementation. "
                "Answer at least one article under review first."
            ),
            code="checklist_empty",
        )
    checklist.status = ChecklistStatus.SUBMITTED
    checklist.submitted_at = timezone.now()
    record(
        checklist, actor=actor, reason="reviews.checklist.submitted", update_fields=["status", "submitted_at"]
    )
    # A checklist sent back to draft and submitted again leaves the step as first recorded.
    if not StepRecord.objects.filter(review=review, step=Step.SELF_ASSESSMENT).exists():
        complete_step(review, Step.SELF_ASSESSMENT, on=on or timezone.localdate(), actor=actor)
    return checklist


@transaction.atomic
def lock(review: CountryReview, *, actor) -> Checklist:
    """The secretariat locks the submitted checklist when it circulates it to the reviewing experts
    (RULES 4.6 step 4): from then on it does not change."""
    checklist = _locked_checklist(review)
    if checklist.status == ChecklistStatus.LOCKED:
        raise ReviewRuleError(_("The checklist is already locked."), code="checklist_locked")
    if checklist.status != ChecklistStatus.SUBMITTED:
        raise ReviewRuleError(
            _("The State under review has not submitted its checklist yet; only a submitted one is locked."),
            code="checklist_not_submitted",
        )
    checklist.status = ChecklistStatus.LOCKED
    checklist.locked_at = timezone.now()
    record(checklist, actor=actor, reason="reviews.checklist.locked", update_fields=["status", "locked_at"])
    return checklist


@transaction.atomic
def reopen(review: CountryReview, *, actor) -> Checklist:
    """The secretariat sends a submitted checklist back to the State as a draft, before locking it.
    A published one is not reopened: a draft must never be public (RULES 4.9)."""
    checklist = _locked_checklist(review)
    if checklist.status == ChecklistStatus.LOCKED:
        raise ReviewRuleError(
            _("The checklist has been locked for circulation; it can no longer go back to draft."),
            code="checklist_locked",
        )
    if checklist.status != ChecklistStatus.SUBMITTED:
        raise ReviewRuleError(_("The checklist is already a draft."), code="checklist_draft")
    if checklist.published_at is not None:
        raise ReviewRuleError(
            _(
                "The State under review has published this checklist; its focal point must withdraw "
                "the publication before it goes back to draft."
            ),
            code="checklist_published",
        )
    checklist.status = ChecklistStatus.DRAFT
    checklist.submitted_at = None
    record(
        checklist, actor=actor, reason="reviews.checklist.reopened", update_fields=["status", "submitted_at"]
    )
    return checklist


def _check_publisher(review: CountryReview, actor) -> None:
    decision = access.may_publish(actor, review, Item.SELF_ASSESSMENT)
    if not decision:
        raise ReviewRuleError(decision.message, code=str(decision.reason))


@transaction.atomic
def publish(review: CountryReview, *, actor) -> Checklist:
    """The State under review, through its focal point, makes its submitted checklist public (RULES
    4.7, 4.9); nobody else may."""
    _check_publisher(review, actor)
    checklist = _locked_checklist(review)
    if checklist.status == ChecklistStatus.DRAFT:
        raise ReviewRuleError(
            _("Only a submitted checklist can be published; this one is still a draft."),
            code="checklist_draft",
        )
    if checklist.published_at is not None:
        raise ReviewRuleError(_("The checklist is already published."), code="checklist_published")
    checklist.published_at = timezone.now()
    record(checklist, actor=actor, reason="reviews.checklist.published", update_fields=["published_at"])
    return checklist


@transaction.atomic
def unpublish(review: CountryReview, *, actor) -> Checklist:
    """The State under review withdraws the publication: the checklist is confidential again."""
    _check_publisher(review, actor)
    checklist = _locked_checklist(review)
    if checklist.published_at is None:
        raise ReviewRuleError(_("The checklist is not published."), code="checklist_not_published")
    checklist.published_at = None
    record(checklist, actor=actor, reason="reviews.checklist.unpublished", update_fields=["published_at"])
    return checklist
