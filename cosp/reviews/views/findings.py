"""Findings of a country review: the list by article and type with each recommendation's follow-up,
adding and editing them with suggestions a person confirms, the follow-up ledger of a
recommendation, and the public list of recommendations of issued summaries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from cosp.core.languages import clean_language, interface_language

from ..enums import FindingType, FollowUpSource, ImplementationStatus
from ..findings import (
    SDG_TARGETS,
    FollowUpLedger,
    StatusOn,
    Suggestion,
    SuggestionKind,
    status_on,
    theme_by_key,
)
from ..forms.findings import (
    ConfirmForm,
    FindingForm,
    FollowUpForm,
    RecommendationFilterForm,
    language_choices,
)
from ..models import Finding
from ..services import findings as services
from .base import ReviewFormView, ReviewMixin

REVIEW = "<int:cycle>-<str:iso3>"


# --- What the pages show of one finding ----------------------------------------------------------------


@dataclass
class FindingRow:
    finding: Finding
    language: str  # the language `text` is in
    text: str
    other_texts: list[tuple[str, str, str]]  # (code, label, text) of the other languages
    ledger: FollowUpLedger | None = None  # recommendations only
    status: StatusOn | None = None
    periods: list[services.StatusPeriod] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(ImplementationStatus(self.status.status).label) if self.status else ""

    @property
    def theme_label(self) -> str:
        return str(theme_by_key(self.finding.theme).label) if self.finding.theme else ""

    @property
    def history(self) -> list[HistoryLine]:
        """Every entry of the ledger, in date order, as the page shows it."""
        if self.ledger is None:
            return []
        return [
            HistoryLine(
                entry.on,
                str(FollowUpSource(entry.source).label),
                str(ImplementationStatus(entry.status).label) if entry.status else "",
                entry.response,
                entry.reference,
            )
            for entry in self.ledger.entries
        ]


@dataclass(frozen=True)
class HistoryLine:
    on: dt.date
    source: str
    status: str
    response: str
    reference: str


def finding_row(finding: Finding, today: dt.date) -> FindingRow:
    labels = dict(language_choices())
    texts = services.texts(finding)
    language = interface_language() if interface_language() in texts else next(iter(texts), "en")
    row = FindingRow(
        finding,
        language,
        texts.get(language, ""),
        [(code, labels[code], text) for code, text in texts.items() if code != language],
    )
    if finding.kind == FindingType.RECOMMENDATION:
        row.ledger = services.ledger(finding)
        row.status = status_on(row.ledger, today)
        row.periods = services.status_periods(row.ledger)
    return row


@dataclass
class ArticleFindings:
    article: object
    by_kind: list[tuple[str, list[FindingRow]]]  # (type label, rows) in the order of FindingType


def by_article(rows: list[FindingRow]) -> list[ArticleFindings]:
    groups: dict[int, dict[str, list[FindingRow]]] = {}
    articles = {}
    for row in rows:
        articles[row.finding.article_id] = row.finding.article
        groups.setdefault(row.finding.article_id, {}).setdefault(row.finding.kind, []).append(row)
    return [
        ArticleFindings(
            articles[article_id],
            [(label, kinds[kind]) for kind, label in FindingType.choices if kind in kinds],
        )
        for article_id, kinds in groups.items()
    ]


# --- Pages ----------------------------------------------------------------------------------------------


class FindingsView(ReviewMixin, TemplateView):
    """The review's findings by article and type; for each recommendation, its status today and how
    it changed. The circle sees them while the report is drafted; everyone once the summary is out."""

    permission_required = "reviews.view_findings"
    template_name = "reviews/findings.html"

    def get_context_data(self, **kwargs):
        user, review = self.request.user, self.review
        today = timezone.localdate()
        rows = [finding_row(finding, today) for finding in services.findings_of(review)]
        frozen = services.is_frozen(review)
        return super().get_context_data(
            groups=by_article(rows),
            count=len(rows),
            frozen=frozen,
            can_edit=not frozen and user.has_perm("reviews.edit_findings", review),
            can_follow_up=user.has_perm("reviews.record_follow_up", review),
            recommendation_date=services.recommendation_date(review),
            **kwargs,
        )


def _suggestion_value(suggestion: Suggestion) -> str:
    """How a suggestion is sent back by its button: article:9[:2], theme:key, sdg:16.5."""
    if suggestion.kind is SuggestionKind.ARTICLE:
        paragraph = f":{suggestion.paragraph}" if suggestion.paragraph is not None else ""
        return f"article:{suggestion.value}{paragraph}"
    if suggestion.kind is SuggestionKind.THEME:
        return f"theme:{suggestion.value}"
    return f"sdg:{suggestion.value}"


@dataclass(frozen=True)
class ShownSuggestion:
    value: str  # the button's value
    kind: str
    label: str
    basis: str  # why it is suggested
    evidence: tuple[str, ...]
    chosen: bool  # the form already says so


class FindingFormView(ReviewFormView):
    """Adding or editing a finding. Two more buttons re-show the form without saving: "suggest"
    lists the article, theme and SDG targets the text points to, and each suggestion is a button
    that puts it in the form. Nothing is applied unless the person picks it, and nothing is saved
    before they press Save. (Works without a script: every choice is a form submission.)"""

    permission_required = "reviews.edit_findings"
    template_name = "reviews/finding_form.html"
    form_class = FindingForm
    done_url = "reviews:findings"
    text_required = True

    @cached_property
    def articles(self):
        return list(services.articles_of_review(self.review))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "articles": self.articles, "text_required": self.text_required}

    def post(self, request, *args, **kwargs):
        if "suggest" in request.POST or "apply" in request.POST:
            values = self.values_from(request.POST)
            choice = request.POST.get("apply", "")
            if choice:
                values = apply_suggestion(values, choice)
            form = self.form_class(initial=values, **self.unbound_kwargs())
            return self.render_to_response(self.get_context_data(form=form, suggested=True))
        return super().post(request, *args, **kwargs)

    def unbound_kwargs(self) -> dict:
        return {"articles": self.articles, "text_required": self.text_required}

    def values_from(self, data: QueryDict) -> dict:
        form = self.form_class(**self.unbound_kwargs())
        return {
            name: data.getlist(name) if name == "sdg_targets" else data.get(name, "") for name in form.fields
        }

    def current_values(self, form) -> dict:
        if form.is_bound:
            return self.values_from(form.data)
        return {name: form.initial.get(name, field.initial) for name, field in form.fields.items()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(frozen=services.is_frozen(self.review), **kwargs)
        values = self.current_values(context["form"])
        text = values.get("text") or ""
        context["suggestions"] = self.shown_suggestions(text, values) if text.strip() else []
        context["suggested"] = context.get("suggested", False) or bool(context["suggestions"])
        return context

    def shown_suggestions(self, text: str, values: dict) -> list[ShownSuggestion]:
        language = clean_language(values.get("language")) or "en"
        titles = {article.number: str(article) for article in self.articles}
        shown = []
        for suggestion in services.suggest(text, language, review=self.review):
            if suggestion.kind is SuggestionKind.ARTICLE:
                label = titles.get(suggestion.article, suggestion.value)
                if suggestion.paragraph is not None:
                    label = _("%(article)s, paragraph %(paragraph)s") % {
                        "article": label,
                        "paragraph": suggestion.paragraph,
                    }
                chosen = str(values.get("article")) == suggestion.value and (
                    suggestion.paragraph is None or str(values.get("paragraph")) == str(suggestion.paragraph)
                )
            elif suggestion.kind is SuggestionKind.THEME:
                label = str(theme_by_key(suggestion.value).label)
                chosen = values.get("theme") == suggestion.value
            else:
                label = f"{suggestion.value} {SDG_TARGETS[suggestion.value]}"
                chosen = suggestion.value in (values.get("sdg_targets") or [])
            if suggestion.kind is SuggestionKind.SDG_TARGET:
                basis = _("through the themes")
                evidence = tuple(str(theme_by_key(key).label) for key in suggestion.evidence)
            else:
                basis = _("cited in the text") if suggestion.basis == "cited" else _("from the words")
                evidence = suggestion.evidence
            shown.append(
                ShownSuggestion(
                    _suggestion_value(suggestion),
                    str(suggestion.kind),
                    label,
                    basis,
                    evidence,
                    chosen,
                )
            )
        return shown

    def finding_fields(self, data: dict) -> dict:
        return {
            "kind": data["kind"],
            "article": data["article"],
            "paragraph": data["paragraph"],
            "text": data["text"],
            "language": data["language"],
            "theme": data["theme"],
            "sdg_targets": data["sdg_targets"],
            "assistance_type": data["assistance_type"],
        }


def apply_suggestion(values: dict, choice: str) -> dict:
    """The form's values with one chosen suggestion put in (an unknown choice changes nothing)."""
    values = dict(values)
    kind, _sep, rest = choice.partition(":")
    if kind == "article":
        article, _sep, paragraph = rest.partition(":")
        values["article"] = article
        if paragraph:
            values["paragraph"] = paragraph
    elif kind == "theme":
        values["theme"] = rest
    elif kind == "sdg":
        values["sdg_targets"] = [*(values.get("sdg_targets") or []), rest]
    return values


