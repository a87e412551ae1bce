from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ChecklistAnswer,
    CountryReview,
    CycleParticipation,
    Draw,
    Finding,
    FollowUp,
    GovernmentalExpert,
    ReviewingState,
    StepRecord,
)


@admin.register(CycleParticipation)
class CycleParticipationAdmin(admin.ModelAdmin):
    list_display = ["state", "cycle", "declines_in_review_year", "takes_part_by_decision"]
    list_filter = ["cycle"]


@admin.register(Draw)
class DrawAdmin(admin.ModelAdmin):
    """Draws are records: read only, here as everywhere."""

    list_display = ["cycle", "action", "state", "seed", "at", "author_name"]
    list_filter = ["cycle", "action"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ReviewingStateInline(admin.TabularInline):
    model = ReviewingState
    extra = 0


class StepRecordInline(admin.TabularInline):
    model = StepRecord
    extra = 0
    fields = ["step", "completed_on", "skipped", "note"]


@admin.register(CountryReview)
class CountryReviewAdmin(SimpleHistoryAdmin):
    list_display = ["state", "cycle", "year", "started_on", "report_status", "summary_issued_on"]
    list_filter = ["cycle", "year", "report_status", "is_demo"]
    search_fields = ["state__iso3", "state__short_name"]
    inlines = [ReviewingStateInline, StepRecordInline]


@admin.register(GovernmentalExpert)
class GovernmentalExpertAdmin(SimpleHistoryAdmin):
    list_display = ["name", "state", "position", "active"]
    list_filter = ["active"]
    search_fields = ["name", "state__iso3"]


@admin.register(ChecklistAnswer)
class ChecklistAnswerAdmin(SimpleHistoryAdmin):
    list_display = ["checklist", "article", "paragraph", "implementation"]


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0


@admin.register(Finding)
class FindingAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["review", "kind", "article", "theme"]
    list_filter = ["kind"]
    inlines = [FollowUpInline]
