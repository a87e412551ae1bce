"""Findings of a country review and the follow-up of its recommendations (issue 6 §2, RULES 4.8).

Writes:
- `add_finding`, `update_finding`, `delete_finding`: while the report is being drafted. Once the State
  under review has agreed the report, its findings are what was agreed: they are frozen.
- `record_follow_up`: one dated entry of a recommendation's ledger (findings.FollowUpLedger), from the
  day the report was agreed on.

Reads: `suggest` (the article, theme and SDG target a text points to, for a person to confirm),
`ledger`, `status_on`, `status_periods`, `findings_of`, `published_recommendations`.

Who may do these is said by the permissions (rules.py, `reviews.view_findings` among them); the
services check only what the rules of the mechanism say.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from cosp.core.languages import clean_language, field_suffix, translations
from cosp.states.models import Article

from .. import findings
from ..cycles import articles_under_review
from ..enums import AssistanceType, FindingType, FollowUpSource, ImplementationStatus, ReportStatus
from ..findings import (
    FOLLOWED_UP,
    SDG_TARGETS,
    THEMES,
    FindingsInputError,
    FollowUpEntry,
    FollowUpLedger,
    StatusOn,
    Suggestion,
    SuggestionKind,
)
from ..models import CountryReview, Finding, FollowUp
from .base import ReviewRuleError, record

THEME_KEYS = frozenset(theme.key for theme in THEMES)
_PARAGRAPH = re.compile(r"^\d{1,3}(?:\s*\([a-z]{1,5}\))*$", re.IGNORECASE)
NO_STATUS = "none"  # the filter value for recommendations whose status nobody has reported yet


# --- The review's state --------------------------------------------------------------------------------


def is_frozen(review: CountryReview) -> bool:
    """The State under review has agreed the report: its findings are no longer edited."""
    return review.report_status == ReportStatus.AGREED or review.agreed_on is not None


def recommendation_date(review: CountryReview) -> dt.date | None:
    """The day the review's recommendations were made: the report's agreement, or failing a record of
    it the executive summary's issue. None while neither has happened."""
    return review.agreed_on or review.summary_issued_on


def article_numbers_under_review(review: CountryReview) -> tuple[int, ...]:
    """The numbers of the articles the review's cycle covers (from the Convention's catalogue)."""
    return articles_under_review(review.cycle, Article.objects.values_list("number", "chapter__roman"))


def articles_of_review(review: CountryReview) -> QuerySet[Article]:
    return Article.objects.filter(number__in=article_numbers_under_review(review)).order_by("number")


# --- Validation ------------------------------------------------------------------------------------------


def _refuse(field: str, message: str) -> ReviewRuleError:
    return ReviewRuleError({field: [message]})


def _locked_review(pk: int) -> CountryReview:
    """The review, locked until the transaction ends: one writer of its findings at a time."""
    return CountryReview.objects.select_for_update().get(pk=pk)


def _check_not_frozen(review: CountryReview) -> None:
    if is_frozen(review):
        raise ReviewRuleError(
            _(
                "The report of this review has been agreed: its findings are frozen as agreed. "
                "Record what happened since in the follow-up of each recommendation."
            ),
            code="frozen",
        )


def _clean_kind(kind: str) -> str:
    if kind not in FindingType.values:
        raise _refuse("kind", _("Choose one of the types of finding: %(types)s.") % {"types": _kinds()})
    return kind


def _kinds() -> str:
    return ", ".join(str(label) for label in FindingType.labels)


def _clean_article(review: CountryReview, article: Article | int | str) -> Article:
    number = article.number if isinstance(article, Article) else article
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = None
    under_review = article_numbers_under_review(review)
    if number not in under_review:
        listed = ", ".join(str(n) for n in under_review) or _("none")
        raise _refuse(
            "article",
            _("Article %(article)s is not under review in cycle %(cycle)s (articles: %(articles)s).")
            % {"article": article if number is None else number, "cycle": review.cycle, "articles": listed},
        )
    return article if isinstance(article, Article) else Article.objects.get(number=number)


def _clean_paragraph(paragraph: str) -> str:
    paragraph = (paragraph or "").strip()
    if paragraph and not _PARAGRAPH.match(paragraph):
        raise _refuse(
            "paragraph",
            _('Write the paragraph as a number, with its subparagraph if any: "1", "2 (a)".'),
        )
    return paragraph


def _clean_language(language: str) -> str:
    code = clean_language(language)
    if code is None:
        raise _refuse("language", _("The text must be in one of the six official languages."))
    return code


def _clean_theme(theme: str) -> str:
    theme = (theme or "").strip()
    if theme and theme not in THEME_KEYS:
        raise _refuse("theme", _("%(theme)s is not a theme of the list.") % {"theme": theme})
    return theme


