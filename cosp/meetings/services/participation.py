"""Delegations and their people: a State's delegation takes part by right; a focal point registers
its people and the secretariat approves them."""

from __future__ import annotations

from django.db import transaction

from cosp.core.enums import ObserverCategory
from cosp.core.models import Organisation
from cosp.states.enums import ConventionStatus, StateKind

from ..enums import (
    AdmissionStatus,
    AttendanceGroup,
    RegistrationStatus,
)
from ..models import Delegate, Delegation, Session
from .base import MeetingRuleError

# The attendance group of an observer organisation, by its category under rules 14-17.
_GROUP_BY_CATEGORY = {
    ObserverCategory.ENTITY: AttendanceGroup.PERMANENT_OBSERVER,
    ObserverCategory.UN_BODY: AttendanceGroup.UN_ENTITY,
    ObserverCategory.IGO: AttendanceGroup.IGO,
    ObserverCategory.NGO_ECOSOC: AttendanceGroup.NGO_ECOSOC,
    ObserverCategory.NGO_OTHER: AttendanceGroup.NGO_OTHER,
    ObserverCategory.SIGNATORY: AttendanceGroup.SIGNATORY,
    ObserverCategory.NON_SIGNATORY: AttendanceGroup.NON_SIGNATORY,
}


def attendance_group_for(organisation: Organisation) -> AttendanceGroup:
    """Where a participant is listed in the session report, from its status today."""
    state = organisation.state
    if state is not None:
        if state.kind == StateKind.REIO:
            return AttendanceGroup.REIO
        return {
            ConventionStatus.PARTY: AttendanceGroup.STATE_PARTY,
            ConventionStatus.SIGNATORY: AttendanceGroup.SIGNATORY,
        }.get(state.convention_status, AttendanceGroup.NON_SIGNATORY)
    return _GROUP_BY_CATEGORY[organisation.observer_category]


@transaction.atomic
def delegation_for(session: Session, organisation: Organisation) -> Delegation:
    """The organisation's delegation to the session. States parties and the EU take part by right;
    observers must have applied or notified first (observers.py's workflow)."""
    delegation = Delegation.objects.filter(session=session, organisation=organisation).first()
    if delegation is not None:
        return delegation
    group = attendance_group_for(organisation)
    if group not in (AttendanceGroup.STATE_PARTY, AttendanceGroup.REIO):
        raise MeetingRuleError(
            "%(name)s takes part as an observer: it must apply or notify for observer status first.",
            params={"name": organisation.name},
        )
    return Delegation.objects.create(session=session, organisation=organisation, group=group)


@transaction.atomic
def register_delegate(
    *, session: Session, organisation: Organisation, name: str, title: str, level: str, is_head: bool, actor
) -> Delegate:
    """A focal point (or an observer's representative) adds a person; the secretariat approves later."""
    delegation = delegation_for(session, organisation)
    if delegation.admission_status in (AdmissionStatus.REFUSED, AdmissionStatus.WITHDRAWN):
        raise MeetingRuleError(
            "%(name)s is not admitted to this session (%(status)s).",
            params={"name": organisation.name, "status": delegation.get_admission_status_display()},
        )
    return Delegate.objects.create(
        delegation=delegation, name=name, title=title, level=level, is_head=is_head, registered_by=actor
    )


@transaction.atomic
def decide_registration(delegate: Delegate, *, approve: bool, actor) -> Delegate:
    delegate.status = RegistrationStatus.APPROVED if approve else RegistrationStatus.REJECTED
    delegate._change_reason = f"{'approved' if approve else 'rejected'} by {actor}"
    delegate.save(update_fields=["status"])
    return delegate
