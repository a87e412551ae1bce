"""Forms of a review's workflow: recording a step, starting the review, its language, the direct
dialogue and the focal point. They shape the input; the services (services/workflow.py) check the
rules, and a refusal naming a field (`on`, `user`, `language`, `kind`, `starts`, `ends`) is shown on
it."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cosp.states.models import State

from ..cycles import get_cycle
from ..enums import DirectDialogueKind
from ..queries import officials_of


def choose_official(field: forms.ModelChoiceField, state: State) -> None:
    """Let `field` offer the State's officials (queries.officials_of), each by name."""
    field.queryset = officials_of(state)
    field.label_from_instance = lambda user: user.display_name


class DayField(forms.DateField):
    """A day on which something happened (today by default)."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("initial", timezone.localdate)
        super().__init__(**kwargs)


class StepForm(forms.Form):
    on = DayField(label=_("Done on"))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by the review's circle only."),
    )


class StartForm(forms.Form):
    on = DayField(label=_("Notified on"), help_text=_("The day the State was told that its review starts."))


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the review"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, settings.LANGUAGE_LABELS.get(code, name)) for code, name in settings.LANGUAGES
        ]


class DirectDialogueForm(forms.Form):
    kind = forms.ChoiceField(label=_("Country visit or joint meeting"), choices=DirectDialogueKind.choices)
    starts = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends = forms.DateField(
        label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class DeferForm(forms.Form):
    to_year = forms.TypedChoiceField(label=_("Defer to year"), coerce=int)
    reason = forms.CharField(label=_("Reason given by the State"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, review, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        last = get_cycle(review.cycle).years
        self.fields["to_year"].choices = [(year, year) for year in range(review.year + 1, last + 1)]


class FocalPointForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Focal point"), queryset=None)
    on = DayField(
        label=_("Nominated on"), help_text=_("Used for the step the first time a focal point is named.")
    )

    def __init__(self, *args, state: State, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choose_official(self.fields["user"], state)
