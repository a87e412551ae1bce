"""Observers (rules 14-17): applications and notices, the circulated list of other NGOs, objections,
the bureau's and the Conference's decisions."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from cosp.core.enums import ObserverCategory
from cosp.core.models import Organisation, organisation_for_state
from cosp.states.enums import ConventionStatus
from cosp.states.models import State

from .. import observers
from ..enums import (
    AdmissionRoute,
    AdmissionStatus,
)
from ..models import Delegation, Objection, Session
from ..queries import (
    category_of,
)
from .base import MeetingRuleError, _check_not_objected, _check_state_party, _record, _refused
from .participation import attendance_group_for

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
