"""The bureau of a session (rules 22 and 31): the officers, what the rules find about them, the
rotation of the President and Rapporteur, and the secretariat's record of elections and replacements."""

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from .. import queries, services
from ..forms import ElectOfficerForm, ReplaceOfficerForm
from ..models import Officer
from .base import RuleFormView, SessionMixin


class BureauView(SessionMixin, TemplateView):
    permission_required = "meetings.view_sessions"
    template_name = "meetings/bureau.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            overview=queries.bureau_overview(self.session),
            can_manage=self.request.user.has_perm("meetings.manage_sessions", self.session),
            **kwargs,
        )


class BureauFormView(RuleFormView):
    """The secretariat records an election or a replacement; what rule 22 or 31 refuses is shown on
    the form, and what is allowed but worth a look comes back as a warning."""

    permission_required = "meetings.manage_sessions"
    template_name = "meetings/bureau_form.html"
    done_url = "meetings:bureau"

    def change(self, data: dict) -> services.OfficerChange:
        raise NotImplementedError

    def perform(self, data: dict) -> str:
        change = self.change(data)
        for warning in change.warnings:
            messages.warning(self.request, str(warning))
        officer = change.officer
        return _("%(office)s: %(state)s.") % {"office": officer.get_office_display(), "state": officer.state}


class ElectView(BureauFormView):
    form_class = ElectOfficerForm
    title = gettext_lazy("Record the election of an officer")

    def change(self, data: dict) -> services.OfficerChange:
        return services.elect_officer(session=self.session, actor=self.request.user, **data)


class ReplaceView(BureauFormView):
    form_class = ReplaceOfficerForm
    title = gettext_lazy("Record the replacement of an officer")

    @cached_property
    def officer(self) -> Officer:
        return get_object_or_404(
            Officer.objects.select_related("state"), pk=self.kwargs["pk"], session=self.session
        )

    def get_initial(self):
        return {**super().get_initial(), "state": self.officer.state}

    def get_context_data(self, **kwargs):
        return super().get_context_data(officer=self.officer, **kwargs)

    def change(self, data: dict) -> services.OfficerChange:
        return services.replace_officer(self.officer, actor=self.request.user, **data)


urlpatterns = [
    path("<slug:slug>/bureau/", BureauView.as_view(), name="bureau"),
    path("<slug:slug>/bureau/elect/", ElectView.as_view(), name="bureau_elect"),
    path("<slug:slug>/bureau/<int:pk>/replace/", ReplaceView.as_view(), name="bureau_replace"),
]
