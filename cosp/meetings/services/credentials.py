"""Credentials (rules 18-20): receipts, objections, and the adoption of the bureau's report."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from cosp.states.models import State

from .. import credentials, observers
from ..enums import (
    AttendanceGroup,
    CredentialsStatus,
)
from ..models import Delegation, Objection, Session
from ..queries import (
    credentials_of,
)
from .base import MeetingRuleError, _check_not_objected, _check_state_party, _record


def _state_party_delegation(delegation: Delegation) -> Delegation:
    delegation = (
        Delegation.objects.select_for_update(of=("self",))
        .select_related("organisation__state", "session")
        .get(pk=delegation.pk)
    )
    if delegation.group != AttendanceGroup.STATE_PARTY or delegation.organisation.state is None:
        raise MeetingRuleError(
            _("Credentials are submitted by States parties (rule 18); %(name)s takes part as an observer."),
            code="not_a_state_party",
            params={"name": delegation.organisation.name},
        )
    return delegation


@transaction.atomic
def record_credentials_receipt(delegation: Delegation, *, kind: str, on: date, actor) -> Delegation:
    """The secretariat records that a copy or the original of a delegation's credentials arrived (rule
    18). The status only moves forward; a receipt that changes nothing is refused with the reason."""
    delegation = _state_party_delegation(delegation)
    try:
        kind = CredentialsStatus(kind)
        before = credentials_of(delegation)
        after = credentials.record_receipt(before, kind, on)
    except ValueError as error:
        raise MeetingRuleError(
            _("Record the receipt of a copy or of the original."), code="invalid_kind"
        ) from error
    if after == before:
        if before.original_received_on is not None:
            message = _("The original of these credentials was already recorded as received on %(date)s.")
            received = before.original_received_on
        else:
            message = _("A copy of these credentials was already recorded as received on %(date)s.")
            received = before.copy_received_on
        raise MeetingRuleError(
            message, code="already_received", params={"date": observers.format_day(received)}
        )
    delegation.copy_received_on = after.copy_received_on
    delegation.original_received_on = after.original_received_on
    delegation.credentials = after.status
    _record(
        delegation,
        actor=actor,
        reason=f"credentials.{kind}_received",
        update_fields=["credentials", "copy_received_on", "original_received_on"],
    )
    return delegation


@transaction.atomic
def object_to_credentials(delegation: Delegation, *, by_state: State, on: date, actor) -> Objection:
    """A State party objects to the seating of another's delegation (rule 20): it sits provisionally
    until the bureau reports and the Conference decides."""
    delegation = _state_party_delegation(delegation)
    _check_state_party(by_state)
    try:
        credentials.record_objection(credentials_of(delegation), by_state.iso3)
    except ValueError as error:
        raise MeetingRuleError(
            _("A State party cannot object to the credentials of its own delegation."), code="own_delegation"
        ) from error
    _check_not_objected(delegation, Objection.Subject.CREDENTIALS, by_state)
    objection = Objection(
        delegation=delegation, subject=Objection.Subject.CREDENTIALS, by_state=by_state, raised_on=on
    )
    _record(objection, actor=actor, reason="credentials.object")
    return objection


@transaction.atomic
def adopt_credentials_report(session: Session, *, on: date, actor) -> Session:
    """The Conference adopted the bureau's report on credentials (rule 19): provisional participation
    ends (rule 20). The day falls within the session."""
    if not session.start <= on <= session.end:
        raise MeetingRuleError(
            _("The Conference adopts the bureau's report during its session, from %(start)s to %(end)s."),
            code="outside_session",
            params={"start": observers.format_day(session.start), "end": observers.format_day(session.end)},
        )
    session.credentials_report_adopted_on = on
    _record(
        session,
        actor=actor,
        reason="credentials.report_adopted",
        update_fields=["credentials_report_adopted_on"],
    )
    return session
