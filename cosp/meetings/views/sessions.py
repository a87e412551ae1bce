from django.urls import path
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from ..queries import agenda_with_documents, session_documents, sessions_by_body
from .base import SessionMixin


class SessionListView(PermissionRequiredMixin, TemplateView):
    permission_required = "meetings.view_sessions"
    template_name = "meetings/session_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(sessions_by_body=sessions_by_body(), **kwargs)


class SessionDetailView(SessionMixin, TemplateView):
    permission_required = "meetings.view_sessions"
    template_name = "meetings/session_detail.html"

    def get_context_data(self, **kwargs):
        session = self.session
        documents = list(session_documents(session, self.request.user))
        return super().get_context_data(
            agenda=agenda_with_documents(session, documents),
            documents=documents,
            officers=session.officers.select_related("state", "state__regional_group"),
            other_bodies=session.other_bodies.all(),
            **kwargs,
        )


urlpatterns = [
    path("", SessionListView.as_view(), name="sessions"),
    path("<slug:slug>/", SessionDetailView.as_view(), name="session"),
]
