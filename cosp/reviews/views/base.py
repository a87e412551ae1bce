"""What every page of one country review shares: the review from the address (/reviews/2-AUT/), the
permission checked on it, and the form view handing a review's form to one service."""

from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from rules.contrib.views import PermissionRequiredMixin

from cosp.core.service_views import ServiceFormView

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


class ReviewFormView(ReviewMixin, ServiceFormView):
    """A review's form handed to one service; returns to `done_url` (a URL name taking cycle and iso3)."""

    refusal = ReviewRuleError
    done_url = "reviews:review"

    def done(self):
        return redirect(self.done_url, cycle=self.review.cycle, iso3=self.review.state.iso3)
