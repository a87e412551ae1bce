"""The project's addresses with the attendance page mounted under the meetings namespace, for the tests
to reach it before it is wired into cosp/meetings/urls.py."""

from django.urls import include, path

from cosp import urls as project_urls
from cosp.meetings import urls as meetings_urls
from cosp.meetings.views import attendance

_mine = {pattern.name for pattern in attendance.urlpatterns}
# The first "meetings" namespace in the list is the one `reverse` uses, so it must hold every page.
meetings = [pattern for pattern in meetings_urls.urlpatterns if pattern.name not in _mine]
urlpatterns = [
    path("meetings/", include(([*meetings, *attendance.urlpatterns], "meetings"))),
    *project_urls.urlpatterns,
]
