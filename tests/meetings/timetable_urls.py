"""The project's addresses with the timetable pages mounted under the meetings namespace, for the
tests to reach them before they are wired into cosp/meetings/urls.py."""

from django.urls import include, path

from cosp import urls as project_urls
from cosp.meetings import urls as meetings_urls
from cosp.meetings.views import timetable

_mine = {pattern.name for pattern in timetable.urlpatterns}
# The first "meetings" namespace in the list is the one `reverse` uses, so it must hold every page.
meetings = [pattern for pattern in meetings_urls.urlpatterns if pattern.name not in _mine]
urlpatterns = [
    path("meetings/", include(([*meetings, *timetable.urlpatterns], "meetings"))),
    *project_urls.urlpatterns,
]
