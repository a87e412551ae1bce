from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Body, Session


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["code", "name", "symbol_prefix", "parent"]


@admin.register(Session)
class SessionAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["__str__", "body", "kind", "place", "start", "end"]
    list_filter = ["body", "kind"]
