from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .enums import DocumentType, Language
from .symbols import clean_symbol

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")


class UploadForm(forms.Form):
    label_suffix = ""
    file = forms.FileField(
        label=_("File"), help_text=_("A .txt, .docx, .pdf (with a text layer) or .html file.")
    )
    symbol = forms.CharField(
        label=_("Symbol"),
        required=False,
        help_text=_("Only when the text does not state it, e.g. CAC/COSP/2017/14."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("As the text says")), *Language.choices],
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(SUPPORTED_SUFFIXES):
            raise forms.ValidationError(_("Only .txt, .docx, .pdf and .html files can be ingested."))
        if upload.size > settings.COSP_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than the limit of %(limit)s MB.")
                % {"limit": settings.COSP_MAX_UPLOAD_BYTES // 2**20}
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return upload

    def clean_symbol(self):
        value = self.cleaned_data["symbol"].strip()
        if value and clean_symbol(value) is None:
            raise forms.ValidationError(_("%(value)s is not a UN document symbol.") % {"value": value})
        return clean_symbol(value) if value else ""


class SearchForm(forms.Form):
    label_suffix = ""
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("All")), *Language.choices]
    )
    doc_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All")), *DocumentType.choices]
    )
    body = forms.CharField(label=_("Body"), required=False, max_length=20)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    article = forms.IntegerField(label=_("Cited article"), required=False, min_value=1, max_value=71)
