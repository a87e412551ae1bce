"""What every session page view shares: the session from the address, the permission checked on it."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.views.generic import FormView
from rules.contrib.views import PermissionRequiredMixin

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


class RuleFormView(SessionMixin, FormView):
    """A form whose valid data goes to one service: what the rules refuse is shown on the form and
    nothing is saved; what was done is said on the page the view returns to (`done_url`)."""

    title = ""
    done_url = ""  # a URL name that takes the session's slug

    def perform(self, data: dict) -> str:
        """Call the service and return the message that says what was done."""
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, **kwargs)

    def form_valid(self, form):
        try:
            done = self.perform(form.cleaned_data)
        except MeetingRuleError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, done)
        return redirect(self.done_url, slug=self.session.slug)
