"""What every page of one country review shares: the review from the address (/reviews/2-AUT/), the
permission checked on it, and a form view whose refusals come back on the form."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.views.generic import FormView
from rules.contrib.views import PermissionRequiredMixin

from ..models import CountryReview
from ..services import ReviewRuleError


class ReviewMixin(PermissionRequiredMixin):
    """Loads `self.review` from `cycle` and `iso3` in the address; permissions are checked on it."""

    @cached_property
    def review(self) -> CountryReview:
        return get_object_or_404(
            CountryReview.objects.with_parties(), cycle=self.kwargs["cycle"], state__iso3=self.kwargs["iso3"]
        )

    def get_permission_object(self):
        return self.review

    def get_context_data(self, **kwargs):
        return super().get_context_data(review=self.review, **kwargs)


class ReviewFormView(ReviewMixin, FormView):
    """A form whose valid data goes to one service: what the rules refuse is shown on the form and
    nothing is saved; what was done is said on the page the view returns to (`done_url`, a URL name
    taking cycle and iso3)."""

    title = ""
    done_url = "reviews:review"

    def perform(self, data: dict) -> str:
        """Call the service and return the message that says what was done."""
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, **kwargs)

    def form_valid(self, form):
        try:
            done = self.perform(form.cleaned_data)
        except ReviewRuleError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, done)
        return redirect(self.done_url, cycle=self.review.cycle, iso3=self.review.state.iso3)
