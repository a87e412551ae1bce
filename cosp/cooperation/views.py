"""Pages of request tracking: thin views that check access (access.py through rules.py), call one
service or query and render. A request the user may not see answers 404, the same as a missing one."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from cosp.core.downloads import table_response
from cosp.core.service_views import ServiceFormView
from cosp.core.uploads import stored_file_response
from cosp.reviews.charts import Series, stacked_bars

from . import access, queries, services, workflow
from .enums import LegalBasis, Reason, RequestKind, Status
from .forms import AttachmentForm, ConsultationForm, DelayForm, FilterForm, MessageForm, MoveForm, RequestForm
from .models import Attachment, Request


class NotFoundUnlessAllowed:
    """Signed-in users without access get 404, as for a missing request; anonymous ones sign in."""

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            raise Http404(_("There is no such request among your authority's requests."))
        return super().handle_no_permission()


class AuthorityMixin(PermissionRequiredMixin):
    """Pages of the central authorities. Django answers yes to every has_perm of a superuser, so the
    access check is asked again here: a superuser who is no central-authority official sees nothing."""

    permission_required = "cooperation.use_requests"

    def has_permission(self) -> bool:
        return super().has_permission() and access.is_central_authority(self.request.user)


class RequestMixin(NotFoundUnlessAllowed, PermissionRequiredMixin):
    permission_required = "cooperation.view_request"

    def has_permission(self) -> bool:
        # As in AuthorityMixin: the access check itself, not only has_perm (true for any superuser).
        return super().has_permission() and access.can_see(self.request.user, self.cooperation_request)

    @cached_property
    def cooperation_request(self) -> Request | None:
        return (
            Request.objects.select_related("requesting_state", "requested_state")
            .filter(pk=self.kwargs["pk"])
            .first()
        )

    def get_permission_object(self):
        return self.cooperation_request

    @cached_property
    def side(self) -> workflow.Side | None:
        return access.side_of(self.request.user, self.cooperation_request)

    def get_context_data(self, **kwargs):
        return super().get_context_data(request_obj=self.cooperation_request, side=self.side, **kwargs)


class RequestFormView(RequestMixin, ServiceFormView):
    refusal = services.CooperationError
    template_name = "cooperation/form.html"

    def done(self):
        return redirect("cooperation:request", pk=self.cooperation_request.pk)


def private(response: HttpResponse) -> HttpResponse:
    """Confidential pages are never kept by shared caches."""
    patch_cache_control(response, private=True, no_store=True)
    return response


class MyRequestsView(AuthorityMixin, TemplateView):
    template_name = "cooperation/requests.html"

    def get_context_data(self, **kwargs):
        form = FilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        today = timezone.localdate()
        rows = queries.my_requests(
            self.request.user,
            today,
            direction=filters.get("direction", ""),
            status=filters.get("status", ""),
            kind=filters.get("kind", ""),
            overdue_only=filters.get("overdue", False),
        )
        return super().get_context_data(form=form, rows=rows, today=today, **kwargs)

    def render_to_response(self, context, **kwargs):
        return private(super().render_to_response(context, **kwargs))


class NewRequestView(AuthorityMixin, ServiceFormView):
    template_name = "cooperation/form.html"
    form_class = RequestForm
    refusal = services.CooperationError
    title = gettext_lazy("New request")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "authority_states": access.authority_states(self.request.user)}

    def perform(self, data: dict) -> str:
        self.created = services.create_request(actor=self.request.user, **data)
        return _("The request was saved as a draft; send it when it is ready.")

    def done(self):
        return redirect("cooperation:request", pk=self.created.pk)


class RequestView(RequestMixin, TemplateView):
    template_name = "cooperation/request.html"

    def get_context_data(self, **kwargs):
        request = self.cooperation_request
        moves = workflow.moves_for(request.status, self.side)
        today = timezone.localdate()
        return super().get_context_data(
            entries=queries.timeline(request),
            offences=request.offences.order_by("number"),
            due=queries.row_of(self.request.user, request, today).due,
            move_form=MoveForm(moves=moves, auto_id="move_%s") if moves else None,
            consultation_form=ConsultationForm(auto_id="consult_%s")
            if request.status in workflow.OPEN
            else None,
            delay_form=(
                DelayForm(auto_id="delay_%s")
                if request.status in workflow.OPEN and self.side is workflow.Side.REQUESTED
                else None
            ),
            attachment_form=AttachmentForm(auto_id="file_%s"),
            message_form=MessageForm(auto_id="message_%s") if request.status != Status.DRAFT else None,
            flags=workflow.flagged(request.reasons.values_list("reason", flat=True)),
            consulted=request.consultations.exists(),
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        return private(super().render_to_response(context, **kwargs))


class MoveView(RequestFormView):
    form_class = MoveForm
    title = gettext_lazy("Change the status")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "moves": workflow.moves_for(self.cooperation_request.status, self.side),
        }

    def perform(self, data: dict) -> str:
        change = services.move(self.cooperation_request, actor=self.request.user, **data)
        return _("The request is now: %(status)s.") % {"status": change.get_status_display()}


class ConsultView(RequestFormView):
    form_class = ConsultationForm
    title = gettext_lazy("Record a consultation")

    def perform(self, data: dict) -> str:
        services.consult(self.cooperation_request, actor=self.request.user, **data)
        return _("The consultation was recorded.")


class DelayView(RequestFormView):
    form_class = DelayForm
    title = gettext_lazy("Explain a delay")

    def perform(self, data: dict) -> str:
        services.record_delay(self.cooperation_request, actor=self.request.user, **data)
        return _("The reasons for the delay were recorded.")


class AttachView(RequestFormView):
    form_class = AttachmentForm
    title = gettext_lazy("Attach a file")

    def perform(self, data: dict) -> str:
        attachment = services.attach(
            self.cooperation_request, actor=self.request.user, upload=data["file"], title=data["title"]
        )
        return _("%(title)s was attached.") % {"title": attachment.title}


class MessageView(RequestFormView):
    form_class = MessageForm
    title = gettext_lazy("Write to the other authority")

    def perform(self, data: dict) -> str:
        services.post_message(self.cooperation_request, actor=self.request.user, **data)
        return _("The message was added to the request.")


class AttachmentView(RequestMixin, View):
    """A request's file, served only through the access check (never from a public media URL)."""

    def get(self, request, *args, **kwargs):
        attached = get_object_or_404(Attachment, pk=self.kwargs["file"], request=self.cooperation_request)
        return stored_file_response(attached.file, title=attached.title)


