from modeltranslation.translator import TranslationOptions, register

from .history import register_history
from .models import Organisation


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "former_name")


register_history(Organisation)
