"""The pages of the drawing of lots (RULES.md 4.3-4.4): the public country pairings of a cycle by year,
the public history of draws and redraws with each record, its check and its JSON for anyone to run it
again; the secretariat's draw of a cycle at the IRG session (a preview, then the record); and a State's
request for a redraw of its reviewers (DL-6)."""

from __future__ import annotations

import hashlib
import json

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from ..conf import draw_settings
from ..cycles import CYCLES, Cycle
from ..enums import DrawAction
from ..forms.draw import ConductDrawForm, RedrawForm
from ..models import CountryReview, Draw
from ..services import ReviewRuleError
from ..services import draw as service
from .base import ReviewFormView


class CycleMixin(PermissionRequiredMixin):
    """The cycle from the address (404 for a cycle that does not exist)."""

    @cached_property
    def cycle(self) -> Cycle:
        try:
            return CYCLES[self.kwargs["cycle"]]
        except KeyError:
            raise Http404(
                _("There is no review cycle %(cycle)s.") % {"cycle": self.kwargs["cycle"]}
            ) from None

    def get_context_data(self, **kwargs):
        kwargs["cycle"] = self.cycle  # in place of the number a TemplateView passes from the address
        return super().get_context_data(**kwargs)


class PairingsView(CycleMixin, TemplateView):
    """Who reviews whom, year by year: public once drawn (RULES 4.9)."""

    permission_required = "reviews.view_public"
    template_name = "reviews/draw_pairings.html"

    def get_context_data(self, **kwargs):
        by_year = service.pairings(self.cycle.number)
        user = self.request.user
        # The redraw link, for the secretariat and for the focal point of the State under review.
        redrawable = (
            {
                review.pk
                for reviews in by_year.values()
                for review in reviews
                if user.has_perm("reviews.request_redraw", review)
            }
            if user.is_authenticated
            else set()
        )
        return super().get_context_data(
            years=sorted(by_year.items()),
            count=sum(len(reviews) for reviews in by_year.values()),
            current=service.current_record(self.cycle.number),
            redrawable=redrawable,
            can_draw=user.has_perm("reviews.conduct_draw") and not by_year,
            **kwargs,
        )


class DrawsView(CycleMixin, TemplateView):
    """Every draw and redraw of a cycle, oldest first: when, by whom, at which session, with which seed."""

    permission_required = "reviews.view_public"
    template_name = "reviews/draw_history.html"

    def get_context_data(self, **kwargs):
        records = Draw.objects.filter(cycle=self.cycle.number).select_related("session", "state", "replaces")
        return super().get_context_data(records=records, **kwargs)


class DrawRecordMixin(PermissionRequiredMixin):
    permission_required = "reviews.view_public"

    @cached_property
    def record(self) -> Draw:
        return get_object_or_404(
            Draw.objects.select_related("session", "state", "replaces"), pk=self.kwargs["pk"]
        )


def verification(record: Draw) -> service.Verification:
    """Whether the record runs again to its result. Records are never changed, so the answer is kept,
    keyed on what the record and the one it replaces hold, instead of re-running a whole cycle's draw
    on every visit of a public page."""
    before = record.replaces.result if record.replaces_id else None  # a redraw starts from it
    held = json.dumps([record.inputs, record.result, before], sort_keys=True, default=str)
    key = f"reviews:draw-check:{record.pk}:{hashlib.sha256(held.encode()).hexdigest()}"
    return cache.get_or_set(key, lambda: service.check_draw(record), timeout=None)


class DrawDetailView(DrawRecordMixin, TemplateView):
    """One record: its inputs' digest, whether it runs again to the same result, what could not be met."""

    template_name = "reviews/draw_detail.html"

    def get_context_data(self, **kwargs):
        record = self.record
        result = record.result if isinstance(record.result, dict) else {}
        rows = result.get("reviews") or []
        if record.action == DrawAction.REDRAW and record.state_id:
            rows = [row for row in rows if row.get("state") == record.state.iso3]
        return super().get_context_data(
            record=record,
            cycle=CYCLES.get(record.cycle),
            check=verification(record),
            unmet=result.get("unmet") or [],
            rows=rows,
            states_count=len(record.inputs.get("states", [])) if isinstance(record.inputs, dict) else 0,
            **kwargs,
        )


