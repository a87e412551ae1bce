"""Credentials of States parties' delegations (rules 18-20): the record the secretariat keeps, the
objections, and the bureau's report. Seen by the secretariat and the session's bureau."""

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from .. import queries, services
from ..enums import AttendanceGroup
from ..forms import CredentialsObjectionForm, CredentialsReceiptForm, DayForm
from ..models import Delegation
from .base import RuleFormView, SessionMixin


class CredentialsView(SessionMixin, TemplateView):
    permission_required = "meetings.view_credentials"
    template_name = "meetings/credentials.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            overview=queries.credentials_overview(self.session),
            can_manage=self.request.user.has_perm("meetings.manage_sessions", self.session),
            **kwargs,
        )


class CredentialsFormView(RuleFormView):
    """The secretariat records something about one State party's credentials; a refusal by the rules
    is shown on the form."""

    permission_required = "meetings.manage_sessions"
    template_name = "meetings/credentials_form.html"
    done_url = "meetings:credentials"

    @cached_property
    def delegation(self) -> Delegation:
        return get_object_or_404(
            Delegation.objects.select_related("organisation__state"),
            pk=self.kwargs["pk"],
            session=self.session,
            group=AttendanceGroup.STATE_PARTY,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(delegation=self.delegation, **kwargs)


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


class AdoptReportView(RuleFormView):
    """The secretariat records the day the Conference adopted the bureau's report on credentials."""

    permission_required = "meetings.manage_sessions"
    template_name = "meetings/credentials_form.html"
    done_url = "meetings:credentials"
    form_class = DayForm
    title = gettext_lazy("The Conference adopted the bureau's report on credentials")

    def perform(self, data: dict) -> str:
        services.adopt_credentials_report(self.session, on=data["on"], actor=self.request.user)
        return _("Recorded: delegations no longer take part provisionally.")


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
