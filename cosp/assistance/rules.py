"""Who may do what with technical assistance. Object permissions take a Need, an Offer or (for
adding a need) nothing; the answers come from queries.py, which asks the reviews app about needs
from its reviews."""

import rules

from cosp.core.rules import is_focal_point, is_secretariat

from . import queries
from .enums import NeedSource, NeedStatus


@rules.predicate
def sees_need(user, need) -> bool:
    return need is not None and queries.can_see_need(user, need)


@rules.predicate
def manages_needs_of_state(user, need) -> bool:
    return need is not None and queries.may_manage_needs_of(user, need.state)


@rules.predicate
def is_own_entry(user, need) -> bool:
    return need is not None and need.source == NeedSource.STATE


@rules.predicate
def need_open(user, need) -> bool:
    return need is not None and need.status != NeedStatus.MET


@rules.predicate
def acts_for_an_offer(user) -> bool:
    return user.is_authenticated and queries.offers_managed_by(user).exists()


@rules.predicate
def represents_a_provider_organisation(user) -> bool:
    return queries.represents_provider_organisation(user)


@rules.predicate
def manages_offer(user, offer) -> bool:
    return offer is not None and queries.manages_provider(user, offer.provider)


# Lists of needs and offers, the matching page and the exports: public, each showing only what the
# reader may see (queries.visible_needs).
rules.add_perm("assistance.view_public", rules.always_allow)
# One need: as public as the review material or the State's entry it comes from.
rules.add_perm("assistance.view_need", sees_need)
# A State's focal point enters its State's needs; the secretariat may on its behalf.
rules.add_perm("assistance.add_need", is_focal_point | is_secretariat)
# Only the State's own entries are edited here: a need from a review follows its finding or answer.
rules.add_perm("assistance.edit_need", sees_need & manages_needs_of_state & is_own_entry)
# The State (its focal point) or the secretariat says whether a need is met.
rules.add_perm("assistance.change_need_status", sees_need & manages_needs_of_state)
# A provider with an open offer says it works on a need it can see and that is not met yet.
rules.add_perm("assistance.engage_need", sees_need & need_open & acts_for_an_offer)
# Offers: a State (focal point), an intergovernmental or UN organisation, the secretariat for UNODC.
rules.add_perm("assistance.add_offer", is_focal_point | represents_a_provider_organisation | is_secretariat)
rules.add_perm("assistance.edit_offer", manages_offer)
# An offer's contact person, e-mail and telephone: signed-in officials of States and the secretariat.
rules.add_perm("assistance.view_contact", rules.predicate(queries.may_see_contact))
