"""Observers of a session (rules 14-17): the list, applications and notices, the secretariat's steps of
the admission workflow, State parties' objections and the circulated list of other NGOs."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView

from .. import observers, queries, services
from ..enums import AdmissionRoute
from ..forms import (
    AdmissionObjectionForm,
    ConferenceDecisionForm,
    DayForm,
    ObserverApplicationForm,
    RecordObserverApplicationForm,
)
from ..models import Delegation
from ..services import MeetingRuleError
from .base import RuleFormView, SessionMixin


class ObserversView(SessionMixin, TemplateView):
    """Everyone sees the admitted observers and the deadlines; the secretariat and the bureau see every
    application, and who objected; the secretariat gets the actions."""

    permission_required = "meetings.view_sessions"
    template_name = "meetings/observers.html"

    def get_context_data(self, **kwargs):
        user, session = self.request.user, self.session
        see_all = user.has_perm("meetings.view_applications", session)
        see_objections = user.has_perm("meetings.view_objections", session)
        can_object = user.has_perm("meetings.object_to_observer", session)
        return super().get_context_data(
            rows=queries.observer_rows(session, user, see_all=see_all, see_objections=see_objections),
            deadlines=queries.observer_deadlines(session),
            see_all=see_all,
            see_objections=see_objections,
            can_manage=user.has_perm("meetings.manage_sessions", session),
            can_apply=user.has_perm("meetings.apply_as_observer", session),
            objectable=queries.objectable_ngos(session, timezone.localdate()) if can_object else [],
            waiting=queries.ngo_applications_waiting(session) if see_all else [],
            **kwargs,
        )


class ObserverFormView(RuleFormView):
    template_name = "meetings/observers_form.html"
    done_url = "meetings:observers"


class ApplyView(ObserverFormView):
    """An observer's representative applies (or gives notice) for their organisation."""

    permission_required = "meetings.apply_as_observer"
    template_name = "meetings/observers_apply.html"
    form_class = ObserverApplicationForm
    title = gettext_lazy("Apply for observer status")

    def get_context_data(self, **kwargs):
        organisation = queries.observer_organisation_of(self.request.user)
        context = {"organisation": organisation}
        if organisation is not None and organisation.observer_category:
            route = observers.route_for(organisation.observer_category)
            context |= {
                "route": route,
                "rule": observers.rule_for(organisation.observer_category),
                "deadline": queries.observer_deadlines(self.session).arrival_deadline(route),
                "notice": route == AdmissionRoute.NOTICE,
            }
        return super().get_context_data(**context, **kwargs)

    def perform(self, data: dict) -> str:
        organisation = queries.observer_organisation_of(self.request.user)
        if organisation is None:
            raise MeetingRuleError(_("Your account does not represent an observer organization."))
        delegation = services.apply_as_observer(
            session=self.session,
            applicant=organisation,
            received_on=timezone.localdate(),
            actor=self.request.user,
        )
        return _("%(name)s: %(status)s.") % {
            "name": organisation.name,
            "status": delegation.get_admission_status_display(),
        }


class RecordApplicationView(ObserverFormView):
    """The secretariat records an application or notice received in writing (by post, e-mail)."""

    permission_required = "meetings.manage_sessions"
    form_class = RecordObserverApplicationForm
    title = gettext_lazy("Record an application or a notice")

    def perform(self, data: dict) -> str:
        delegation = services.apply_as_observer(
            session=self.session,
            applicant=data["applicant"],
            received_on=data["received_on"],
            actor=self.request.user,
        )
        return _("%(name)s: %(status)s.") % {
            "name": delegation.organisation.name,
            "status": delegation.get_admission_status_display(),
        }


class CirculateListView(ObserverFormView):
    permission_required = "meetings.manage_sessions"
    form_class = DayForm
    title = gettext_lazy("Circulate the list of other non-governmental organizations")

    def perform(self, data: dict) -> str:
        listed = services.circulate_ngo_list(session=self.session, on=data["on"], actor=self.request.user)
        count = len(listed)
        return ngettext(
            "The list is circulated with %(count)d organization.",
            "The list is circulated with %(count)d organizations.",
            count,
        ) % {"count": count}


class CloseNoObjectionView(ObserverFormView):
    permission_required = "meetings.manage_sessions"
    form_class = DayForm
    title = gettext_lazy("Close the no-objection period")

    def perform(self, data: dict) -> str:
        admitted = services.close_no_objection_period(
            session=self.session, on=data["on"], actor=self.request.user
        )
        count = len(admitted)
        return ngettext(
            "%(count)d organization without objection is admitted.",
            "%(count)d organizations without objection are admitted.",
            count,
        ) % {"count": count}


