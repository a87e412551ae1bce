"""The country review report and its executive summary (issue 6 §2, RULES 4.6 steps 8-11, 4.8, 4.9).

Writes, each in one transaction (a refusal raises ReviewRuleError and saves nothing):
- `ensure_sections`: the sections of a document in a language, from the blueprint, prefilled from the
  review's findings where it has some;
- `save_section`: a new text for a section, kept as a new SectionVersion. The editor names the version
  they started from; if someone saved meanwhile, the save is refused with who and when, so no text is
  overwritten silently;
- `comment`, `resolve_comment`: comments on a section by the review's circle;
- `send_to_state` (secretariat, step 9), `agree` (the focal point of the State under review, steps
  9-10; completes the workflow's "agreement" step), `agree_to_publish_report` and `publish_report`
  (the full report is published only with the State's agreement, 4.9), `issue_summary` (the
  secretariat issues the summary as an IRG document, 4.9).

What can still change: a document is final once public (the report once published, the summary once
issued: the public sees exactly the text that was made public, never a later draft). Once the State
has agreed, the text in the review's working language is what it agreed to; translations into the
other languages go on until the document is made public.

Reads: `document_items` (the outline with each section's text, for pages and files), `diff_texts`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cosp.core.exports import Masthead
from cosp.core.languages import UN_LANGUAGES, clean_language, django_language
from cosp.documents.symbols import clean_symbol
from cosp.states.models import Article, Chapter

from .. import access, blueprint
from ..blueprint import ArticleRef, Document, Entry, Level
from ..cycles import get_cycle
from ..enums import DirectDialogueKind, FindingType, ReportKind, ReportStatus
from ..exports.reports import ReportFile
from ..models import CountryReview, Finding, ReportSection, SectionComment, SectionVersion
from ..visibility import Item
from . import workflow
from .base import ReviewRuleError, record

# The series the executive summaries are issued in (CAC/COSP/IRG/II/1/1/Add.5).
SUMMARY_SERIES = "CAC/COSP/IRG"


# --- Languages and outlines ----------------------------------------------------------------------------


def document_language(value: str | None) -> str:
    """The UN code of a document's language ('zh-hans' → 'zh'); ReviewRuleError for anything else."""
    code = clean_language(value)
    if code is None:
        raise ReviewRuleError(
            _("“%(language)s” is not one of the six languages of the United Nations."),
            code="unknown_language",
            params={"language": value},
        )
    return code


def stored_language(language: str) -> str:
    """How ReportSection.language stores a UN language (Django's codes: 'zh' → 'zh-hans')."""
    return django_language(document_language(language))


def working_language(review: CountryReview) -> str:
    """The language the review works in (chosen at the kick-off call), English until it is chosen."""
    return clean_language(review.language) or "en"


def _kind(kind: str) -> Document:
    try:
        return Document(kind)
    except ValueError:
        raise ReviewRuleError(
            _("“%(kind)s” is not a document of a review."), code="unknown_document", params={"kind": kind}
        ) from None


def outline_for(review: CountryReview, kind: str, language: str) -> tuple[Entry, ...]:
    """The blueprint of `kind` for the review's cycle, with the Convention's titles in `language`."""
    code = document_language(language)
    articles, chapters = _catalogue(code)
    return blueprint.outline(_kind(kind), review.cycle, articles, chapters, language=code)


def _catalogue(language: str) -> tuple[list[ArticleRef], dict[str, str]]:
    """The Convention's articles and chapters with their titles in `language` (two queries)."""
    with translation.override(django_language(language)):
        articles = [
            ArticleRef(article.number, article.chapter.roman, article.title)
            for article in Article.objects.select_related("chapter")
        ]
        chapters = {chapter.roman: chapter.title for chapter in Chapter.objects.all()}
    return articles, chapters


# --- What can change -----------------------------------------------------------------------------------


def lock_reason(review: CountryReview, kind: str, language: str) -> str | None:
    """Why a document of the review can no longer be edited or commented on in `language`, or None."""
    if kind == Document.REPORT and review.report_published_on is not None:
        return _("The report was published on %(day)s: its text is final.") % {
            "day": _day(review.report_published_on)
        }
    if kind == Document.SUMMARY and review.summary_issued_on is not None:
        return _("The executive summary was issued on %(day)s: its text is final.") % {
            "day": _day(review.summary_issued_on)
        }
    if review.report_status == ReportStatus.AGREED and document_language(language) == working_language(
        review
    ):
        return _(
            "The State under review agreed the report on %(day)s: the text in the language of the review "
            "is what it agreed to. Translations into the other languages can still be edited."
        ) % {"day": _day(review.agreed_on) if review.agreed_on else "—"}
    return None


