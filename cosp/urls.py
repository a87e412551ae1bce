from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("", include("cosp.core.urls")),
    path("states/", include("cosp.states.urls")),
    path("documents/", include("cosp.documents.urls")),
    path("meetings/", include("cosp.meetings.urls")),
    path("outcomes/", include("cosp.outcomes.urls")),
    path("reviews/", include("cosp.reviews.urls")),
    path("knowledge/", include("cosp.knowledge.urls")),
    path("assistance/", include("cosp.assistance.urls")),
    path("authorities/", include("cosp.authorities.urls")),
    path("cooperation/", include("cosp.cooperation.urls")),
    path("recovery/", include("cosp.recovery.urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
