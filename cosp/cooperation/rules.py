"""Who may do what with requests between central authorities. The answers come from access.py."""

import rules

from cosp.core.rules import is_secretariat

from . import access


@rules.predicate
def is_central_authority(user) -> bool:
    return access.is_central_authority(user)


@rules.predicate
def may_see_request(user, request) -> bool:
    return access.can_see(user, request)


# "My requests", a new request and the CSV export of one's own requests.
rules.add_perm("cooperation.use_requests", is_central_authority)
# One request's page, its files and every move on it (the service checks which side may move).
rules.add_perm("cooperation.view_request", may_see_request)
# Anonymous statistics: the secretariat, and the central authorities who feed them.
rules.add_perm("cooperation.view_statistics", is_secretariat | is_central_authority)