class FindingAddView(FindingFormView):
    title = gettext_lazy("Add a finding")

    def get_initial(self):
        # ?text=...&language=... opens the form with a text and its suggestions (e.g. from the report).
        language = clean_language(self.request.GET.get("language")) or interface_language()
        return {"text": self.request.GET.get("text", ""), "language": language}

    def perform(self, data: dict) -> str:
        finding = services.add_finding(self.review, actor=self.request.user, **self.finding_fields(data))
        return _("The %(kind)s on article %(article)s is added.") % {
            "kind": finding.get_kind_display().lower(),
            "article": finding.article.number,
        }


class FindingMixin:
    """The finding named in the address, which must belong to the review in it."""

    @cached_property
    def finding(self) -> Finding:
        return get_object_or_404(
            Finding.objects.select_related("article"), pk=self.kwargs["pk"], review=self.review
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(finding=self.finding, **kwargs)


class FindingEditView(FindingMixin, FindingFormView):
    """Edit a finding; its text is edited one language at a time (?language=fr adds French)."""

    title = gettext_lazy("Edit a finding")
    text_required = False

    @cached_property
    def language(self) -> str:
        texts = services.texts(self.finding)
        return clean_language(self.request.GET.get("language")) or next(iter(texts), "en")

    def get_initial(self):
        finding = self.finding
        return {
            "kind": finding.kind,
            "language": self.language,
            "text": services.texts(finding).get(self.language, ""),
            "article": finding.article.number,
            "paragraph": finding.paragraph,
            "theme": finding.theme,
            "sdg_targets": list(finding.sdg_targets),
            "assistance_type": finding.assistance_type,
        }

    def get_context_data(self, **kwargs):
        labels = dict(language_choices())
        texts = services.texts(self.finding)
        languages = [
            (code, label, texts.get(code, "")) for code, label in labels.items() if code != self.language
        ]
        return super().get_context_data(languages=languages, **kwargs)

    def perform(self, data: dict) -> str:
        finding = services.update_finding(self.finding, actor=self.request.user, **self.finding_fields(data))
        return _("The %(kind)s on article %(article)s is saved.") % {
            "kind": finding.get_kind_display().lower(),
            "article": finding.article.number,
        }


class FindingDeleteView(FindingMixin, ReviewFormView):
    """Asks to confirm, then removes the finding (refused once the report is agreed)."""

    permission_required = "reviews.edit_findings"
    template_name = "reviews/finding_delete.html"
    form_class = ConfirmForm
    done_url = "reviews:findings"
    title = gettext_lazy("Remove a finding")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            row=finding_row(self.finding, timezone.localdate()),
            frozen=services.is_frozen(self.review),
            **kwargs,
        )

    def perform(self, data: dict) -> str:
        kind, article = self.finding.get_kind_display().lower(), self.finding.article.number
        services.delete_finding(self.finding, actor=self.request.user)
        return _("The %(kind)s on article %(article)s is removed.") % {"kind": kind, "article": article}