def _sdg_order(target: str) -> tuple[int, ...]:
    return tuple(int(part) for part in target.split("."))


def _clean_sdg_targets(targets: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(str(target).strip() for target in targets or ()))
    unknown = [target for target in chosen if target not in SDG_TARGETS]
    if unknown:
        raise _refuse(
            "sdg_targets",
            _("%(targets)s: not among the SDG targets findings are linked to (%(known)s).")
            % {"targets": ", ".join(unknown), "known": ", ".join(SDG_TARGETS)},
        )
    return sorted(chosen, key=_sdg_order)


def _clean_assistance_type(assistance_type: str) -> str:
    assistance_type = assistance_type or ""
    if assistance_type and assistance_type not in AssistanceType.values:
        raise _refuse("assistance_type", _("Choose a type of assistance from the list."))
    return assistance_type


def _text_column(language: str) -> str:
    return f"text_{field_suffix(language)}"


def texts(finding: Finding) -> dict[str, str]:
    """The finding's text in each language it has, by UN language code, in the UN order."""
    return {language: text for language, text in translations(finding, "text").items() if text.strip()}


# --- Writes ---------------------------------------------------------------------------------------------


@transaction.atomic
def add_finding(
    review: CountryReview,
    *,
    kind: str,
    article: Article | int,
    paragraph: str = "",
    text: str,
    language: str,
    theme: str = "",
    sdg_targets: Sequence[str] = (),
    assistance_type: str = "",
    actor,
) -> Finding:
    """Add a finding to a review whose report is not yet agreed. The text goes to the column of its
    language (`text_en`, `text_zh_hans`...); other languages are added with `update_finding`."""
    _check_not_frozen(_locked_review(review.pk))
    text = (text or "").strip()
    if not text:
        raise _refuse("text", _("Write the text of the finding."))
    chosen_article = _clean_article(review, article)
    last = review.findings.filter(article=chosen_article).order_by("-position").first()
    finding = Finding(
        review=review,
        kind=_clean_kind(kind),
        article=chosen_article,
        paragraph=_clean_paragraph(paragraph),
        theme=_clean_theme(theme),
        sdg_targets=_clean_sdg_targets(sdg_targets),
        assistance_type=_clean_assistance_type(assistance_type),
        position=0 if last is None else last.position + 1,
        created_by=actor,
    )
    setattr(finding, _text_column(_clean_language(language)), text)
    record(finding, actor=actor, reason="reviews.finding.added")
    return finding


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED = _Unchanged()  # update_finding: leave this field as it is


@transaction.atomic
def update_finding(
    finding: Finding,
    *,
    kind: str | _Unchanged = UNCHANGED,
    article: Article | int | _Unchanged = UNCHANGED,
    paragraph: str | _Unchanged = UNCHANGED,
    text: str | _Unchanged = UNCHANGED,
    language: str | _Unchanged = UNCHANGED,
    theme: str | _Unchanged = UNCHANGED,
    sdg_targets: Sequence[str] | _Unchanged = UNCHANGED,
    assistance_type: str | _Unchanged = UNCHANGED,
    actor,
) -> Finding:
    """Change a finding of a review whose report is not yet agreed. `text` is the text in `language`:
    it adds that language or replaces its text, and leaves the other languages as they are; an empty
    text removes the language, as long as another one remains."""
    review = _locked_review(finding.review_id)
    _check_not_frozen(review)
    if not isinstance(kind, _Unchanged):
        finding.kind = _clean_kind(kind)
    if not isinstance(article, _Unchanged):
        chosen = _clean_article(review, article)
        if chosen.pk != finding.article_id:
            last = review.findings.filter(article=chosen).order_by("-position").first()
            finding.position = 0 if last is None else last.position + 1
        finding.article = chosen
    if not isinstance(paragraph, _Unchanged):
        finding.paragraph = _clean_paragraph(paragraph)
    if not isinstance(theme, _Unchanged):
        finding.theme = _clean_theme(theme)
    if not isinstance(sdg_targets, _Unchanged):
        finding.sdg_targets = _clean_sdg_targets(sdg_targets)
    if not isinstance(assistance_type, _Unchanged):
        finding.assistance_type = _clean_assistance_type(assistance_type)
    if not isinstance(text, _Unchanged):
        if isinstance(language, _Unchanged):
            raise _refuse("language", _("Say which language the text is in."))
        code = _clean_language(language)
        text = (text or "").strip()
        if not text and not set(texts(finding)) - {code}:
            raise _refuse("text", _("A finding keeps its text in at least one language."))
        setattr(finding, _text_column(code), text or None)
    record(finding, actor=actor, reason="reviews.finding.changed")
    return finding


