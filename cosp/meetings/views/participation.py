from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from cosp.core.enums import Role
from cosp.core.models import Organisation

from ..enums import AttendanceGroup
from ..forms import DelegateForm
from ..models import Delegate
from ..queries import delegations_with_people, pending_registrations
from ..services import decide_registration, register_delegate
from .base import RuleFormView, SessionMixin


def own_organisation(user) -> Organisation | None:
    """The organisation a user registers delegates for: their State's as focal point, or their own
    observer organisation."""
    membership = (
        user.memberships.filter(role__in=[Role.FOCAL_POINT, Role.OBSERVER_REPRESENTATIVE])
        .select_related("organisation")
        .first()
    )
    return membership.organisation if membership else None


class ParticipantsView(SessionMixin, TemplateView):
    permission_required = "meetings.view_sessions"
    template_name = "meetings/participants.html"

    def get_context_data(self, **kwargs):
        delegations = delegations_with_people(self.session, self.request.user)
        groups = {value: [] for value in AttendanceGroup.values}
        for delegation in delegations:
            groups[delegation.group].append(delegation)
        labelled = [(AttendanceGroup(value).label, members) for value, members in groups.items() if members]
        return super().get_context_data(groups=labelled, **kwargs)


class RegisterDelegateView(RuleFormView):
    permission_required = "meetings.register_delegation"
    template_name = "meetings/register.html"
    form_class = DelegateForm
    done_url = "meetings:register"

    def dispatch(self, request, *args, **kwargs):
        self.organisation = own_organisation(request.user) if request.user.is_authenticated else None
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        registered = Delegate.objects.filter(
            delegation__session=self.session, delegation__organisation=self.organisation
        )
        return super().get_context_data(organisation=self.organisation, registered=registered, **kwargs)

    def perform(self, data: dict) -> str:
        if self.organisation is None:
            raise PermissionDenied
        delegate = register_delegate(
            session=self.session, organisation=self.organisation, actor=self.request.user, **data
        )
        return _("%(name)s is registered and awaits the secretariat's approval.") % {"name": delegate.name}


class RegistrationsView(SessionMixin, TemplateView):
    """The secretariat's queue of people awaiting approval."""

    permission_required = "meetings.manage_sessions"
    template_name = "meetings/registrations.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(pending=pending_registrations(self.session), **kwargs)

    def post(self, request, *args, **kwargs):
        delegate = get_object_or_404(
            Delegate, pk=request.POST.get("delegate"), delegation__session=self.session
        )
        approve = request.POST.get("decision") == "approve"
        decide_registration(delegate, approve=approve, actor=request.user)
        message = _("Approved: %(name)s") if approve else _("Rejected: %(name)s")
        messages.success(request, message % {"name": delegate.name})
        return redirect("meetings:registrations", slug=self.session.slug)


urlpatterns = [
    path("<slug:slug>/participants/", ParticipantsView.as_view(), name="participants"),
    path("<slug:slug>/register/", RegisterDelegateView.as_view(), name="register"),
    path("<slug:slug>/registrations/", RegistrationsView.as_view(), name="registrations"),
]
