"""Every write of the assistance app: one transaction each, refusing with AssistanceError (a
ValidationError naming what is wrong and where) and saving nothing then. The actor is recorded in
the history (the audit trail) of every change.

Needs from country reviews are mirrored by sync_finding / sync_answer (called when a finding or a
checklist answer is saved, see receivers.py) and sync_review_needs (for data written in bulk): the
mirror keeps the link, the State, the article and the type; the text stays in the review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cosp.core.languages import clean_language
from cosp.core.models import Organisation
from cosp.reviews.enums import AssistanceType, FindingType, Priority
from cosp.reviews.models import ChecklistAnswer, CountryReview, Finding
from cosp.states.models import Article, RegionalGroup, State

from . import queries
from .enums import NeedSource, NeedStatus
from .models import Engagement, Need, Offer


class AssistanceError(ValidationError):
    """A change the rules refuse; bound to a form field when one is at fault."""


def refuse(message: str, *, code: str, field: str | None = None, **params) -> AssistanceError:
    error = AssistanceError(message, code=code, params=params or None)
    return AssistanceError({field: error}) if field else error


def _record(instance, *, actor, reason: str) -> None:
    """Save with who did it and why in the history row."""
    instance._history_user = actor if getattr(actor, "is_authenticated", False) else None
    instance._change_reason = reason
    instance.save()


# --- Checks shared by the forms' services -----------------------------------------------------------------


def _clean_type(value: str, *, field: str = "assistance_type") -> str:
    if value and value not in AssistanceType.values:
        raise refuse(_("“%(value)s” is not a type of assistance."), code="type", field=field, value=value)
    return value


def _clean_priority(value: str) -> str:
    if value and value not in Priority.values:
        raise refuse(_("“%(value)s” is not a priority."), code="priority", field="priority", value=value)
    return value


def _clean_language(value: str) -> str:
    """The UN code of a language given in any spelling ("zh-hans", "Chinese", "zh" → "zh")."""
    language = clean_language(value)
    if language is None:
        raise refuse(
            _("“%(value)s” is not one of the six UN languages."),
            code="language",
            field="language",
            value=value,
        )
    return language


def _clean_article(value: Article | int | str) -> Article:
    if isinstance(value, Article):
        return value
    try:
        return Article.objects.get(number=int(value))
    except (Article.DoesNotExist, TypeError, ValueError):
        raise refuse(
            _("The Convention has no article %(value)s."), code="article", field="article", value=value
        ) from None


def _clean_status(value: str) -> str:
    if value not in NeedStatus.values:
        raise refuse(_("“%(value)s” is not a status of a need."), code="status", field="status", value=value)
    return value


# --- Needs: a State's own entries ------------------------------------------------------------------------


def _check_state(actor, state: State) -> None:
    if not State.objects.parties().filter(pk=state.pk).exists():
        raise refuse(
            _("%(state)s is not a State party: only States parties enter needs."),
            code="not_party",
            field="state",
            state=state,
        )
    if not queries.may_manage_needs_of(actor, state):
        raise refuse(
            _("Only the focal point of %(state)s or the secretariat enters its needs."),
            code="not_focal_point",
            field="state",
            state=state,
        )


@transaction.atomic
def add_need(
    *,
    actor,
    state: State,
    article: Article | int | str,
    assistance_type: str,
    priority: str = "",
    description: str,
    language: str = "en",
    published: bool = False,
) -> Need:
    """A State's own entry of a need (its focal point, or the secretariat on its behalf)."""
    _check_state(actor, state)
    if not description.strip():
        raise refuse(_("Describe the need."), code="description", field="description")
    need = Need(
        source=NeedSource.STATE,
        state=state,
        article=_clean_article(article),
        assistance_type=_clean_type(assistance_type),
        priority=_clean_priority(priority),
        description=description.strip(),
        language=_clean_language(language),
        published=published,
        created_by=actor if actor and actor.is_authenticated else None,
    )
    _record(need, actor=actor, reason="entered by the State")
    return need


