"""Who may do what with the asset-recovery statistics.

The aggregates are public statistics. A record's row (one pair of States, one year, one measure) is seen
by the secretariat and the officials of the two States it concerns; it is entered by the secretariat or
by the focal point or a central-authority official of either State. Exchange rates are public and kept
by the secretariat.
"""

import rules

from cosp.core.enums import OrganisationKind, Role
from cosp.core.rules import is_secretariat, is_state_official, states_of

# The officials who report asset-recovery figures for their State.
ENTRY_ROLES = frozenset({Role.FOCAL_POINT, Role.CENTRAL_AUTHORITY})


def entry_states(user) -> set[int]:
    """The ids of the States for which the user may enter records (focal point or central authority)."""
    if not user.is_authenticated:
        return set()
    return {
        state
        for kind, state, role in user.role_pairs
        if kind == OrganisationKind.STATE and role in ENTRY_ROLES
    }


def allowed_states(user) -> set[int] | None:
    """The States the user may enter records for; None for the secretariat (any State)."""
    return None if is_secretariat(user) else entry_states(user)


@rules.predicate
def is_entry_official(user) -> bool:
    return bool(entry_states(user))


@rules.predicate
def enters_for_record(user, record) -> bool:
    return record is not None and bool(
        {record.requesting_state_id, record.requested_state_id} & entry_states(user)
    )


@rules.predicate
def official_of_record(user, record) -> bool:
    return record is not None and bool(
        {record.requesting_state_id, record.requested_state_id} & states_of(user)
    )


@rules.predicate
def uploaded_batch(user, batch) -> bool:
    return batch is not None and user.is_authenticated and batch.uploaded_by_id == user.pk


# The aggregates, the charts, their exports, the rates and the import template: everyone.
rules.add_perm("recovery.view_statistics", rules.always_allow)
# The list of records: the secretariat, and State officials (who see their own States' records only).
rules.add_perm("recovery.view_records", is_secretariat | is_state_official)
rules.add_perm("recovery.view_record", is_secretariat | official_of_record)
# Entering and importing: the secretariat, and focal points and central authorities for their State.
rules.add_perm("recovery.enter_records", is_secretariat | is_entry_official)
rules.add_perm("recovery.edit_record", is_secretariat | enters_for_record)
# An uploaded file waiting for confirmation: the person who uploaded it, and the secretariat.
rules.add_perm("recovery.view_import", is_secretariat | (is_entry_official & uploaded_batch))
rules.add_perm("recovery.manage_rates", is_secretariat)
