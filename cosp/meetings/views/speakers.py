from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from cosp.core.models import organisation_for_state
from cosp.core.rules import states_of
from cosp.states.models import RegionalGroup, State

from ..enums import Level
from ..models import SpeakersList
from ..queries import replay_list
from ..services import SpeakerEventRefused, record_event
from .base import SessionMixin

EVENT_KINDS = [
    ("request", gettext_lazy("Inscribe a speaker")),
    ("confirm_cabinet", gettext_lazy("Confirm the speaker's cabinet membership")),
    ("replace", gettext_lazy("Replace the speaker")),
    ("swap", gettext_lazy("Swap places with another delegation")),
    ("withdraw", gettext_lazy("Withdraw from the list")),
]


class SpeakerEventForm(forms.Form):
    """A written communication about the list. Delegations send it for their own State, now; the
    secretariat records one received by e-mail, for any State, at the time it arrived."""

    kind = forms.ChoiceField(label=gettext_lazy("Communication"), choices=EVENT_KINDS)
    delegation = forms.ModelChoiceField(label=gettext_lazy("Delegation"), queryset=State.objects.none())
    received_at = forms.DateTimeField(
        label=gettext_lazy("Received (time of the e-mail, in the session's time zone)"),
        # To the second: a confirmation recorded now must come after a request made a moment ago.
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "step": "1"}, format="%Y-%m-%dT%H:%M:%S"),
    )
    level = forms.ChoiceField(label=gettext_lazy("Speaker's level"), choices=Level.choices, required=False)
    speaker = forms.CharField(label=gettext_lazy("Speaker (name and title)"), max_length=200, required=False)
    on_behalf_of_group = forms.ModelChoiceField(
        label=gettext_lazy("Speaking for the regional group (its chair only)"),
        queryset=RegionalGroup.objects.all(),
        to_field_name="code",
        required=False,
    )
    other_delegation = forms.ModelChoiceField(
        label=gettext_lazy("Other delegation (for a swap)"), queryset=State.objects.none(), required=False
    )
    both_agreed = forms.BooleanField(
        label=gettext_lazy("Both delegations agreed in writing, each with a copy to the other"),
        required=False,
    )

    def __init__(self, *args, own_state: State | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        parties = State.objects.parties().order_by("short_name_en")
        self.fields["other_delegation"].queryset = parties
        self.own_state = own_state
        if own_state is not None:  # a delegation speaks for itself, and its request arrives now
            del self.fields["delegation"], self.fields["received_at"]
        else:
            self.fields["delegation"].queryset = parties

    def clean(self) -> dict:
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind in ("request", "replace") and not cleaned.get("level"):
            self.add_error("level", _("Say at which level the speaker speaks."))
        if kind == "swap" and not cleaned.get("other_delegation"):
            self.add_error("other_delegation", _("Choose the delegation to swap places with."))
        return cleaned


class SpeakersListMixin(SessionMixin):
    @cached_property
    def speakers_list(self) -> SpeakersList:
        try:
            return self.session.speakers_list
        except SpeakersList.DoesNotExist:
            raise Http404(_("This session has no speakers' list.")) from None

    def get_context_data(self, **kwargs):
        return super().get_context_data(speakers_list=self.speakers_list, **kwargs)


def _rows(result) -> list[tuple]:
    """The list's entries with their delegation's name (the engine knows them by ISO3 code)."""
    codes = {entry.delegation for entry in result.entries}
    names = {state.iso3: state.short_name for state in State.objects.filter(iso3__in=codes)}
    return [(entry, names.get(entry.delegation, entry.delegation)) for entry in result.entries]


class SpeakersView(SpeakersListMixin, TemplateView):
    """The live list, public; with `?as_of=` the secretariat sees it as it stood at that moment, with
    the refused communications and the record of changes."""

    permission_required = "meetings.view_sessions"
    template_name = "meetings/speakers.html"

    def get_template_names(self):
        return ["meetings/speakers_print.html"] if self.request.GET.get("print") else [self.template_name]

    def get_context_data(self, **kwargs):
        as_of = None
        manager = self.request.user.has_perm("meetings.manage_sessions")
        if manager and self.request.GET.get("as_of"):
            as_of = parse_datetime(self.request.GET["as_of"])
            if as_of is not None and timezone.is_naive(as_of):
                as_of = timezone.make_aware(as_of, ZoneInfo(self.session.timezone))
        result = replay_list(self.speakers_list, as_of=as_of)
        now = timezone.now()
        return super().get_context_data(
            result=result,
            rows=_rows(result),
            as_of=as_of,
            show_record=manager,
            is_open=self.speakers_list.opens_at <= now <= self.speakers_list.closes_at,
            zone=self.session.timezone,
            **kwargs,
        )


class InscribeView(SpeakersListMixin, FormView):
    permission_required = "meetings.inscribe_speaker"
    template_name = "meetings/speakers_inscribe.html"
    form_class = SpeakerEventForm

    @cached_property
    def own_state(self) -> State | None:
        if self.request.user.has_perm("meetings.manage_sessions"):
            return None
        own = states_of(self.request.user)
        state = State.objects.filter(pk__in=own).first()
        if state is None:
            raise PermissionDenied
        return state

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "own_state": self.own_state}

    def get_initial(self):
        zone = ZoneInfo(self.session.timezone)
        return {"received_at": timezone.now().astimezone(zone).replace(microsecond=0, tzinfo=None)}

    def form_valid(self, form):
        data = form.cleaned_data
        state = self.own_state or data["delegation"]
        received_at = None
        if self.own_state is None:
            received_at = data["received_at"]
            if timezone.is_naive(received_at):
                received_at = timezone.make_aware(received_at, ZoneInfo(self.session.timezone))
        other = data.get("other_delegation")
        group = data.get("on_behalf_of_group")
        try:
            record_event(
                self.speakers_list,
                actor=self.request.user,
                received_at=received_at,
                kind=data["kind"],
                delegation=organisation_for_state(state),
                other_delegation=organisation_for_state(other) if other else None,
                level=data.get("level") or "",
                speaker=data.get("speaker") or "",
                on_behalf_of_group=group.code if group else "",
                both_agreed=data.get("both_agreed") or False,
            )
        except SpeakerEventRefused as refused:
            form.add_error(
                None, _("Rule %(rule)s: %(reason)s") % {"rule": refused.refusal.rule, "reason": refused}
            )
            return self.form_invalid(form)
        messages.success(
            self.request, _("Recorded. The list below shows %(name)s's place.") % {"name": state}
        )
        return redirect("meetings:speakers", slug=self.session.slug)


urlpatterns = [
    path("<slug:slug>/speakers/", SpeakersView.as_view(), name="speakers"),
    path("<slug:slug>/speakers/inscribe/", InscribeView.as_view(), name="speakers_inscribe"),
]
