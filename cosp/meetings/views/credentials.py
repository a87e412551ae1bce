"""Credentials of States parties' delegations (rules 18-20): the record the secretariat keeps, the
objections, and the bureau's report. Seen by the secretariat and the session's bureau."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from .. import queries, services
from ..enums import AttendanceGroup
from ..forms import CredentialsObjectionForm, CredentialsReceiptForm, DayForm
from ..models import Delegation
from ..services import MeetingRuleError
from .base import SessionMixin


class CredentialsView(SessionMixin, TemplateView):
    permission_required = "meetings.view_credentials"
    template_name = "meetings/credentials.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            overview=queries.credentials_overview(self.session),
            can_manage=self.request.user.has_perm("meetings.manage_sessions", self.session),
            **kwargs,
        )


class CredentialsFormView(SessionMixin, FormView):
    """The secretariat records something about one State party's credentials; a refusal by the rules
    is shown on the form."""

    permission_required = "meetings.manage_sessions"
    template_name = "meetings/credentials_form.html"
    title = ""

    @cached_property
    def delegation(self) -> Delegation:
        return get_object_or_404(
            Delegation.objects.select_related("organisation__state"),
            pk=self.kwargs["pk"],
            session=self.session,
            group=AttendanceGroup.STATE_PARTY,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, delegation=self.delegation, **kwargs)

    def perform(self, data: dict) -> str:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            done = self.perform(form.cleaned_data)
        except MeetingRuleError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, done)
        return redirect("meetings:credentials", slug=self.session.slug)


class ReceiptView(CredentialsFormView):
    form_class = CredentialsReceiptForm
    title = gettext_lazy("Record credentials received")

    def perform(self, data: dict) -> str:
        delegation = services.record_credentials_receipt(
            self.delegation, kind=data["kind"], on=data["received_on"], actor=self.request.user
        )
        return _("%(name)s: %(status)s.") % {
            "name": delegation.organisation.name,
            "status": delegation.get_credentials_display(),
        }


class CredentialsObjectionView(CredentialsFormView):
    form_class = CredentialsObjectionForm
    title = gettext_lazy("Record an objection to credentials")

    def perform(self, data: dict) -> str:
        services.object_to_credentials(
            self.delegation, by_state=data["by_state"], on=data["raised_on"], actor=self.request.user
        )
        return _("The objection to the credentials of %(name)s is recorded.") % {
            "name": self.delegation.organisation.name
        }


class AdoptReportView(SessionMixin, FormView):
    """The secretariat records the day the Conference adopted the bureau's report on credentials."""

    permission_required = "meetings.manage_sessions"
    template_name = "meetings/credentials_form.html"
    form_class = DayForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("The Conference adopted the bureau's report on credentials"), **kwargs
        )

    def form_valid(self, form):
        try:
            services.adopt_credentials_report(
                self.session, on=form.cleaned_data["on"], actor=self.request.user
            )
        except MeetingRuleError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Recorded: delegations no longer take part provisionally."))
        return redirect("meetings:credentials", slug=self.session.slug)


urlpatterns = [
    path("<slug:slug>/credentials/adopted/", AdoptReportView.as_view(), name="credentials_adopted"),
    path("<slug:slug>/credentials/", CredentialsView.as_view(), name="credentials"),
    path("<slug:slug>/credentials/<int:pk>/receipt/", ReceiptView.as_view(), name="credentials_receipt"),
    path(
        "<slug:slug>/credentials/<int:pk>/object/",
        CredentialsObjectionView.as_view(),
        name="credentials_objection",
    ),
]
