"""Forms of the assistance pages. They shape the input; the services check the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cosp.core.enums import Language
from cosp.core.models import Organisation
from cosp.reviews.enums import AssistanceType, Priority
from cosp.states.models import Article, RegionalGroup, State

from .enums import NeedSource, NeedStatus
from .queries import NeedFilters


def _article_choices() -> list[tuple[int, str]]:
    return [(article.number, str(article)) for article in Article.objects.order_by("number")]


def _group_choices() -> list[tuple[str, str]]:
    return [
        (group.code, group.abbreviation or group.name) for group in RegionalGroup.objects.order_by("code")
    ]


class NeedFilterForm(forms.Form):
    """Narrows a list of needs; every field may stay empty."""

    state = forms.ChoiceField(label=_("State"), required=False)
    region = forms.ChoiceField(label=_("Regional group"), required=False)
    article = forms.TypedChoiceField(label=_("Article"), coerce=int, required=False, empty_value=None)
    assistance_type = forms.ChoiceField(label=_("Type of assistance"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    source = forms.ChoiceField(label=_("Source"), required=False)

    def __init__(self, *args, states=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        everything = ("", _("All"))
        states = State.objects.parties().order_by("short_name_en") if states is None else states
        self.fields["state"].choices = [everything, *((state.iso3, str(state)) for state in states)]
        self.fields["region"].choices = [everything, *_group_choices()]
        self.fields["article"].choices = [everything, *_article_choices()]
        self.fields["assistance_type"].choices = [everything, *AssistanceType.choices]
        self.fields["status"].choices = [everything, *NeedStatus.choices]
        self.fields["source"].choices = [everything, *NeedSource.choices]

    def filters(self) -> NeedFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return NeedFilters(
            state=data.get("state", ""),
            region=data.get("region", ""),
            article=data.get("article"),
            assistance_type=data.get("assistance_type", ""),
            status=data.get("status", ""),
            source=data.get("source", ""),
        )


class MatchingFilterForm(NeedFilterForm):
    partial = forms.BooleanField(label=_("Show offers meeting two of the three criteria too"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["source"]
        # Met needs need no provider: the matching page shows unmet and in-progress ones.
        self.fields["status"].choices = [
            ("", _("Unmet or in progress")),
            (NeedStatus.UNMET, NeedStatus.UNMET.label),
            (NeedStatus.IN_PROGRESS, NeedStatus.IN_PROGRESS.label),
        ]


class NeedForm(forms.Form):
    state = forms.ModelChoiceField(label=_("State"), queryset=State.objects.none())
    article = forms.TypedChoiceField(label=_("Article of the Convention"), coerce=int)
    assistance_type = forms.ChoiceField(label=_("Type of assistance"), choices=AssistanceType.choices)
    priority = forms.ChoiceField(label=_("Priority"), choices=[("", "—"), *Priority.choices], required=False)
    language = forms.ChoiceField(label=_("Language of the description"), choices=Language.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}))
    published = forms.BooleanField(
        label=_("Published"),
        required=False,
        help_text=_(
            "A published need is public; until then only the State's officials and the secretariat see it."
        ),
    )

    def __init__(self, *args, states=None, with_state: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = _article_choices()
        if with_state:
            self.fields["state"].queryset = states if states is not None else State.objects.none()
        else:
            del self.fields["state"]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=NeedStatus.choices)
    note = forms.CharField(label=_("Note (kept in the history)"), max_length=100, required=False)


class EngageForm(forms.Form):
    offer = forms.ModelChoiceField(label=_("Your offer"), queryset=None)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, offers=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers


class OfferForm(forms.Form):
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    language = forms.ChoiceField(label=_("Language of the text"), choices=Language.choices)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    articles = forms.ModelMultipleChoiceField(
        label=_("Articles"),
        queryset=Article.objects.order_by("number"),
        required=False,
        help_text=_("None chosen: any article."),
    )
    assistance_types = forms.MultipleChoiceField(
        label=_("Types of assistance"),
        choices=AssistanceType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: any type."),
    )
    regional_groups = forms.ModelMultipleChoiceField(
        label=_("Regional groups served"),
        queryset=RegionalGroup.objects.order_by("code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    states = forms.ModelMultipleChoiceField(
        label=_("States served"),
        queryset=State.objects.parties().order_by("short_name_en"),
        required=False,
        help_text=_("Neither groups nor States chosen: any State."),
    )
    starts_on = forms.DateField(
        label=_("Available from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Available until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact telephone"), max_length=60, required=False)
    active = forms.BooleanField(label=_("Open"), required=False, initial=True)

    def __init__(self, *args, providers=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Organisation.objects.filter(pk__in=[p.pk for p in providers])
