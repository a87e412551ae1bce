"""Reads that encode the assistance app's rules: which needs a person sees, filters and counts, the
offers' contacts, who may act for which provider, and the matching of needs and offers.

Needs from a country review are exactly as visible as the review material holding them: the
reviews app decides (reviews.access and its permissions `reviews.view_findings` and
`reviews.view_checklist`): public once published, the review's circle before. A State's own entry is
public once published, its State's officials and the secretariat see it before."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from cosp.core.enums import ObserverCategory, OrganisationKind, Role
from cosp.core.languages import clean_language, interface_language, translations
from cosp.core.models import Membership, Organisation
from cosp.core.rules import is_focal_point_of_state, is_secretariat, is_state_official, states_of
from cosp.reviews import access
from cosp.states.models import State

from . import matching
from .enums import NeedSource, NeedStatus
from .models import Engagement, Need, Offer

# Observer organisations that provide assistance (the secretariat is UNODC's own provider).
PROVIDER_CATEGORIES = (ObserverCategory.IGO, ObserverCategory.UN_BODY)

# --- Needs: who sees which ------------------------------------------------------------------------------

# The review material is public once the reviews app publishes it: the executive summary issued
# (findings, as in reviews.rules "reviews.view_findings" and its public list of recommendations)
# or the checklist published by the State (reviews.access.publication). Written as conditions on
# the review so that lists can filter in the database; tests check them against the reviews' rules.
_PUBLISHED_REVIEW_MATERIAL = Q(source=NeedSource.FINDING, review__summary_issued_on__isnull=False) | Q(
    source=NeedSource.CHECKLIST, review__checklist__published_at__isnull=False
)


def visible_needs(user, needs: QuerySet[Need] | None = None) -> QuerySet[Need]:
    """The needs `user` may see, with what their pages show selected."""
    needs = Need.objects.all() if needs is None else needs
    needs = needs.select_related(
        "state__regional_group", "article", "review__state", "finding", "checklist_answer"
    )
    if is_secretariat(user):
        return needs
    seen = Q(source=NeedSource.STATE, published=True) | _PUBLISHED_REVIEW_MATERIAL
    if user.is_authenticated:
        seen |= Q(source=NeedSource.STATE, state_id__in=states_of(user))
        seen |= Q(review__in=access.reviews_in_circle(user).values("pk"))
    return needs.filter(seen)


def can_see_need(user, need: Need) -> bool:
    if need.source == NeedSource.FINDING:
        return user.has_perm("reviews.view_findings", need.review)
    if need.source == NeedSource.CHECKLIST:
        return user.has_perm("reviews.view_checklist", need.review)
    return need.published or is_secretariat(user) or need.state_id in states_of(user)


def may_manage_needs_of(user, state: State | None) -> bool:
    """The State's focal point, or the secretariat on its behalf."""
    return is_secretariat(user) or (state is not None and is_focal_point_of_state(user, state))


def _focal_point_states(user) -> set[int]:
    """The ids of the States whose focal point `user` is."""
    if not user.is_authenticated:
        return set()
    return {state for _kind, state, role in user.role_pairs if role == Role.FOCAL_POINT and state}


def states_for_needs(user) -> QuerySet[State]:
    """The States parties whose needs `user` may enter."""
    parties = State.objects.parties().order_by("short_name_en")
    if is_secretariat(user):
        return parties
    return parties.filter(pk__in=_focal_point_states(user))


# --- Texts ----------------------------------------------------------------------------------------------


def need_texts(need: Need) -> dict[str, str]:
    """The need's text in each language it has (UN codes): the finding's, the checklist answer's or
    the State's own description."""
    if need.source == NeedSource.FINDING and need.finding is not None:
        return {code: text for code, text in translations(need.finding, "text").items() if text.strip()}
    if need.source == NeedSource.CHECKLIST and need.checklist_answer is not None:
        text = need.checklist_answer.assistance_needed.strip()
        language = clean_language(need.review.language if need.review else "") or "en"
        return {language: text} if text else {}
    language = clean_language(need.language) or "en"
    return {language: need.description} if need.description.strip() else {}


def need_text(need: Need) -> tuple[str, str]:
    """(language, text): in the interface's language when the need has it, else its first."""
    texts = need_texts(need)
    language = interface_language()
    if language in texts:
        return language, texts[language]
    return next(iter(texts.items()), ("en", ""))


# --- Filters and counts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NeedFilters:
    """What a list of needs is narrowed to (empty: no narrowing)."""

    state: str = ""  # ISO3
    region: str = ""  # RegionalGroup code
    article: int | None = None
    assistance_type: str = ""
    status: str = ""
    source: str = ""


def filter_needs(needs: QuerySet[Need], filters: NeedFilters) -> QuerySet[Need]:
    if filters.state:
        needs = needs.filter(state__iso3=filters.state.upper())
    if filters.region:
        needs = needs.filter(state__regional_group__code=filters.region)
    if filters.article is not None:
        needs = needs.filter(article__number=filters.article)
    if filters.assistance_type:
        needs = needs.filter(assistance_type=filters.assistance_type)
    if filters.status:
        needs = needs.filter(status=filters.status)
    if filters.source:
        needs = needs.filter(source=filters.source)
    return needs.order_by("state__short_name_en", "article__number", "pk")


def needs_for(user, filters: NeedFilters = NeedFilters()) -> QuerySet[Need]:
    return filter_needs(visible_needs(user), filters)


