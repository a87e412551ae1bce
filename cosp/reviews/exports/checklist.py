"""The self-assessment checklist as a Word document in the UN layout (cosp.core.exports): a masthead
naming the review, then the articles under review by chapter, each answer's fields as labelled
paragraphs. The chapters of the Convention are lettered sections under "Implementation of the
Convention", as in country review reports."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import override

from cosp.core.exports import Block, BlockKind, Masthead, docx_from_blocks
from cosp.core.languages import django_language, un_language

from ..enums import ChecklistStatus
from ..models import Checklist, ChecklistAnswer, CountryReview
from ..services.checklist import ChapterAnswers


def field_label(name: str) -> str:
    """A field of the answer, labelled as the model names it (the page and the DOCX alike)."""
    return str(capfirst(ChecklistAnswer._meta.get_field(name).verbose_name))


def _labelled(label: str, value: str) -> list[Block]:
    """A field as "Label: first paragraph", its further paragraphs under it."""
    paragraphs = [line.strip() for line in value.splitlines() if line.strip()]
    if not paragraphs:
        return []
    return [Block(BlockKind.TEXT, f"{label}: {paragraphs[0]}")] + [
        Block(BlockKind.TEXT, line) for line in paragraphs[1:]
    ]


def answer_blocks(answer: ChecklistAnswer) -> list[Block]:
    """One answer's fields as labelled paragraphs, leaving out those left empty."""
    blocks: list[Block] = []
    if answer.implementation:
        blocks += _labelled(field_label("implementation"), answer.get_implementation_display())
    blocks += _labelled(field_label("measures"), answer.measures)
    blocks += _labelled(field_label("citations"), answer.citations)
    titles = [attachment.title for attachment in answer.attachments.all()]
    if titles:
        blocks.append(Block(BlockKind.TEXT, f"{_('Texts attached')}: {'; '.join(titles)}"))
    for name in ("examples", "statistics", "challenges", "assistance_needed"):
        blocks += _labelled(field_label(name), getattr(answer, name))
    details = [
        f"{field_label(name)}: {getattr(answer, f'get_{name}_display')()}"
        for name in ("assistance_type", "assistance_priority")
        if getattr(answer, name)
    ]
    if details:
        blocks.append(Block(BlockKind.TEXT, "; ".join(details)))
    blocks += _labelled(field_label("assistance_received"), answer.assistance_received)
    return blocks


def _day(moment) -> str:
    return date_format(timezone.localtime(moment).date(), "DATE_FORMAT")


def status_line(checklist: Checklist | None) -> str:
    if checklist is None or checklist.status == ChecklistStatus.DRAFT:
        line = _("Draft, not submitted.")
    elif checklist.locked_at is not None:
        line = _("Submitted on %(submitted)s; locked for circulation on %(locked)s.") % {
            "submitted": _day(checklist.submitted_at) if checklist.submitted_at else "—",
            "locked": _day(checklist.locked_at),
        }
    else:
        line = _("Submitted on %(submitted)s.") % {
            "submitted": _day(checklist.submitted_at) if checklist.submitted_at else "—"
        }
    if checklist is not None and checklist.published_at is not None:
        line += " " + _("Published by the State under review on %(day)s.") % {
            "day": _day(checklist.published_at)
        }
    return line


def checklist_blocks(
    review: CountryReview, checklist: Checklist | None, chapters: Sequence[ChapterAnswers]
) -> list[Block]:
    """The document's content in the active language."""
    state = review.state.short_name
    reviewers = ", ".join(reviewer.state.short_name for reviewer in review.reviewers.all()) or "—"
    blocks = [
        Block(BlockKind.TITLE, _("Self-assessment checklist: %(state)s") % {"state": state}),
        Block(BlockKind.CHAPTER, _("The review")),
        Block(BlockKind.TEXT, f"{_('State under review')}: {state}"),
        Block(BlockKind.TEXT, f"{_('Reviewing States')}: {reviewers}"),
        Block(
            BlockKind.TEXT,
            _("Cycle %(cycle)s, year %(year)s of the cycle") % {"cycle": review.cycle, "year": review.year},
        ),
        Block(BlockKind.TEXT, f"{_('Status')}: {status_line(checklist)}"),
        Block(BlockKind.CHAPTER, _("Implementation of the Convention")),
    ]
    for chapter in chapters:
        blocks.append(
            Block(
                BlockKind.SECTION,
                _("Chapter %(roman)s. %(title)s")
                % {"roman": chapter.chapter.roman, "title": chapter.chapter.title},
            )
        )
        for item in chapter.articles:
            article = item.article
            blocks.append(
                Block(
                    BlockKind.SUBHEADING,
                    _("Article %(number)s. %(title)s") % {"number": article.number, "title": article.title},
                )
            )
            if not item.answers:
                blocks.append(Block(BlockKind.TEXT, _("No answer.")))
            for answer in item.answers:
                if answer.paragraph:
                    blocks.append(
                        Block(BlockKind.TEXT, _("Paragraph %(paragraph)s") % {"paragraph": answer.paragraph})
                    )
                blocks += answer_blocks(answer) or [Block(BlockKind.TEXT, _("No answer."))]
    return blocks


def checklist_masthead(review: CountryReview, checklist: Checklist | None) -> Masthead:
    """Restricted until the State under review publishes its checklist (RULES 4.9)."""
    published = checklist is not None and checklist.published_at is not None
    return Masthead(
        distribution=_("Distr.: General") if published else _("Distr.: Restricted"),
        date=date_format(timezone.localdate(), "DATE_FORMAT"),
        body=_("Implementation Review Mechanism: review of %(state)s, cycle %(cycle)s")
        % {"state": review.state.short_name, "cycle": review.cycle},
    )


def checklist_docx(
    review: CountryReview, checklist: Checklist | None, chapters: Sequence[ChapterAnswers], language: str
) -> bytes:
    """The checklist as DOCX in `language` (one of the six UN languages). Labels are translated; the
    answers stay in the language the State wrote them in."""
    code = un_language(language)
    with override(django_language(code)):
        blocks = checklist_blocks(review, checklist, chapters)
        masthead = checklist_masthead(review, checklist)
    return docx_from_blocks(blocks, code, masthead)
