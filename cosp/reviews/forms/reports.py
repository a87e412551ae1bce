"""Forms of the report pages: a section's text (with the version it was started from), a comment, the
day of an agreement or publication, and the executive summary's symbol. The rules are the services'
(services/reports.py); these only read what was typed."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SectionForm(forms.Form):
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_("Paragraphs are separated by a blank line; a line starting with “- ” is a list item."),
    )
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    comment = forms.CharField(
        label=_("What changed"),
        required=False,
        max_length=300,
        help_text=_("Optional: a note kept with this version, e.g. “answers the comments of the State”."),
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class DayForm(forms.Form):
    """The day something happened: an agreement, a publication."""

    on = forms.DateField(
        label=_("On"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )


class IssueSummaryForm(DayForm):
    symbol = forms.CharField(
        label=_("Document symbol"),
        max_length=60,
        help_text=_("The symbol it is issued under, e.g. CAC/COSP/IRG/II/1/1/Add.5."),
    )
