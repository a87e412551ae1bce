"""The form view every app uses to hand a form to one service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.views.generic import FormView


class ServiceFormView(FormView):
    """A form whose valid data goes to one service: what the rules refuse (`refusal`, the app's
    ValidationError) is shown on the form and nothing is saved; what was done is said on the page
    `done()` returns to."""

    title = ""
    refusal: type[ValidationError] = ValidationError

    def perform(self, data: dict) -> str:
        """Call the service and return the message that says what was done."""
        raise NotImplementedError

    def done(self) -> HttpResponse:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, **kwargs)

    def form_valid(self, form):
        try:
            done = self.perform(form.cleaned_data)
        except self.refusal as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, done)
        return self.done()
