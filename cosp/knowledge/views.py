"""The repository's pages: the public list (with its filters and CSV/XLSX exports), a contribution and
its files, the submission form with tag suggestions a person confirms, the submitter's own list, the
secretariat's moderation queue and decision, and the counts for the secretariat's analyses.

Files are served only through `FileView`, which checks who may see the contribution: never from a
public media address.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from cosp.core.downloads import table_response
from cosp.core.languages import language_label
from cosp.core.models import Organisation
from cosp.core.service_views import ServiceFormView
from cosp.core.uploads import stored_file_response
from cosp.outcomes.models import DeclarationParagraph
from cosp.reviews.findings import theme_by_key
from cosp.states.models import Article

from . import access, queries, services
from .enums import ContributionStatus, ModerationAction
from .forms import ConfirmForm, ContributionForm, FilterForm, ModerationForm
from .models import Contribution, ContributionFile
from .suggest import DeclarationEntry, TagBasis, TagKind, suggest_tags


def theme_label(key: str) -> str:
    try:
        return str(theme_by_key(key).label)
    except KeyError:
        return key


# --- Public pages -----------------------------------------------------------------------------------


def _filters(form: FilterForm) -> queries.Filters:
    data = form.cleaned_data if form.is_valid() else {}
    return queries.Filters(
        state=data.get("state") or "",
        organisation=data.get("organisation"),
        theme=data.get("theme") or "",
        paragraph=data.get("paragraph"),
        article=data.get("article"),
        year=data.get("year"),
        language=data.get("language") or "",
        q=data.get("q") or "",
    )


def _submitters():
    return Organisation.objects.filter(contributions__status=ContributionStatus.PUBLISHED).distinct()


EXPORT_COLUMNS = (
    gettext_lazy("Number"),
    gettext_lazy("Title"),
    gettext_lazy("Submitted by"),
    gettext_lazy("State"),
    gettext_lazy("Year"),
    gettext_lazy("Language"),
    gettext_lazy("Themes"),
    gettext_lazy("Articles"),
    gettext_lazy("Declaration paragraphs"),
    gettext_lazy("Published on"),
    gettext_lazy("Address"),
)


def export_rows(contributions, base_url: str) -> list[list]:
    return [
        [
            c.pk,
            c.title,
            str(c.organisation),
            c.organisation.state.iso3 if c.organisation.state_id else "",
            c.year,
            c.language,
            "; ".join(theme_label(key) for key in c.themes),
            ", ".join(str(a.number) for a in sorted(c.articles.all(), key=lambda a: a.number)),
            ", ".join(str(p.number) for p in sorted(c.declaration_paragraphs.all(), key=lambda p: p.number)),
            c.published_at.date().isoformat() if c.published_at else "",
            base_url + reverse("knowledge:detail", kwargs={"pk": c.pk}),
        ]
        for c in contributions
    ]


class ListView(PermissionRequiredMixin, TemplateView):
    """Published contributions, filtered by State or organisation, theme, declaration paragraph,
    article, year and language; ?format=csv or xlsx exports the filtered list."""

    permission_required = "knowledge.view_public"
    template_name = "knowledge/list.html"
    per_page = 25

    @cached_property
    def form(self) -> FilterForm:
        return FilterForm(self.request.GET or None, organisations=_submitters())

    def get(self, request, *args, **kwargs):
        export = request.GET.get("format")
        if export in ("csv", "xlsx"):
            contributions = queries.filtered(_filters(self.form))
            header = [str(label) for label in EXPORT_COLUMNS]
            rows = export_rows(contributions, request.build_absolute_uri("/").rstrip("/"))
            return table_response(export, header, rows, name="contributions", sheet="Contributions")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        contributions = queries.filtered(_filters(self.form))
        page = Paginator(contributions, self.per_page).get_page(self.request.GET.get("page"))
        for contribution in page:
            contribution.theme_labels = [theme_label(key) for key in contribution.themes]
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            form=self.form,
            page=page,
            total=page.paginator.count,
            query=query.urlencode(),
            can_submit=self.request.user.has_perm("knowledge.submit"),
            can_moderate=self.request.user.has_perm("knowledge.moderate"),
            **kwargs,
        )


class CountsView(PermissionRequiredMixin, TemplateView):
    """How many published contributions there are per theme, declaration paragraph, year, language
    and kind of submitter: for the secretariat's analyses, from public material only."""

    permission_required = "knowledge.view_public"
    template_name = "knowledge/counts.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(counts=queries.counts(), **kwargs)


