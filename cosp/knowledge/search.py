"""The repository's section of the documents search page (registered in apps.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cosp.documents.search import snippet
from cosp.documents.search.sources import SourceHit, SourceResults
from cosp.documents.search.text import parse_query

from . import queries


class ContributionSource:
    """Published contributions whose title or text holds every term of the query."""

    key = "knowledge"
    label = _("In the repository of contributions")

    def search(self, query: str, user, limit: int = 10) -> SourceResults:
        contributions, total = queries.search(query, user, limit=limit)
        parsed = parse_query(query)
        hits = [
            SourceHit(
                title=c.title,
                url=reverse("knowledge:detail", kwargs={"pk": c.pk}),
                snippet=snippet(c.text, parsed),
                language=c.language,
                meta=f"{c.organisation}, {c.year}",
            )
            for c in contributions
        ]
        more_url = reverse("knowledge:list") + "?" + _querystring(query)
        return SourceResults(hits=hits, total=total, more_url=more_url)


def _querystring(query: str) -> str:
    return urlencode({"q": query})
