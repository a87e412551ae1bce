from modeltranslation.translator import TranslationOptions, register

from cosp.core.history import register_history

from .models import Article, Chapter, RegionalGroup, State


@register(RegionalGroup)
class RegionalGroupTranslation(TranslationOptions):
    fields = ("name", "abbreviation")


@register(Chapter)
class ChapterTranslation(TranslationOptions):
    fields = ("title",)


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = ("title",)


@register(State)
class StateTranslation(TranslationOptions):
    fields = ("short_name", "formal_name")


register_history(RegionalGroup, Chapter, Article, State)