# --- One contribution -------------------------------------------------------------------------------


class ContributionMixin(PermissionRequiredMixin):
    """Loads `self.contribution` from `pk`; permissions are checked on it."""

    @cached_property
    def contribution(self) -> Contribution:
        return get_object_or_404(
            Contribution.objects.select_related("organisation__state"), pk=self.kwargs["pk"]
        )

    def get_permission_object(self):
        return self.contribution

    def get_context_data(self, **kwargs):
        return super().get_context_data(contribution=self.contribution, **kwargs)


class DetailView(ContributionMixin, TemplateView):
    permission_required = "knowledge.view_contribution"
    template_name = "knowledge/detail.html"

    def get_context_data(self, **kwargs):
        user, contribution = self.request.user, self.contribution
        circle = access.in_circle(user, contribution)
        return super().get_context_data(
            articles=contribution.articles.order_by("number"),
            paragraphs=contribution.declaration_paragraphs.order_by("number"),
            themes=[theme_label(key) for key in contribution.themes],
            files=contribution.files.all(),
            language_name=language_label(contribution.language),
            circle=circle,
            moderations=contribution.moderations.select_related("by") if circle else [],
            is_published=contribution.status == ContributionStatus.PUBLISHED,
            can_edit=user.has_perm("knowledge.edit_contribution", contribution),
            can_withdraw=user.has_perm("knowledge.withdraw_contribution", contribution),
            can_moderate=user.has_perm("knowledge.moderate_contribution", contribution),
            **kwargs,
        )


class FileView(ContributionMixin, View):
    """A file of a contribution, for those who may see the contribution (everyone once published)."""

    permission_required = "knowledge.view_contribution"

    def get(self, request, *args, **kwargs):
        stored = get_object_or_404(ContributionFile, pk=self.kwargs["file"], contribution=self.contribution)
        published = self.contribution.status == ContributionStatus.PUBLISHED
        return stored_file_response(stored.file, title=stored.title, private=not published)


# --- Submitting --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShownSuggestion:
    value: str  # the button's value
    kind: str
    label: str
    basis: str
    evidence: tuple[str, ...]
    chosen: bool


MULTIPLE = ("articles", "paragraphs", "themes", "remove_files")
TAG_FIELD = {TagKind.ARTICLE: "articles", TagKind.PARAGRAPH: "paragraphs", TagKind.THEME: "themes"}


def apply_suggestion(values: dict, choice: str) -> dict:
    """The form's values with one chosen tag added (an unknown choice changes nothing)."""
    values = dict(values)
    kind, _sep, value = choice.partition(":")
    try:
        field = TAG_FIELD[TagKind(kind)]
    except ValueError:
        return values
    if value and value not in values.get(field, []):
        values[field] = [*values.get(field, []), value]
    return values


def declaration_entries() -> list[DeclarationEntry]:
    entries = []
    for paragraph in DeclarationParagraph.objects.prefetch_related("articles"):
        entries.append(
            DeclarationEntry(
                paragraph.number,
                frozenset(article.number for article in paragraph.articles.all()),
                frozenset(paragraph.themes or []),
            )
        )
    return entries


