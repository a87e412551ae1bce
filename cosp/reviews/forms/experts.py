"""Forms of the governmental experts' pages: a listing on a State's list, and the choice of an expert
to assign to a review. The services (services/experts.py) check the rules: the cap of the list, the
account, who may assign whom."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cosp.states.models import State

from ..models import GovernmentalExpert
from .workflow import choose_official


class ExpertForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=300, required=False)
    expertise = forms.CharField(label=_("Areas of expertise"), max_length=300, required=False)
    languages = forms.CharField(
        label=_("Working languages"),
        max_length=100,
        required=False,
        help_text=_("For example: English, French."),
    )
    email = forms.EmailField(
        label=_("E-mail"), required=False, help_text=_("Not public: used to tell the expert of assignments.")
    )
    user = forms.ModelChoiceField(
        label=_("Account on the platform"),
        queryset=None,
        required=False,
        help_text=_(
            "An official of the State; with an account the expert sees the reviews assigned to them."
        ),
    )
    active = forms.BooleanField(label=_("On the list"), required=False, initial=True)

    def __init__(self, *args, state: State, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choose_official(self.fields["user"], state)

    @classmethod
    def initial_for(cls, expert: GovernmentalExpert) -> dict:
        return {
            "name": expert.name,
            "position": expert.position,
            "expertise": expert.expertise,
            "languages": expert.languages,
            "email": expert.email,
            "user": expert.user_id,
            "active": expert.active,
        }


class AssignForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=None)

    def __init__(self, *args, candidates, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["expert"]
        field.queryset = GovernmentalExpert.objects.filter(
            pk__in=[expert.pk for expert in candidates]
        ).select_related("state")
        field.label_from_instance = lambda expert: f"{expert.name} ({expert.state.short_name})"
