"""Governmental experts (RULES 4.5): every State's public list (names, positions, expertise,
languages; never contact details), the form of a State's focal point or the secretariat for one
listing, and the assignment of experts to a review by its reviewing States."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from cosp.states.views import StateMixin

from .. import queries
from ..conf import experts_per_state
from ..forms.experts import AssignForm, ExpertForm
from ..models import GovernmentalExpert
from ..services import ReviewRuleError
from ..services import experts as service
from .base import ReviewMixin

REVIEW = "<int:cycle>-<str:iso3>"


class ExpertListsView(PermissionRequiredMixin, TemplateView):
    """Every State's list, as UNODC publishes them."""

    permission_required = "reviews.view_public"
    template_name = "reviews/experts_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(lists=queries.expert_lists(), **kwargs)


class StateExpertsView(StateMixin, TemplateView):
    """One State's list; who keeps it also sees e-mails, accounts and experts taken off it."""

    permission_required = "reviews.view_public"
    template_name = "reviews/experts_state.html"

    def get_context_data(self, **kwargs):
        can_manage = self.request.user.has_perm("reviews.manage_experts", self.state)
        return super().get_context_data(
            listing=queries.expert_list(self.state, include_inactive=can_manage),
            can_manage=can_manage,
            cap=experts_per_state(),
            **kwargs,
        )


class ExpertEditView(StateMixin, FormView):
    """Add an expert to the State's list (no `pk`) or change one listing."""

    permission_required = "reviews.manage_experts"
    template_name = "reviews/experts_form.html"
    form_class = ExpertForm

    @cached_property
    def expert(self) -> GovernmentalExpert | None:
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(GovernmentalExpert, pk=self.kwargs["pk"], state=self.state)

    def get_initial(self):
        return ExpertForm.initial_for(self.expert) if self.expert else super().get_initial()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "state": self.state}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.expert is None:
            del form.fields["active"]  # a new listing is on the list; the cap is checked when added
        return form

    def get_context_data(self, **kwargs):
        title = _("Change a governmental expert") if self.expert else _("Add a governmental expert")
        return super().get_context_data(expert=self.expert, title=title, cap=experts_per_state(), **kwargs)

    def form_valid(self, form):
        data, actor = form.cleaned_data, self.request.user
        fields = {name: data[name] for name in service.LISTING_FIELDS}
        try:
            if self.expert is None:
                expert = service.add_expert(self.state, user=data["user"], actor=actor, **fields)
                done = _("%(name)s is on the list of %(state)s.")
            else:
                expert = service.update_expert(
                    self.expert, user=data["user"], active=data["active"], actor=actor, **fields
                )
                done = _("The listing of %(name)s is saved.")
        except ReviewRuleError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, done % {"name": expert.name, "state": self.state.short_name})
        return redirect("reviews:state_experts", iso3=self.state.iso3)


class AssignExpertsView(ReviewMixin, TemplateView):
    """The experts working on a review: a reviewing State's focal point assigns or removes its own,
    the secretariat those of every State taking part."""

    permission_required = "reviews.assign_experts"
    template_name = "reviews/experts_assign.html"

    def get_context_data(self, **kwargs):
        page = queries.assignment_page(self.review, self.request.user)
        kwargs.setdefault("form", AssignForm(candidates=page.candidates))
        return super().get_context_data(page=page, **kwargs)

    def post(self, request, *args, **kwargs):
        review, actor = self.review, request.user
        if "unassign" in request.POST:
            expert = get_object_or_404(GovernmentalExpert, pk=request.POST.get("unassign"))
            try:
                service.unassign_expert(review, expert, actor=actor)
            except ReviewRuleError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request, _("%(name)s no longer works on this review.") % {"name": expert.name}
                )
            return redirect("reviews:assign_experts", cycle=review.cycle, iso3=review.state.iso3)
        page = queries.assignment_page(review, actor)
        form = AssignForm(request.POST, candidates=page.candidates)
        if form.is_valid():
            try:
                service.assign_expert(review, form.cleaned_data["expert"], actor=actor)
            except ReviewRuleError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("%(name)s is assigned to this review.") % {"name": form.cleaned_data["expert"].name},
                )
                return redirect("reviews:assign_experts", cycle=review.cycle, iso3=review.state.iso3)
        return self.render_to_response(self.get_context_data(form=form))


urlpatterns = [
    path("experts/", ExpertListsView.as_view(), name="experts"),
    path("experts/<str:iso3>/", StateExpertsView.as_view(), name="state_experts"),
    path("experts/<str:iso3>/add/", ExpertEditView.as_view(), name="expert_edit"),
    path("experts/<str:iso3>/<int:pk>/", ExpertEditView.as_view(), name="expert_edit"),
    path(f"{REVIEW}/experts/", AssignExpertsView.as_view(), name="assign_experts"),
]
