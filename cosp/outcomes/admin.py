from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    DeclarationParagraph,
    DeclarationSection,
    Mandate,
    Outcome,
    Paragraph,
    Sponsor,
    WorkPlanEntry,
)


class SponsorInline(admin.TabularInline):
    model = Sponsor
    fields = ["state", "name", "on_behalf_of", "joined_later"]
    autocomplete_fields = ["state"]
    extra = 0


class ParagraphInline(TranslationStackedInline):
    model = Paragraph
    fields = ["position", "number", "kind", "verb", "operational", "text"]
    extra = 0


@admin.register(Outcome)
class OutcomeAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """Entry and editing by the secretariat, for sessions whose reports were not ingested."""

    list_display = ["__str__", "body", "session", "title"]
    list_filter = ["body", "kind", "session"]
    search_fields = ["number", "title_en", "title_zh_hans"]
    inlines = [SponsorInline, ParagraphInline]


@admin.register(Mandate)
class MandateAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "addressee", "status", "due_session", "confirmed"]
    list_filter = ["status", "addressee", "confirmed"]
    filter_horizontal = ["reports"]


@admin.register(DeclarationSection)
class DeclarationSectionAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["position", "key", "title"]


@admin.register(DeclarationParagraph)
class DeclarationParagraphAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["number", "section"]
    list_filter = ["section"]


@admin.register(WorkPlanEntry)
class WorkPlanEntryAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["year", "meeting_date", "keywords"]
    filter_horizontal = ["bodies", "paragraphs"]
