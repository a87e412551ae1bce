"""The recovery pages: public statistics with charts and exports, the records of one's own States, entry
by form and by file (with a preview), and the exchange rates. Thin: each loads, checks the permission,
calls one query or service and renders."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi, gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from cosp.core.downloads import table_response
from cosp.core.languages import babel_locale, interface_language
from cosp.core.service_views import ServiceFormView
from cosp.reviews.charts import Series, stacked_bars

from . import imports, queries, services, values
from .enums import ImportStatus, Measure
from .forms import GROUP_CHOICES, RateForm, RecordForm, StatisticsForm, UploadForm
from .models import ExchangeRate, ImportBatch, RecoveryRecord
from .services import RecoveryError

PREVIEW_GOOD_ROWS = 200  # the preview lists every bad row, and the first good ones


# --- Statistics -----------------------------------------------------------------------------------------


def _table(stats: queries.Statistics) -> tuple[list[str], list[list]]:
    """The statistics as a header and rows (the same for CSV, XLSX and the API's consumers)."""
    label = dict(GROUP_CHOICES)[stats.group_by]
    header = [str(label)]
    for measure in Measure:
        header += [
            gettext("%(measure)s, US dollars") % {"measure": measure.label},
            gettext("%(measure)s, cases") % {"measure": measure.label},
            gettext("%(measure)s, records") % {"measure": measure.label},
        ]
    rows = []
    for line in [*stats.lines, stats.total]:
        row: list = [line.label]
        for cell in line.by_measure():
            row += [cell.usd, cell.cases, cell.records]
        rows.append(row)
    return header, rows


# The unit of a chart's axis, chosen from its largest bar: (threshold, divisor, label).
_UNITS = (
    (Decimal(10) ** 9, Decimal(10) ** 9, _("Billions of US dollars")),
    (Decimal(10) ** 6, Decimal(10) ** 6, _("Millions of US dollars")),
    (Decimal(10) ** 3, Decimal(10) ** 3, _("Thousands of US dollars")),
    (Decimal(0), Decimal(1), _("US dollars")),
)


def _charts(filters: queries.Filters) -> list[SafeString]:
    """One bar chart per measure with amounts: US dollars by year (measures are stages of the same
    assets, so they are drawn apart, never stacked)."""
    by_year = queries.statistics(filters, "year")
    years = [line.label for line in by_year.lines]
    charts = []
    for measure in Measure:
        amounts = [line.cell(measure).usd for line in by_year.lines]
        if not any(amounts):
            continue
        _threshold, divisor, unit = next(unit for unit in _UNITS if max(amounts) >= unit[0])
        svg = stacked_bars(
            years,
            [Series(str(unit), [float(round(amount / divisor, 2)) for amount in amounts])],
            title=gettext("%(measure)s, by year (%(unit)s)") % {"measure": measure.label, "unit": unit},
            description=gettext("Assets %(measure)s in each year, in %(unit)s at the stored rates.")
            % {"measure": str(measure.label).lower(), "unit": str(unit).lower()},
            chart_id=f"chart-{measure.value}",
            rtl=get_language_bidi(),
        )
        charts.append(mark_safe(svg))  # charts.py escapes every label it is given
    return charts


class StatisticsView(PermissionRequiredMixin, TemplateView):
    permission_required = "recovery.view_statistics"
    template_name = "recovery/statistics.html"

    def get_context_data(self, **kwargs):
        form = StatisticsForm(self.request.GET)
        filters, group_by = form.filters()
        stats = queries.statistics(filters, group_by)
        query = self.request.GET.urlencode()
        return super().get_context_data(
            title=_("Asset-recovery statistics"),
            form=form,
            stats=stats,
            measures=list(Measure),
            totals=list(zip(Measure, stats.total.by_measure(), strict=True)),
            charts=_charts(filters),
            group_label=dict(GROUP_CHOICES)[group_by],
            query=f"?{query}" if query else "",
            **kwargs,
        )


class StatisticsExportView(PermissionRequiredMixin, View):
    permission_required = "recovery.view_statistics"

    def get(self, request, fmt: str):
        filters, group_by = StatisticsForm(request.GET).filters()
        header, rows = _table(queries.statistics(filters, group_by))
        return table_response(fmt, header, rows, name=f"asset-recovery-by-{group_by}", sheet="Asset recovery")


# --- Records --------------------------------------------------------------------------------------------


class RecordListView(PermissionRequiredMixin, TemplateView):
    """The records the user may see (the secretariat's: all; a State official's: their States')."""

    permission_required = "recovery.view_records"
    template_name = "recovery/records.html"

    def get_context_data(self, **kwargs):
        records = queries.records_visible_to(self.request.user).order_by(
            "-year", "requesting_state__iso3", "pk"
        )
        page = Paginator(records, 100).get_page(self.request.GET.get("page"))
        return super().get_context_data(title=_("Asset-recovery records"), page=page, **kwargs)


class RecordMixin(PermissionRequiredMixin):
    """A record the user may see; a missing one and one of other States are refused alike (the
    permission is checked on None)."""

    @cached_property
    def record(self) -> RecoveryRecord | None:
        return queries.records_visible_to(self.request.user).filter(pk=self.kwargs["pk"]).first()

    def get_permission_object(self):
        return self.record

    def get_context_data(self, **kwargs):
        return super().get_context_data(record=self.record, **kwargs)


class RecordDetailView(RecordMixin, TemplateView):
    permission_required = "recovery.view_record"
    template_name = "recovery/record.html"

    def get_context_data(self, **kwargs):
        history = self.record.history.select_related("history_user").order_by("-history_date")[:20]
        return super().get_context_data(
            title=_("Asset-recovery record"),
            history=history,
            may_edit=self.request.user.has_perm("recovery.edit_record", self.record),
            **kwargs,
        )


class RecordAddView(PermissionRequiredMixin, ServiceFormView):
    permission_required = "recovery.enter_records"
    template_name = "recovery/record_form.html"
    form_class = RecordForm
    refusal = RecoveryError
    title = _("Enter an asset-recovery record")

    def perform(self, data: dict) -> str:
        self.saved = services.add_record(actor=self.request.user, **data)
        return gettext("The record was saved.")

    def done(self):
        return redirect("recovery:record", pk=self.saved.pk)


class RecordEditView(RecordMixin, ServiceFormView):
    permission_required = "recovery.edit_record"
    template_name = "recovery/record_form.html"
    form_class = RecordForm
    refusal = RecoveryError
    title = _("Correct an asset-recovery record")

    def get_initial(self):
        record = self.record
        return {
            "year": record.year,
            "requesting_state": record.requesting_state,
            "requested_state": record.requested_state,
            "measure": record.measure,
            "amount": record.amount,
            "currency": record.currency,
            "cases": record.cases,
            "offences": record.offences,
            "source": record.source,
            "notes": record.notes,
        }

    def perform(self, data: dict) -> str:
        services.update_record(self.record, actor=self.request.user, **data)
        return gettext("The record was corrected.")

    def done(self):
        return redirect("recovery:record", pk=self.record.pk)


class RecordDeleteView(RecordMixin, TemplateView):
    permission_required = "recovery.edit_record"
    template_name = "recovery/record_delete.html"

    def post(self, request, *args, **kwargs):
        services.delete_record(self.record, actor=request.user)
        messages.success(request, gettext("The record was deleted."))
        return redirect("recovery:records")


# --- Imports --------------------------------------------------------------------------------------------


class ImportView(PermissionRequiredMixin, ServiceFormView):
    permission_required = "recovery.enter_records"
    template_name = "recovery/import.html"
    form_class = UploadForm
    refusal = RecoveryError
    title = _("Import asset-recovery records")

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=imports.COLUMNS, max_rows=services.WEB_MAX_ROWS, **kwargs)

    def perform(self, data: dict) -> str:
        upload = data["file"]
        self.batch = services.start_import(
            actor=self.request.user, file_name=upload.name, content=upload.read()
        )
        return gettext("The file was read. Check its rows below, then import them.")

    def done(self):
        return redirect("recovery:import_preview", pk=self.batch.pk)


class ImportPreviewView(PermissionRequiredMixin, TemplateView):
    """The rows of an uploaded file, good and bad, checked now; the choice to import all of them (only
    when none is bad), the good ones only, or none."""

    permission_required = "recovery.view_import"
    template_name = "recovery/import_preview.html"

    @cached_property
    def batch(self) -> ImportBatch:
        return get_object_or_404(ImportBatch, pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.batch

    def get_context_data(self, **kwargs):
        checked = None
        refusal = None
        if self.batch.status == ImportStatus.PENDING:
            try:
                checked = services.check_batch(self.batch, actor=self.request.user)
            except RecoveryError as error:
                refusal = " ".join(error.messages)
        return super().get_context_data(
            title=_("Import preview"),
            batch=self.batch,
            checked=checked,
            refusal=refusal,
            good_rows=checked.good[:PREVIEW_GOOD_ROWS] if checked else [],
            columns=imports.COLUMN_KEYS,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        try:
            if action == "discard":
                services.discard_import(self.batch, actor=request.user)
                messages.success(request, gettext("The file was discarded; nothing was imported."))
                return redirect("recovery:import")
            stored = services.import_batch(
                self.batch, actor=request.user, good_rows_only=action == "good_rows"
            )
        except RecoveryError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("recovery:import_preview", pk=self.batch.pk)
        messages.success(request, gettext("%(count)s records were imported.") % {"count": stored})
        return redirect("recovery:records")


class ImportTemplateView(PermissionRequiredMixin, View):
    """The empty file to fill in, with its columns and one example row."""

    permission_required = "recovery.view_statistics"

    def get(self, request, fmt: str):
        header, example = imports.template_rows()
        return table_response(fmt, header, [example], name="asset-recovery-template", sheet="Records")


# --- Rates ----------------------------------------------------------------------------------------------


class RatesView(PermissionRequiredMixin, TemplateView):
    """Every stored rate, a currency per line and a year per column."""

    permission_required = "recovery.view_statistics"
    template_name = "recovery/rates.html"

    def get_context_data(self, **kwargs):
        rates = list(ExchangeRate.objects.all())
        years = sorted({rate.year for rate in rates})
        by_currency: dict[str, dict[int, ExchangeRate]] = {}
        for rate in rates:
            by_currency.setdefault(rate.currency, {})[rate.year] = rate
        locale = babel_locale(interface_language())
        return super().get_context_data(
            title=_("Exchange rates"),
            years=years,
            lines=[
                (values.currency_label(code, locale), [by_year.get(year) for year in years])
                for code, by_year in sorted(by_currency.items())
            ],
            **kwargs,
        )


class RateSetView(PermissionRequiredMixin, ServiceFormView):
    permission_required = "recovery.manage_rates"
    template_name = "recovery/rate_form.html"
    form_class = RateForm
    refusal = RecoveryError
    title = _("Set an exchange rate")

    def perform(self, data: dict) -> str:
        changed = services.set_rate(actor=self.request.user, **data)
        return gettext("The rate was saved; %(count)s records were converted again.") % {"count": changed}

    def done(self):
        return redirect("recovery:rates")


class RateImportView(PermissionRequiredMixin, ServiceFormView):
    permission_required = "recovery.manage_rates"
    template_name = "recovery/rate_import.html"
    form_class = UploadForm
    refusal = RecoveryError
    title = _("Import exchange rates")

    def perform(self, data: dict) -> str:
        upload = data["file"]
        stored, converted = services.import_rates(upload.read(), upload.name, actor=self.request.user)
        return gettext("%(rates)s rates were saved; %(records)s records were converted again.") % {
            "rates": stored,
            "records": converted,
        }

    def done(self):
        return redirect("recovery:rates")


urlpatterns = [
    path("", StatisticsView.as_view(), name="statistics"),
    path("statistics.<str:fmt>", StatisticsExportView.as_view(), name="statistics_export"),
    path("records/", RecordListView.as_view(), name="records"),
    path("records/add/", RecordAddView.as_view(), name="record_add"),
    path("records/<int:pk>/", RecordDetailView.as_view(), name="record"),
    path("records/<int:pk>/edit/", RecordEditView.as_view(), name="record_edit"),
    path("records/<int:pk>/delete/", RecordDeleteView.as_view(), name="record_delete"),
    path("import/", ImportView.as_view(), name="import"),
    path("import/template.<str:fmt>", ImportTemplateView.as_view(), name="import_template"),
    path("import/<int:pk>/", ImportPreviewView.as_view(), name="import_preview"),
    path("rates/", RatesView.as_view(), name="rates"),
    path("rates/set/", RateSetView.as_view(), name="rate_set"),
    path("rates/import/", RateImportView.as_view(), name="rate_import"),
]
