"""Governmental experts (RULES 4.5): each State keeps its list, of at most `conf.experts_per_state()`
active experts (15 by default); the reviewing States assign experts of theirs to a review.

Every change is one transaction; what the rules refuse raises ReviewRuleError and saves nothing.
An `actor` of None is the platform itself (demo data, commands); a person is checked against the
same permissions the pages ask (reviews.manage_experts on the State, reviews.assign_experts on the
review) and, for assignments, against the narrower rule that a reviewing State's focal point assigns
its own experts only.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from cosp.core.enums import OrganisationKind, Role
from cosp.core.rules import states_of
from cosp.states.models import State

from .. import access, notifications
from ..conf import experts_per_state
from ..models import CountryReview, ExpertAssignment, GovernmentalExpert
from .base import record, refuse

# The fields of a listing a State may set (the account and `active` have their own rules).
LISTING_FIELDS = ("name", "email", "position", "expertise", "languages")


def _check_manager(state: State, actor) -> None:
    if actor is not None and not actor.has_perm("reviews.manage_experts", state):
        raise refuse(
            _("Only the focal point of %(state)s or the secretariat keeps its list of experts."),
            code="not_allowed",
            state=state.short_name,
        )


def _locked_state(state: State) -> State:
    # One change to a State's list at a time, so two additions cannot both pass the cap.
    return State.objects.select_for_update().get(pk=state.pk)


def _check_room(state: State, *, leaving_out: GovernmentalExpert | None = None) -> None:
    active = GovernmentalExpert.objects.filter(state=state, active=True)
    if leaving_out is not None:
        active = active.exclude(pk=leaving_out.pk)
    cap = experts_per_state()
    if active.count() >= cap:
        raise refuse(
            _(
                "%(state)s already has %(cap)s governmental experts on its list, the most a State may "
                "have (RULES 4.5). Take one off the list first."
            ),
            code="list_full",
            state=state.short_name,
            cap=cap,
        )


def _check_account(state: State, user, *, listing: GovernmentalExpert | None = None) -> None:
    if user is None:
        return
    if state.pk not in states_of(user):
        raise refuse(
            _("The account must be that of an official of %(state)s."),
            code="not_an_official",
            field="user",
            state=state.short_name,
        )
    others = GovernmentalExpert.objects.filter(state=state, user=user, active=True)
    if listing is not None:
        others = others.exclude(pk=listing.pk)
    if others.exists():
        raise refuse(
            _("This account is already on the list of %(state)s."),
            code="already_listed",
            field="user",
            state=state.short_name,
        )


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise refuse(_("Give the expert's name."), code="no_name", field="name")
    return name


@transaction.atomic
def add_expert(
    state: State,
    *,
    name: str,
    email: str = "",
    position: str = "",
    expertise: str = "",
    languages: str = "",
    user=None,
    actor,
) -> GovernmentalExpert:
    """Put an expert on the State's list. Refused: an actor who does not keep the list, a full list,
    an account that is not an official of the State or is already listed, an empty name."""
    _check_manager(state, actor)
    state = _locked_state(state)
    name = _check_name(name)
    _check_room(state)
    _check_account(state, user)
    expert = GovernmentalExpert(
        state=state,
        user=user,
        name=name,
        email=email.strip(),
        position=position.strip(),
        expertise=expertise.strip(),
        languages=languages.strip(),
    )
    record(expert, actor=actor, reason="reviews.expert.added")
    return expert


@transaction.atomic
def update_expert(
    expert: GovernmentalExpert, *, actor, active: bool | None = None, **changes
) -> GovernmentalExpert:
    """Change a listing (name, e-mail, position, expertise, languages, account) or put it back on
    the list (`active=True`, counted against the cap) or take it off (`active=False`). Refused as
    add_expert; an unknown field is a programming error (TypeError)."""
    unknown = set(changes) - {*LISTING_FIELDS, "user"}
    if unknown:
        raise TypeError(f"update_expert() got unexpected fields {sorted(unknown)}")
    _check_manager(expert.state, actor)
    _locked_state(expert.state)
    expert = GovernmentalExpert.objects.select_for_update().select_related("state").get(pk=expert.pk)
    if "name" in changes:
        changes["name"] = _check_name(changes["name"])
    if active and not expert.active:
        _check_room(expert.state, leaving_out=expert)
    user = changes.get("user", expert.user)
    if "user" in changes or (active and not expert.active):
        _check_account(expert.state, user, listing=expert)
    for field, value in changes.items():
        setattr(expert, field, value.strip() if isinstance(value, str) else value)
    if active is not None:
        expert.active = active
    reason = "reviews.expert.updated"
    if active is False:
        reason = "reviews.expert.deactivated"
    record(expert, actor=actor, reason=reason)
    return expert


def deactivate_expert(expert: GovernmentalExpert, *, actor) -> GovernmentalExpert:
    """Take the expert off the list. Past and current assignments stay on record; an expert off the
    list no longer counts as one of the review's experts (access.is_assigned_expert)."""
    return update_expert(expert, actor=actor, active=False)


