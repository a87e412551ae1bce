from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cosp.core.models import Organisation
from cosp.states.models import State

from . import queries
from .enums import CredentialsStatus, Office
from .models import Delegate


class DelegateForm(forms.ModelForm):
    class Meta:
        model = Delegate
        fields = ["name", "title", "level", "is_head"]


# --- Observers, credentials and the bureau: the secretariat records what happened, on the day --------


class PastDateField(forms.DateField):
    """A day on which something happened: today by default, never in the future."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("initial", timezone.localdate)
        super().__init__(**kwargs)

    def validate(self, value) -> None:
        super().validate(value)
        if value and value > timezone.localdate():
            raise forms.ValidationError(
                _("This date is in the future; record what has happened, on the day it happened."),
                code="future",
            )


def _state_field(label) -> forms.ModelChoiceField:
    """A chooser of States; the form fills in which ones (in the UN's English order) when built."""
    return forms.ModelChoiceField(label=label, queryset=State.objects.none())


class DayForm(forms.Form):
    """One step of the observers' workflow that needs only its date."""

    on = PastDateField(label=_("Date"))


class ObserverApplicationForm(forms.Form):
    """An observer's representative applies (or notifies) for their organisation; it arrives today."""


class RecordObserverApplicationForm(forms.Form):
    """The secretariat records an application or a notice that reached it by other means."""

    organisation = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organisation.objects.none(), required=False
    )
    state = forms.ModelChoiceField(
        label=_("or State not party to the Convention"), queryset=State.objects.none(), required=False
    )
    received_on = PastDateField(label=_("Received on"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = queries.observer_applicants().order_by("name")
        self.fields["state"].queryset = queries.states_not_parties().order_by("short_name_en")

    def clean(self) -> dict:
        cleaned = super().clean()
        organisation, state = cleaned.get("organisation"), cleaned.get("state")
        if bool(organisation) == bool(state):
            raise forms.ValidationError(
                _("Choose either the organization or the State that applied or gave notice."),
                code="one_applicant",
            )
        cleaned["applicant"] = organisation or state
        return cleaned


class AdmissionObjectionForm(forms.Form):
    """A State party's objection to an NGO on the circulated list. A focal point objects for their own
    State, so the chooser is only for the secretariat."""

    by_state = _state_field(_("Objecting State party"))
    raised_on = PastDateField(label=_("Raised on"))

    def __init__(self, *args, own_state: State | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.own_state = own_state
        if own_state is not None:
            del self.fields["by_state"]
        else:
            self.fields["by_state"].queryset = queries.states_parties().order_by("short_name_en")

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.own_state is not None:
            cleaned["by_state"] = self.own_state
        return cleaned


class ConferenceDecisionForm(forms.Form):
    admit = forms.TypedChoiceField(
        label=_("The Conference"),
        choices=[("yes", _("admits the observer")), ("no", _("refuses the observer"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    on = PastDateField(label=_("Decided on"))
    decision = forms.CharField(
        label=_("Decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The decision as the Conference took it, or its symbol."),
    )


class CredentialsReceiptForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Received"),
        choices=[
            (CredentialsStatus.COPY, CredentialsStatus.COPY.label),
            (CredentialsStatus.ORIGINAL, CredentialsStatus.ORIGINAL.label),
        ],
        widget=forms.RadioSelect,
    )
    received_on = PastDateField(label=_("Received on"))


class CredentialsObjectionForm(forms.Form):
    by_state = _state_field(_("Objecting State party"))
    raised_on = PastDateField(label=_("Raised on"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["by_state"].queryset = queries.states_parties().order_by("short_name_en")


class ElectOfficerForm(forms.Form):
    office = forms.ChoiceField(label=_("Office"), choices=Office.choices)
    state = _state_field(_("State party"))
    person = forms.CharField(label=_("Representative elected"), max_length=200, required=False)
    elected_on = PastDateField(label=_("Elected on"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = queries.states_parties().order_by("short_name_en")


class ReplaceOfficerForm(forms.Form):
    """Rule 31: the same State party names the replacement; the State is asked, not assumed, so that a
    mistaken choice is refused with the rule rather than silently corrected."""

    state = _state_field(_("State party naming the replacement"))
    person = forms.CharField(label=_("Replacement"), max_length=200)
    elected_on = PastDateField(label=_("Takes office on"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = queries.states_parties().order_by("short_name_en")
