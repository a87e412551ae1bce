"""Who may do what: role predicates, composed into the permission map every view and API call uses.

Role predicates answer from the user's memberships (fetched once per request, see User.role_pairs).
Apps add their own permissions in their own rules.py, built from these predicates.
"""

import rules

from .enums import OrganisationKind, Role


def _has_role(user, kind: str, roles: set[str] | None = None) -> bool:
    if not user.is_authenticated:
        return False
    return any(k == kind and (roles is None or r in roles) for k, _state, r in user.role_pairs)


@rules.predicate
def is_secretariat(user) -> bool:
    return user.is_authenticated and (user.is_superuser or _has_role(user, OrganisationKind.SECRETARIAT))


@rules.predicate
def is_state_official(user) -> bool:
    """Any member of a State's delegation (a party's, a signatory's or an observer State's): focal point,
    delegate, expert or central authority. Where only States parties count, the app adds that check
    (e.g. authorities.rules for contact details)."""
    return _has_role(user, OrganisationKind.STATE)


@rules.predicate
def is_focal_point(user) -> bool:
    return _has_role(user, OrganisationKind.STATE, {Role.FOCAL_POINT})


@rules.predicate
def is_observer(user) -> bool:
    return _has_role(user, OrganisationKind.OBSERVER)


@rules.predicate
def is_focal_point_of_state(user, state) -> bool:
    return state is not None and (OrganisationKind.STATE, state.pk, Role.FOCAL_POINT) in (
        user.role_pairs if user.is_authenticated else ()
    )


def states_of(user) -> set[int]:
    """The ids of the States whose delegation the user belongs to."""
    if not user.is_authenticated:
        return set()
    return {state for kind, state, _role in user.role_pairs if kind == OrganisationKind.STATE}


# Public pages and public API data: everyone, signed in or not.
rules.add_perm("core.view_public", rules.always_allow)
# Pages about one's own account.
rules.add_perm("core.manage_own_account", rules.is_authenticated)
# The audit trail names people and shows confidential changes: secretariat only.
rules.add_perm("core.view_audit_trail", is_secretariat)