class FollowUpView(FindingMixin, ReviewFormView):
    """A recommendation's ledger: each dated entry with its source and reference, the status as it
    stood over time, and a form for a new entry."""

    permission_required = "reviews.record_follow_up"
    template_name = "reviews/follow_up.html"
    form_class = FollowUpForm
    title = gettext_lazy("Follow-up of a recommendation")

    @cached_property
    def finding(self) -> Finding:
        finding = super().finding
        if finding.kind != FindingType.RECOMMENDATION:
            raise Http404(_("Only recommendations are followed up."))
        return finding

    def get_initial(self):
        return {"on": timezone.localdate(), "source": FollowUpSource.STATE_REPORT}

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            row=finding_row(self.finding, today),
            entries=list(self.finding.follow_ups.select_related("recorded_by")),
            recommendation_date=services.recommendation_date(self.review),
            today=today,
            **kwargs,
        )

    def perform(self, data: dict) -> str:
        services.record_follow_up(self.finding, actor=self.request.user, **data)
        return _("The entry of %(on)s is recorded.") % {"on": data["on"]}

    def done(self):
        return redirect(
            "reviews:follow_up", cycle=self.review.cycle, iso3=self.review.state.iso3, pk=self.finding.pk
        )


class RecommendationsView(PermissionRequiredMixin, TemplateView):
    """Recommendations of every review whose executive summary has been issued, filterable, with how
    many stand at each implementation status. Plain lists and counts: no State is scored or ranked."""

    permission_required = "reviews.view_public"
    template_name = "reviews/findings_recommendations.html"
    per_page = 50

    def get_context_data(self, **kwargs):
        form = RecommendationFilterForm(self.request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        filters = services.RecommendationFilters(
            article=data.get("article"),
            theme=data.get("theme", ""),
            sdg_target=data.get("sdg_target", ""),
            regional_group=data.get("regional_group", ""),
            status=data.get("status", ""),
        )
        recommendations, counts = services.published_recommendations(filters)
        page = Paginator(recommendations, self.per_page).get_page(self.request.GET.get("page"))
        labels = dict(ImplementationStatus.choices)
        for finding in page:
            finding.status_label = labels.get(finding.current_status, "")
            finding.theme_label = str(theme_by_key(finding.theme).label) if finding.theme else ""
        status_counts = [(labels[status], counts[status]) for status in ImplementationStatus.values]
        status_counts.append((_("No status reported yet"), counts[services.NO_STATUS]))
        return super().get_context_data(
            form=form,
            page=page,
            status_counts=status_counts,
            total=sum(counts.values()),
            title=_("Recommendations of the country reviews"),
            **kwargs,
        )


urlpatterns = [
    path("recommendations/", RecommendationsView.as_view(), name="recommendations"),
    path(f"{REVIEW}/findings/", FindingsView.as_view(), name="findings"),
    path(f"{REVIEW}/findings/add/", FindingAddView.as_view(), name="finding_add"),
    path(f"{REVIEW}/findings/<int:pk>/", FindingEditView.as_view(), name="finding_edit"),
    path(f"{REVIEW}/findings/<int:pk>/delete/", FindingDeleteView.as_view(), name="finding_delete"),
    path(f"{REVIEW}/findings/<int:pk>/follow-up/", FollowUpView.as_view(), name="follow_up"),
]
