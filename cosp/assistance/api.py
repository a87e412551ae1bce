"""Technical assistance in the API: needs and offers under the same rules as the pages (a need from
review material not yet public only to the review's circle; an offer's contact only to signed-in
officials of States and the secretariat)."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from cosp.core.api import check_perm

from . import queries
from .models import Need, Offer

router = Router(tags=["assistance"])


class NeedOut(Schema):
    id: int
    state: str
    regional_group: str | None
    article: int
    assistance_type: str
    priority: str
    status: str
    source: str
    review: str | None  # "2-AUT" for a need from a country review
    texts: dict[str, str]
    published: bool
    status_changed_at: dt.datetime | None
    offers_working_on_it: list[int]


class NeedFilterIn(Schema):
    state: str = ""
    region: str = ""
    article: int | None = None
    assistance_type: str = ""
    status: str = ""
    source: str = ""


class ContactOut(Schema):
    name: str
    email: str
    phone: str


class OfferOut(Schema):
    id: int
    provider: str
    provider_state: str | None
    title: str
    description: str
    language: str
    articles: list[int]
    assistance_types: list[str]
    regional_groups: list[str]
    states: list[str]
    starts_on: dt.date | None
    ends_on: dt.date | None
    active: bool
    contact: ContactOut | None  # signed-in officials of States and the secretariat only


def _need(need: Need) -> dict:
    group = need.state.regional_group
    return {
        "id": need.pk,
        "state": need.state.iso3,
        "regional_group": group.code if group else None,
        "article": need.article.number,
        "assistance_type": need.assistance_type,
        "priority": need.priority,
        "status": need.status,
        "source": need.source,
        "review": need.review.slug if need.review else None,
        "texts": queries.need_texts(need),
        "published": need.published,
        "status_changed_at": need.status_changed_at,
        "offers_working_on_it": [engagement.offer_id for engagement in need.engagements.all()],
    }


@router.get("/assistance/needs", response=list[NeedOut])
def list_assistance_needs(request, filters: Query[NeedFilterIn]):
    """The needs the caller may see, filtered like the list page."""
    check_perm(request, "assistance.view_public")
    found = queries.needs_for(request.user, queries.NeedFilters(**filters.dict()))
    return [_need(need) for need in found.prefetch_related("engagements")]


@router.get("/assistance/needs/{need_id}", response=NeedOut)
def get_assistance_need(request, need_id: int):
    found = get_object_or_404(queries.visible_needs(request.user, Need.objects.all()), pk=need_id)
    check_perm(request, "assistance.view_need", found)
    return _need(found)


def _offer(offer: Offer, contact: bool) -> dict:
    return {
        "id": offer.pk,
        "provider": str(offer.provider),
        "provider_state": offer.provider.state.iso3 if offer.provider.state else None,
        "title": offer.title,
        "description": offer.description,
        "language": offer.language,
        "articles": [article.number for article in offer.articles.all()],
        "assistance_types": list(offer.assistance_types),
        "regional_groups": [group.code for group in offer.regional_groups.all()],
        "states": [state.iso3 for state in offer.states.all()],
        "starts_on": offer.starts_on,
        "ends_on": offer.ends_on,
        "active": offer.active,
        "contact": (
            {"name": offer.contact_name, "email": offer.contact_email, "phone": offer.contact_phone}
            if contact
            else None
        ),
    }


@router.get("/assistance/offers", response=list[OfferOut])
def list_assistance_offers(request, closed: bool = False):
    """Open offers (closed ones too with ?closed=true)."""
    check_perm(request, "assistance.view_public")
    contact = request.user.has_perm("assistance.view_contact")
    return [_offer(offer, contact) for offer in queries.offers(include_closed=closed)]


@router.get("/assistance/offers/{offer_id}", response=OfferOut)
def get_assistance_offer(request, offer_id: int):
    check_perm(request, "assistance.view_public")
    found = get_object_or_404(queries.offers(), pk=offer_id)
    return _offer(found, request.user.has_perm("assistance.view_contact"))
