"""What every session page view shares: the session from the address, the permission checked on it."""

from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from rules.contrib.views import PermissionRequiredMixin

from cosp.core.service_views import ServiceFormView

from ..models import Session
from ..services import MeetingRuleError


class SessionMixin(PermissionRequiredMixin):
    """Loads `self.session` from the `slug` in the address; permissions are checked on the session."""

    @cached_property
    def session(self) -> Session:
        return get_object_or_404(Session.objects.select_related("body"), slug=self.kwargs["slug"])

    def get_permission_object(self):
        return self.session

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.session, **kwargs)


class RuleFormView(SessionMixin, ServiceFormView):
    """A session's form handed to one service; returns to `done_url` (a URL name taking the slug)."""

    refusal = MeetingRuleError
    done_url = ""

    def done(self):
        return redirect(self.done_url, slug=self.session.slug)
