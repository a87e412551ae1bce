"""Who may do what in the repository of contributions; the answers come from access.py."""

import rules

from cosp.core.rules import is_secretariat

from . import access
from .enums import EDITABLE, ContributionStatus


@rules.predicate
def can_see_contribution(user, contribution) -> bool:
    return contribution is not None and access.can_see(user, contribution)


@rules.predicate
def may_submit(user) -> bool:
    return access.may_submit(user)


@rules.predicate
def may_edit(user, contribution) -> bool:
    return (
        contribution is not None and contribution.status in EDITABLE and access.may_manage(user, contribution)
    )


@rules.predicate
def may_withdraw(user, contribution) -> bool:
    return (
        contribution is not None
        and contribution.status != ContributionStatus.WITHDRAWN
        and access.may_manage(user, contribution)
    )


@rules.predicate
def is_submitted(user, contribution) -> bool:
    return contribution is not None and contribution.status == ContributionStatus.SUBMITTED


# Published contributions, their counts and exports: everyone.
rules.add_perm("knowledge.view_public", rules.always_allow)
# One contribution (and its files): everyone once published; before, its organisation and the secretariat.
rules.add_perm("knowledge.view_contribution", can_see_contribution)
# A State's focal point, an observer organisation's representative, the secretariat for a State.
rules.add_perm("knowledge.submit", may_submit)
rules.add_perm("knowledge.edit_contribution", may_edit)
rules.add_perm("knowledge.withdraw_contribution", may_withdraw)
# The moderation queue and decisions: the secretariat.
rules.add_perm("knowledge.moderate", is_secretariat)
rules.add_perm("knowledge.moderate_contribution", is_secretariat & is_submitted)
