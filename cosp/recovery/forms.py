"""The forms of the recovery pages. They check types at the edge; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cosp.states.models import RegionalGroup, State

from . import queries, values
from .enums import Measure, Offence
from .queries import GROUPINGS, Filters

NO_PERSONAL_DATA = _(
    "No personal data: no names of persons or of cases, no e-mail addresses or telephone numbers "
    "(text holding them is refused)."
)


class StateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: State) -> str:
        return f"{obj.short_name} ({obj.iso3})"


class RecordForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=values.FIRST_YEAR)
    requesting_state = StateChoiceField(
        label=_("Requesting State"),
        queryset=State.objects.all(),
        help_text=_("The State that asked for recovery."),
    )
    requested_state = StateChoiceField(
        label=_("Requested State"),
        queryset=State.objects.all(),
        help_text=_("The State that took the measure."),
    )
    measure = forms.ChoiceField(label=_("Measure"), choices=Measure.choices)
    amount = forms.DecimalField(label=_("Amount"), min_value=0, max_digits=17, decimal_places=2)
    currency = forms.ChoiceField(
        label=_("Currency"),
        help_text=_("Currencies with a stored exchange rate; the secretariat adds rates on the rates page."),
    )
    cases = forms.IntegerField(label=_("Number of cases"), min_value=1)
    offences = forms.MultipleChoiceField(
        label=_("Offences"), choices=Offence.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    source = forms.CharField(label=_("Source"), max_length=300, required=False, help_text=NO_PERSONAL_DATA)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=NO_PERSONAL_DATA
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = sorted({values.USD, *(currency for currency, _year in queries.rates_map())})
        self.fields["currency"].choices = [(code, values.currency_label(code)) for code in codes]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))


class RateForm(forms.Form):
    currency = forms.CharField(label=_("Currency (ISO 4217 code)"), max_length=3)
    year = forms.IntegerField(label=_("Year"))
    units_per_usd = forms.DecimalField(
        label=_("Units of the currency per US dollar"),
        max_digits=20,
        decimal_places=6,
        help_text=_("The yearly average: how many units of the currency one US dollar bought."),
    )
    source = forms.CharField(label=_("Source"), max_length=300, required=False)


GROUP_CHOICES = [
    ("year", _("Year")),
    ("measure", _("Measure")),
    ("requesting_state", _("Requesting State")),
    ("requested_state", _("Requested State")),
    ("requesting_group", _("Regional group of the requesting State")),
    ("requested_group", _("Regional group of the requested State")),
    ("offence", _("Offence")),
    ("currency", _("Currency of the amounts")),
]
assert {key for key, _label in GROUP_CHOICES} == set(GROUPINGS)


def _blank(choices) -> list:
    return [("", _("All")), *choices]


class StatisticsForm(forms.Form):
    """The filters of the statistics page and its exports (all optional; bad values are ignored)."""

    group_by = forms.ChoiceField(label=_("Rows by"), choices=GROUP_CHOICES, required=False)
    year_from = forms.IntegerField(label=_("From year"), required=False)
    year_to = forms.IntegerField(label=_("To year"), required=False)
    measure = forms.ChoiceField(label=_("Measure"), choices=_blank(Measure.choices), required=False)
    requesting = forms.ChoiceField(label=_("Requesting State"), required=False)
    requested = forms.ChoiceField(label=_("Requested State"), required=False)
    requesting_group = forms.ChoiceField(label=_("Group of the requesting State"), required=False)
    requested_group = forms.ChoiceField(label=_("Group of the requested State"), required=False)
    offence = forms.ChoiceField(label=_("Offence"), choices=_blank(Offence.choices), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        states = _blank([(state.iso3, state.short_name) for state in State.objects.all()])
        groups = _blank(
            [(group.code, group.abbreviation or group.name) for group in RegionalGroup.objects.all()]
        )
        for name in ("requesting", "requested"):
            self.fields[name].choices = states
        for name in ("requesting_group", "requested_group"):
            self.fields[name].choices = groups

    def filters(self) -> tuple[Filters, str]:
        """The filters and grouping asked for; an invalid field counts as not given."""
        if not self.is_bound:
            return Filters(), "year"
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        return (
            Filters(
                year_from=data.get("year_from"),
                year_to=data.get("year_to"),
                measure=data.get("measure") or None,
                requesting=data.get("requesting") or None,
                requested=data.get("requested") or None,
                requesting_group=data.get("requesting_group") or None,
                requested_group=data.get("requested_group") or None,
                offence=data.get("offence") or None,
            ),
            data.get("group_by") or "year",
        )
