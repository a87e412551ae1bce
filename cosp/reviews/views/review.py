"""The pages of one country review: its public page with the timetable, recording a step, the
secretariat's settings, and the reviews a person takes part in."""

from django.urls import path
from django.views.generic import TemplateView

from .base import ReviewMixin


class ReviewView(ReviewMixin, TemplateView):
    permission_required = "reviews.view_public"
    template_name = "reviews/review_detail.html"


urlpatterns = [
    path("<int:cycle>-<str:iso3>/", ReviewView.as_view(), name="review"),
]
