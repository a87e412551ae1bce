"""Every change to a request: one function per action, keyword-only `actor`, one transaction each.
What the rules refuse raises CooperationError with a message saying what is wrong; nothing is saved.

Whoever acts must be one of the request's two authorities (access.py); the side they act for decides
the moves open to them (workflow.py). The other side's officials are told of each move by e-mail,
with the request's reference and new status only, never its contents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cosp.core.notifications import notify
from cosp.core.uploads import problem_with
from cosp.states.models import Article, State

from . import access, workflow
from .conf import max_attachment_bytes
from .enums import LegalBasis, ReasonPurpose, RequestKind, Status
from .models import Attachment, Consultation, Message, ReasonGiven, Request, StatusChange

OFFENCE_CHAPTER = 3  # the Convention's chapter III, Criminalization and law enforcement

# The date field each status sets on the request.
DATE_FIELDS = {
    Status.SENT: "sent_on",
    Status.RECEIVED: "received_on",
    Status.ACKNOWLEDGED: "acknowledged_on",
    Status.IN_EXECUTION: "execution_started_on",
    Status.EXECUTED: "executed_on",
    Status.PARTIALLY_EXECUTED: "executed_on",
    Status.REFUSED: "refused_on",
    Status.WITHDRAWN: "withdrawn_on",
}


class CooperationError(ValidationError):
    """A change the rules refuse; the message names what is wrong (and the form field, when one is)."""


def refuse(message: str, *, code: str, field: str | None = None) -> CooperationError:
    error = CooperationError(message, code=code)
    return CooperationError({field: error}) if field else error


def _side(request: Request, actor) -> workflow.Side:
    side = access.side_of(actor, request)
    if side is None:
        # Said the same way whether the request exists or not, so nothing is revealed.
        raise refuse(_("There is no such request among your authority's requests."), code="not_allowed")
    return side


def _locked(request: Request) -> Request:
    return Request.objects.select_for_update().get(pk=request.pk)


def _check_offences(offences: Iterable[Article]) -> list[Article]:
    offences = list(offences)
    outside = [article for article in offences if article.chapter.number != OFFENCE_CHAPTER]
    if outside:
        raise refuse(
            _("Offences are the articles of chapter III of the Convention; article %(numbers)s is not.")
            % {"numbers": ", ".join(str(article.number) for article in outside)},
            code="not_an_offence",
            field="offences",
        )
    return offences


@transaction.atomic
def create_request(
    *,
    actor,
    requesting_state: State,
    requested_state: State,
    kind: str,
    legal_basis: str,
    subject: str,
    asset_recovery_step: str = "",
    treaty: str = "",
    offences: Iterable[Article] = (),
    urgency: str = "normal",
    requesting_reference: str = "",
) -> Request:
    """A new request, as a draft of the actor's authority (only they see it until it is sent)."""
    if requesting_state.pk not in access.authority_states(actor):
        raise refuse(
            _("You can make requests only for the central authority you work for, not for %(state)s.")
            % {"state": requesting_state.short_name},
            code="not_your_authority",
            field="requesting_state",
        )
    if requested_state.pk == requesting_state.pk:
        raise refuse(
            _("A request goes to another State: choose a requested State other than %(state)s.")
            % {"state": requesting_state.short_name},
            code="same_state",
            field="requested_state",
        )
    treaty = treaty.strip()
    if legal_basis == LegalBasis.TREATY and not treaty:
        raise refuse(_("Name the treaty the request is based on."), code="treaty_missing", field="treaty")
    if legal_basis != LegalBasis.TREATY:
        treaty = ""
    if kind != RequestKind.ASSET_RECOVERY:
        asset_recovery_step = ""
    if not subject.strip():
        raise refuse(_("Summarise what the request is about."), code="subject_missing", field="subject")
    reference = requesting_reference.strip()
    if (
        reference
        and Request.objects.filter(requesting_state=requesting_state, requesting_reference=reference).exists()
    ):
        raise refuse(
            _("Your authority already has a request with the reference %(reference)s.")
            % {"reference": reference},
            code="duplicate_reference",
            field="requesting_reference",
        )
    offences = _check_offences(offences)
    request = Request.objects.create(
        requesting_state=requesting_state,
        requested_state=requested_state,
        kind=kind,
        asset_recovery_step=asset_recovery_step,
        legal_basis=legal_basis,
        treaty=treaty,
        urgency=urgency,
        requesting_reference=reference,
        subject=subject.strip(),
        created_by=actor,
    )
    request.offences.set(offences)
    StatusChange.objects.create(request=request, status=Status.DRAFT, on=timezone.localdate(), actor=actor)
    return request


@transaction.atomic
def move(
    request: Request,
    *,
    actor,
    to: str,
    on: dt.date | None = None,
    note: str = "",
    reasons: Iterable[str] = (),
    reference: str = "",
) -> StatusChange:
    """Move the request to status `to` on day `on` (today by default). A refusal carries its reasons;
    acknowledging may record the requested State's reference. The caller's `request` is refreshed."""
    given, request = request, _locked(request)
    side = _side(request, actor)
    today = timezone.localdate()
    on = on or today
    reasons = list(dict.fromkeys(reasons))
    target = workflow.Status(to)
    try:
        workflow.check_move(
            request.status,
            target,
            side,
            consulted=request.consultations.exists(),
            reasons=reasons,
        )
    except workflow.MoveRefused as error:
        raise refuse(error.message, code=error.code) from None
    if on > today:
        raise refuse(_("The date cannot be in the future."), code="future_date", field="on")
    # The first move may be dated before the draft was written (a request sent on paper, recorded later).
    previous = (
        request.changes.exclude(status=Status.DRAFT).order_by("-on").values_list("on", flat=True).first()
    )
    if previous and on < previous and target != Status.WITHDRAWN:
        raise refuse(
            _("The date cannot be before the request's last change (%(date)s).") % {"date": previous},
            code="date_before_last",
            field="on",
        )
    change = StatusChange.objects.create(
        request=request, status=target, on=on, note=note.strip(), actor=actor
    )
    request.status = target
    setattr(request, DATE_FIELDS[Status(target)], on)
    if target == Status.ACKNOWLEDGED and not request.received_on:
        request.received_on = on
    if reference.strip() and side is workflow.Side.REQUESTED:
        request.requested_reference = reference.strip()[:100]
    request.save()
    for reason in reasons:
        ReasonGiven.objects.create(
            request=request, purpose=ReasonPurpose.REFUSAL, reason=reason, note=note.strip(), actor=actor
        )
    _tell_other_side(
        request,
        side,
        _("%(reference)s is now: %(status)s.")
        % {
            "reference": request.reference,
            "status": Status(target).label,
        },
    )
    given.refresh_from_db()
    return change


@transaction.atomic
def consult(request: Request, *, actor, held_on: dt.date, note: str) -> Consultation:
    """Record a consultation between the two States on an open request (either side records it)."""
    request = _locked(request)
    side = _side(request, actor)
    if request.status not in workflow.OPEN:
        raise refuse(
            _("Consultations are recorded on a request that is under way, not on one that is %(status)s.")
            % {"status": request.get_status_display()},
            code="not_open",
        )
    if held_on > timezone.localdate():
        raise refuse(_("The date cannot be in the future."), code="future_date", field="held_on")
    if request.sent_on and held_on < request.sent_on:
        raise refuse(
            _("A consultation on this request cannot precede its sending (%(date)s).")
            % {"date": request.sent_on},
            code="before_sent",
            field="held_on",
        )
    if not note.strip():
        raise refuse(_("Say what the consultation was about."), code="note_missing", field="note")
    consultation = Consultation.objects.create(
        request=request, held_on=held_on, note=note.strip(), actor=actor
    )
    _tell_other_side(
        request, side, _("A consultation was recorded on %(reference)s.") % {"reference": request.reference}
    )
    return consultation


@transaction.atomic
def record_delay(request: Request, *, actor, reasons: Iterable[str], note: str = "") -> list[ReasonGiven]:
    """The requested State's reasons why an open request is delayed."""
    request = _locked(request)
    side = _side(request, actor)
    if side is not workflow.Side.REQUESTED:
        raise refuse(_("Only the requested State's central authority explains a delay."), code="wrong_side")
    if request.status not in workflow.OPEN:
        raise refuse(_("Only a request under way can be delayed."), code="not_open")
    reasons = list(dict.fromkeys(reasons))
    if not reasons:
        raise refuse(_("Choose at least one reason for the delay."), code="reason_required", field="reasons")
    given = [
        ReasonGiven.objects.create(
            request=request, purpose=ReasonPurpose.DELAY, reason=reason, note=note.strip(), actor=actor
        )
        for reason in reasons
    ]
    _tell_other_side(
        request,
        side,
        _("The reasons for a delay were recorded on %(reference)s.") % {"reference": request.reference},
    )
    return given


@transaction.atomic
def attach(request: Request, *, actor, upload: UploadedFile, title: str = "") -> Attachment:
    request = _locked(request)
    side = _side(request, actor)
    problem = problem_with(upload, max_bytes=max_attachment_bytes())
    if problem:
        raise refuse(problem, code="attachment_refused", field="file")
    attachment = Attachment(
        request=request,
        file=upload,
        title=(title.strip() or PurePath(upload.name or "").stem)[:300],
        side=side,
        actor=actor,
    )
    attachment.save()
    _tell_other_side(
        request, side, _("A file was attached to %(reference)s.") % {"reference": request.reference}
    )
    return attachment


@transaction.atomic
def post_message(request: Request, *, actor, text: str) -> Message:
    request = _locked(request)
    side = _side(request, actor)
    if not text.strip():
        raise refuse(_("Write the message."), code="text_missing", field="text")
    message = Message.objects.create(request=request, side=side, text=text.strip(), actor=actor)
    _tell_other_side(
        request, side, _("A message was written on %(reference)s.") % {"reference": request.reference}
    )
    return message


def _tell_other_side(request: Request, side: workflow.Side, line: str) -> None:
    """E-mail the other authority's officials: the reference and what happened, never the contents.
    Nobody is told of a request that was never sent, the requested State not knowing of it."""
    if not access.was_sent(request):
        return
    other = workflow.Side.REQUESTED if side is workflow.Side.REQUESTING else workflow.Side.REQUESTING
    notify(
        access.officials_of_side(request, other),
        subject=_("Request %(reference)s") % {"reference": request.reference},
        body=line
        + "\n\n"
        + _("Sign in to the platform to read the request; its contents are not sent by e-mail."),
    )
