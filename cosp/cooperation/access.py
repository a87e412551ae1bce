"""Who may see a request: the one access check of the cooperation app. Every view, API endpoint,
export, notification and reminder asks here.

The officials of the two authorities are the users holding the central-authority role in the
delegation of the requesting or of the requested State. Nobody else, whatever their other roles: not
the secretariat, not a superuser, not the focal point, delegates or experts of those States, not a
third State's central authority. A draft is the requesting authority's alone until it is sent, and
stays so if it is withdrawn unsent.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from cosp.core.enums import OrganisationKind, Role
from cosp.core.models import User

from .enums import Status
from .models import Request
from .workflow import Side


def authority_states(user) -> set[int]:
    """The ids of the States whose central authority the user works for."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return {
        state
        for kind, state, role in user.role_pairs
        if kind == OrganisationKind.STATE and role == Role.CENTRAL_AUTHORITY and state is not None
    }


def is_central_authority(user) -> bool:
    return bool(authority_states(user))


# A request that was sent: not a draft, nor a draft withdrawn before it was sent (which stays the
# requesting authority's alone).
WAS_SENT = ~Q(status=Status.DRAFT) & ~Q(status=Status.WITHDRAWN, sent_on=None)


def was_sent(request: Request) -> bool:
    """Whether the request ever reached the requested State (the same test as WAS_SENT)."""
    if request.status == Status.DRAFT:
        return False
    return not (request.status == Status.WITHDRAWN and request.sent_on is None)


def visible_requests(user) -> QuerySet[Request]:
    """The requests the user may see: their authority's outgoing ones, and incoming ones once sent."""
    states = authority_states(user)
    if not states:
        return Request.objects.none()
    return Request.objects.filter(Q(requesting_state__in=states) | (Q(requested_state__in=states) & WAS_SENT))


def side_of(user, request: Request) -> Side | None:
    """The side the user acts for on this request, or None when they may not see it."""
    states = authority_states(user)
    if request.requesting_state_id in states:
        return Side.REQUESTING
    if request.requested_state_id in states and was_sent(request):
        return Side.REQUESTED
    return None


def can_see(user, request: Request | None) -> bool:
    return request is not None and side_of(user, request) is not None


def officials(state_id: int) -> QuerySet[User]:
    """The active central-authority officials of a State (whom notifications and reminders reach)."""
    return User.objects.filter(
        is_active=True,
        memberships__role=Role.CENTRAL_AUTHORITY,
        memberships__organisation__kind=OrganisationKind.STATE,
        memberships__organisation__state_id=state_id,
    ).distinct()


def officials_of_side(request: Request, side: Side) -> QuerySet[User]:
    return officials(request.requesting_state_id if side is Side.REQUESTING else request.requested_state_id)
