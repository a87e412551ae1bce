from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import DetailView, FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from cosp.core.languages import interface_language
from cosp.meetings.models import Body

from .enums import DocumentType, IngestionStatus, Language
from .forms import SearchForm, UploadForm
from .models import Document, Ingestion
from .queries import documents_visible_to, family_of, filter_documents
from .rendering import render_blocks
from .search import SearchFilters, get_backend
from .search.sources import search_all
from .services import start_ingestion


def get_document_for_user(user, symbol: str) -> Document:
    """The document with this symbol if the user may read it; the same 404 for missing and forbidden."""
    return get_object_or_404(documents_visible_to(user).select_related("body", "session"), symbol=symbol)


class DocumentListView(PermissionRequiredMixin, TemplateView):
    permission_required = "documents.view_documents"
    template_name = "documents/document_list.html"

    def get_context_data(self, **kwargs):
        params = self.request.GET
        year = params.get("year", "")
        documents = filter_documents(
            self.request.user,
            body=params.get("body"),
            doc_type=params.get("type"),
            year=int(year) if year.isdigit() else None,
        )
        page = Paginator(documents, 50).get_page(params.get("page"))
        return super().get_context_data(
            page=page, bodies=Body.objects.all(), types=DocumentType.choices, filters=params, **kwargs
        )


class DocumentDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "documents.view_documents"
    template_name = "documents/document_detail.html"
    context_object_name = "document"

    def get_object(self, queryset=None):
        return get_document_for_user(self.request.user, self.kwargs["symbol"])

    def get_context_data(self, **kwargs):
        document = self.object
        versions = {v.language: v for v in document.versions.all()}
        if not versions:
            raise Http404("This document has no text yet.")
        wanted = self.request.GET.get("lang") or interface_language()
        version = (
            versions.get(wanted) or versions.get(document.original_language) or next(iter(versions.values()))
        )
        compare = versions.get(self.request.GET.get("compare", ""))
        return super().get_context_data(
            version=version,
            versions=[versions[code] for code in Language.values if code in versions],
            rows=render_blocks(version, compare),
            compare=compare,
            family=family_of(document).exclude(pk=document.pk),
            **kwargs,
        )


class SearchView(PermissionRequiredMixin, TemplateView):
    permission_required = "documents.view_documents"
    template_name = "documents/search.html"

    def get(self, request, *args, **kwargs):
        form = SearchForm(request.GET or None)
        page = None
        sections = []
        if form.is_valid() and form.cleaned_data["q"].strip():
            data = form.cleaned_data
            filters = SearchFilters(
                body=data["body"] or None,
                year=data["year"],
                doc_type=data["doc_type"] or None,
                language=data["language"] or None,
                article=data["article"],
                visible_to=request.user,
            )
            offset = int(request.GET["offset"]) if request.GET.get("offset", "").isdigit() else 0
            page = get_backend().search(data["q"], filters=filters, limit=20, offset=offset)
            if page.redirect_symbol:
                return redirect("documents:detail", symbol=page.redirect_symbol)
            # Other parts of the platform (search/sources.py), each in a section of its own.
            sections = search_all(data["q"], request.user)
        return self.render_to_response(
            self.get_context_data(form=form, page=page, sections=sections, bodies=Body.objects.all())
        )


class UploadView(PermissionRequiredMixin, FormView):
    permission_required = "documents.ingest_documents"
    template_name = "documents/upload.html"
    form_class = UploadForm

    def form_valid(self, form):
        data = form.cleaned_data
        ingestion = start_ingestion(
            data["file"], symbol=data["symbol"], language=data["language"], actor=self.request.user
        )
        return redirect("documents:ingestion", pk=ingestion.pk)

    def get_context_data(self, **kwargs):
        recent = Ingestion.objects.select_related("version__document")[:20]
        return super().get_context_data(
            recent=recent, limit_mb=settings.COSP_MAX_UPLOAD_BYTES // 2**20, **kwargs
        )


class IngestionView(PermissionRequiredMixin, DetailView):
    permission_required = "documents.ingest_documents"
    template_name = "documents/ingestion.html"
    context_object_name = "ingestion"
    queryset = Ingestion.objects.select_related("version__document")

    def get_context_data(self, **kwargs):
        running = self.object.status in {IngestionStatus.QUEUED, IngestionStatus.RUNNING}
        document_url = None
        if self.object.version:
            document_url = reverse("documents:detail", kwargs={"symbol": self.object.version.document.symbol})
        return super().get_context_data(running=running, document_url=document_url, **kwargs)
