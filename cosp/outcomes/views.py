from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from cosp.core.downloads import table_response
from cosp.meetings.models import Body

from . import queries
from .enums import Addressee, MandateStatus, OutcomeKind
from .forms import MandateForm
from .models import Mandate, Outcome
from .services import update_mandate


class OutcomeListView(PermissionRequiredMixin, TemplateView):
    permission_required = "outcomes.view_outcomes"
    template_name = "outcomes/outcome_list.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        return super().get_context_data(
            outcomes=queries.filter_outcomes(
                body=params.get("body"), kind=params.get("kind"), session=params.get("session")
            ),
            bodies=Body.objects.all(),
            kinds=OutcomeKind.choices,
            sessions=queries.sessions_with_outcomes(),
            filters=params,
            **kwargs,
        )


class OutcomeDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "outcomes.view_outcomes"
    template_name = "outcomes/outcome_detail.html"

    @cached_property
    def outcome(self) -> Outcome:
        return get_object_or_404(
            Outcome.objects.select_related("body", "session", "document"),
            body__code=self.kwargs["body"],
            kind=self.kwargs["kind"],
            number=self.kwargs["number"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            outcome=self.outcome,
            paragraphs=queries.outcome_with_links(self.outcome),
            sponsors=self.outcome.sponsors.select_related("state"),
            **kwargs,
        )


COLUMNS = [
    gettext_lazy("Resolution or decision"),
    gettext_lazy("Paragraph"),
    gettext_lazy("Addressee"),
    gettext_lazy("What is asked"),
    gettext_lazy("Due for"),
    gettext_lazy("Report to"),
    gettext_lazy("Status"),
    gettext_lazy("Overdue"),
    gettext_lazy("Reported in"),
]


def _rows(mandates) -> list[list[str]]:
    return [
        [
            str(m.paragraph.outcome),
            m.paragraph.number or str(m.paragraph.position + 1),
            m.get_addressee_display(),
            m.action,
            str(m.due_session or ""),
            m.get_report_to_display() if m.report_to else "",
            m.get_status_display(),
            _("yes") if queries.is_overdue(m) else "",
            ", ".join(d.symbol for d in m.reports.all()),
        ]
        for m in mandates
    ]


class MandateTrackerView(PermissionRequiredMixin, TemplateView):
    """Open mandates by addressee and due session, overdue first; as CSV or XLSX with ?format=."""

    permission_required = "outcomes.view_outcomes"
    template_name = "outcomes/mandate_tracker.html"

    def mandates(self):
        params = self.request.GET
        return queries.mandate_tracker(addressee=params.get("addressee"), status=params.get("status"))

    def get(self, request, *args, **kwargs):
        export = request.GET.get("format")
        if export in ("csv", "xlsx"):
            header = [str(label) for label in COLUMNS]
            rows = _rows(self.mandates())
            return table_response(export, header, rows, name="mandates", sheet="Mandates")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        mandates = self.mandates()
        return super().get_context_data(
            rows=[(m, queries.is_overdue(m)) for m in mandates],
            addressees=Addressee.choices,
            statuses=MandateStatus.choices,
            filters=self.request.GET,
            **kwargs,
        )


class MandateEditView(PermissionRequiredMixin, FormView):
    """The secretariat confirms or corrects a proposed mandate and records its follow-up."""

    permission_required = "outcomes.manage_outcomes"
    template_name = "outcomes/mandate_form.html"
    form_class = MandateForm

    @cached_property
    def mandate(self) -> Mandate:
        return get_object_or_404(Mandate.objects.select_related("paragraph__outcome"), pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.mandate}

    def get_context_data(self, **kwargs):
        return super().get_context_data(mandate=self.mandate, **kwargs)

    def form_valid(self, form: forms.ModelForm):
        data = form.cleaned_data
        update_mandate(self.mandate, actor=self.request.user, **data)
        messages.success(self.request, _("The mandate is confirmed."))
        return redirect(self.mandate.paragraph.outcome.get_absolute_url())


class DeclarationView(PermissionRequiredMixin, TemplateView):
    permission_required = "outcomes.view_outcomes"
    template_name = "outcomes/declaration.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(sections=queries.declaration(), **kwargs)


class WorkPlanView(PermissionRequiredMixin, TemplateView):
    permission_required = "outcomes.view_outcomes"
    template_name = "outcomes/work_plan.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            calendar=queries.work_plan_calendar(), coverage=queries.work_plan_coverage(), **kwargs
        )
