from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AgendaItem,
    Body,
    Delegate,
    Delegation,
    Objection,
    Officer,
    Session,
    SpeakerEvent,
    SpeakersList,
    WorkCell,
)


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["code", "name", "symbol_prefix", "parent"]


class AgendaItemInline(TranslationTabularInline):
    model = AgendaItem
    fields = ["position", "number", "parent", "title", "annotation"]
    extra = 0


class OfficerInline(admin.TabularInline):
    model = Officer
    fields = ["office", "state", "person", "elected_on", "replaces"]
    autocomplete_fields = ["state"]
    extra = 0


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["__str__", "body", "kind", "place", "start", "end", "format"]
    list_filter = ["body", "kind", "format"]
    filter_horizontal = ["other_bodies"]
    inlines = [AgendaItemInline, OfficerInline]


@admin.register(WorkCell)
class WorkCellAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["session", "day", "slot", "track", "interpretation"]
    list_filter = ["session"]
    filter_horizontal = ["items"]


class DelegateInline(admin.TabularInline):
    model = Delegate
    fields = ["name", "title", "level", "is_head", "status"]
    extra = 0


class ObjectionInline(admin.TabularInline):
    model = Objection
    fields = ["subject", "by_state", "raised_on", "withdrawn_on"]
    autocomplete_fields = ["by_state"]
    extra = 0


@admin.register(Delegation)
class DelegationAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "session", "group", "admission_status", "credentials"]
    list_filter = ["session", "group", "admission_status", "credentials"]
    search_fields = ["organisation__name"]
    inlines = [DelegateInline, ObjectionInline]


@admin.register(SpeakersList)
class SpeakersListAdmin(SimpleHistoryAdmin):
    list_display = ["session", "opens_at", "closes_at", "ends_at"]


@admin.register(SpeakerEvent)
class SpeakerEventAdmin(admin.ModelAdmin):
    """Events are a record: they can be read here, never changed (the list is replayed from them)."""

    list_display = ["speakers_list", "kind", "delegation", "received_at", "recorded_by"]
    list_filter = ["speakers_list", "kind"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
