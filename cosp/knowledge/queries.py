"""Reads that encode the repository's rules: who sees what, the filters of the public list, the
counts for the secretariat's analyses, and the search of published contributions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from cosp.core.enums import Language, OrganisationKind
from cosp.documents.search.text import ParsedQuery, parse_query
from cosp.reviews.findings import THEMES

from . import access
from .enums import ContributionStatus
from .models import Contribution


def _with_related(contributions: QuerySet) -> QuerySet:
    return contributions.select_related("organisation__state").prefetch_related(
        "articles", "declaration_paragraphs"
    )


def published() -> QuerySet:
    return Contribution.objects.filter(status=ContributionStatus.PUBLISHED)


def of_organisations(user) -> QuerySet:
    """The contributions of the user's own organisations, at every status (the "mine" page); for the
    secretariat, those it entered."""
    mine = Q(organisation__in=access.organisations_of(user)) | Q(created_by=user)
    return _with_related(Contribution.objects.filter(mine)).order_by("-updated_at")


def moderation_queue() -> QuerySet:
    """Submitted contributions, the longest waiting first."""
    return _with_related(Contribution.objects.filter(status=ContributionStatus.SUBMITTED)).order_by(
        "submitted_at", "pk"
    )


@dataclass(frozen=True)
class Filters:
    """Narrow the published list; empty values mean any."""

    state: str = ""  # ISO3 of the submitting State
    organisation: int | None = None
    theme: str = ""
    paragraph: int | None = None
    article: int | None = None
    year: int | None = None
    language: str = ""
    q: str = ""


def filtered(filters: Filters) -> QuerySet:
    """Published contributions matching every filter given, newest first."""
    contributions = published()
    if filters.state:
        contributions = contributions.filter(organisation__state__iso3=filters.state.upper())
    if filters.organisation:
        contributions = contributions.filter(organisation_id=filters.organisation)
    if filters.theme:
        # JSON containment is not on SQLite: the key with its quotes is a substring of the stored list.
        contributions = contributions.filter(themes__icontains=f'"{filters.theme}"')
    if filters.paragraph:
        contributions = contributions.filter(declaration_paragraphs__number=filters.paragraph)
    if filters.article:
        contributions = contributions.filter(articles__number=filters.article)
    if filters.year:
        contributions = contributions.filter(year=filters.year)
    if filters.language:
        contributions = contributions.filter(language=filters.language)
    if filters.q.strip():
        contributions = matching(contributions, parse_query(filters.q))
    return _with_related(contributions.distinct())


def matching(contributions: QuerySet, query: ParsedQuery) -> QuerySet:
    """Contributions whose title or text holds every term of the query, by the documents search's
    tokens: a term is a phrase of tokens, found as a substring of the stored tokens (a Chinese term
    of two characters inside a sentence is one bigram; a prefix term leaves its last token open)."""
    if not query:
        return contributions.none()
    for term in query.terms:
        phrase = " " + " ".join(term.tokens) + ("" if term.prefix else " ")
        contributions = contributions.filter(search_tokens__contains=phrase)
    return contributions


def search(text: str, user, limit: int = 10) -> tuple[list[Contribution], int]:
    """Published contributions matching a search (the documents search's section): the first
    `limit`, and how many in all. Unpublished ones never appear, whoever asks."""
    found = matching(published(), parse_query(text)).select_related("organisation")
    return list(found[:limit]), found.count()


@dataclass(frozen=True)
class Counts:
    total: int
    by_theme: list[tuple[str, str, int]]  # (key, label, count), every theme of the table
    by_paragraph: list[tuple[int, int]]  # (paragraph number, count), those with contributions
    by_year: list[tuple[int, int]]
    by_language: list[tuple[str, str, int]]
    by_kind: list[tuple[str, int]]  # State parties, observer organisations


def counts(contributions: QuerySet | None = None) -> Counts:
    """How many published contributions there are per theme, declaration paragraph, year, language
    and kind of submitter. Counts of public material, no ranking."""
    contributions = published() if contributions is None else contributions
    themes: Counter[str] = Counter()
    for keys in contributions.values_list("themes", flat=True):
        themes.update(set(keys or []))
    paragraphs = (
        contributions.filter(declaration_paragraphs__isnull=False)
        .values_list("declaration_paragraphs__number")
        .annotate(n=Count("pk", distinct=True))
        .order_by("declaration_paragraphs__number")
    )
    years = contributions.values_list("year").annotate(n=Count("pk")).order_by("year")
    languages = dict(contributions.values_list("language").annotate(n=Count("pk")).order_by())
    kinds = dict(contributions.values_list("organisation__kind").annotate(n=Count("pk")).order_by())
    return Counts(
        total=contributions.count(),
        by_theme=[(theme.key, str(theme.label), themes.get(theme.key, 0)) for theme in THEMES],
        by_paragraph=list(paragraphs),
        by_year=list(years),
        by_language=[(code, str(label), languages.get(code, 0)) for code, label in Language.choices],
        by_kind=[
            (str(label), kinds.get(kind, 0))
            for kind, label in OrganisationKind.choices
            if kind != OrganisationKind.SECRETARIAT
        ],
    )
