"""Who may see and do what in a country review, answered from the database with the plain rules of
visibility.py (RULES 4.9). Every view and API endpoint of the reviews app asks here.

The circle of a review: the secretariat; the State under review's focal point and governmental experts;
the governmental experts of its reviewing States who are assigned to this review (an expert of a
reviewing State not assigned to it, and every expert of another review, stays outside).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from cosp.core.enums import OrganisationKind, Role
from cosp.core.rules import is_secretariat

from . import visibility
from .conf import visibility_settings
from .models import Checklist, CountryReview
from .timeline import Owner, Step, owner
from .visibility import Decision, Item, Publication, ReviewParties, Viewer


def parties(review: CountryReview) -> ReviewParties:
    return ReviewParties(
        review.state.iso3, frozenset(reviewer.state.iso3 for reviewer in review.reviewers.all())
    )


def _roles_by_state(user) -> dict[int, set[str]]:
    roles: dict[int, set[str]] = {}
    if user.is_authenticated:
        for kind, state_id, role in user.role_pairs:
            if kind == OrganisationKind.STATE and state_id is not None:
                roles.setdefault(state_id, set()).add(role)
    return roles


def is_assigned_expert(user, review: CountryReview) -> bool:
    return (
        user.is_authenticated and review.assignments.filter(expert__user=user, expert__active=True).exists()
    )


def viewer(user, review: CountryReview) -> Viewer:
    """The user as visibility.py sees them for this review: the State of theirs that takes part in
    it (the State under review first), with their roles there. An expert of a reviewing State counts
    as one only when assigned to this review."""
    if is_secretariat(user):
        return Viewer(is_secretariat=True)
    roles = _roles_by_state(user)
    if review.state_id in roles:
        own = set(roles[review.state_id])
        if review.focal_point_id == getattr(user, "pk", None):
            own.add(Role.FOCAL_POINT)
        return Viewer(state=review.state.iso3, roles=frozenset(own))
    for reviewer in review.reviewers.all():
        if reviewer.state_id in roles:
            own = set(roles[reviewer.state_id]) - {Role.GOVERNMENTAL_EXPERT}
            if is_assigned_expert(user, review):
                own.add(Role.GOVERNMENTAL_EXPERT)
            return Viewer(state=reviewer.state.iso3, roles=frozenset(own))
    return visibility.ANONYMOUS


def publication(review: CountryReview, item: Item | str) -> Publication:
    """Whether an item of this review has been made public."""
    item = Item(item)
    if item is Item.SELF_ASSESSMENT:
        try:
            published = review.checklist.published_at is not None
        except Checklist.DoesNotExist:
            published = False
    elif item is Item.FULL_REPORT:
        published = review.report_published_on is not None
    elif item is Item.EXECUTIVE_SUMMARY:
        published = review.summary_issued_on is not None
    else:
        published = item is Item.EXPERT_LIST
    return Publication.PUBLISHED if published else Publication.UNPUBLISHED


def can_see(user, review: CountryReview, item: Item | str) -> Decision:
    return visibility.can_see(
        viewer(user, review), parties(review), item, publication(review, item), visibility_settings()
    )


def in_circle(user, review: CountryReview) -> bool:
    """The user sees the review's confidential material (drafts and dialogue included)."""
    decision = visibility.circle_reason(viewer(user, review), parties(review), visibility_settings())
    return decision is not None and decision.allowed


def may_publish(user, review: CountryReview, item: Item | str) -> Decision:
    agreed = item == Item.FULL_REPORT and review.report_publication_agreed_on is not None
    return visibility.may_publish(viewer(user, review), parties(review), item, state_agreed=agreed)


def is_focal_point_of(user, review: CountryReview) -> bool:
    """The focal point of the State under review (named on the review, or holding the role)."""
    if not user.is_authenticated:
        return False
    return (
        review.focal_point_id == user.pk
        or (
            OrganisationKind.STATE,
            review.state_id,
            Role.FOCAL_POINT,
        )
        in user.role_pairs
    )


def is_of_state_under_review(user, review: CountryReview) -> bool:
    """The focal point or a governmental expert of the State under review: they answer the checklist."""
    return is_focal_point_of(user, review) or (
        user.is_authenticated
        and (OrganisationKind.STATE, review.state_id, Role.GOVERNMENTAL_EXPERT) in user.role_pairs
    )


def may_record_step(user, review: CountryReview, step: Step | str) -> bool:
    """Who marks a step done: its owner (timeline.owner), and the secretariat for every step since it
    keeps the record of each review (RULES 4.5)."""
    if is_secretariat(user):
        return True
    step_owner = owner(step)
    if step_owner is Owner.STATE_UNDER_REVIEW:
        return is_focal_point_of(user, review)
    if step_owner is Owner.REVIEWING_EXPERTS:
        return is_assigned_expert(user, review)
    if step_owner is Owner.ALL:
        return is_focal_point_of(user, review) or is_assigned_expert(user, review)
    return False


def reviews_in_circle(user, reviews: QuerySet[CountryReview] | None = None) -> QuerySet[CountryReview]:
    """The reviews whose confidential material the user sees (for "my reviews" lists and the API)."""
    reviews = CountryReview.objects.all() if reviews is None else reviews
    if is_secretariat(user):
        return reviews
    if not user.is_authenticated:
        return reviews.none()
    roles = _roles_by_state(user)
    settings = visibility_settings()
    own_states = [state for state, held in roles.items() if held & settings.state_under_review_roles]
    condition = Q(state_id__in=own_states) | Q(focal_point=user)
    if Role.GOVERNMENTAL_EXPERT in settings.reviewing_state_roles:
        condition |= Q(
            assignments__expert__user=user,
            assignments__expert__active=True,
            reviewers__state_id__in=list(roles),
        )
    return reviews.filter(condition).distinct()