@transaction.atomic
def update_need(
    need: Need,
    *,
    actor,
    article: Article | int | str,
    assistance_type: str,
    priority: str = "",
    description: str,
    language: str = "en",
    published: bool = False,
) -> Need:
    need = Need.objects.select_for_update(of=("self",)).select_related("state").get(pk=need.pk)
    if need.source != NeedSource.STATE:
        raise refuse(
            _("This need comes from a country review: change the finding or the checklist answer instead."),
            code="from_review",
        )
    _check_state(actor, need.state)
    if not description.strip():
        raise refuse(_("Describe the need."), code="description", field="description")
    need.article = _clean_article(article)
    need.assistance_type = _clean_type(assistance_type)
    need.priority = _clean_priority(priority)
    need.description = description.strip()
    need.language = _clean_language(language)
    need.published = published
    _record(need, actor=actor, reason="edited")
    return need


@transaction.atomic
def set_status(need: Need, *, actor, status: str, note: str = "") -> Need:
    """The State (its focal point) or the secretariat says where a need stands."""
    need = Need.objects.select_for_update(of=("self",)).select_related("state").get(pk=need.pk)
    status = _clean_status(status)
    if not queries.may_manage_needs_of(actor, need.state):
        raise refuse(
            _("Only the focal point of %(state)s or the secretariat changes the status of its needs."),
            code="not_focal_point",
            state=need.state,
        )
    if status == need.status:
        raise refuse(
            _("The need is already “%(status)s”."),
            code="unchanged",
            field="status",
            status=NeedStatus(status).label,
        )
    _change_status(need, status, actor=actor, reason=note.strip() or f"status: {status}")
    return need


def _change_status(need: Need, status: str, *, actor, reason: str) -> None:
    need.status = status
    need.status_changed_at = timezone.now()
    need.status_changed_by = actor if actor and actor.is_authenticated else None
    _record(need, actor=actor, reason=reason[:100])


@transaction.atomic
def engage(
    need: Need, *, actor, offer: Offer, note: str = "", started_on: dt.date | None = None
) -> Engagement:
    """A provider says it works on a need through one of its offers: the need is then in progress."""
    need = Need.objects.select_for_update(of=("self",)).select_related("state", "review").get(pk=need.pk)
    if not queries.can_see_need(actor, need):
        raise refuse(_("This need is not open to you."), code="not_visible")
    if not queries.manages_provider(actor, offer.provider):
        raise refuse(
            _("You do not act for %(provider)s."), code="not_provider", field="offer", provider=offer.provider
        )
    if not offer.active:
        raise refuse(_("The offer “%(offer)s” is closed."), code="closed", field="offer", offer=offer)
    if need.status == NeedStatus.MET:
        raise refuse(_("This need has been met already."), code="met")
    if Engagement.objects.filter(need=need, offer=offer).exists():
        raise refuse(
            _("%(provider)s already works on this need with “%(offer)s”."),
            code="duplicate",
            field="offer",
            provider=offer.provider,
            offer=offer,
        )
    engagement = Engagement(
        need=need,
        offer=offer,
        note=note.strip(),
        started_on=started_on or timezone.localdate(),
        created_by=actor if actor.is_authenticated else None,
    )
    _record(engagement, actor=actor, reason="provider works on the need")
    if need.status == NeedStatus.UNMET:
        _change_status(
            need, NeedStatus.IN_PROGRESS, actor=actor, reason=f"{offer.provider} works on it"[:100]
        )
    return engagement


# --- Offers ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferData:
    provider: Organisation
    title: str
    description: str = ""
    language: str = "en"
    articles: Iterable[Article] = ()
    assistance_types: Iterable[str] = ()
    regional_groups: Iterable[RegionalGroup] = ()
    states: Iterable[State] = ()
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    active: bool = True


def _apply_offer(offer: Offer, data: OfferData, *, actor) -> None:
    if not queries.manages_provider(actor, data.provider):
        raise refuse(
            _("You do not act for %(provider)s."),
            code="not_provider",
            field="provider",
            provider=data.provider,
        )
    if not data.title.strip():
        raise refuse(_("Give the offer a title."), code="title", field="title")
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        raise refuse(
            _("The offer ends (%(ends)s) before it starts (%(starts)s)."),
            code="period",
            field="ends_on",
            ends=data.ends_on,
            starts=data.starts_on,
        )
    types = sorted({_clean_type(value, field="assistance_types") for value in data.assistance_types})
    offer.provider = data.provider
    offer.title = data.title.strip()
    offer.description = data.description.strip()
    offer.language = _clean_language(data.language)
    offer.assistance_types = types
    offer.starts_on, offer.ends_on = data.starts_on, data.ends_on
    offer.contact_name = data.contact_name.strip()
    offer.contact_email = data.contact_email.strip()
    offer.contact_phone = data.contact_phone.strip()
    offer.active = data.active
    _record(offer, actor=actor, reason="offer saved")
    offer.articles.set(list(data.articles))
    offer.regional_groups.set(list(data.regional_groups))
    offer.states.set(list(data.states))