class DrawJsonView(DrawRecordMixin, View):
    """The record as JSON, to download and run again with the engine (cosp/reviews/draw.py)."""

    def get(self, request, *args, **kwargs):
        response = JsonResponse(service.record_as_json(self.record), json_dumps_params={"indent": 2})
        response["Content-Disposition"] = f'attachment; filename="draw-{self.record.pk}.json"'
        return response


class ConductDrawView(CycleMixin, FormView):
    """The secretariat draws the cycle during the IRG session: a preview first (nothing saved), then
    "record this draw", which saves it only if the data still gives the previewed draw."""

    permission_required = "reviews.conduct_draw"
    template_name = "reviews/draw_conduct.html"
    form_class = ConductDrawForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            already_drawn=CountryReview.objects.filter(cycle=self.cycle.number).exists(),
            settings=draw_settings(),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        if "record" not in self.request.POST:
            return self.show_preview(data)
        try:
            record = service.conduct_draw(
                cycle=self.cycle.number,
                seed=data["seed"],
                actor=self.request.user,
                session=data["session"],
                expected_digest=data["expected_digest"] or None,
            )
        except ReviewRuleError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        count = CountryReview.objects.filter(draw=record).count()
        messages.success(
            self.request,
            _("Cycle %(cycle)s is drawn: %(count)s reviews, seed %(seed)s.")
            % {"cycle": self.cycle.number, "count": count, "seed": record.seed},
        )
        return redirect("reviews:pairings", cycle=self.cycle.number)

    def show_preview(self, data: dict):
        preview = service.preview_draw(cycle=self.cycle.number, seed=data["seed"])
        form = self.form_class(initial={**data, "expected_digest": preview.inputs_digest})
        years: dict[int, list] = {}
        for pairing in preview.result.pairings:
            years.setdefault(pairing.year, []).append(pairing)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                preview=preview,
                preview_years=sorted(years.items()),
                preview_unmet=[unmet.as_json() for unmet in preview.result.unmet],
            )
        )


class RedrawView(ReviewFormView):
    """The State under review asks for its reviewers to be drawn again (DL-6); what the rules refuse is
    said on the form and nothing changes."""

    permission_required = "reviews.request_redraw"
    template_name = "reviews/draw_redraw.html"
    form_class = RedrawForm
    title = gettext_lazy("Ask for a redraw of the reviewers")
    done_url = "reviews:redraw"

    def get_context_data(self, **kwargs):
        review = self.review
        return super().get_context_data(
            reviewers=list(review.reviewers.select_related("state__regional_group")),
            ordinary=draw_settings().ordinary_redraws,
            records=Draw.objects.filter(cycle=review.cycle, action=DrawAction.REDRAW, state=review.state_id),
            **kwargs,
        )

    def perform(self, data: dict) -> str:
        record = service.request_redraw(
            self.review, actor=self.request.user, exceptional=data["exceptional"], reason=data["reason"]
        )
        # A fresh query (not the prefetched reviewers): the service has just replaced them.
        review = self.review
        names = ", ".join(str(reviewer.state) for reviewer in review.reviewers.select_related("state"))
        return _("The reviewers of %(state)s are drawn again (seed %(seed)s): %(reviewers)s.") % {
            "state": review.state,
            "seed": record.seed,
            "reviewers": names or _("none could be drawn"),
        }


urlpatterns = [
    path("cycles/<int:cycle>/pairings/", PairingsView.as_view(), name="pairings"),
    path("cycles/<int:cycle>/draws/", DrawsView.as_view(), name="draws"),
    path("cycles/<int:cycle>/draw/", ConductDrawView.as_view(), name="conduct_draw"),
    path("draws/<int:pk>/", DrawDetailView.as_view(), name="draw_detail"),
    path("draws/<int:pk>.json", DrawJsonView.as_view(), name="draw_json"),
    path("<int:cycle>-<str:iso3>/redraw/", RedrawView.as_view(), name="redraw"),
]
