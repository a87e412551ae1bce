"""The directory in the admin, for the secretariat's corrections (the pages and their approval flow are
the way States change their entries; the admin is for the secretariat only, see SECRETARIAT_ADMIN_APPS)."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Authority, LawFile, Notification, Proposal


@admin.register(Authority)
class AuthorityAdmin(TranslationAdmin, SimpleHistoryAdmin):
    list_display = ["name", "state", "kind", "territory", "designated_on", "removed_on"]
    list_filter = ["kind", "state__regional_group"]
    search_fields = ["name", "state__short_name", "state__iso3"]


class LawFileInline(admin.TabularInline):
    model = LawFile
    fields = ["title", "file"]
    extra = 0


@admin.register(Notification)
class NotificationAdmin(SimpleHistoryAdmin):
    list_display = ["state", "provision", "notified_on", "reservation"]
    list_filter = ["provision"]
    search_fields = ["state__short_name", "state__iso3"]
    inlines = [LawFileInline]


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    """Proposals are decided on their page (services.approve / reject); here they are read only."""

    list_display = ["state", "action", "is_notification", "status", "proposed_by", "proposed_at"]
    list_filter = ["status", "action"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
