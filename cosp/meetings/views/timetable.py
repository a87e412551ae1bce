"""The organisation of work: the public timetable and its files (DOCX, PDF, iCalendar), the
secretariat's page for editing the grid, and the session report's skeleton."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from cosp.core.downloads import DOCX, PDF, file_response, requested_language

from ..enums import Slot
from ..exports import pdf_language, report_skeleton_docx, timetable_docx, timetable_ics, timetable_pdf
from ..models import AgendaItem, Session, WorkCell
from ..schedule import PLENARY, session_days, track_label
from ..services import MeetingRuleError, add_meeting, remove_meeting
from ..timetable_data import (
    day_label,
    problems_by_severity,
    report_skeleton_data,
    session_grid,
    timetable_data,
    work_cells,
)
from .base import SessionMixin


class TimetableView(SessionMixin, TemplateView):
    """The organisation of work for everyone; its problems for the secretariat only."""

    permission_required = "meetings.view_sessions"
    template_name = "meetings/timetable.html"

    def get_context_data(self, **kwargs):
        meetings = work_cells(self.session)
        can_manage = self.request.user.has_perm("meetings.manage_sessions", self.session)
        return super().get_context_data(
            grid=session_grid(self.session, meetings),
            problems=problems_by_severity(self.session, meetings) if can_manage else None,
            can_manage=can_manage,
            **kwargs,
        )


class TimetableFileView(SessionMixin, View):
    """The organisation of work as a file, in the interface language or `?lang=`."""

    permission_required = "meetings.view_sessions"
    kind = ""  # "docx", "pdf" or "ics"

    def get(self, request, *args, **kwargs):
        language = requested_language(request)
        data = timetable_data(self.session, language)
        filename = f"{self.session.slug}-timetable.{self.kind}"
        if self.kind == "docx":
            return file_response(
                timetable_docx(data, language), filename=filename, content_type=DOCX, language=language
            )
        if self.kind == "pdf":
            # The PDF cannot be written in Arabic; it says which language it is in.
            written_in = pdf_language(language)
            return file_response(
                timetable_pdf(data, language),
                filename=filename,
                content_type=PDF,
                language=written_in,
            )
        return file_response(
            timetable_ics(data, language=language),
            filename=filename,
            content_type="text/calendar; charset=utf-8",
            language=language,
        )


class ReportSkeletonView(SessionMixin, View):
    """The session report's skeleton, for the secretariat to complete."""

    permission_required = "meetings.manage_sessions"

    def get(self, request, *args, **kwargs):
        language = requested_language(request)
        content = report_skeleton_docx(report_skeleton_data(self.session, language), language)
        filename = f"{self.session.slug}-report-skeleton.docx"
        return file_response(content, filename=filename, content_type=DOCX, language=language)


class AgendaItemsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: AgendaItem) -> str:
        return f"{obj.number} {obj.title}"


class MeetingForm(forms.Form):
    """A meeting to add to the grid. The days and tracks offered are the session's; the rules
    (double bookings, interpretation resources) are the service's."""

    day = forms.TypedChoiceField(label=gettext_lazy("Day"), coerce=date.fromisoformat)
    slot = forms.ChoiceField(label=gettext_lazy("Meeting slot"), choices=Slot.choices)
    track = forms.ChoiceField(label=gettext_lazy("Track"))
    new_track = forms.CharField(
        label=gettext_lazy("or a new parallel track"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("For example: Implementation Review Group, resumed session."),
    )
    items = AgendaItemsField(
        label=gettext_lazy("Agenda items"),
        queryset=AgendaItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    title_en = forms.CharField(label=gettext_lazy("Title (English)"), max_length=300, required=False)
    title_zh = forms.CharField(label=gettext_lazy("Title (Chinese)"), max_length=300, required=False)
    interpretation = forms.BooleanField(
        label=gettext_lazy("With interpretation"), required=False, initial=True
    )

    def __init__(self, *args, session: Session, tracks: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        days = session_days(session.start, session.end)
        self.fields["day"].choices = [(day.isoformat(), day_label(day)) for day in days]
        known = list(dict.fromkeys([PLENARY, *tracks]))
        self.fields["track"].choices = [(track, track_label(track)) for track in known]
        self.fields["items"].queryset = session.agenda_items.order_by("position")

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("new_track", "").strip():
            cleaned["track"] = cleaned["new_track"].strip()
        if not cleaned.get("items") and not (cleaned.get("title_en") or cleaned.get("title_zh")):
            raise forms.ValidationError(
                gettext_lazy("A meeting takes up agenda items or has a title: give one or the other."),
                code="empty_meeting",
            )
        return cleaned


class OrganiseView(SessionMixin, FormView):
    """The secretariat edits the grid: adds a meeting, removes one; the service refuses what would
    break the organisation of work, with the reason."""

    permission_required = "meetings.manage_sessions"
    template_name = "meetings/organise.html"
    form_class = MeetingForm

    @cached_property
    def meetings(self) -> list[WorkCell]:
        return work_cells(self.session)

    def get_form_kwargs(self):
        tracks = [meeting.track for meeting in self.meetings]
        return {**super().get_form_kwargs(), "session": self.session, "tracks": tracks}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            grid=session_grid(self.session, self.meetings),
            problems=problems_by_severity(self.session, self.meetings),
            can_manage=True,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "remove" in request.POST:
            return self.remove(request.POST["remove"])
        return super().post(request, *args, **kwargs)

    def remove(self, pk: str):
        if not pk.isdigit():
            raise Http404("No such meeting.")
        meeting = get_object_or_404(WorkCell, pk=pk, session=self.session)
        label = _meeting_label(meeting)
        remove_meeting(meeting, actor=self.request.user)
        messages.success(self.request, _("Removed: %(meeting)s") % {"meeting": label})
        return redirect("meetings:organise", slug=self.session.slug)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            meeting = add_meeting(
                self.session,
                day=data["day"],
                slot=data["slot"],
                track=data["track"],
                items=[item.number for item in data["items"]],
                titles={"en": data["title_en"], "zh": data["title_zh"]},
                interpretation=data["interpretation"],
                actor=self.request.user,
            )
        except MeetingRuleError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Added: %(meeting)s") % {"meeting": _meeting_label(meeting)})
        return redirect("meetings:organise", slug=self.session.slug)


def _meeting_label(meeting: WorkCell) -> str:
    return f"{day_label(meeting.day)}, {Slot(meeting.slot).label}, {track_label(meeting.track)}"


urlpatterns = [
    path("<slug:slug>/timetable/", TimetableView.as_view(), name="timetable"),
    path("<slug:slug>/timetable.docx", TimetableFileView.as_view(kind="docx"), name="timetable_docx"),
    path("<slug:slug>/timetable.pdf", TimetableFileView.as_view(kind="pdf"), name="timetable_pdf"),
    path("<slug:slug>/timetable.ics", TimetableFileView.as_view(kind="ics"), name="timetable_ics"),
    path("<slug:slug>/organise/", OrganiseView.as_view(), name="organise"),
    path("<slug:slug>/report.docx", ReportSkeletonView.as_view(), name="report_skeleton"),
]
