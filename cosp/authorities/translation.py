from modeltranslation.translator import TranslationOptions, register

from cosp.core.history import register_history

from .models import Authority


@register(Authority)
class AuthorityTranslation(TranslationOptions):
    fields = ("name", "role")


register_history(Authority)
