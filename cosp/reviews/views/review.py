"""The pages of one country review (RULES 4.6): its public page with the timetable, recording a step,
the secretariat's settings (start, language, direct dialogue, focal point), and "my reviews".

The step and delay of every review are public (NGO trackers publish them); notices and assigned
experts are for the review's circle (`reviews.view_confidential`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from .. import access, queries, timeline
from ..enums import Step as StepChoice
from ..forms.workflow import DeferForm, DirectDialogueForm, FocalPointForm, LanguageForm, StartForm, StepForm
from ..services import ReviewRuleError, workflow
from .base import ReviewFormView, ReviewMixin

REVIEW = "<int:cycle>-<str:iso3>"


class ReviewView(ReviewMixin, TemplateView):
    """The review's public page; its circle also sees notices, experts and the forms it may use."""

    permission_required = "reviews.view_public"
    template_name = "reviews/review_detail.html"

    def get_context_data(self, **kwargs):
        user, review = self.request.user, self.review
        overview = queries.review_overview(review, user, timezone.localdate())
        return super().get_context_data(
            overview=overview,
            can_record=any(row.may_record for row in overview.rows),
            can_manage=user.has_perm("reviews.manage_review", review),
            can_assign=user.has_perm("reviews.assign_experts", review),
            **kwargs,
        )


class StepView(ReviewFormView):
    """Record one step done. Who may: the step's owner and the secretariat (access.may_record_step).
    The focal point's nomination names the person too (workflow.nominate_focal_point)."""

    template_name = "reviews/review_step.html"
    title = gettext_lazy("Record a step")
    permission_required = "reviews.view_confidential"  # not used: has_permission asks per step

    @cached_property
    def step(self) -> timeline.Step:
        try:
            return timeline.Step(self.kwargs["step"])
        except ValueError:
            raise Http404(_("A country review has no such step.")) from None

    def has_permission(self) -> bool:
        # The permission depends on the step as well as the review, so it is asked here rather than
        # through one rules permission on the review.
        return access.may_record_step(self.request.user, self.review, self.step)

    @property
    def nominates(self) -> bool:
        return self.step is timeline.Step.FOCAL_POINT_NOMINATION

    def get_form_class(self):
        return FocalPointForm if self.nominates else StepForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.nominates:
            kwargs["state"] = self.review.state
        return kwargs

    def get_context_data(self, **kwargs):
        steps = {state.step: state for state in workflow.plan(self.review)}
        return super().get_context_data(
            step=self.step,
            step_label=StepChoice(self.step.value).label,
            step_state=steps.get(self.step),
            **kwargs,
        )

    def perform(self, data: dict) -> str:
        label = StepChoice(self.step.value).label
        if self.nominates:
            workflow.nominate_focal_point(self.review, data["user"], on=data["on"], actor=self.request.user)
            return _("%(person)s is the focal point of the review.") % {"person": data["user"].display_name}
        workflow.complete_step(
            self.review, self.step, on=data["on"], actor=self.request.user, note=data["note"]
        )
        return _("“%(step)s” is recorded as done.") % {"step": label}


class SettingsView(ReviewMixin, TemplateView):
    """The secretariat runs the review: its start (or deferral), language, direct dialogue and focal
    point. Each
    form posts its `action`; a refusal comes back on that form, nothing saved."""

    permission_required = "reviews.manage_review"
    template_name = "reviews/review_settings.html"
    title = gettext_lazy("Settings of the review")

    def forms(self, bound: str | None = None) -> dict:
        review, data = self.review, self.request.POST if bound else None

        def build(action, form_class, initial=None, **kwargs):
            return form_class(data if bound == action else None, initial=initial, prefix=action, **kwargs)

        return {
            "start": build("start", StartForm),
            "language": build("language", LanguageForm, {"language": review.language or "en"}),
            "direct_dialogue": build(
                "direct_dialogue",
                DirectDialogueForm,
                {
                    "kind": review.direct_dialogue_kind,
                    "starts": review.direct_dialogue_starts,
                    "ends": review.direct_dialogue_ends,
                },
            ),
            "focal_point": build(
                "focal_point", FocalPointForm, {"user": review.focal_point_id}, state=review.state
            ),
            "defer": build("defer", DeferForm, review=review),
        }

    def get_context_data(self, **kwargs):
        kwargs.setdefault("forms", self.forms())
        skipped = self.review.step_records.filter(step=timeline.Step.DIRECT_DIALOGUE).first()
        return super().get_context_data(title=self.title, direct_dialogue_record=skipped, **kwargs)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action == "skip":
            return self._act(None, lambda data: self._skip())
        forms = self.forms(bound=action)
        if action not in forms:
            messages.error(request, _("Choose what to change."))
            return redirect("reviews:review_settings", cycle=self.review.cycle, iso3=self.review.state.iso3)
        form = forms[action]
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(forms=forms))
        response = self._act(form, getattr(self, f"_{action}"))
        if response is None:
            return self.render_to_response(self.get_context_data(forms=forms))
        return response

    def _act(self, form, perform):
        try:
            done = perform(form.cleaned_data if form is not None else {})
        except ReviewRuleError as error:
            if form is None:
                for message in error.messages:
                    messages.error(self.request, message)
                return redirect(
                    "reviews:review_settings", cycle=self.review.cycle, iso3=self.review.state.iso3
                )
            form.add_error(None, error)
            return None
        messages.success(self.request, done)
        return redirect("reviews:review", cycle=self.review.cycle, iso3=self.review.state.iso3)

    def _start(self, data: dict) -> str:
        workflow.start_review(self.review, on=data["on"], actor=self.request.user)
        return _("The review has started; the State under review is told.")

    def _language(self, data: dict) -> str:
        workflow.set_language(self.review, data["language"], actor=self.request.user)
        return _("The language of the review is saved.")

    def _direct_dialogue(self, data: dict) -> str:
        workflow.set_direct_dialogue(
            self.review, data["kind"], data["starts"], data["ends"], actor=self.request.user
        )
        return _("The dates of the visit or meeting are saved.")

    def _skip(self) -> str:
        workflow.skip_direct_dialogue(self.review, actor=self.request.user)
        return _("No country visit or joint meeting: the step is skipped.")

    def _defer(self, data: dict) -> str:
        workflow.defer_review(
            self.review, to_year=data["to_year"], reason=data["reason"], actor=self.request.user
        )
        return _("The review is deferred to year %(year)s.") % {"year": data["to_year"]}

    def _focal_point(self, data: dict) -> str:
        workflow.nominate_focal_point(self.review, data["user"], on=data["on"], actor=self.request.user)
        return _("The focal point of the review is saved.")


class MyReviewsView(LoginRequiredMixin, TemplateView):
    """The reviews whose circle the signed-in person is in, with what is due from them."""

    template_name = "reviews/review_mine.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            rows=queries.my_reviews(self.request.user, timezone.localdate()),
            today=timezone.localdate(),
            **kwargs,
        )


urlpatterns = [
    path("mine/", MyReviewsView.as_view(), name="my_reviews"),
    path(f"{REVIEW}/", ReviewView.as_view(), name="review"),
    path(f"{REVIEW}/steps/<str:step>/", StepView.as_view(), name="step"),
    path(f"{REVIEW}/settings/", SettingsView.as_view(), name="review_settings"),
]
