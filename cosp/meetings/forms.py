from django import forms

from .models import Delegate


class DelegateForm(forms.ModelForm):
    class Meta:
        model = Delegate
        fields = ["name", "title", "level", "is_head"]