def _check_open(review: CountryReview, kind: str, language: str) -> None:
    reason = lock_reason(review, kind, language)
    if reason is not None:
        raise ReviewRuleError(reason, code="final")


def _day(day: dt.date) -> str:
    return date_format(day, "DATE_FORMAT")


def _name(user) -> str:
    if user is None:
        return _("someone whose account was removed")
    return user.display_name


def _check_editor(review: CountryReview, actor) -> None:
    """The reviewing experts and the secretariat write the report (RULES 4.8); None is the platform
    itself (demo data, commands)."""
    if actor is not None and not actor.has_perm("reviews.edit_report", review):
        raise ReviewRuleError(
            _("Only the reviewing experts of this review and the secretariat write its report."),
            code="not_allowed",
        )


# --- Prefilling from the findings ------------------------------------------------------------------------


def _finding_line(finding: Finding) -> str:
    text = " ".join(finding.text.split())
    if finding.paragraph:
        text = _("(Paragraph %(paragraph)s) %(text)s") % {"paragraph": finding.paragraph, "text": text}
    if finding.kind == FindingType.RECOMMENDATION:
        return _("Recommendation: %(text)s") % {"text": text}
    return text


def suggested_text(review: CountryReview, entry: Entry, language: str) -> str:
    """A first draft of a section from what the review recorded: its findings of the entry's types on
    the entry's article (report) or chapter (summary), one bullet each, in `language` where the
    finding has that language; for the visit paragraph, the kind and dates of the visit. Empty when
    there is nothing to draw on."""
    return suggestions(review, [entry], language).get(entry.key, "")


def suggestions(review: CountryReview, entries: Sequence[Entry], language: str) -> dict[str, str]:
    """suggested_text for many entries at once (one query for the findings), by key; entries with
    nothing to draw on are left out."""
    code = document_language(language)
    found: dict[str, str] = {}
    with translation.override(django_language(code)):
        findings = list(
            Finding.objects.filter(review=review)
            .select_related("article__chapter")
            .order_by("position", "pk")
        )
        for entry in entries:
            if entry.key == "process-direct-dialogue":
                text = _visit_paragraph(review)
            else:
                order = {kind: index for index, kind in enumerate(entry.finding_types)}
                chosen = sorted(
                    (f for f in findings if f.kind in order and _concerns(entry, f)),
                    key=lambda f: (order[f.kind], f.article.number),  # stable: position, pk within
                )
                text = "\n".join(f"- {_finding_line(finding)}" for finding in chosen)
            if text:
                found[entry.key] = text
    return found


def _concerns(entry: Entry, finding: Finding) -> bool:
    if entry.article is not None:
        return finding.article.number == entry.article
    return entry.chapter is not None and finding.article.chapter.roman == entry.chapter


def _visit_paragraph(review: CountryReview) -> str:
    if not (review.direct_dialogue_kind and review.direct_dialogue_starts and review.direct_dialogue_ends):
        return ""
    params = {
        "starts": _day(review.direct_dialogue_starts),
        "ends": _day(review.direct_dialogue_ends),
        "state": review.state,
    }
    if review.direct_dialogue_kind == DirectDialogueKind.JOINT_MEETING_VIENNA:
        return (
            _(
                "At the request of %(state)s, a joint meeting of the reviewing experts and the State under "
                "review was held in Vienna from %(starts)s to %(ends)s."
            )
            % params
        )
    return (
        _(
            "At the request of %(state)s, the reviewing experts made a country visit from %(starts)s "
            "to %(ends)s."
        )
        % params
    )


# --- Sections ---------------------------------------------------------------------------------------------