class DelegationFormView(ObserverFormView):
    """A step on one observer delegation of this session."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(delegation=self.delegation, **kwargs)

    def delegations(self) -> QuerySet[Delegation]:
        return Delegation.objects.exclude(admission_route="")

    @cached_property
    def delegation(self) -> Delegation:
        return get_object_or_404(
            self.delegations().select_related("organisation", "session"),
            pk=self.kwargs["pk"],
            session=self.session,
        )


class ObjectView(DelegationFormView):
    """A State party objects to an NGO on the circulated list: a focal point for their own State, the
    secretariat for the State whose written objection it received."""

    permission_required = "meetings.object_to_observer"
    form_class = AdmissionObjectionForm
    title = gettext_lazy("Object to an organization on the list")

    def delegations(self) -> QuerySet[Delegation]:
        # Only the circulated list is open to objections; applications not yet listed stay unseen.
        return Delegation.objects.filter(admission_route=AdmissionRoute.NGO_LIST, listed_on__isnull=False)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if not self.request.user.has_perm("meetings.manage_sessions", self.session):
            kwargs["own_state"] = queries.focal_point_state_of(self.request.user)
        return kwargs

    def perform(self, data: dict) -> str:
        if data.get("by_state") is None:
            raise MeetingRuleError(_("Your account is not the focal point of a State party."))
        services.object_to_observer(
            self.delegation, by_state=data["by_state"], on=data["raised_on"], actor=self.request.user
        )
        return _("The objection to %(name)s is recorded.") % {"name": self.delegation.organisation.name}


def _refer(delegation, data, actor):
    return services.refer_to_conference(delegation, on=data["on"], actor=actor)


def _grant(delegation, data, actor):
    return services.grant_by_bureau(delegation, on=data["on"], actor=actor)


def _withdraw(delegation, data, actor):
    return services.withdraw_observer(delegation, on=data["on"], actor=actor)


def _decide(delegation, data, actor):
    return services.record_conference_decision(
        delegation, admit=data["admit"], on=data["on"], decision=data["decision"], actor=actor
    )


# step in the address → (form, service, page title)
STEPS = {
    "grant": (DayForm, _grant, gettext_lazy("Grant observer status (bureau)")),
    "refer": (DayForm, _refer, gettext_lazy("Refer to the Conference")),
    "decide": (ConferenceDecisionForm, _decide, gettext_lazy("Record the Conference's decision")),
    "withdraw": (DayForm, _withdraw, gettext_lazy("Record a withdrawal")),
}


class ObserverStepView(DelegationFormView):
    """The secretariat's steps on one observer's admission, each through its own service."""

    permission_required = "meetings.manage_sessions"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["step"] not in STEPS:
            raise Http404
        self.form_class, self.service, self.title = STEPS[kwargs["step"]]

    def perform(self, data: dict) -> str:
        delegation = self.service(self.delegation, data, self.request.user)
        return _("%(name)s: %(status)s.") % {
            "name": delegation.organisation.name,
            "status": delegation.get_admission_status_display(),
        }


class NgoListView(SessionMixin, TemplateView):
    """The list of other NGOs as the secretariat circulated it (rule 17(2)), in English and Chinese."""

    permission_required = "meetings.view_sessions"
    template_name = "meetings/observers_ngo_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            listed=queries.circulated_ngo_list(self.session),
            deadlines=queries.observer_deadlines(self.session),
            **kwargs,
        )


urlpatterns = [
    path("<slug:slug>/observers/", ObserversView.as_view(), name="observers"),
    path("<slug:slug>/observers/apply/", ApplyView.as_view(), name="observer_apply"),
    path("<slug:slug>/observers/record/", RecordApplicationView.as_view(), name="observer_record"),
    path("<slug:slug>/observers/circulate/", CirculateListView.as_view(), name="observer_circulate"),
    path("<slug:slug>/observers/close/", CloseNoObjectionView.as_view(), name="observer_close"),
    path("<slug:slug>/observers/ngo-list/", NgoListView.as_view(), name="ngo_list"),
    path("<slug:slug>/observers/<int:pk>/object/", ObjectView.as_view(), name="observer_object"),
    path("<slug:slug>/observers/<int:pk>/<slug:step>/", ObserverStepView.as_view(), name="observer_step"),
]
