"""The attendance page: who attended a session, grouped and ordered as its report lists them, in
English and Chinese side by side, with the paragraphs for the report."""

from django.conf import settings
from django.urls import path
from django.views.generic import TemplateView

from cosp.core.languages import django_language

from ..attendance_data import attendance_in_languages
from .base import SessionMixin

# The languages the reports' attendance lists are written in.
_LANGUAGES = ("en", "zh")


class AttendanceView(SessionMixin, TemplateView):
    permission_required = "meetings.view_sessions"
    template_name = "meetings/attendance.html"

    def get_context_data(self, **kwargs):
        groups = attendance_in_languages(self.session, _LANGUAGES)
        codes = [django_language(code) for code in _LANGUAGES]  # for the `lang` attributes
        tables = [
            {
                "group": group.group,
                "count": group.count,
                "rows": [list(zip(codes, row, strict=True)) for row in group.rows],
            }
            for group in groups
        ]
        paragraphs = [
            {
                "code": code,
                "label": settings.LANGUAGE_LABELS[code],
                "paragraphs": [group.paragraphs[index] for group in groups],
            }
            for index, code in enumerate(codes)
        ]
        return super().get_context_data(
            tables=tables,
            languages=[settings.LANGUAGE_LABELS[code] for code in codes],
            paragraphs=paragraphs,
            total=sum(group.count for group in groups),
            **kwargs,
        )


urlpatterns = [
    path("<slug:slug>/attendance/", AttendanceView.as_view(), name="attendance"),
]
