from modeltranslation.translator import TranslationOptions, register

from cosp.core.history import register_history

from .models import Body, Session


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name", "abbreviation")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("place",)


register_history(Body, Session)
