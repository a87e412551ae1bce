from modeltranslation.translator import TranslationOptions, register

from cosp.core.history import register_history

from .models import (
    AgendaItem,
    Body,
    Delegate,
    Delegation,
    Objection,
    Officer,
    Session,
    SpeakersList,
    WorkCell,
)


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name", "abbreviation")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("place",)


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "annotation")


@register(WorkCell)
class WorkCellTranslation(TranslationOptions):
    fields = ("title",)


register_history(Body, Session, AgendaItem, WorkCell, Delegation, Objection, Delegate, Officer, SpeakersList)
# SpeakerEvent rows are only ever added, never changed: they are their own history.