class ContributionFormView(ServiceFormView):
    """Entering or editing a contribution. "Suggest tags" re-shows the form with the articles,
    themes and declaration paragraphs the text points to; each is a button that puts it in the form.
    Nothing is applied unless the person picks it, and nothing is saved before they press Save.
    (Works without a script: every choice is a form submission.)"""

    template_name = "knowledge/form.html"
    form_class = ContributionForm
    refusal = services.KnowledgeRuleError

    def organisations(self) -> list[tuple[str, str]]:
        """The submitters the form offers, as (value, label)."""
        return access.submitting_choices(self.request.user)

    def files_kept(self):
        return ()

    def form_options(self) -> dict:
        return {"organisations": self.organisations(), "files_kept": self.files_kept()}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), **self.form_options()}

    def post(self, request, *args, **kwargs):
        if "suggest" in request.POST or "apply" in request.POST:
            values = self.values_from(request.POST)
            if request.POST.get("apply"):
                values = apply_suggestion(values, request.POST["apply"])
            form = self.form_class(initial=values, **self.form_options())
            return self.render_to_response(self.get_context_data(form=form, suggested=True))
        return super().post(request, *args, **kwargs)

    def values_from(self, data: QueryDict) -> dict:
        form = self.form_class(**self.form_options())
        return {name: data.getlist(name) if name in MULTIPLE else data.get(name, "") for name in form.fields}

    def current_values(self, form) -> dict:
        if form.is_bound:
            return self.values_from(form.data)
        return {name: form.initial.get(name, field.initial) for name, field in form.fields.items()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        values = self.current_values(context["form"])
        text = f"{values.get('title') or ''}\n{values.get('text') or ''}"
        context["suggestions"] = self.shown_suggestions(text, values) if text.strip() else []
        context["suggested"] = context.get("suggested", False) or bool(context["suggestions"])
        return context

    def shown_suggestions(self, text: str, values: dict) -> list[ShownSuggestion]:
        language = values.get("language") or "en"
        titles = {article.number: str(article) for article in Article.objects.all()}
        shown = []
        for suggestion in suggest_tags(text, language, declaration_entries()):
            field = TAG_FIELD[suggestion.kind]
            chosen = suggestion.value in [str(v) for v in values.get(field) or []]
            if suggestion.kind is TagKind.ARTICLE:
                if int(suggestion.value) not in titles:
                    continue  # an article the database does not hold cannot be chosen
                label = titles[int(suggestion.value)]
                kind_label = _("Article")
            elif suggestion.kind is TagKind.THEME:
                label, kind_label = theme_label(suggestion.value), _("Theme")
            else:
                label = _("Paragraph %(number)s") % {"number": suggestion.value}
                kind_label = _("Political declaration")
            basis = {
                TagBasis.CITED: _("cited in the text"),
                TagBasis.KEYWORD: _("from the words"),
                TagBasis.MATCHED: _("on the same articles or themes"),
            }[suggestion.basis]
            shown.append(
                ShownSuggestion(suggestion.key, kind_label, label, basis, suggestion.evidence, chosen)
            )
        return shown

    def fields(self, data: dict) -> dict:
        return {
            "title": data["title"],
            "text": data["text"],
            "language": data["language"],
            "year": data["year"],
            "articles": data["articles"],
            "paragraphs": data["paragraphs"],
            "themes": data["themes"],
            "files": [data["file"]] if data.get("file") else [],
        }

    def done(self):
        return redirect("knowledge:detail", pk=self.saved.pk)


class AddView(PermissionRequiredMixin, ContributionFormView):
    permission_required = "knowledge.submit"
    title = gettext_lazy("Submit a contribution")

    def get_initial(self):
        organisations = self.organisations()
        initial = {"year": timezone.localdate().year, "language": "en"}
        if len(organisations) == 1:
            initial["organisation"] = organisations[0][0]
        return initial

    def perform(self, data: dict) -> str:
        organisation = access.organisation_for_choice(self.request.user, data["organisation"])
        if organisation is None:  # the form offers only what the user may choose
            raise Http404
        self.saved = services.create_contribution(
            actor=self.request.user, organisation=organisation, **self.fields(data)
        )
        return _("The draft “%(title)s” is saved. Submit it to the secretariat when it is ready.") % {
            "title": self.saved.title
        }


class EditView(ContributionMixin, ContributionFormView):
    permission_required = "knowledge.edit_contribution"
    title = gettext_lazy("Edit a contribution")

    def organisations(self) -> list[tuple[str, str]]:
        return [(str(self.contribution.organisation_id), str(self.contribution.organisation))]

    def files_kept(self):
        return list(self.contribution.files.all())

    def get_initial(self):
        c = self.contribution
        return {
            "organisation": str(c.organisation_id),
            "title": c.title,
            "text": c.text,
            "language": c.language,
            "year": c.year,
            "articles": [a.number for a in c.articles.all()],
            "paragraphs": [p.number for p in c.declaration_paragraphs.all()],
            "themes": list(c.themes),
        }

    def perform(self, data: dict) -> str:
        self.saved = services.update_contribution(
            self.contribution,
            actor=self.request.user,
            remove_files=data.get("remove_files") or [],
            **self.fields(data),
        )
        return _("“%(title)s” is saved.") % {"title": self.saved.title}


class ActionView(ContributionMixin, ServiceFormView):
    """A confirmation page whose button calls one service on the contribution."""

    template_name = "knowledge/confirm.html"
    form_class = ConfirmForm
    refusal = services.KnowledgeRuleError
    question = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(question=self.question, **kwargs)

    def done(self):
        return redirect("knowledge:detail", pk=self.contribution.pk)


class SubmitView(ActionView):
    permission_required = "knowledge.edit_contribution"
    title = gettext_lazy("Submit to the secretariat")
    question = gettext_lazy(
        "The secretariat will read the contribution and publish it or return it to you with a reason. "
        "Until it decides, the contribution cannot be changed."
    )

    def perform(self, data: dict) -> str:
        services.submit(self.contribution, actor=self.request.user)
        return _("“%(title)s” is submitted to the secretariat.") % {"title": self.contribution.title}


class WithdrawView(ActionView):
    permission_required = "knowledge.withdraw_contribution"
    title = gettext_lazy("Withdraw the contribution")
    question = gettext_lazy(
        "A withdrawn contribution leaves the repository (if it was published) and cannot be submitted again."
    )

    def perform(self, data: dict) -> str:
        services.withdraw(self.contribution, actor=self.request.user)
        return _("“%(title)s” is withdrawn.") % {"title": self.contribution.title}


class MineView(PermissionRequiredMixin, TemplateView):
    """The contributions of the user's organisation at every status (for the secretariat: those it
    entered on a State's behalf)."""

    permission_required = "knowledge.submit"
    template_name = "knowledge/mine.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(contributions=queries.of_organisations(self.request.user), **kwargs)


# --- Moderation -------------------------------------------------------------------------------------


class QueueView(PermissionRequiredMixin, TemplateView):
    permission_required = "knowledge.moderate"
    template_name = "knowledge/queue.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(contributions=queries.moderation_queue(), **kwargs)


class ModerateView(ContributionMixin, ServiceFormView):
    permission_required = "knowledge.moderate_contribution"
    template_name = "knowledge/moderate.html"
    form_class = ModerationForm
    refusal = services.KnowledgeRuleError
    title = gettext_lazy("Moderate a contribution")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            themes=[theme_label(key) for key in self.contribution.themes],
            articles=self.contribution.articles.order_by("number"),
            paragraphs=self.contribution.declaration_paragraphs.order_by("number"),
            files=self.contribution.files.all(),
            **kwargs,
        )

    def perform(self, data: dict) -> str:
        title = self.contribution.title
        if data["decision"] == ModerationAction.PUBLISHED:
            services.publish(self.contribution, actor=self.request.user, note=data["note"])
            return _("“%(title)s” is published; its submitters are told.") % {"title": title}
        services.return_contribution(self.contribution, actor=self.request.user, reason=data["note"])
        return _("“%(title)s” is returned to its submitters with your reason.") % {"title": title}

    def done(self):
        return redirect("knowledge:queue")


urlpatterns = [
    path("", ListView.as_view(), name="list"),
    path("counts/", CountsView.as_view(), name="counts"),
    path("submit/", AddView.as_view(), name="add"),
    path("mine/", MineView.as_view(), name="mine"),
    path("moderation/", QueueView.as_view(), name="queue"),
    path("<int:pk>/", DetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", EditView.as_view(), name="edit"),
    path("<int:pk>/submit/", SubmitView.as_view(), name="submit"),
    path("<int:pk>/withdraw/", WithdrawView.as_view(), name="withdraw"),
    path("<int:pk>/moderate/", ModerateView.as_view(), name="moderate"),
    path("<int:pk>/files/<int:file>/", FileView.as_view(), name="file"),
]
