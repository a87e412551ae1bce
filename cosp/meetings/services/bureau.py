"""The bureau (rules 22 and 31): electing officers and replacing one for the rest of the term."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from cosp.states.models import State

from .. import bureau
from ..enums import (
    Office,
)
from ..models import Officer, Session
from ..queries import (
    present_states_parties,
    regional_groups_of,
    rotation_history,
    serving_officers,
)
from .base import MeetingRuleError, _record


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