@transaction.atomic
def ensure_sections(review: CountryReview, kind: str, language: str, *, actor=None) -> list[ReportSection]:
    """The document's sections in `language`, creating those the blueprint has and the review lacks.

    A new section starts from `suggested_text` when there is one (saved as version 1, "prefilled");
    existing sections keep their text and get the blueprint's position. Refused: an unknown document
    or language, an actor who does not write the report, and a document that is final (nothing may be
    added to a public text). Returns the sections in order."""
    code = document_language(language)
    document = _kind(kind)
    stored = django_language(code)
    entries = blueprint.written_entries(outline_for(review, document, code))
    existing = {section.key: section for section in review.sections.filter(kind=document, language=stored)}
    missing = [entry for entry in entries if entry.key not in existing]
    if missing:
        _check_editor(review, actor)
        _check_open(review, document, code)
    articles = {article.number: article for article in Article.objects.filter(number__in=_articles(missing))}
    prefilled = suggestions(review, missing, code) if missing else {}
    positions = {entry.key: index for index, entry in enumerate(entries)}
    created = ReportSection.objects.bulk_create(
        ReportSection(
            review=review,
            kind=document,
            language=stored,
            key=entry.key,
            heading=entry.heading,
            position=positions[entry.key],
            article=articles.get(entry.article) if entry.article is not None else None,
            text=prefilled.get(entry.key, ""),
            version=1 if entry.key in prefilled else 0,
        )
        for entry in missing
    )
    author = actor if actor is not None and actor.is_authenticated else None
    SectionVersion.objects.bulk_create(
        SectionVersion(
            section=section,
            number=1,
            text=section.text,
            author=author,
            comment=_("Prefilled from the review's records"),
        )
        for section in created
        if section.version
    )
    by_key = {**existing, **{section.key: section for section in created}}
    sections = [by_key[entry.key] for entry in entries]
    moved = []
    for position, section in enumerate(sections):
        if section.position != position:
            section.position = position
            moved.append(section)
    ReportSection.objects.bulk_update(moved, ["position"])
    return sections


def _articles(entries: Sequence[Entry]) -> set[int]:
    return {entry.article for entry in entries if entry.article is not None}


