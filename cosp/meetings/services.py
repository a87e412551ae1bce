"""Every write to the meetings app: plain functions with a keyword-only `actor`, each one transaction.

The rule modules decide (observers.py, credentials.py, bureau.py, speakers.py); these functions load
what the rules need, apply their verdict and save it, or raise MeetingRuleError with the rule's reason.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from cosp.core.enums import ObserverCategory, OrganisationKind
from cosp.core.models import Organisation
from cosp.states.enums import ConventionStatus, StateKind
from cosp.states.models import State

from .enums import AdmissionStatus, AttendanceGroup, RegistrationStatus
from .models import Delegate, Delegation, Session


class MeetingRuleError(ValidationError):
    """A request the rules refuse; the message says which rule and why."""


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


def organisation_for_state(state: State) -> Organisation:
    """The State's delegation as an organisation (one per State), created when first needed."""
    organisation, _ = Organisation.objects.get_or_create(
        kind=OrganisationKind.STATE,
        state=state,
        defaults={"name_en": state.short_name_en, "name_zh_hans": state.short_name_zh_hans},
    )
    return organisation


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
