from django import forms

from .models import Mandate


class MandateForm(forms.ModelForm):
    class Meta:
        model = Mandate
        fields = ["addressee", "action", "due_session", "report_to", "status", "reports", "superseded_by"]
        widgets = {"action": forms.Textarea(attrs={"rows": 3})}