def _clean_text(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def _new_version(section: ReportSection, text: str, *, actor, comment: str = "") -> SectionVersion:
    section.version += 1
    section.text = text
    section.save(update_fields=["text", "version"])
    return SectionVersion.objects.create(
        section=section,
        number=section.version,
        text=text,
        author=actor if actor is not None and actor.is_authenticated else None,
        comment=comment[:300],
    )


@transaction.atomic
def save_section(
    section: ReportSection, text: str, *, base_version: int, actor, comment: str = ""
) -> ReportSection:
    """Save a new text of the section as a new version, keeping every earlier one.

    `base_version` is the version the editor started from. If it is not the section's version any
    more, someone saved in between: the save is refused (code "stale_version") with who saved and
    when, and nothing is written, so the editor can compare the two texts and save a merge on top of
    the newer version. Also refused: an actor who does not write the report, a final document, and a
    text the same as the current one."""
    current = (
        ReportSection.objects.select_for_update(of=("self",))
        .select_related("review__state")
        .get(pk=section.pk)
    )
    _check_editor(current.review, actor)
    _check_open(current.review, current.kind, current.language)
    if current.version != base_version:
        latest = current.versions.select_related("author").order_by("-number").first()
        raise ReviewRuleError(
            _(
                "%(name)s saved version %(version)s of this section on %(when)s, after you opened "
                "version %(base)s. Your text has not been saved: compare it with theirs, merge the two "
                "and save again."
            ),
            code="stale_version",
            params={
                "name": _name(latest.author) if latest else _("someone"),
                "version": current.version,
                "when": date_format(timezone.localtime(latest.saved_at), "DATETIME_FORMAT")
                if latest
                else "—",
                "base": base_version,
            },
        )
    text = _clean_text(text)
    if text == current.text:
        raise ReviewRuleError(
            _("The text is the same as version %(version)s: there is nothing to save."),
            code="unchanged",
            params={"version": current.version},
        )
    _new_version(current, text, actor=actor, comment=comment.strip())
    section.text, section.version = current.text, current.version
    return current


@transaction.atomic
def comment(section: ReportSection, text: str, *, actor) -> SectionComment:
    """A comment by someone of the review's circle on the version of the section they read (the State
    under review comments on the draft before agreeing, RULES 4.6 steps 8-10). Refused: an empty
    comment, someone outside the circle, a final document."""
    review = section.review
    if actor is None or not access.in_circle(actor, review):
        raise ReviewRuleError(
            _("Only the State under review, its reviewers and the secretariat comment on the draft."),
            code="not_allowed",
        )
    text = _clean_text(text)
    if not text:
        raise ReviewRuleError({"text": ReviewRuleError(_("Write the comment first."), code="empty")})
    _check_open(review, section.kind, section.language)
    return SectionComment.objects.create(section=section, version=section.version, author=actor, text=text)


@transaction.atomic
def resolve_comment(comment: SectionComment, *, actor) -> SectionComment:
    """Mark a comment dealt with. Its author may, and so may whoever writes the report."""
    review = comment.section.review
    allowed = actor is not None and (
        comment.author_id == actor.pk or actor.has_perm("reviews.edit_report", review)
    )
    if not allowed:
        raise ReviewRuleError(
            _("A comment is resolved by its author or by those who write the report."), code="not_allowed"
        )
    if comment.resolved:
        raise ReviewRuleError(_("This comment is already resolved."), code="already_resolved")
    comment.resolved = True
    comment.save(update_fields=["resolved"])
    return comment


# --- The report's course: sent, agreed, published; the summary issued ------------------------------------


def _locked(review: CountryReview) -> CountryReview:
    return CountryReview.objects.select_for_update(of=("self",)).select_related("state").get(pk=review.pk)


def _refresh(original: CountryReview, saved: CountryReview) -> None:
    for name in (
        "report_status",
        "agreed_on",
        "report_publication_agreed_on",
        "report_published_on",
        "summary_issued_on",
        "summary_symbol",
    ):
        setattr(original, name, getattr(saved, name))


def _check_day(on: dt.date, *, not_before: dt.date | None = None, what: str = "") -> None:
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise ReviewRuleError({"on": ReviewRuleError(_("Give the day as a date."), code="not_a_date")})
    if on > timezone.localdate():
        raise ReviewRuleError(
            {
                "on": ReviewRuleError(
                    _("%(day)s is in the future: record this on the day it happens."),
                    code="future_date",
                    params={"day": _day(on)},
                )
            }
        )
    if not_before is not None and on < not_before:
        raise ReviewRuleError(
            {
                "on": ReviewRuleError(
                    _("This cannot be dated before %(what)s (%(day)s)."),
                    code="too_early",
                    params={"what": what, "day": _day(not_before)},
                )
            }
        )


def _has_text(review: CountryReview, kind: str, language: str) -> bool:
    return review.sections.filter(kind=kind, language=stored_language(language)).exclude(text="").exists()


@transaction.atomic
def send_to_state(review: CountryReview, *, actor) -> CountryReview:
    """The secretariat sends the draft report and executive summary to the State under review for its
    approval (RULES 4.6 step 9). Refused: anyone but the secretariat; a report already sent or agreed;
    a report or summary with no text yet in the review's language."""
    locked = _locked(review)
    if actor is not None and not actor.has_perm("reviews.manage_review", locked):
        raise ReviewRuleError(
            _("The secretariat sends the report to the State under review."), code="not_allowed"
        )
    if locked.report_status == ReportStatus.WITH_STATE:
        raise ReviewRuleError(
            _("The report is already with %(state)s."), code="already_sent", params={"state": locked.state}
        )
    if locked.report_status == ReportStatus.AGREED:
        raise ReviewRuleError(_("The report is already agreed."), code="already_agreed")
    language = working_language(locked)
    empty = [str(label) for kind, label in ReportKind.choices if not _has_text(locked, kind, language)]
    if empty:
        raise ReviewRuleError(
            _(
                "Nothing is written yet in %(document)s (in the language of the review); write it "
                "before sending."
            ),
            code="empty",
            params={"document": _(" and ").join(empty)},
        )
    locked.report_status = ReportStatus.WITH_STATE
    record(locked, actor=actor, reason="reviews.report.sent", update_fields=["report_status"])
    _refresh(review, locked)
    return review


@dataclass(frozen=True)
class Agreement:
    """The State's agreement as recorded, and whether the workflow's "agreement" step was completed
    with it (`note` says why not: the agreement stands either way)."""

    review: CountryReview
    step_completed: bool
    note: str = ""


def _check_focal_point(review: CountryReview, actor, message: str) -> None:
    if actor is None or not access.is_focal_point_of(actor, review):
        raise ReviewRuleError(message, code="not_focal_point", params={"state": review.state})


@transaction.atomic
def agree(review: CountryReview, *, actor, on: dt.date) -> Agreement:
    """The State under review, through its focal point, agrees the report and the executive summary
    sent to it (RULES 4.6 steps 9-10): the report is AGREED on `on`, and the workflow's "agreement"
    step is completed that day. If the step cannot be completed yet (earlier steps are still open),
    the agreement stands and `Agreement.note` says why the step stays open.

    Refused: anyone but the focal point of the State under review; a report not sent to the State,
    or already agreed; a day in the future."""
    locked = _locked(review)
    _check_focal_point(locked, actor, _("Only the focal point of %(state)s agrees the report on its behalf."))
    if locked.report_status == ReportStatus.DRAFTING:
        raise ReviewRuleError(
            _("The report has not been sent to %(state)s yet."),
            code="not_sent",
            params={"state": locked.state},
        )
    if locked.report_status == ReportStatus.AGREED:
        raise ReviewRuleError(
            _("The report was already agreed on %(day)s."),
            code="already_agreed",
            params={"day": _day(locked.agreed_on) if locked.agreed_on else "—"},
        )
    _check_day(on)
    locked.report_status = ReportStatus.AGREED
    locked.agreed_on = on
    record(locked, actor=actor, reason="reviews.report.agreed", update_fields=["report_status", "agreed_on"])
    _refresh(review, locked)
    try:
        with transaction.atomic():
            workflow.complete_step(locked, "agreement", on=on, actor=actor)
    except ReviewRuleError as refusal:
        note = _("The agreement is recorded, but the step “Agreement on the report” stays open: %(why)s") % {
            "why": " ".join(refusal.messages)
        }
        return Agreement(review, False, note)
    return Agreement(review, True)


@transaction.atomic
def agree_to_publish_report(review: CountryReview, *, actor, on: dt.date) -> CountryReview:
    """The State under review agrees, through its focal point, that its full report be published
    (RULES 4.9): from then on the secretariat may publish it. Refused: anyone but the focal point; a
    report not agreed yet; an agreement already given; a day in the future or before the report's
    agreement."""
    locked = _locked(review)
    _check_focal_point(
        locked, actor, _("Only the focal point of %(state)s agrees to the publication of its report.")
    )
    if locked.report_status != ReportStatus.AGREED:
        raise ReviewRuleError(
            _("The report must be agreed before its publication can be."), code="not_agreed"
        )
    if locked.report_publication_agreed_on is not None:
        raise ReviewRuleError(
            _("%(state)s already agreed to publish the report on %(day)s."),
            code="already_agreed",
            params={"state": locked.state, "day": _day(locked.report_publication_agreed_on)},
        )
    _check_day(on, not_before=locked.agreed_on, what=_("the agreement on the report"))
    locked.report_publication_agreed_on = on
    record(
        locked,
        actor=actor,
        reason="reviews.report.publication_agreed",
        update_fields=["report_publication_agreed_on"],
    )
    _refresh(review, locked)
    return review


@transaction.atomic
def publish_report(review: CountryReview, *, actor, on: dt.date) -> CountryReview:
    """Publish the full report (RULES 4.9): the focal point of the State under review may (publishing
    is its agreement), the secretariat once the State has agreed (visibility.may_publish). From then
    on everyone sees the report's final text, never its drafts, versions or comments.

    Refused: anyone else, or the secretariat without the State's agreement; a report not agreed or
    already published; a day in the future or before the agreement."""
    locked = _locked(review)
    decision = access.may_publish(actor, locked, Item.FULL_REPORT) if actor is not None else None
    if not decision:
        message = decision.message if decision is not None else _("Only a person may publish a report.")
        raise ReviewRuleError(message, code="not_allowed")
    if locked.report_status != ReportStatus.AGREED:
        raise ReviewRuleError(_("Only an agreed report can be published."), code="not_agreed")
    if locked.report_published_on is not None:
        raise ReviewRuleError(
            _("The report was already published on %(day)s."),
            code="already_published",
            params={"day": _day(locked.report_published_on)},
        )
    _check_day(
        on,
        not_before=locked.report_publication_agreed_on or locked.agreed_on,
        what=_("the State's agreement"),
    )
    fields = ["report_published_on"]
    if locked.report_publication_agreed_on is None:  # the focal point publishes: that is the agreement
        locked.report_publication_agreed_on = on
        fields.append("report_publication_agreed_on")
    locked.report_published_on = on
    record(locked, actor=actor, reason="reviews.report.published", update_fields=fields)
    _refresh(review, locked)
    return review


def clean_summary_symbol(value: str) -> str | None:
    """The canonical spelling of an executive summary's symbol (a document of the Implementation Review
    Group, e.g. CAC/COSP/IRG/II/1/1/Add.5), or None. Loose on purpose: spacing and case are forgiven,
    and any document of the series is accepted."""
    symbol = clean_symbol(value or "")
    if symbol is None or not symbol.startswith(f"{SUMMARY_SERIES}/"):
        return None
    return symbol


@transaction.atomic
def issue_summary(review: CountryReview, *, symbol: str, on: dt.date, actor) -> CountryReview:
    """The secretariat issues the executive summary as a document of the Implementation Review Group
    (RULES 4.6 step 11, 4.9): from then on it is public, under `symbol`.

    Refused: anyone but the secretariat; a summary not agreed by the State under review, or already
    issued; a symbol that is not one of the Group's documents, or is another review's; a summary with
    no text in the review's language; a day in the future or before the agreement."""
    locked = _locked(review)
    decision = access.may_publish(actor, locked, Item.EXECUTIVE_SUMMARY) if actor is not None else None
    if not decision:
        raise ReviewRuleError(_("The secretariat issues the executive summary."), code="not_allowed")
    if locked.report_status != ReportStatus.AGREED:
        raise ReviewRuleError(
            _("The State under review must agree the report and its executive summary before it is issued."),
            code="not_agreed",
        )
    if locked.summary_issued_on is not None:
        raise ReviewRuleError(
            _("The executive summary was already issued on %(day)s as %(symbol)s."),
            code="already_issued",
            params={"day": _day(locked.summary_issued_on), "symbol": locked.summary_symbol},
        )
    cleaned = clean_summary_symbol(symbol)
    if cleaned is None:
        raise ReviewRuleError(
            {
                "symbol": ReviewRuleError(
                    _(
                        "“%(symbol)s” is not the symbol of a document of the Implementation Review "
                        "Group, such as %(example)s."
                    ),
                    code="bad_symbol",
                    params={"symbol": symbol, "example": f"{SUMMARY_SERIES}/II/1/1/Add.5"},
                )
            }
        )
    other = (
        CountryReview.objects.filter(summary_symbol=cleaned)
        .exclude(pk=locked.pk)
        .select_related("state")
        .first()
    )
    if other is not None:
        raise ReviewRuleError(
            {
                "symbol": ReviewRuleError(
                    _("%(symbol)s is already the executive summary of %(other)s."),
                    code="symbol_taken",
                    params={"symbol": cleaned, "other": other},
                )
            }
        )
    if not _has_text(locked, ReportKind.SUMMARY, working_language(locked)):
        raise ReviewRuleError(_("The executive summary has no text yet."), code="empty")
    _check_day(on, not_before=locked.agreed_on, what=_("the agreement on the report"))
    locked.summary_issued_on = on
    locked.summary_symbol = cleaned
    record(
        locked,
        actor=actor,
        reason="reviews.summary.issued",
        update_fields=["summary_issued_on", "summary_symbol"],
    )
    _refresh(review, locked)
    return review


# --- Reads: the document as written, and the difference between two versions ----------------------------


@dataclass(frozen=True)
class DocumentItem:
    """One entry of a document with its text: what pages and files show."""

    entry: Entry
    level: Level  # the entry's level, lowered by one inside the report's chapter on the summary
    section: ReportSection | None  # None for a heading, or a section not prepared yet
    document: Document
    unresolved_comments: int = 0

    @property
    def key(self) -> str:
        return self.entry.key

    @property
    def heading(self) -> str:
        return self.section.heading if self.section is not None else self.entry.heading

    @property
    def text(self) -> str:
        return self.section.text if self.section is not None else ""

    @property
    def has_text(self) -> bool:
        return self.entry.has_text


def document_items(
    review: CountryReview, kind: str, language: str, *, public: bool = False
) -> list[DocumentItem]:
    """The document in `language` as it now reads: the blueprint's entries in order, each with its
    section (and the number of unresolved comments on it). The report's "Executive summary" chapter is
    followed by the summary's own entries, one level lower, as the report reproduces it; for the
    `public` only once the summary is issued, as until then its text may still change."""
    code = document_language(language)
    document = _kind(kind)
    articles, chapters = _catalogue(code)
    sections: dict[tuple[str, str], ReportSection] = {
        (section.kind, section.key): section
        for section in review.sections.filter(language=django_language(code)).annotate(
            unresolved=Count("comments", filter=Q(comments__resolved=False))
        )
    }

    def items(of: Document, lower: int = 0) -> list[DocumentItem]:
        found = []
        for entry in blueprint.outline(of, review.cycle, articles, chapters, language=code):
            level = entry.level.demoted() if lower else entry.level
            section = sections.get((of, entry.key)) if entry.has_text else None
            found.append(DocumentItem(entry, level, section, of, section.unresolved if section else 0))
            if entry.includes_summary and not (public and review.summary_issued_on is None):
                found.extend(items(Document.SUMMARY, lower + 1))
        return found

    return items(document)


def languages_written(review: CountryReview, kind: str) -> list[str]:
    """The UN codes of the languages the document has sections in, in the UN's order."""
    stored = set(review.sections.filter(kind=kind).values_list("language", flat=True))
    return [code for code in UN_LANGUAGES if django_language(code) in stored]


@dataclass(frozen=True)
class DiffPiece:
    """A run of words unchanged, added or removed between two versions."""

    change: str  # "same", "added", "removed"
    text: str


_TOKENS = re.compile(r"\s+|[^\s]+")


def diff_texts(old: str, new: str) -> list[DiffPiece]:
    """The words of `new` compared with those of `old` (difflib), as runs the page marks up."""
    before, after = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    pieces: list[DiffPiece] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            pieces.append(DiffPiece("same", "".join(after[j1:j2])))
            continue
        if operation in ("delete", "replace"):
            pieces.append(DiffPiece("removed", "".join(before[i1:i2])))
        if operation in ("insert", "replace"):
            pieces.append(DiffPiece("added", "".join(after[j1:j2])))
    return pieces


# --- Files ------------------------------------------------------------------------------------------------


def is_public(review: CountryReview, kind: str) -> bool:
    """The document has been made public (the report published, the summary issued)."""
    if kind == Document.REPORT:
        return review.report_published_on is not None
    return review.summary_issued_on is not None


def document_file(review: CountryReview, kind: str, language: str) -> ReportFile:
    """The document in `language` as a file's content: title, masthead and entries. The masthead says
    "Distr.: General" once the document is public (with the summary's symbol once issued) and
    "Distr.: Restricted" for a draft, which is dated the day it is printed."""
    code = document_language(language)
    document = _kind(kind)
    public = is_public(review, document)
    items = document_items(review, document, code, public=public)
    with translation.override(django_language(code)):
        day = review.report_published_on if document is Document.REPORT else review.summary_issued_on
        state = review.state.short_name
        reviewers = [reviewer.state.short_name for reviewer in review.reviewers.all()]
        chapters = _(" and ").join(get_cycle(review.cycle).chapters)
        original = dict(settings.LANGUAGE_LABELS).get(django_language(working_language(review)), "")
        masthead = Masthead(
            symbol=review.summary_symbol if document is Document.SUMMARY and public else "",
            distribution=_("Distr.: General") if public else _("Distr.: Restricted"),
            date=_day(day or timezone.localdate()),
            original=_("Original: %(language)s") % {"language": original} if original else "",
            body=_("Implementation Review Group"),
        )
        if document is Document.REPORT:
            title = _("Country review report of %(state)s") % {"state": state}
        else:
            title = _("Executive summary: %(state)s") % {"state": state}
        subtitle = _(
            "Review of the implementation by %(state)s of chapters %(chapters)s of the United Nations "
            "Convention against Corruption, review cycle %(cycle)s."
        ) % {"state": state, "chapters": chapters, "cycle": review.cycle}
        if reviewers:
            subtitle += " " + _("Reviewing States: %(states)s.") % {"states": _(" and ").join(reviewers)}
        placeholder = _("[Not written yet]")
    return ReportFile(title, masthead, items, final=public, subtitle=subtitle, placeholder=placeholder)