@transaction.atomic
def delete_finding(finding: Finding, *, actor) -> None:
    """Remove a finding while the report is being drafted; its history keeps what it said."""
    _check_not_frozen(_locked_review(finding.review_id))
    finding._history_user = actor
    finding._change_reason = "reviews.finding.deleted"
    finding.delete()


@transaction.atomic
def record_follow_up(
    finding: Finding,
    *,
    on: dt.date,
    source: str,
    status: str = "",
    response: str = "",
    reference: str = "",
    actor,
) -> FollowUp:
    """Add a dated entry to a recommendation's ledger: the State's response, its implementation
    status, or both, with where it is recorded. Refused for other types of finding, before the
    report was agreed, for a date before that or after today, and for an entry the ledger rules
    refuse (findings.FollowUpEntry). Earlier entries are never changed."""
    Finding.objects.select_for_update().filter(pk=finding.pk).first()  # one entry at a time
    if finding.kind not in FOLLOWED_UP:
        raise ReviewRuleError(
            _("Only recommendations are followed up; this finding is a %(kind)s.")
            % {"kind": finding.get_kind_display().lower()},
            code="not_followed_up",
        )
    review = CountryReview.objects.get(pk=finding.review_id)
    made_on = recommendation_date(review)
    if made_on is None:
        raise ReviewRuleError(
            _("The report of this review is not agreed yet: its recommendations are followed up from then."),
            code="not_agreed",
        )
    if on is None:
        raise _refuse("on", _("Give the date of the entry."))
    if on < made_on:
        raise _refuse(
            "on",
            _("The recommendation was made on %(made)s; an entry cannot be dated before that.")
            % {"made": made_on.isoformat()},
        )
    if on > timezone.localdate():
        raise _refuse("on", _("An entry records what has happened: it cannot be dated in the future."))
    reference = (reference or "").strip()
    if source in (FollowUpSource.LATER_REVIEW, FollowUpSource.STATE_REPORT) and not reference:
        raise _refuse(
            "reference",
            _("Say where this is recorded (the later review or the State's report), so anyone can check it."),
        )
    try:
        entry = FollowUpEntry(on, source, status or None, (response or "").strip(), reference)
        ledger(finding).record(entry)
    except FindingsInputError as error:
        raise _refuse(error.field, _follow_up_problem(error)) from None
    return FollowUp.objects.create(
        finding=finding,
        on=entry.on,
        source=entry.source,
        status=entry.status or "",
        response=entry.response,
        reference=entry.reference,
        recorded_by=actor,
    )


def _follow_up_problem(error: FindingsInputError) -> str:
    messages = {
        "source": _("Choose where the entry comes from: %(sources)s.")
        % {"sources": ", ".join(str(label) for label in FollowUpSource.labels)},
        "status": _("An entry records the State's response, an implementation status, or both."),
    }
    return messages.get(error.field, error.problem)


# --- Reads -----------------------------------------------------------------------------------------------


def suggest(text: str, language: str, *, review: CountryReview) -> list[Suggestion]:
    """What `text` points to (findings.suggest_article_and_theme), limited to the articles the
    review's cycle covers: other articles are left out, and so are themes found only through them.
    Suggestions are shown for a person to choose; nothing is applied by this function."""
    under_review = set(article_numbers_under_review(review))
    suggestions = findings.suggest_article_and_theme(text or "", language)
    kept_articles = [s for s in suggestions if s.kind is SuggestionKind.ARTICLE and s.article in under_review]
    by_key = {theme.key: theme for theme in THEMES}
    kept_themes = [
        s
        for s in suggestions
        if s.kind is SuggestionKind.THEME
        and (not by_key[s.value].articles or set(by_key[s.value].articles) & under_review)
    ]
    kept_keys = {s.value for s in kept_themes}
    kept_targets = []
    for s in suggestions:
        if s.kind is SuggestionKind.SDG_TARGET:
            evidence = tuple(key for key in s.evidence if key in kept_keys)
            if evidence:
                kept_targets.append(Suggestion(s.kind, s.value, s.basis, evidence))
    return [*kept_articles, *kept_themes, *kept_targets]


def _entries(finding: Finding) -> list[FollowUpEntry]:
    # .all() uses the prefetched entries of a list page; they are ordered by date then recording.
    return [
        FollowUpEntry(row.on, row.source, row.status or None, row.response, row.reference)
        for row in finding.follow_ups.all()
    ]


def ledger(finding: Finding) -> FollowUpLedger:
    """The recommendation's follow-up as the plain rules see it. It starts on the day the
    recommendation was made; entries recorded otherwise than through `record_follow_up` (imports,
    demo data) with an earlier date move that start back rather than break the page."""
    entries = _entries(finding)
    earliest = min((entry.on for entry in entries), default=None)
    made_on = recommendation_date(finding.review)
    starts = min(day for day in (made_on, earliest) if day is not None) if (made_on or earliest) else None
    return FollowUpLedger(starts or dt.date.min, tuple(entries))


