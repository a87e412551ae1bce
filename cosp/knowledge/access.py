"""Who is in a contribution's circle: the one place that answers it, for rules, queries and the API.

- The submitting organisation's members and the secretariat see a contribution at every status;
  everyone sees published ones.
- A State's delegation submits through its focal point (or the secretariat enters a contribution on
  the State's behalf); an observer organisation through its representative.
"""

from __future__ import annotations

from cosp.core.enums import OrganisationKind, Role
from cosp.core.models import Membership, Organisation, organisation_for_state
from cosp.core.rules import is_secretariat
from cosp.states.models import State

from .enums import ContributionStatus

# The role through which each kind of organisation submits.
SUBMITTING_ROLE = {
    OrganisationKind.STATE: Role.FOCAL_POINT,
    OrganisationKind.OBSERVER: Role.OBSERVER_REPRESENTATIVE,
}


def memberships(user) -> frozenset[tuple[int, str, str]]:
    """(organisation id, organisation kind, role) of each membership, read once per user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_knowledge_memberships", None)
    if cached is None:
        cached = frozenset(
            Membership.objects.filter(user=user).values_list("organisation_id", "organisation__kind", "role")
        )
        user._knowledge_memberships = cached
    return cached


def organisations_of(user) -> set[int]:
    """The ids of the organisations the user belongs to (any role)."""
    return {organisation for organisation, _kind, _role in memberships(user)}


def may_submit_for(user, organisation: Organisation) -> bool:
    """Whether the user may enter and submit contributions in the organisation's name."""
    if organisation.kind == OrganisationKind.STATE and is_secretariat(user):
        return True
    role = SUBMITTING_ROLE.get(organisation.kind)
    return role is not None and (organisation.pk, organisation.kind, role) in memberships(user)


def submitting_organisations(user):
    """The organisations the user may submit for: their own (as focal point or observer
    representative); for the secretariat, every State's delegation."""
    if is_secretariat(user):
        return Organisation.objects.filter(kind=OrganisationKind.STATE).select_related("state")
    ids = [
        organisation for organisation, kind, role in memberships(user) if SUBMITTING_ROLE.get(kind) == role
    ]
    return Organisation.objects.filter(pk__in=ids).select_related("state")


def submitting_choices(user) -> list[tuple[str, str]]:
    """What the submission form offers as submitter: the user's own organisations (by id); for the
    secretariat, every State party ("state:AUT"), whose delegation is created when first needed."""
    if is_secretariat(user):
        parties = sorted(State.objects.parties(), key=lambda state: state.short_name)
        return [(f"state:{state.iso3}", state.short_name) for state in parties]
    return [(str(organisation.pk), str(organisation)) for organisation in submitting_organisations(user)]


def organisation_for_choice(user, value: str) -> Organisation | None:
    """The organisation a value of `submitting_choices` stands for (None when it is not offered)."""
    if value not in {choice for choice, _label in submitting_choices(user)}:
        return None
    if value.startswith("state:"):
        return organisation_for_state(State.objects.get(iso3=value.removeprefix("state:")))
    return Organisation.objects.get(pk=int(value))


def may_submit(user) -> bool:
    """Whether the user may submit for some organisation."""
    if is_secretariat(user):
        return True
    return any(SUBMITTING_ROLE.get(kind) == role for _organisation, kind, role in memberships(user))


def in_circle(user, contribution) -> bool:
    """The submitting organisation's members and the secretariat."""
    return is_secretariat(user) or contribution.organisation_id in organisations_of(user)


def can_see(user, contribution) -> bool:
    return contribution.status == ContributionStatus.PUBLISHED or in_circle(user, contribution)


def may_manage(user, contribution) -> bool:
    """Edit, submit, withdraw: whoever may submit for its organisation (the secretariat too)."""
    if is_secretariat(user):
        return True
    return may_submit_for(user, contribution.organisation)
