"""Forms of the request pages. They collect input; the rules are in services.py and workflow.py."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cosp.states.models import Article, State

from . import workflow
from .enums import AssetRecoveryStep, LegalBasis, Reason, RequestKind, Status, Urgency


class RequestForm(forms.Form):
    requesting_state = forms.ModelChoiceField(queryset=State.objects.none(), label=_("Requesting State"))
    requested_state = forms.ModelChoiceField(queryset=State.objects.none(), label=_("Requested State"))
    kind = forms.ChoiceField(choices=RequestKind.choices, label=_("Type of request"))
    asset_recovery_step = forms.ChoiceField(
        choices=[("", "—"), *AssetRecoveryStep.choices],
        required=False,
        label=_("Asset-recovery measure sought"),
        help_text=_("For asset-recovery requests only."),
    )
    legal_basis = forms.ChoiceField(choices=LegalBasis.choices, label=_("Legal basis"))
    treaty = forms.CharField(
        max_length=300,
        required=False,
        label=_("Treaty"),
        help_text=_("When the basis is a treaty: its name."),
    )
    offences = forms.ModelMultipleChoiceField(
        queryset=Article.objects.none(),
        required=False,
        label=_("Offences"),
        help_text=_("The articles of chapter III of the Convention that establish the offences."),
    )
    urgency = forms.ChoiceField(choices=Urgency.choices, label=_("Urgency"))
    requesting_reference = forms.CharField(max_length=100, required=False, label=_("Your reference"))
    subject = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label=_("Subject"))

    def __init__(self, *args, authority_states: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requesting_state"].queryset = State.objects.filter(pk__in=authority_states).order_by(
            "short_name"
        )
        if len(authority_states) == 1:
            self.fields["requesting_state"].initial = next(iter(authority_states))
        self.fields["requested_state"].queryset = State.objects.parties().order_by("short_name")
        self.fields["offences"].queryset = Article.objects.filter(chapter__number=3).order_by("number")
        self.fields["offences"].label_from_instance = lambda article: f"{article.number}. {article.title}"


class MoveForm(forms.Form):
    to = forms.ChoiceField(label=_("New status"))
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(
        max_length=100,
        required=False,
        label=_("Your reference"),
        help_text=_("The requested State's own reference, when acknowledging."),
    )
    reasons = forms.MultipleChoiceField(
        choices=Reason.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Reasons for refusal"),
        help_text=_(
            "Required to refuse. Bank secrecy (article 46(8)) and fiscal matters (article 46(22)) "
            "are not grounds for refusal under the Convention."
        ),
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Note"))

    def __init__(self, *args, moves: list[workflow.Status], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(move.value, Status(move.value).label) for move in moves]
        self.fields["on"].initial = timezone.localdate()


class ConsultationForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("What was discussed"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()


class DelayForm(forms.Form):
    reasons = forms.MultipleChoiceField(
        choices=Reason.choices, widget=forms.CheckboxSelectMultiple, label=_("Reasons for the delay")
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Explanation"))


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, Word (.docx), OpenDocument (.odt) or plain text.")
    )
    title = forms.CharField(max_length=300, required=False, label=_("Title"))


class MessageForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=_("Message"))


class FilterForm(forms.Form):
    direction = forms.ChoiceField(
        choices=[("", _("All")), ("incoming", _("Incoming")), ("outgoing", _("Outgoing"))],
        required=False,
        label=_("Direction"),
    )
    status = forms.ChoiceField(choices=[("", _("Any")), *Status.choices], required=False, label=_("Status"))
    kind = forms.ChoiceField(choices=[("", _("Any")), *RequestKind.choices], required=False, label=_("Type"))
    overdue = forms.BooleanField(required=False, label=_("Overdue only"))
