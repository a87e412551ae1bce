from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Article, Chapter, RegionalGroup, State


class TranslatedHistoryAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """Every language's column side by side, with the change history one click away."""


@admin.register(RegionalGroup)
class RegionalGroupAdmin(TranslatedHistoryAdmin):
    list_display = ["code", "name", "abbreviation"]


@admin.register(Chapter)
class ChapterAdmin(TranslatedHistoryAdmin):
    list_display = ["roman", "title"]


@admin.register(Article)
class ArticleAdmin(TranslatedHistoryAdmin):
    list_display = ["number", "title", "chapter"]
    list_filter = ["chapter"]


@admin.register(State)
class StateAdmin(TranslatedHistoryAdmin):
    list_display = [
        "short_name",
        "iso3",
        "regional_group",
        "signed_on",
        "instrument",
        "instrument_deposited_on",
    ]
    list_filter = ["regional_group", "kind", "un_status", "instrument"]
    search_fields = ["iso3", "iso2", "short_name_en", "short_name_zh_hans", "formal_name_en"]