def status_on(finding: Finding, day: dt.date) -> StatusOn | None:
    """The recommendation's implementation status as it stood on `day` (None: none reported yet)."""
    return findings.status_on(ledger(finding), day)


@dataclass(frozen=True)
class StatusPeriod:
    """A stretch of time during which a recommendation had one status."""

    status: str
    since: dt.date
    until: dt.date | None  # the day the next status was reported; None: still so
    source: str
    reference: str

    @property
    def status_label(self) -> str:
        return str(ImplementationStatus(self.status).label)

    @property
    def source_label(self) -> str:
        return str(FollowUpSource(self.source).label)


def status_periods(follow_up_ledger: FollowUpLedger) -> list[StatusPeriod]:
    """The status as it stood over time: one period per change (findings.status_changes)."""
    changes = findings.status_changes(follow_up_ledger)
    return [
        StatusPeriod(
            str(change.status),
            change.on,
            changes[index + 1].on if index + 1 < len(changes) else None,
            str(change.source),
            change.reference,
        )
        for index, change in enumerate(changes)
    ]


def findings_of(review: CountryReview) -> QuerySet[Finding]:
    """A review's findings in the report's order (article, then position), entries prefetched."""
    return (
        review.findings.select_related("article", "review__state")
        .prefetch_related("follow_ups")
        .order_by("article__number", "position", "pk")
    )


def _current_status(day: dt.date) -> Subquery:
    """The status of the latest entry with one, dated on or before `day` (same-day: the later
    recorded), as findings.status_on reads it; a subquery so that lists can filter and count by it."""
    latest = (
        FollowUp.objects.filter(finding=OuterRef("pk"), on__lte=day)
        .exclude(status="")
        .order_by("-on", "-pk")
        .values("status")[:1]
    )
    return Subquery(latest)


@dataclass(frozen=True)
class RecommendationFilters:
    """What the public list of recommendations is narrowed to (empty: no narrowing)."""

    article: int | None = None
    theme: str = ""
    sdg_target: str = ""
    regional_group: str = ""  # a RegionalGroup code
    status: str = ""  # an ImplementationStatus value, or NO_STATUS


def published_recommendations(
    filters: RecommendationFilters = RecommendationFilters(), *, day: dt.date | None = None
) -> tuple[QuerySet[Finding], dict[str, int]]:
    """The recommendations of reviews whose executive summary has been issued, narrowed by `filters`,
    each annotated with `current_status` on `day` (today by default); and how many of those matching
    every filter but the status stand at each status (NO_STATUS for none reported). Plain counts of
    recommendations: nothing is scored or ranked (RULES 4.2)."""
    day = day or timezone.localdate()
    recommendations = (
        Finding.objects.filter(kind=FindingType.RECOMMENDATION, review__summary_issued_on__isnull=False)
        .select_related("article", "review__state__regional_group")
        .annotate(current_status=_current_status(day))
    )
    if filters.article is not None:
        recommendations = recommendations.filter(article__number=filters.article)
    if filters.theme:
        recommendations = recommendations.filter(theme=filters.theme)
    if filters.sdg_target:
        # The JSON list's text holds each target in quotes: '"16.1"' never matches "16.10". (The
        # JSON `contains` lookup is not available on SQLite.)
        recommendations = recommendations.filter(sdg_targets__icontains=f'"{filters.sdg_target}"')
    if filters.regional_group:
        recommendations = recommendations.filter(review__state__regional_group__code=filters.regional_group)
    counted = recommendations.values("current_status").annotate(count=Count("pk")).order_by()
    counts = dict.fromkeys([*ImplementationStatus.values, NO_STATUS], 0)
    for row in counted:
        counts[row["current_status"] or NO_STATUS] += row["count"]
    if filters.status == NO_STATUS:
        recommendations = recommendations.filter(current_status__isnull=True)
    elif filters.status:
        recommendations = recommendations.filter(current_status=filters.status)
    recommendations = recommendations.order_by("article__number", "review__state__iso3", "position", "pk")
    return recommendations, counts


__all__ = [
    "NO_STATUS",
    "UNCHANGED",
    "RecommendationFilters",
    "StatusPeriod",
    "add_finding",
    "article_numbers_under_review",
    "articles_of_review",
    "delete_finding",
    "findings_of",
    "is_frozen",
    "ledger",
    "published_recommendations",
    "recommendation_date",
    "record_follow_up",
    "status_on",
    "status_periods",
    "suggest",
    "texts",
    "update_finding",
]
