"""E-mails about a country review: who is told (timeline.Recipient roles resolved to people) and the
Notice kept for each message.

A role becomes people as follows:
- SECRETARIAT: every active secretariat officer;
- FOCAL_POINT: the review's focal point, or before one is named the State's focal points;
- STATE_UNDER_REVIEW: the State itself, through its focal points (and the review's focal point);
- REVIEWING_EXPERTS: the experts assigned to the review and still on their State's list.

Only people in the review's circle are written to (access.in_circle), and messages name the review
and the step, never confidential material, so a forwarded e-mail discloses nothing the public page
does not show. Notices are saved in the caller's transaction; the e-mails leave once it commits, so
a refused or rolled-back change sends nothing. Messages are written in the site's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cosp.core.enums import OrganisationKind, Role
from cosp.core.models import User

from . import access
from .enums import Step as StepChoice
from .models import CountryReview, ExpertAssignment, Notice
from .timeline import Owner, Recipient, StepState

# Who acts for a step, as the pages and e-mails name them.
OWNER_LABELS = {
    Owner.SECRETARIAT: _("The secretariat"),
    Owner.STATE_UNDER_REVIEW: _("The State under review"),
    Owner.REVIEWING_EXPERTS: _("The reviewing experts"),
    Owner.ALL: _("Everyone in the review"),
}


@dataclass(frozen=True)
class Addressee:
    email: str
    user: User | None  # None: an expert on a list without an account on the platform
    name: str


def _users(users: Iterable[User]) -> list[Addressee]:
    return [Addressee(user.email, user, user.display_name) for user in users]


def _active_with_email():
    return User.objects.filter(is_active=True).exclude(email="")


def _secretariat() -> list[Addressee]:
    return _users(
        _active_with_email()
        .filter(
            memberships__organisation__kind=OrganisationKind.SECRETARIAT,
            memberships__role=Role.SECRETARIAT_OFFICER,
        )
        .distinct()
        .order_by("pk")
    )


def _state_focal_points(review: CountryReview) -> list[Addressee]:
    return _users(
        _active_with_email()
        .filter(
            memberships__organisation__kind=OrganisationKind.STATE,
            memberships__organisation__state_id=review.state_id,
            memberships__role=Role.FOCAL_POINT,
        )
        .distinct()
        .order_by("pk")
    )


def _named_focal_point(review: CountryReview) -> list[Addressee]:
    person = review.focal_point
    if person is None or not person.is_active or not person.email:
        return []
    return _users([person])


def _assigned_experts(review: CountryReview) -> list[Addressee]:
    found = []
    for assignment in ExpertAssignment.objects.filter(review=review, expert__active=True).select_related(
        "expert__user"
    ):
        expert = assignment.expert
        account = expert.user if expert.user is not None and expert.user.is_active else None
        email = expert.email or (account.email if account is not None else "")
        if email:
            found.append(Addressee(email, account, expert.name))
    return found


def addressees(review: CountryReview, roles: Iterable[Recipient | str]) -> list[Addressee]:
    """The people to write to for `roles`, once each (by e-mail address), all in the review's circle."""
    found: list[Addressee] = []
    for role in sorted({Recipient(role) for role in roles}):
        if role is Recipient.SECRETARIAT:
            found += _secretariat()
        elif role is Recipient.FOCAL_POINT:
            found += _named_focal_point(review) or _state_focal_points(review)
        elif role is Recipient.STATE_UNDER_REVIEW:
            found += _named_focal_point(review) + _state_focal_points(review)
        elif role is Recipient.REVIEWING_EXPERTS:
            found += _assigned_experts(review)
    unique: dict[str, Addressee] = {}
    for person in found:
        key = person.email.strip().lower()
        if key in unique:
            continue
        # A guard, not the rule: whoever the roles name must be in the circle to hear about a review.
        if person.user is not None and not access.in_circle(person.user, review):
            continue
        unique[key] = person
    return list(unique.values())


def site_address(path: str) -> str:
    """An address to put in an e-mail: the path under COSP_SITE_URL when set."""
    return getattr(settings, "COSP_SITE_URL", "").rstrip("/") + path


def send(
    review: CountryReview,
    people: Iterable[Addressee],
    *,
    template: str,
    context: dict | None = None,
    step: str = "",
) -> list[Notice]:
    """Write to each person from `reviews/email/<template>_subject.txt` and `<template>.txt`
    (context: review, person, address of the review's page, and `context`), keep a Notice for each
    message, and send them once the current transaction commits."""
    notices: list[Notice] = []
    messages: list[EmailMessage] = []
    with translation.override(settings.LANGUAGE_CODE):
        for person in people:
            values = {
                "review": review,
                "person": person,
                "address": site_address(reverse("reviews:review", args=[review.cycle, review.state.iso3])),
                **(context or {}),
            }
            subject = " ".join(render_to_string(f"reviews/email/{template}_subject.txt", values).split())
            body = render_to_string(f"reviews/email/{template}.txt", values)
            subject = subject[: Notice._meta.get_field("subject").max_length]
            messages.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email]))
            notices.append(
                Notice(review=review, step=step, recipient=person.user, email=person.email, subject=subject)
            )
    if notices:
        Notice.objects.bulk_create(notices)
        transaction.on_commit(partial(_deliver, messages))
    return notices


def _deliver(messages: list[EmailMessage]) -> None:
    get_connection().send_messages(messages)


def step_opened(review: CountryReview, steps: Iterable[StepState]) -> list[Notice]:
    """Tell the people each step names (timeline.recipients) that it is now open, when it is due and
    who must act."""
    notices: list[Notice] = []
    for state in steps:
        people = addressees(review, state.notify)
        context = {
            "step": state,
            "step_label": StepChoice(state.step.value).label,
            "owner": OWNER_LABELS[state.owner],
        }
        notices += send(review, people, template="step_opened", context=context, step=state.step.value)
    return notices
