"""The work plan's pages beside the calendar: the secretariat imports a plan from a table in an ingested
document (preview, then confirm), and one paragraph of the political declaration shows which bodies
discuss it, and when. `urlpatterns` below is joined into the app's urls.py."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from cosp.core.languages import labelled_values, language_label
from cosp.documents.enums import BlockKind
from cosp.documents.models import Document
from cosp.meetings.models import Body

from .models import DeclarationParagraph, WorkPlanEntry
from .services import ImportResult, import_work_plan, read_document_work_plan
from .work_plan import WorkPlanProblem, describe_paragraphs

# work_plan.PROBLEMS in the reader's language (the pure module cannot translate); a test checks that
# every code has its message.
PROBLEM_MESSAGES = {
    "no_declaration": _("The political declaration is not in the database yet: ingest it first."),
    "no_table": _("No table with the work plan's columns (date or year, body, paragraphs) was found."),
    "no_rows": _("The table has a header but no row that reads as a row of a plan."),
    "no_date": _("No date or year."),
    "bad_date": _("Not a date or a year."),
    "reversed_dates": _("The meeting ends before it starts."),
    "no_body": _("No body."),
    "unknown_body": _("No body answers to this name."),
    "no_paragraphs": _("Neither declaration paragraphs nor keywords."),
    "bad_paragraphs": _("Not a list of paragraph numbers."),
    "reversed_range": _("A range of paragraphs that runs backwards."),
    "unknown_paragraph": _("The declaration has no such paragraph."),
    "duplicate_row": _("The same date, bodies and paragraphs as an earlier row."),
    "rows_differ": _("The language versions' tables do not have the same rows."),
    "versions_differ": _("The language versions do not agree on this cell."),
}

COLUMN_LABELS = {
    "when": _("Date or year"),
    "bodies": _("Body"),
    "paragraphs": _("Paragraphs"),
    "keywords": _("Keywords"),
    "": _("Table"),
}

# The declaration's section keys and the themes its paragraphs carry (extraction/declaration.py).
THEME_LABELS = {
    "opening": _("Opening"),
    "prevention": _("Prevention"),
    "criminalization": _("Criminalization and law enforcement"),
    "international_cooperation": _("International cooperation"),
    "asset_recovery": _("Asset recovery"),
    "technical_assistance": _("Technical assistance and information exchange"),
    "agenda_2030": _("The 2030 Agenda for Sustainable Development"),
    "way_forward": _("The way forward"),
    "money_laundering": _("Money-laundering"),
    "beneficial_ownership": _("Beneficial ownership"),
    "public_procurement": _("Public procurement"),
    "conflict_of_interest": _("Conflicts of interest"),
    "asset_declarations": _("Asset and interest declarations"),
    "audit": _("Audit institutions"),
    "anti_corruption_bodies": _("Anti-corruption bodies"),
    "judiciary": _("The judiciary"),
    "private_sector": _("Private sector"),
    "civil_society": _("Civil society"),
    "reporting_persons": _("Protection of reporting persons"),
    "media": _("Media and journalists"),
    "gender": _("Gender"),
    "covid19": _("COVID-19"),
    "education": _("Education"),
    "sport": _("Sport"),
    "organized_crime": _("Organized crime"),
    "technology": _("Technology"),
    "review_mechanism": _("Implementation Review Mechanism"),
}


def problem_rows(problems: list[WorkPlanProblem]) -> list[dict]:
    """Problems as the page lists them: where, the cell as written, and what is wrong, translated."""
    return [
        {
            "row": problem.row,
            "column": COLUMN_LABELS.get(problem.column, problem.column),
            "cell": problem.cell,
            "message": PROBLEM_MESSAGES[problem.code],
            "detail": problem.detail,
            "language": language_label(problem.language) if problem.language else "",
        }
        for problem in problems
    ]


class WorkPlanImportForm(forms.Form):
    symbol = forms.ChoiceField(
        label=_("Document"),
        help_text=_("An ingested document one of whose tables holds the work plan."),
    )
    replace = forms.BooleanField(
        label=_("Replace the stored work plan"),
        required=False,
        initial=True,
        help_text=_("Entries that the table does not list are deleted."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        symbols = (
            Document.objects.filter(versions__blocks__kind=BlockKind.TABLE_ROW)
            .order_by("symbol")
            .values_list("symbol", flat=True)
            .distinct()
        )
        self.fields["symbol"].choices = [("", "—"), *((symbol, symbol) for symbol in symbols)]

    def document(self) -> Document:
        return Document.objects.get(symbol=self.cleaned_data["symbol"])


class WorkPlanImportView(PermissionRequiredMixin, FormView):
    """Choose a document (GET ?symbol= shows what its table yields and what is wrong), then confirm:
    the import stores every row or, when one row cannot be read, nothing."""

    permission_required = "outcomes.manage_outcomes"
    template_name = "outcomes/work_plan_import.html"
    form_class = WorkPlanImportForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET" and "symbol" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_bound and form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, preview=self._preview(form)))
        return self.render_to_response(self.get_context_data(form=form))

    def _preview(self, form: WorkPlanImportForm) -> dict:
        return self._shown(read_document_work_plan(form.document()))

    def _shown(self, result: ImportResult) -> dict:
        bodies = {body.code: body for body in Body.objects.all()}
        return {
            "result": result,
            "entries": [
                {
                    "row": entry.row,
                    "when": entry.when,
                    "bodies": [bodies.get(code, code) for code in entry.bodies],
                    "paragraphs": entry.paragraphs,
                    "paragraph_list": describe_paragraphs(entry.paragraphs),
                    "keywords": [entry.keywords.get(lang, "") for lang in result.languages],
                }
                for entry in result.entries
            ],
            "languages": [language_label(language) for language in result.languages],
            "problems": problem_rows(result.problems),
            "stored": WorkPlanEntry.objects.count(),
        }

    def form_valid(self, form: WorkPlanImportForm):
        replace = form.cleaned_data["replace"]
        result = import_work_plan(form.document(), actor=self.request.user, replace=replace)
        if not result.saved:
            messages.error(self.request, _("Nothing was imported: the table has rows that cannot be read."))
            return self.render_to_response(self.get_context_data(form=form, preview=self._shown(result)))
        messages.success(
            self.request,
            ngettext(
                "%(rows)d row read: %(created)d entries added, %(updated)d updated, %(removed)d removed.",
                "%(rows)d rows read: %(created)d entries added, %(updated)d updated, %(removed)d removed.",
                len(result.entries),
            )
            % {
                "rows": len(result.entries),
                "created": result.created,
                "updated": result.updated,
                "removed": result.removed,
            },
        )
        return redirect("outcomes:work_plan")


class DeclarationParagraphView(PermissionRequiredMixin, TemplateView):
    """One paragraph of the declaration in every language held, its section, articles and themes, and
    the work-plan entries that give it to a body: which body discusses it, and when."""

    permission_required = "outcomes.view_outcomes"
    template_name = "outcomes/declaration_paragraph.html"

    @cached_property
    def paragraph(self) -> DeclarationParagraph:
        entries = WorkPlanEntry.objects.prefetch_related("bodies").order_by("year", "meeting_date", "pk")
        return get_object_or_404(
            DeclarationParagraph.objects.select_related("section").prefetch_related(
                "articles", Prefetch("work_plan_entries", queryset=entries)
            ),
            number=self.kwargs["number"],
        )

    def get_context_data(self, **kwargs):
        paragraph = self.paragraph
        numbers = DeclarationParagraph.objects.values_list("number", flat=True)
        return super().get_context_data(
            paragraph=paragraph,
            texts=[text for text in labelled_values(paragraph, "text") if text["text"]],
            themes=[THEME_LABELS.get(theme, theme.replace("_", " ")) for theme in paragraph.themes],
            entries=paragraph.work_plan_entries.all(),
            previous=numbers.filter(number__lt=paragraph.number).order_by("-number").first(),
            next=numbers.filter(number__gt=paragraph.number).order_by("number").first(),
            **kwargs,
        )


urlpatterns = [
    path("declaration/<int:number>/", DeclarationParagraphView.as_view(), name="declaration_paragraph"),
    path("work-plan/import/", WorkPlanImportView.as_view(), name="work_plan_import"),
]
