"""The repository in the API: published contributions only, with the filters of the public list."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from cosp.core.api import check_perm

from . import queries
from .models import Contribution

router = Router(tags=["knowledge"])


class ContributionFilter(Schema):
    state: str | None = None  # ISO3
    organisation: int | None = None
    theme: str | None = None
    paragraph: int | None = None
    article: int | None = None
    year: int | None = None
    language: str | None = None
    q: str | None = None


class ContributionOut(Schema):
    id: int
    title: str
    language: str
    year: int
    organisation: str
    organisation_kind: str
    state: str | None
    themes: list[str]
    articles: list[int]
    paragraphs: list[int]
    published_at: dt.datetime | None


class ContributionDetailOut(ContributionOut):
    text: str
    files: list[str]


def _contribution(c: Contribution) -> dict:
    return {
        "id": c.pk,
        "title": c.title,
        "language": c.language,
        "year": c.year,
        "organisation": str(c.organisation),
        "organisation_kind": c.organisation.kind,
        "state": c.organisation.state.iso3 if c.organisation.state_id else None,
        "themes": list(c.themes),
        "articles": sorted(a.number for a in c.articles.all()),
        "paragraphs": sorted(p.number for p in c.declaration_paragraphs.all()),
        "published_at": c.published_at,
    }


@router.get("/contributions", response=list[ContributionOut])
def list_contributions(request, filters: Query[ContributionFilter]):
    check_perm(request, "knowledge.view_public")
    chosen = queries.Filters(**{name: value for name, value in filters.dict().items() if value is not None})
    return [_contribution(c) for c in queries.filtered(chosen)]


@router.get("/contributions/{contribution_id}", response=ContributionDetailOut)
def get_contribution(request, contribution_id: int):
    """A published contribution; any other answers 404, as a missing one does."""
    check_perm(request, "knowledge.view_public")
    contribution = get_object_or_404(
        queries.published().select_related("organisation__state"), pk=contribution_id
    )
    return {
        **_contribution(contribution),
        "text": contribution.text,
        "files": [
            request.build_absolute_uri(f"/knowledge/{contribution.pk}/files/{stored.pk}/")
            for stored in contribution.files.all()
        ],
    }