@transaction.atomic
def add_offer(*, actor, data: OfferData) -> Offer:
    offer = Offer(created_by=actor if actor.is_authenticated else None)
    _apply_offer(offer, data, actor=actor)
    return offer


@transaction.atomic
def update_offer(offer: Offer, *, actor, data: OfferData) -> Offer:
    offer = Offer.objects.select_for_update(of=("self",)).select_related("provider").get(pk=offer.pk)
    if not queries.manages_provider(actor, offer.provider):
        raise refuse(_("You do not act for %(provider)s."), code="not_provider", provider=offer.provider)
    _apply_offer(offer, data, actor=actor)
    return offer


# --- Needs mirrored from the country reviews -------------------------------------------------------------


def sync_finding(finding: Finding) -> Need | None:
    """Keep the mirror of one finding: a need while it is a technical-assistance need, none otherwise.
    The status and the providers' work are kept when the finding changes."""
    need = Need.objects.filter(finding=finding).first()
    if finding.kind != FindingType.TECHNICAL_ASSISTANCE_NEED:
        if need is not None:
            need.delete()
        return None
    if need is None:
        need = Need(source=NeedSource.FINDING, finding=finding)
    state_id = CountryReview.objects.values_list("state_id", flat=True).get(pk=finding.review_id)
    changed = (need.review_id, need.state_id, need.article_id, need.assistance_type) != (
        finding.review_id,
        state_id,
        finding.article_id,
        finding.assistance_type,
    )
    if changed or need.pk is None:
        need.review_id, need.state_id = finding.review_id, state_id
        need.article_id, need.assistance_type = finding.article_id, finding.assistance_type
        _record(need, actor=None, reason="from the review's finding")
    return need


def sync_answer(answer: ChecklistAnswer) -> Need | None:
    """Keep the mirror of one checklist answer: a need while it names assistance needed."""
    need = Need.objects.filter(checklist_answer=answer).first()
    if not answer.assistance_needed.strip():
        if need is not None:
            need.delete()
        return None
    if need is None:
        need = Need(source=NeedSource.CHECKLIST, checklist_answer=answer)
    review_id, state_id = CountryReview.objects.values_list("pk", "state_id").get(
        checklist__pk=answer.checklist_id
    )
    values = (review_id, state_id, answer.article_id, answer.assistance_type, answer.assistance_priority)
    if (
        need.pk is None
        or (
            need.review_id,
            need.state_id,
            need.article_id,
            need.assistance_type,
            need.priority,
        )
        != values
    ):
        (need.review_id, need.state_id, need.article_id, need.assistance_type, need.priority) = values
        _record(need, actor=None, reason="from the self-assessment checklist")
    return need


@dataclass(frozen=True)
class SyncResult:
    needs: int  # mirrored needs after the sync
    removed: int


@transaction.atomic
def sync_review_needs(reviews: Iterable[CountryReview] | None = None) -> SyncResult:
    """Mirror every technical-assistance need of the reviews' findings and checklist answers (all
    reviews by default), and drop mirrors whose source no longer is one. Safe to run again."""
    findings = Finding.objects.filter(kind=FindingType.TECHNICAL_ASSISTANCE_NEED)
    answers = ChecklistAnswer.objects.exclude(assistance_needed="")
    mirrored = Need.objects.filter(source__in=[NeedSource.FINDING, NeedSource.CHECKLIST])
    if reviews is not None:
        ids = [review.pk for review in reviews]
        findings = findings.filter(review_id__in=ids)
        answers = answers.filter(checklist__review_id__in=ids)
        mirrored = mirrored.filter(review_id__in=ids)
    kept = {"finding": set(), "checklist": set()}
    for finding in findings.iterator():
        kept["finding"].add(sync_finding(finding).pk)
    for answer in answers.iterator():
        if answer.assistance_needed.strip():
            kept["checklist"].add(sync_answer(answer).pk)
    stale = mirrored.exclude(pk__in=kept["finding"] | kept["checklist"])
    removed = 0
    for need in stale:
        need.delete()
        removed += 1
    return SyncResult(len(kept["finding"]) + len(kept["checklist"]), removed)