def _export_row(row) -> list:
    item = row.request
    return [
        item.pk,
        _("Incoming") if row.incoming else _("Outgoing"),
        item.requesting_state.short_name,
        item.requested_state.short_name,
        item.get_kind_display(),
        item.get_legal_basis_display(),
        item.treaty,
        item.get_urgency_display(),
        item.get_status_display(),
        item.requesting_reference,
        item.requested_reference,
        item.sent_on,
        item.received_on,
        item.acknowledged_on,
        item.executed_on,
        item.refused_on,
        item.withdrawn_on,
        row.due.due if row.due else "",
        row.due.days_late if row.due else "",
        item.subject,
    ]


class ExportView(AuthorityMixin, View):
    """The user's own authority's requests as CSV."""

    def get(self, request, *args, **kwargs):
        header = [
            _("Number"),
            _("Direction"),
            _("Requesting State"),
            _("Requested State"),
            _("Type"),
            _("Legal basis"),
            _("Treaty"),
            _("Urgency"),
            _("Status"),
            _("Requesting State's reference"),
            _("Requested State's reference"),
            _("Sent on"),
            _("Received on"),
            _("Acknowledged on"),
            _("Executed on"),
            _("Refused on"),
            _("Withdrawn on"),
            _("Due"),
            _("Days late"),
            _("Subject"),
        ]
        rows = [_export_row(row) for row in queries.my_requests(request.user, timezone.localdate())]
        return private(table_response("csv", header, rows, name="requests"))


class StatisticsView(PermissionRequiredMixin, TemplateView):
    """Anonymous statistics: counts, durations and refusal reasons by type; small cells suppressed."""

    permission_required = "cooperation.view_statistics"
    template_name = "cooperation/statistics.html"

    def get_context_data(self, **kwargs):
        report = queries.statistics_report()
        kinds = dict(RequestKind.choices)
        statuses = dict(Status.choices)
        chart = None
        if report.total:
            columns = report.status_by_kind.columns
            chart = stacked_bars(
                [str(kinds[kind]) for kind in report.status_by_kind.rows],
                [
                    Series(
                        str(statuses[status]),
                        [
                            report.status_by_kind.value(kind, status) or 0
                            for kind in report.status_by_kind.rows
                        ],
                    )
                    for status in columns
                ],
                title=_("Requests by type and status"),
                description=_("Suppressed cells (fewer than %(n)s requests) are drawn as zero.")
                % {"n": report.threshold},
                chart_id="requests-by-status",
                rtl=get_language_bidi(),
            )
        return super().get_context_data(
            report=report,
            kinds=kinds,
            statuses=statuses,
            bases=dict(LegalBasis.choices),
            reasons=dict(Reason.choices),
            not_a_ground=workflow.NOT_A_GROUND,
            chart=chart,
            **kwargs,
        )
