"""Every write to the meetings app: plain functions with a keyword-only `actor`, each one transaction.

The rule modules decide (observers.py, credentials.py, bureau.py, speakers.py); these functions load
what the rules need, apply their verdict and save it, or raise MeetingRuleError with the rule's reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cosp.core.enums import ObserverCategory, OrganisationKind
from cosp.core.models import Organisation
from cosp.states.enums import ConventionStatus, StateKind
from cosp.states.models import State

from . import bureau, credentials, observers
from .enums import (
    AdmissionRoute,
    AdmissionStatus,
    AttendanceGroup,
    CredentialsStatus,
    Office,
    RegistrationStatus,
)
from .models import Delegate, Delegation, Objection, Officer, Session
from .queries import (
    category_of,
    credentials_of,
    present_states_parties,
    regional_groups_of,
    rotation_history,
    serving_officers,
)


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


# --- Observers (rules 14-17) ------------------------------------------------------------------------
#
# One service per step of observers.py's workflow. Each asks observers.transition for the verdict and
# either saves the new status or raises MeetingRuleError with the rule's reason, leaving the database
# as it was.


def observer_category_for(organisation: Organisation) -> ObserverCategory:
    """The category under rules 14-17 in which an organisation or a State not party takes part."""
    state = organisation.state
    if state is None:
        if not organisation.observer_category:
            raise MeetingRuleError(
                _("%(name)s has no observer category, so no rule admits it as an observer."),
                params={"name": organisation.name},
            )
        return ObserverCategory(organisation.observer_category)
    status = state.convention_status
    if status == ConventionStatus.PARTY:
        raise MeetingRuleError(
            _("%(name)s is a party to the Convention: it takes part by right, not as an observer."),
            params={"name": organisation.name},
        )
    if status == ConventionStatus.SIGNATORY:
        return ObserverCategory.SIGNATORY
    return ObserverCategory.NON_SIGNATORY


def _refused(refusal: observers.Refusal) -> MeetingRuleError:
    return MeetingRuleError(refusal.message, code=refusal.code)


def _record(instance, *, actor, reason: str, update_fields: list[str] | None = None) -> None:
    """Save with the actor and the reason in the history row (the audit trail)."""
    instance._history_user = actor
    instance._change_reason = reason
    instance.save(update_fields=update_fields)


@transaction.atomic
def apply_as_observer(
    *, session: Session, applicant: Organisation | State, received_on: date, actor
) -> Delegation:
    """An organisation (or a State not party) applies for observer status, or gives written notice.

    Steps: the category decides the route (observers.route_for); the application or notice is refused
    when it arrived too late for that route; otherwise the delegation is created in its attendance group
    with the status the workflow gives (admitted at once by notice under rules 14 and 16(1), applied
    otherwise). A State is given its delegation's organisation first, in the same transaction.
    """
    organisation = organisation_for_state(applicant) if isinstance(applicant, State) else applicant
    category = observer_category_for(organisation)
    existing = Delegation.objects.filter(session=session, organisation=organisation).first()
    if existing is not None:
        raise MeetingRuleError(
            _("%(name)s has already applied or notified for this session (%(status)s)."),
            code="already_applied",
            params={"name": organisation.name, "status": existing.get_admission_status_display()},
        )
    route = observers.route_for(category)
    action = observers.Action.NOTIFY if route == AdmissionRoute.NOTICE else observers.Action.APPLY
    verdict = observers.transition(
        route, None, action, received_on, session_start=session.start, category=category
    )
    if isinstance(verdict, observers.Refusal):
        raise _refused(verdict)
    delegation = Delegation(
        session=session,
        organisation=organisation,
        group=attendance_group_for(organisation),
        admission_route=route,
        admission_status=verdict,
        applied_on=received_on,
    )
    _record(delegation, actor=actor, reason=f"observers.{action}")
    return delegation


def _advance(
    delegation: Delegation,
    action: observers.Action,
    on: date,
    *,
    actor,
    objecting_state: str | None = None,
    changes: dict | None = None,
) -> Delegation:
    """Move one delegation's admission by `action` on day `on`, or raise the rule's refusal."""
    if not delegation.admission_route:
        raise MeetingRuleError(
            _("%(name)s takes part as a State party, not as an observer."),
            code="not_an_observer",
            params={"name": delegation.organisation.name},
        )
    verdict = observers.transition(
        delegation.admission_route,
        delegation.admission_status,
        action,
        on,
        session_start=delegation.session.start,
        circulated_on=delegation.listed_on,
        objecting_state=objecting_state,
        category=category_of(delegation),
    )
    if isinstance(verdict, observers.Refusal):
        raise _refused(verdict)
    delegation.admission_status = verdict
    for name, value in (changes or {}).items():
        setattr(delegation, name, value)
    _record(
        delegation,
        actor=actor,
        reason=f"observers.{action}",
        update_fields=["admission_status", *(changes or {})],
    )
    return delegation


def _observers_at(session: Session, route: AdmissionRoute, status: AdmissionStatus) -> list[Delegation]:
    return list(
        Delegation.objects.select_for_update(of=("self",))
        .filter(session=session, admission_route=route, admission_status=status)
        .select_related("organisation", "session")
        .order_by("pk")
    )


@transaction.atomic
def circulate_ngo_list(*, session: Session, on: date, actor) -> list[Delegation]:
    """The secretariat circulates the list of other NGOs that applied (rule 17(2)): all of them at once,
    as one document, at least 30 days before the session."""
    applied = _observers_at(session, AdmissionRoute.NGO_LIST, AdmissionStatus.APPLIED)
    if not applied:
        raise MeetingRuleError(
            _(
                "No application from a non-governmental organization without consultative status is waiting "
                "to be circulated."
            ),
            code="nothing_to_circulate",
        )
    return [
        _advance(delegation, observers.Action.CIRCULATE, on, actor=actor, changes={"listed_on": on})
        for delegation in applied
    ]


def _check_state_party(state: State) -> None:
    if state.convention_status != ConventionStatus.PARTY:
        raise MeetingRuleError(
            _("%(state)s is not a State party; only States parties may object."),
            code="not_a_state_party",
            params={"state": state.short_name},
        )


def _check_not_objected(delegation: Delegation, subject: str, state: State) -> None:
    already = delegation.objections.filter(subject=subject, by_state=state, withdrawn_on__isnull=True)
    if already.exists():
        raise MeetingRuleError(
            _("%(state)s has already objected; its objection is on record."),
            code="already_objected",
            params={"state": state.short_name},
        )


@transaction.atomic
def object_to_observer(delegation: Delegation, *, by_state: State, on: date, actor) -> Objection:
    """A State party objects to an NGO on the circulated list, within the no-objection period (rule
    17(2)). The objection names the State; only the secretariat and the bureau see it."""
    delegation = _locked(delegation)
    _check_state_party(by_state)
    _check_not_objected(delegation, Objection.Subject.ADMISSION, by_state)
    _advance(delegation, observers.Action.OBJECT, on, actor=actor, objecting_state=by_state.iso3)
    objection = Objection(
        delegation=delegation, subject=Objection.Subject.ADMISSION, by_state=by_state, raised_on=on
    )
    _record(objection, actor=actor, reason="observers.object")
    return objection


@transaction.atomic
def refer_to_conference(delegation: Delegation, *, on: date, actor) -> Delegation:
    """The matter of an observer's admission goes to the Conference (after an objection, or when the
    bureau puts an application to it)."""
    return _advance(_locked(delegation), observers.Action.REFER, on, actor=actor)


@transaction.atomic
def grant_by_bureau(delegation: Delegation, *, on: date, actor) -> Delegation:
    """The bureau grants observer status to an applicant under rules 15, 16(2) or 17(1)."""
    return _advance(_locked(delegation), observers.Action.GRANT, on, actor=actor, changes={"decided_on": on})


@transaction.atomic
def record_conference_decision(
    delegation: Delegation, *, admit: bool, on: date, decision: str, actor
) -> Delegation:
    """The Conference admits or refuses an observer; its decision is recorded with its text."""
    action = observers.Action.CONFERENCE_ADMITS if admit else observers.Action.CONFERENCE_REFUSES
    changes = {"decided_on": on, "decision": decision}
    return _advance(_locked(delegation), action, on, actor=actor, changes=changes)


@transaction.atomic
def close_no_objection_period(*, session: Session, on: date, actor) -> list[Delegation]:
    """After the no-objection period, the NGOs on the list that no State party objected to are admitted
    (rule 17(2)); those objected to wait for the Conference."""
    listed = _observers_at(session, AdmissionRoute.NGO_LIST, AdmissionStatus.LISTED)
    if not listed:
        raise MeetingRuleError(
            _("No organization on the circulated list is waiting for the end of the no-objection period."),
            code="nothing_to_close",
        )
    return [
        _advance(delegation, observers.Action.CLOSE_NO_OBJECTION, on, actor=actor, changes={"decided_on": on})
        for delegation in listed
    ]


@transaction.atomic
def withdraw_observer(delegation: Delegation, *, on: date, actor) -> Delegation:
    """The observer withdraws its application, notice or participation."""
    return _advance(_locked(delegation), observers.Action.WITHDRAW, on, actor=actor)


def _locked(delegation: Delegation) -> Delegation:
    return (
        Delegation.objects.select_for_update(of=("self",))
        .select_related("session", "organisation")
        .get(pk=delegation.pk)
    )


# --- Credentials (rules 18-20) ----------------------------------------------------------------------


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


# --- The bureau (rules 22 and 31) -------------------------------------------------------------------


@dataclass(frozen=True)
class OfficerChange:
    """An officer elected or named as a replacement, with what is allowed but worth a second look."""

    officer: Officer
    warnings: list[bureau.Problem]


@transaction.atomic
def elect_officer(
    *, session: Session, office: str, state: State, person: str, elected_on: date, actor
) -> OfficerChange:
    """The Conference elects an officer (rule 22). Refused when the officer's State is not a State
    party present at the session, the office is already filled, or the State or its regional group
    already has an officer; a repeat in the rotation of the President or Rapporteur is a warning."""
    Session.objects.select_for_update(of=("self",)).filter(pk=session.pk).first()  # one election at a time
    serving = list(serving_officers(session))
    proposed = [bureau.Officer(Office(o.office), o.state.iso3, o.person) for o in serving]
    new = bureau.Officer(Office(office), state.iso3, person)
    groups = regional_groups_of([*(o.state for o in serving), state])
    problems = bureau.validate_bureau(
        [*proposed, new], present_states_parties(session), groups, complete=False
    )
    # Only what the new officer breaks refuses the election; older problems stay on the bureau page.
    new_group = groups.get(state.iso3)
    caused = [
        problem
        for problem in bureau.errors(problems)
        if problem.state == state.iso3
        or problem.office == new.office
        or (new_group is not None and problem.group == new_group)
    ]
    if caused:
        raise MeetingRuleError([MeetingRuleError(str(problem), code=problem.code) for problem in caused])
    officer = Officer(session=session, office=office, state=state, person=person, elected_on=elected_on)
    _record(officer, actor=actor, reason="bureau.elect")
    warnings = []
    if new.office in bureau.ROTATING_OFFICES and new_group is not None:
        warnings = bureau.rotation_warnings(rotation_history(session), {new.office: new_group})
    return OfficerChange(officer, warnings)


@transaction.atomic
def replace_officer(officer: Officer, *, state: State, person: str, elected_on: date, actor) -> OfficerChange:
    """An officer who cannot continue is replaced by a representative of the same State party for the
    rest of the term (rule 31); the replacement points to the officer it replaces."""
    officer = (
        Officer.objects.select_for_update(of=("self",)).select_related("state", "session").get(pk=officer.pk)
    )
    if Officer.objects.filter(replaces=officer).exists():
        raise MeetingRuleError(_("This officer has already been replaced."), code="already_replaced")
    problems = bureau.check_replacement(officer.state.iso3, state.iso3, officer.office)
    refusals = bureau.errors(problems)
    if refusals:
        raise MeetingRuleError([MeetingRuleError(str(problem), code=problem.code) for problem in refusals])
    replacement = Officer(
        session=officer.session,
        office=officer.office,
        state=state,
        person=person,
        elected_on=elected_on,
        replaces=officer,
    )
    _record(replacement, actor=actor, reason="bureau.replace")
    warnings = [problem for problem in problems if problem.severity is bureau.Severity.WARNING]
    return OfficerChange(replacement, warnings)
