"""The form for one answer of the self-assessment checklist (RULES 4.7): the questions, a law or policy
to attach, and the attachments to remove."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cosp.core.uploads import DOCUMENT_SUFFIXES, MAX_UPLOAD_BYTES

from ..models import ChecklistAnswer, ChecklistAttachment
from ..services.checklist import (
    ANSWER_FIELDS,
    check_attachment,
)

_TEXT = forms.Textarea(attrs={"rows": 4})


class AttachmentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ChecklistAttachment) -> str:
        return obj.title


class ChecklistAnswerForm(forms.ModelForm):
    """The answer's fields as the model names them; what the rules refuse (a locked checklist, a type
    of assistance with no need described) comes back from the service."""

    attachment = forms.FileField(
        label=_("Attach a law, policy or other text"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(DOCUMENT_SUFFIXES)}),
    )
    attachment_title = forms.CharField(
        label=_("Title of the attached text"),
        max_length=300,
        required=False,
        help_text=_("For example: Public Procurement Act 2018. The file's name is used when left empty."),
    )
    remove = AttachmentChoiceField(
        label=_("Remove these attachments"),
        queryset=ChecklistAttachment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = ChecklistAnswer
        fields = list(ANSWER_FIELDS)
        widgets = {
            name: _TEXT
            for name in ANSWER_FIELDS
            if name not in {"implementation", "assistance_type", "assistance_priority"}
        }
        help_texts = {
            "citations": _("The laws, regulations and policies that give effect to the provision."),
            "statistics": _("Figures that show the measures at work, with their years and sources."),
            "assistance_needed": _("What would help the State implement the provision better."),
            "assistance_received": _(
                "Technical assistance already received for this provision, and from whom."
            ),
        }

    def __init__(self, *args, editable: bool = True, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # Here, not on the field: `%` on a lazy text translates it once, at import.
        self.fields["attachment"].help_text = gettext(
            "PDF, Word (.docx), OpenDocument (.odt) or plain text (.txt), up to %(limit)s MB."
        ) % {"limit": MAX_UPLOAD_BYTES // 2**20}
        if self.instance.pk:
            self.fields["remove"].queryset = self.instance.attachments.order_by("uploaded_at", "pk")
        else:
            del self.fields["remove"]
        if not editable:
            for form_field in self.fields.values():
                form_field.disabled = True

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            check_attachment(upload)  # the service's own check, refused on the field
        return upload
