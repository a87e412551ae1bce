from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from cosp.core.api import check_perm
from cosp.core.languages import translations

from . import queries
from .models import Outcome

router = Router(tags=["outcomes"])


class OutcomeOut(Schema):
    body: str
    kind: str
    number: str
    titles: dict[str, str]
    session: str | None


class MandateOut(Schema):
    addressee: str
    action: str
    due_session: str | None
    report_to: str
    status: str
    confirmed: bool
    reports: list[str]


class ParagraphOut(Schema):
    number: str
    kind: str
    verb: str
    addressees: list[str]
    operational: bool
    texts: dict[str, str]
    articles: list[int]
    recalls: list[str]
    mandates: list[MandateOut]


class OutcomeDetailOut(OutcomeOut):
    sponsors: list[str]
    draft_symbols: list[str]
    paragraphs: list[ParagraphOut]


class OutcomeFilter(Schema):
    body: str | None = None
    kind: str | None = None
    session: str | None = None  # a session's slug, e.g. cosp-7


def _outcome(outcome: Outcome) -> dict:
    return {
        "body": outcome.body.code,
        "kind": outcome.kind,
        "number": outcome.number,
        "titles": translations(outcome, "title"),
        "session": outcome.session.slug if outcome.session else None,
    }


def _mandate(mandate) -> dict:
    return {
        "addressee": mandate.addressee,
        "action": mandate.action,
        "due_session": mandate.due_session.slug if mandate.due_session else None,
        "report_to": mandate.report_to,
        "status": mandate.status,
        "confirmed": mandate.confirmed,
        "reports": [document.symbol for document in mandate.reports.all()],
    }


@router.get("/outcomes", response=list[OutcomeOut])
def list_outcomes(request, filters: Query[OutcomeFilter]):
    check_perm(request, "outcomes.view_outcomes")
    return [
        _outcome(o)
        for o in queries.filter_outcomes(body=filters.body, kind=filters.kind, session=filters.session)
    ]


@router.get("/outcomes/{body}/{kind}/{path:number}", response=OutcomeDetailOut)
def get_outcome(request, body: str, kind: str, number: str):
    check_perm(request, "outcomes.view_outcomes")
    outcome = get_object_or_404(
        Outcome.objects.select_related("body", "session"), body__code=body, kind=kind, number=number
    )
    return {
        **_outcome(outcome),
        "sponsors": [
            sponsor.state.iso3 if sponsor.state else sponsor.name
            for sponsor in outcome.sponsors.select_related("state")
        ],
        "draft_symbols": outcome.draft_symbols,
        "paragraphs": [
            {
                "number": paragraph.number,
                "kind": paragraph.kind,
                "verb": paragraph.verb,
                "addressees": paragraph.addressees,
                "operational": paragraph.operational,
                "texts": translations(paragraph, "text"),
                "articles": [article.number for article in paragraph.articles.all()],
                "recalls": [str(cited) for cited in paragraph.cites.all()],
                "mandates": [_mandate(mandate) for mandate in paragraph.mandates.all()],
            }
            for paragraph in queries.outcome_with_links(outcome)
        ],
    }


@router.get("/mandates", response=list[MandateOut])
def list_mandates(request, addressee: str | None = None, status: str | None = None):
    check_perm(request, "outcomes.view_outcomes")
    return [_mandate(m) for m in queries.mandate_tracker(addressee=addressee, status=status)]
