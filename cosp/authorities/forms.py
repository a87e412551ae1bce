"""Forms of the directory: an authority, a notification, a removal, the secretariat's decision. The
services check the rules (services.py); the forms only read the values."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import AuthorityKind, Provision, Reservation
from .models import Authority
from .provisions import NOTIFIED_BY_RECORD

YES_NO = [("", "—"), ("yes", _("Yes")), ("no", _("No"))]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class AuthorityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AuthorityKind.choices)
    name_en = forms.CharField(label=_("Name (English)"), max_length=300)
    name_zh_hans = forms.CharField(label=_("Name (Chinese)"), max_length=300, required=False)
    role_en = forms.CharField(
        label=_("Role (English)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    role_zh_hans = forms.CharField(
        label=_("Role (Chinese)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    territory = forms.CharField(
        label=_("Territory"),
        max_length=200,
        required=False,
        help_text=_(
            "Only for a region or territory with its own system of mutual legal assistance (art. 46(13))."
        ),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    designated_on = forms.DateField(
        label=_("Notified on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    contact_person = forms.CharField(
        label=_("Contact person"),
        max_length=200,
        required=False,
        help_text=_("Contact details are shown only to officials of States parties and the secretariat."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=100, required=False)
    address = forms.CharField(
        label=_("Postal address"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    @classmethod
    def initial_for(cls, authority: Authority) -> dict:
        return {name: getattr(authority, name) for name in cls.base_fields}


class RemovalForm(forms.Form):
    note = forms.CharField(
        label=_("Why is it removed?"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class NotificationForm(forms.Form):
    provision = forms.ChoiceField(
        label=_("Provision"), choices=[(p.value, p.label) for p in Provision if p in NOTIFIED_BY_RECORD]
    )
    notified_on = forms.DateField(label=_("Notified on"), widget=forms.DateInput(attrs={"type": "date"}))
    languages = forms.CharField(
        label=_("Languages accepted (art. 46(14))"),
        required=False,
        help_text=_("Separated by commas: names or codes, for example English, French, German."),
    )
    treaty_required = forms.ChoiceField(
        label=_("Does the State make extradition conditional on a treaty? (art. 44(6))"),
        choices=YES_NO,
        required=False,
    )
    convention_as_basis = forms.ChoiceField(
        label=_("Does it take the Convention as the legal basis for extradition? (art. 44(6)(a))"),
        choices=YES_NO,
        required=False,
    )
    reservation = forms.ChoiceField(
        label=_("Reservation under art. 66(3)"), choices=[("", "—"), *Reservation.choices], required=False
    )
    description = forms.CharField(
        label=_("Description of the laws (art. 23(2)(d), 55(5))"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    file = forms.FileField(label=_("Copy of the law"), required=False)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def service_data(self) -> tuple[dict, list]:
        """The values for services.propose_notification, and the uploaded files."""
        data = dict(self.cleaned_data)
        upload = data.pop("file", None)
        data["languages"] = [value for value in data["languages"].split(",") if value.strip()]
        data["treaty_required"] = _yes_no(data["treaty_required"])
        data["convention_as_basis"] = _yes_no(data["convention_as_basis"])
        return data, [upload] if upload else []


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (required for a rejection)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
