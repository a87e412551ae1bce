from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Document, DocumentVersion, Ingestion


class VersionInline(admin.TabularInline):
    model = DocumentVersion
    fields = ["language", "title", "source_format", "ingested_at"]
    readonly_fields = ["ingested_at"]
    extra = 0
    show_change_link = True


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["symbol", "doc_type", "body", "session", "date", "distribution"]
    list_filter = ["doc_type", "body", "distribution", "original_language"]
    search_fields = ["symbol", "base_symbol"]
    autocomplete_fields = ["became"]
    inlines = [VersionInline]


@admin.register(Ingestion)
class IngestionAdmin(admin.ModelAdmin):
    list_display = ["original_name", "status", "progress", "created_by", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["version", "created_by", "created_at", "status", "progress", "message"]