def assignable_states(review: CountryReview, actor) -> set[int]:
    """The ids of the States whose experts `actor` may assign to the review: the secretariat (or the
    platform, None) those of the reviewing States and of the State under review; a reviewing State's
    focal point its own State's only."""
    reviewing = {reviewer.state_id for reviewer in review.reviewers.all()}
    if actor is None or access.is_secretariat(actor):
        return reviewing | {review.state_id}
    if not actor.is_authenticated:
        return set()
    own = {
        state
        for kind, state, role in actor.role_pairs
        if kind == OrganisationKind.STATE and role == Role.FOCAL_POINT
    }
    return own & reviewing


def _check_assigner(review: CountryReview, expert: GovernmentalExpert, actor) -> None:
    if actor is None:
        return
    if not actor.has_perm("reviews.assign_experts", review) or expert.state_id not in assignable_states(
        review, actor
    ):
        raise refuse(
            _(
                "A reviewing State's focal point assigns its own experts only; "
                "%(name)s is an expert of %(state)s."
            ),
            code="not_allowed",
            field="expert",
            name=expert.name,
            state=expert.state.short_name,
        )


@transaction.atomic
def assign_expert(review: CountryReview, expert: GovernmentalExpert, *, actor) -> ExpertAssignment:
    """Assign an expert to the review and tell them (a Notice and an e-mail once committed).

    Refused: an expert off the list; an expert of a State that neither reviews nor is under review;
    an actor who may not assign this State's experts; an expert already assigned."""
    review = CountryReview.objects.select_for_update(of=("self",)).with_parties().get(pk=review.pk)
    expert = GovernmentalExpert.objects.select_related("state", "user").get(pk=expert.pk)
    if not expert.active:
        raise refuse(
            _("%(name)s is no longer on the list of %(state)s."),
            code="not_listed",
            field="expert",
            name=expert.name,
            state=expert.state.short_name,
        )
    parties = {reviewer.state_id for reviewer in review.reviewers.all()} | {review.state_id}
    if expert.state_id not in parties:
        raise refuse(
            _("%(name)s is an expert of %(state)s, which neither reviews %(reviewed)s nor is under review."),
            code="not_a_party",
            field="expert",
            name=expert.name,
            state=expert.state.short_name,
            reviewed=review.state.short_name,
        )
    _check_assigner(review, expert, actor)
    if ExpertAssignment.objects.filter(review=review, expert=expert).exists():
        raise refuse(
            _("%(name)s is already assigned to this review."),
            code="already_assigned",
            field="expert",
            name=expert.name,
        )
    assignment = ExpertAssignment(review=review, expert=expert)
    record(assignment, actor=actor, reason="reviews.expert.assigned")
    email = expert.email or (expert.user.email if expert.user is not None else "")
    if email:
        person = notifications.Addressee(email, expert.user, expert.name)
        notifications.send(review, [person], template="expert_assigned", context={"expert": expert})
    return assignment


@transaction.atomic
def unassign_expert(review: CountryReview, expert: GovernmentalExpert, *, actor) -> None:
    """End an expert's assignment to the review (the history keeps that it existed). Refused: an
    expert not assigned, an actor who may not assign this State's experts."""
    review = CountryReview.objects.select_for_update(of=("self",)).with_parties().get(pk=review.pk)
    expert = GovernmentalExpert.objects.select_related("state").get(pk=expert.pk)
    _check_assigner(review, expert, actor)
    assignment = ExpertAssignment.objects.filter(review=review, expert=expert).first()
    if assignment is None:
        raise refuse(
            _("%(name)s is not assigned to this review."),
            code="not_assigned",
            field="expert",
            name=expert.name,
        )
    assignment._history_user = actor
    assignment._change_reason = "reviews.expert.unassigned"
    assignment.delete()
