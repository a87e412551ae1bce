"""Who may do what with the directory of competent authorities. Object-level permissions take the
State (or, for a proposal, the proposal)."""

import rules

from cosp.core.enums import OrganisationKind, Role
from cosp.core.rules import is_focal_point_of_state, is_secretariat, is_state_official, states_of
from cosp.states.models import State


@rules.predicate
def is_official_of_state(user, state) -> bool:
    return state is not None and state.pk in states_of(user)


@rules.predicate
def is_central_authority_of_state(user, state) -> bool:
    return state is not None and (OrganisationKind.STATE, state.pk, Role.CENTRAL_AUTHORITY) in (
        user.role_pairs if user.is_authenticated else ()
    )


@rules.predicate
def is_official_of_a_state_party(user) -> bool:
    """A member of the delegation of a State that has deposited its instrument. `is_state_official`
    alone also answers yes for signatories and observer States, which do not see contact details."""
    return is_state_official(user) and State.objects.parties().filter(pk__in=states_of(user)).exists()


@rules.predicate
def is_official_of_proposing_state(user, proposal) -> bool:
    return proposal is not None and proposal.state_id in states_of(user)


# Names, roles, notifications, the report of what is missing: public (RULES 2; the conference room
# papers publish them).
rules.add_perm("authorities.view_directory", rules.always_allow)
# Contact details: officials of States parties and the secretariat only.
rules.add_perm("authorities.view_contacts", is_official_of_a_state_party | is_secretariat)
# A State's own page for keeping its entries current.
rules.add_perm("authorities.view_own_state", is_state_official)
# Proposing changes of a State's authorities: its focal point, its central-authority officials (the
# service limits them to central authorities), or the secretariat entering them directly.
rules.add_perm(
    "authorities.propose_authority", is_focal_point_of_state | is_central_authority_of_state | is_secretariat
)
# Notifications (laws, languages, extradition, reservations) come from the focal point.
rules.add_perm("authorities.propose_notification", is_focal_point_of_state | is_secretariat)
# Pending proposals: the State's officials and the secretariat.
rules.add_perm("authorities.view_pending", is_official_of_state | is_secretariat)
rules.add_perm("authorities.view_proposal", is_official_of_proposing_state | is_secretariat)
rules.add_perm("authorities.decide", is_secretariat)