@dataclass
class NeedCounts:
    total: int = 0
    by_status: Counter = field(default_factory=Counter)
    by_type: Counter = field(default_factory=Counter)  # "" for no type stated
    by_region: Counter = field(default_factory=Counter)  # group code, "" for none
    by_type_and_status: Counter = field(default_factory=Counter)  # (type, status)
    by_region_and_status: Counter = field(default_factory=Counter)  # (group code, status)


def need_counts(needs: QuerySet[Need]) -> NeedCounts:
    """How many of `needs` stand at each status, by type and by regional group (one query)."""
    counts = NeedCounts()
    rows = needs.order_by().values_list("status", "assistance_type", "state__regional_group__code")
    for status, assistance_type, region in rows:
        region = region or ""
        counts.total += 1
        counts.by_status[status] += 1
        counts.by_type[assistance_type] += 1
        counts.by_region[region] += 1
        counts.by_type_and_status[assistance_type, status] += 1
        counts.by_region_and_status[region, status] += 1
    return counts


# --- Offers and providers -------------------------------------------------------------------------------


def offers(*, include_closed: bool = True) -> QuerySet[Offer]:
    """Offers are public (their contact is not: see may_see_contact)."""
    found = Offer.objects.select_related("provider__state").prefetch_related(
        "articles", "regional_groups", "states"
    )
    return found if include_closed else found.filter(active=True)


def may_see_contact(user) -> bool:
    """Signed-in officials of States and the secretariat see an offer's contact."""
    return is_state_official(user) or is_secretariat(user)


def manages_provider(user, organisation: Organisation) -> bool:
    """May `user` act for this provider: the State's focal point for its delegation, a representative
    of an intergovernmental or UN organisation for it, the secretariat for UNODC (and, keeping the
    records, for every provider)."""
    if is_secretariat(user):
        return True
    if not user.is_authenticated:
        return False
    if organisation.kind == OrganisationKind.STATE:
        return is_focal_point_of_state(user, organisation.state)
    if organisation.kind == OrganisationKind.OBSERVER:
        return (
            organisation.observer_category in PROVIDER_CATEGORIES
            and Membership.objects.filter(
                user=user, organisation=organisation, role=Role.OBSERVER_REPRESENTATIVE
            ).exists()
        )
    return False


def represents_provider_organisation(user) -> bool:
    """A representative of an intergovernmental or UN organisation (which provides assistance)."""
    return user.is_authenticated and _provider_organisations_of(user).exists()


def _provider_organisations_of(user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        kind=OrganisationKind.OBSERVER,
        observer_category__in=PROVIDER_CATEGORIES,
        memberships__user=user,
        memberships__role=Role.OBSERVER_REPRESENTATIVE,
    ).distinct()


def providers_for(user) -> list[Organisation]:
    """The providers `user` may enter offers for."""
    if not user.is_authenticated:
        return []
    if is_secretariat(user):
        return list(
            Organisation.objects.filter(
                Q(kind=OrganisationKind.SECRETARIAT)
                | Q(kind=OrganisationKind.OBSERVER, observer_category__in=PROVIDER_CATEGORIES)
                | Q(kind=OrganisationKind.STATE)
            ).order_by("kind", "name")
        )
    own = list(
        Organisation.objects.filter(kind=OrganisationKind.STATE, state_id__in=_focal_point_states(user))
    )
    own += list(_provider_organisations_of(user))
    return own


def offers_managed_by(user) -> QuerySet[Offer]:
    """The open offers `user` may act for (to say that its provider works on a need)."""
    open_offers = offers(include_closed=False)
    if is_secretariat(user):
        return open_offers
    return open_offers.filter(provider__in=[provider.pk for provider in providers_for(user)])


# --- Matching -------------------------------------------------------------------------------------------


def need_facts(need: Need) -> matching.NeedFacts:
    group = need.state.regional_group
    return matching.NeedFacts(
        article=need.article.number,
        assistance_type=need.assistance_type,
        state=need.state.iso3,
        regional_group=group.code if group else None,
    )


def offer_facts(offer: Offer) -> matching.OfferFacts:
    """From an offer with its articles, groups and States prefetched (queries.offers)."""
    return matching.OfferFacts(
        articles=frozenset(article.number for article in offer.articles.all()),
        assistance_types=frozenset(offer.assistance_types),
        regional_groups=frozenset(group.code for group in offer.regional_groups.all()),
        states=frozenset(state.iso3 for state in offer.states.all()),
        active=offer.active,
        starts_on=offer.starts_on,
        ends_on=offer.ends_on,
    )


@dataclass
class NeedMatches:
    need: Need
    candidates: list[matching.Candidate[Offer]]
    engaged: list[int]  # ids of the offers already working on the need


def matches_for(
    needs: list[Need],
    *,
    day: dt.date,
    minimum: int = len(matching.CRITERIA),
    all_offers: list[Offer] | None = None,
) -> list[NeedMatches]:
    """For each need, the offers available on `day` meeting at least `minimum` of the criteria
    (all three by default), best first, and the offers already working on it."""
    pool = [(offer, offer_facts(offer)) for offer in (offers() if all_offers is None else all_offers)]
    engaged: dict[int, list[int]] = {}
    for need_id, offer_id in Engagement.objects.filter(need__in=[need.pk for need in needs]).values_list(
        "need_id", "offer_id"
    ):
        engaged.setdefault(need_id, []).append(offer_id)
    return [
        NeedMatches(
            need,
            matching.candidates(need_facts(need), pool, day=day, required=(), minimum=minimum),
            engaged.get(need.pk, []),
        )
        for need in needs
    ]


def open_needs(needs: QuerySet[Need]) -> QuerySet[Need]:
    """Needs still to be met (the matching page's default)."""
    return needs.exclude(status=NeedStatus.MET)
