"""Forms of the drawing of lots: the secretariat's draw of a cycle at the IRG session, and a State's
request for a redraw of its reviewers (DL-6)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cosp.meetings.models import Session

from ..services.draw import IRG, fresh_seed


class ConductDrawForm(forms.Form):
    """The seed and the session; the digest of the previewed draw comes back hidden, so a draw is
    recorded only if it is the one the room saw."""

    seed = forms.IntegerField(
        label=_("Seed of the lot"),
        min_value=0,
        max_value=2**63 - 1,
        initial=fresh_seed,
        help_text=_(
            "A whole number; the same seed on the same data gives the same draw. A fresh one is drawn "
            "for you from the computer's random source."
        ),
    )
    session = forms.ModelChoiceField(
        label=_("Session of the Implementation Review Group"),
        queryset=Session.objects.filter(body__code=IRG).select_related("body").order_by("-start"),
        required=False,
        help_text=_("The session at which the lots are drawn (DL-7)."),
    )
    expected_digest = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


class RedrawForm(forms.Form):
    """The State under review asks for its reviewers to be drawn again; the seed is drawn for it."""

    exceptional = forms.BooleanField(
        label=_("Exceptional circumstances"),
        required=False,
        help_text=_("Needed after two redraws (DL-6); give the circumstances below."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )
