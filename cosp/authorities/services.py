"""Every change of the directory: proposals by a State's officials, the secretariat's decision on them,
and the secretariat's direct entries. One transaction each; a refusal (AuthorityRuleError) saves nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cosp.core.models import User
from cosp.core.notifications import notify
from cosp.core.rules import is_focal_point_of_state, is_secretariat
from cosp.core.uploads import problem_with
from cosp.states.models import State

from . import provisions
from .enums import AuthorityKind, ProposalAction, ProposalStatus, Provision
from .models import AUTHORITY_FIELDS, NOTIFICATION_FIELDS, Authority, LawFile, Notification, Proposal
from .rules import is_central_authority_of_state

MAX_LAW_FILE_BYTES = 20 * 1024 * 1024
LAW_FILE_SUFFIXES = {".pdf", ".docx", ".doc", ".txt", ".odt", ".html", ".htm", ".rtf"}


class AuthorityRuleError(ValidationError):
    """A change the rules refuse; the message says what is wrong and where."""


def refuse(message: str, *, code: str, field: str | None = None) -> AuthorityRuleError:
    error = AuthorityRuleError(message, code=code)
    return AuthorityRuleError({field: error}) if field else error


def _record(instance, *, actor: User, reason: str) -> None:
    instance._history_user = actor
    instance._change_reason = reason
    instance.save()


def _json_ready(data: dict, fields: Sequence[str]) -> dict:
    """The proposed values as JSON (dates as ISO text), only the fields a proposal may set."""
    out = {}
    for name in fields:
        if name not in data:
            continue
        value = data[name]
        out[name] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


# --- Checks ----------------------------------------------------------------------------------------


def _check_may_propose_authority(state: State, kinds: set[str], actor: User) -> None:
    if is_secretariat(actor) or is_focal_point_of_state(actor, state):
        return
    if is_central_authority_of_state(actor, state):
        if kinds <= {AuthorityKind.CENTRAL_AUTHORITY}:
            return
        raise refuse(
            _(
                "A central-authority official keeps the entries of central authorities only; ask the focal "
                "point of %(state)s for the other kinds."
            )
            % {"state": state.short_name},
            code="not_own_authority",
        )
    raise refuse(
        _(
            "Only the focal point of %(state)s, its central-authority officials or the secretariat may "
            "change its authorities."
        )
        % {"state": state.short_name},
        code="not_allowed",
    )


def _check_authority_values(state: State, data: dict, authority: Authority | None) -> None:
    kind = data.get("kind", "")
    if kind not in AuthorityKind.values:
        raise refuse(_("Choose the kind of authority."), code="kind_missing", field="kind")
    if not (data.get("name_en") or "").strip():
        raise refuse(_("Give the authority's name in English."), code="name_missing", field="name_en")
    territory = (data.get("territory") or "").strip()
    if territory and kind != AuthorityKind.CENTRAL_AUTHORITY:
        raise refuse(
            _(
                "Only a central authority for mutual legal assistance is designated for a territory "
                "(art. 46(13)); leave the territory empty."
            ),
            code="territory_not_central",
            field="territory",
        )
    if kind == AuthorityKind.CENTRAL_AUTHORITY:
        # One central authority per State, and one per territory with its own system (art. 46(13)).
        others = Authority.objects.current().filter(
            state=state, kind=AuthorityKind.CENTRAL_AUTHORITY, territory__iexact=territory
        )
        if authority is not None:
            others = others.exclude(pk=authority.pk)
        if others.exists():
            where = (
                _("for %(territory)s") % {"territory": territory} if territory else _("for its main system")
            )
            raise refuse(
                _(
                    "%(state)s already has a central authority %(where)s (%(name)s); propose a change of "
                    "that entry instead."
                )
                % {"state": state.short_name, "where": where, "name": others[0].name},
                code="central_authority_exists",
                field="kind",
            )


def _check_no_pending(*, authority: Authority | None = None) -> None:
    if authority is not None and authority.proposals.filter(status=ProposalStatus.PENDING).exists():
        raise refuse(
            _("A change of %(name)s is already waiting for the secretariat's decision.")
            % {"name": authority.name},
            code="already_pending",
        )


def check_law_file(upload: UploadedFile) -> None:
    problem = problem_with(upload, suffixes=LAW_FILE_SUFFIXES, max_bytes=MAX_LAW_FILE_BYTES)
    if problem is not None:
        raise refuse(problem, code="file_refused", field="files")


def _reservation_on_record(state: State) -> str:
    """The State's latest art. 66 value: "", "made" or "withdrawn"."""
    latest = (
        Notification.objects.filter(state=state, provision=Provision.RESERVATION)
        .order_by("-notified_on", "-pk")
        .first()
    )
    return latest.reservation if latest else ""


def _check_notification_values(state: State, data: dict, has_files: bool) -> None:
    provision = data.get("provision", "")
    if provision not in provisions.BY_PROVISION:
        raise refuse(_("Choose the provision notified."), code="provision_missing", field="provision")
    if data.get("notified_on") in (None, ""):
        raise refuse(_("Give the date of the notification."), code="date_missing", field="notified_on")
    if _date(data["notified_on"]) > timezone.localdate():
        raise refuse(
            _("A notification cannot be dated in the future."), code="date_future", field="notified_on"
        )
    problems = provisions.value_problems(
        provision,
        languages=data.get("languages") or [],
        treaty_required=data.get("treaty_required"),
        convention_as_basis=data.get("convention_as_basis"),
        reservation=data.get("reservation") or "",
        description=data.get("description") or "",
        has_files=has_files,
        reservation_on_record=_reservation_on_record(state),
    )
    if problems:
        field, message = problems[0]
        raise refuse(str(message), code="value", field=field if field in NOTIFICATION_FIELDS else None)


# --- Applying a change -----------------------------------------------------------------------------


def _apply_authority(
    state: State, action: str, data: dict, authority: Authority | None, *, actor: User, reason: str
) -> Authority:
    if action == ProposalAction.REMOVE:
        authority.removed_on = timezone.localdate()
        _record(authority, actor=actor, reason=reason)
        return authority
    _check_authority_values(state, data, authority)
    if authority is None:
        authority = Authority(state=state)
    for name in AUTHORITY_FIELDS:
        if name in data:
            value = data[name]
            setattr(authority, name, _date(value) if name == "designated_on" else (value or ""))
    if authority.designated_on is None:
        authority.designated_on = timezone.localdate()
    authority.designated_on = _date(authority.designated_on)
    _record(authority, actor=actor, reason=reason)
    return authority


def _apply_notification(state: State, data: dict, files: Sequence[LawFile], *, actor: User) -> Notification:
    notification = Notification(state=state)
    for name in NOTIFICATION_FIELDS:
        if name in data:
            value = data[name]
            if name == "notified_on":
                value = _date(value)
            elif name == "languages":
                value = list(value or [])
            elif name not in ("treaty_required", "convention_as_basis"):  # these keep None: not said
                value = value or ""
            setattr(notification, name, value)
    _record(notification, actor=actor, reason="authorities.notification")
    for law_file in files:
        law_file.notification = notification
        law_file.save(update_fields=["notification"])
    return notification


def _store_files(uploads: Sequence[UploadedFile], proposal: Proposal | None) -> list[LawFile]:
    stored = []
    for upload in uploads:
        law_file = LawFile(
            proposal=proposal, file=upload, title=(PurePath(upload.name or "").stem or "law")[:300]
        )
        law_file.save()
        stored.append(law_file)
    return stored


# --- Services --------------------------------------------------------------------------------------


@transaction.atomic
def propose_authority(
    state: State, *, data: dict, actor: User, authority: Authority | None = None
) -> Proposal | Authority:
    """A new authority (`authority` None) or a change of one. The secretariat's entry applies at once
    (returns the Authority); a State official's waits for approval (returns the Proposal)."""
    if authority is not None and (authority.state_id != state.pk or authority.removed_on):
        raise refuse(
            _("This authority is not a current entry of %(state)s.") % {"state": state}, code="other"
        )
    data = _json_ready(data, AUTHORITY_FIELDS)
    kinds = {data.get("kind", "")} | ({authority.kind} if authority else set())
    _check_may_propose_authority(state, kinds, actor)
    _check_authority_values(state, data, authority)
    action = ProposalAction.CHANGE if authority else ProposalAction.CREATE
    if is_secretariat(actor):
        return _apply_authority(
            state, action, data, authority, actor=actor, reason="authorities.direct_entry"
        )
    _check_no_pending(authority=authority)
    proposal = Proposal(state=state, action=action, authority=authority, data=data, proposed_by=actor)
    _record(proposal, actor=actor, reason="authorities.proposed")
    return proposal


@transaction.atomic
def propose_removal(authority: Authority, *, actor: User, reason: str = "") -> Proposal | Authority:
    state = authority.state
    if authority.removed_on:
        raise refuse(_("%(name)s has already been removed.") % {"name": authority.name}, code="removed")
    _check_may_propose_authority(state, {authority.kind}, actor)
    if is_secretariat(actor):
        return _apply_authority(
            state, ProposalAction.REMOVE, {}, authority, actor=actor, reason="authorities.direct_removal"
        )
    _check_no_pending(authority=authority)
    proposal = Proposal(
        state=state,
        action=ProposalAction.REMOVE,
        authority=authority,
        data={"note": reason.strip()},
        proposed_by=actor,
    )
    _record(proposal, actor=actor, reason="authorities.proposed")
    return proposal


@transaction.atomic
def propose_notification(
    state: State, *, data: dict, actor: User, files: Sequence[UploadedFile] = ()
) -> Proposal | Notification:
    """A notification under one provision; the secretariat's entry applies at once."""
    if not (is_secretariat(actor) or is_focal_point_of_state(actor, state)):
        raise refuse(
            _("Only the focal point of %(state)s or the secretariat may notify for it.")
            % {"state": state.short_name},
            code="not_allowed",
        )
    data = _json_ready(data, NOTIFICATION_FIELDS)
    if "languages" in data:
        codes, unknown = provisions.clean_languages(data["languages"] or [])
        if unknown:
            raise refuse(
                _("Not a language: %(values)s.") % {"values": ", ".join(unknown)},
                code="language_unknown",
                field="languages",
            )
        data["languages"] = codes
    for upload in files:
        check_law_file(upload)
    _check_notification_values(state, data, has_files=bool(files))
    if is_secretariat(actor):
        return _apply_notification(state, data, _store_files(files, None), actor=actor)
    proposal = Proposal(
        state=state, action=ProposalAction.CREATE, is_notification=True, data=data, proposed_by=actor
    )
    _record(proposal, actor=actor, reason="authorities.proposed")
    _store_files(files, proposal)
    return proposal


def _locked_pending(proposal: Proposal) -> Proposal:
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("state", "authority")
        .get(pk=proposal.pk)
    )
    if proposal.status != ProposalStatus.PENDING:
        raise refuse(
            _("This proposal was already decided (%(status)s).") % {"status": proposal.get_status_display()},
            code="decided",
        )
    return proposal


def _tell_proposer(proposal: Proposal, subject: str, body: str) -> None:
    notify([proposal.proposed_by], subject=subject, body=body)


def describe(proposal: Proposal) -> str:
    """One line naming what a proposal is about."""
    if proposal.is_notification:
        return str(provisions.requirement(proposal.data.get("provision", "")).provision.label)
    name = proposal.data.get("name_en") or (proposal.authority.name if proposal.authority else "")
    return f"{proposal.get_action_display()}: {name}"


@transaction.atomic
def approve(proposal: Proposal, *, actor: User) -> Proposal:
    """The secretariat approves: the directory changes now, and the proposer is told."""
    if not is_secretariat(actor):
        raise refuse(_("Only the secretariat decides on proposed changes."), code="not_allowed")
    proposal = _locked_pending(proposal)
    state = proposal.state
    if proposal.is_notification:
        files = list(proposal.files.all())
        _check_notification_values(state, proposal.data, has_files=bool(files))
        proposal.notification = _apply_notification(state, proposal.data, files, actor=actor)
    else:
        if proposal.authority is not None and proposal.authority.removed_on:
            raise refuse(
                _("%(name)s was removed since this was proposed.") % {"name": proposal.authority.name},
                code="removed",
            )
        proposal.authority = _apply_authority(
            state,
            proposal.action,
            proposal.data,
            proposal.authority,
            actor=actor,
            reason="authorities.approved",
        )
    proposal.status = ProposalStatus.APPROVED
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    _record(proposal, actor=actor, reason="authorities.approved")
    _tell_proposer(
        proposal,
        _("Approved: %(what)s (%(state)s)") % {"what": describe(proposal), "state": state.short_name},
        _(
            "The secretariat approved your proposed change; the directory of competent authorities now "
            "shows it."
        ),
    )
    return proposal


@transaction.atomic
def reject(proposal: Proposal, *, actor: User, reason: str) -> Proposal:
    """The secretariat rejects, saying why; the directory does not change and the proposer is told."""
    if not is_secretariat(actor):
        raise refuse(_("Only the secretariat decides on proposed changes."), code="not_allowed")
    if not reason.strip():
        raise refuse(_("Say why the proposal is rejected."), code="reason_missing", field="reason")
    proposal = _locked_pending(proposal)
    proposal.status = ProposalStatus.REJECTED
    proposal.reason = reason.strip()
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    _record(proposal, actor=actor, reason="authorities.rejected")
    _tell_proposer(
        proposal,
        _("Rejected: %(what)s (%(state)s)")
        % {"what": describe(proposal), "state": proposal.state.short_name},
        _("The secretariat rejected your proposed change. Reason: %(reason)s") % {"reason": proposal.reason},
    )
    return proposal
