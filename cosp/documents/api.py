from datetime import date

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from cosp.core.api import check_perm

from .enums import BlockKind
from .models import Document
from .queries import documents_visible_to, filter_documents
from .search import SearchFilters, get_backend

router = Router(tags=["documents"])


class VersionOut(Schema):
    language: str
    title: str
    paragraphs: int


class DocumentOut(Schema):
    symbol: str
    base_symbol: str
    doc_type: str
    distribution: str
    date: date | None
    original_language: str
    body: str | None
    agenda_items: list[str]
    languages: list[str]


class BlockOut(Schema):
    kind: str
    number: str
    section: str
    anchor: str
    text: str


class DocumentDetailOut(DocumentOut):
    versions: list[VersionOut]
    blocks: list[BlockOut]
    language: str


class DocumentFilter(Schema):
    body: str | None = None
    doc_type: str | None = None
    year: int | None = None


class SearchParams(Schema):
    q: str
    language: str | None = None
    doc_type: str | None = None
    body: str | None = None
    year: int | None = None
    article: int | None = None
    offset: int = 0


class HitOut(Schema):
    symbol: str
    language: str
    anchor: str
    snippet: str
    score: float


class SearchOut(Schema):
    total: int
    redirect_symbol: str | None
    hits: list[HitOut]


def _document_out(document: Document) -> dict:
    return {
        "symbol": document.symbol,
        "base_symbol": document.base_symbol,
        "doc_type": document.doc_type,
        "distribution": document.distribution,
        "date": document.date,
        "original_language": document.original_language,
        "body": document.body.code if document.body else None,
        "agenda_items": document.agenda_items,
        "languages": [v.language for v in document.versions.all()],
    }


@router.get("/documents", response=list[DocumentOut])
def list_documents(request, filters: Query[DocumentFilter]):
    check_perm(request, "documents.view_documents")
    documents = filter_documents(
        request.user, body=filters.body, doc_type=filters.doc_type, year=filters.year
    )
    return [_document_out(d) for d in documents]


@router.get("/documents/{path:symbol}", response=DocumentDetailOut)
def get_document(request, symbol: str, language: str | None = None):
    """One document with the blocks of one language version (`language`, else the original)."""
    check_perm(request, "documents.view_documents")
    document = get_object_or_404(documents_visible_to(request.user).select_related("body"), symbol=symbol)
    paragraphs = Count("blocks", filter=Q(blocks__kind=BlockKind.PARAGRAPH))
    versions = {v.language: v for v in document.versions.annotate(paragraph_count=paragraphs)}
    version = versions.get(language or document.original_language) or next(iter(versions.values()), None)
    blocks = list(version.blocks.all()) if version else []
    return {
        **_document_out(document),
        "language": version.language if version else "",
        "versions": [
            {
                "language": v.language,
                "title": v.title,
                "paragraphs": v.paragraph_count,
            }
            for v in versions.values()
        ],
        "blocks": [
            {"kind": b.kind, "number": b.number, "section": b.section, "anchor": b.anchor, "text": b.text}
            for b in blocks
        ],
    }


@router.get("/search", response=SearchOut)
def search(request, params: Query[SearchParams]):
    """Paragraphs matching `q` (Chinese found whatever the word segmentation), best first, 20 a page."""
    check_perm(request, "documents.view_documents")
    filters = SearchFilters(
        body=params.body,
        year=params.year,
        doc_type=params.doc_type,
        language=params.language,
        article=params.article,
        visible_to=request.user,
    )
    page = get_backend().search(params.q, filters=filters, limit=20, offset=max(params.offset, 0))
    return {
        "total": page.total,
        "redirect_symbol": page.redirect_symbol,
        "hits": [
            {
                "symbol": h.symbol,
                "language": h.language,
                "anchor": h.anchor,
                "snippet": str(h.snippet),
                "score": h.score,
            }
            for h in page.hits
        ],
    }
