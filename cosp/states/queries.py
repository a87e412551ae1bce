"""Reads that encode rules about the reference data."""

from django.db.models import Q, QuerySet

from .enums import ConventionStatus
from .models import Article, RegionalGroup, State


def reference_counts() -> dict[str, int]:
    """Live counts for the home page; the number of parties always comes from the data."""
    states = State.objects.all()
    return {
        "parties": states.parties().count(),
        "signatories": states.signatories().count(),
        "regional_groups": RegionalGroup.objects.count(),
        "articles": Article.objects.count(),
    }


def filter_states(
    *, group: str | None = None, status: str | None = None, q: str | None = None
) -> QuerySet[State]:
    """States filtered by regional group code, Convention status and a name fragment (any language)."""
    states = State.objects.select_related("regional_group")
    if group:
        states = states.filter(regional_group__code=group)
    if status == ConventionStatus.PARTY:
        states = states.parties()
    elif status == ConventionStatus.SIGNATORY:
        states = states.signatories()
    elif status == ConventionStatus.NON_SIGNATORY:
        states = states.filter(instrument="", signed_on__isnull=True)
    if q:
        match = Q(iso3__iexact=q) | Q(iso2__iexact=q)
        for field in ("short_name", "formal_name"):
            for lang in ("en", "zh_hans", "ar", "fr", "ru", "es"):
                match |= Q(**{f"{field}_{lang}__icontains": q})
        states = states.filter(match)
    return states
