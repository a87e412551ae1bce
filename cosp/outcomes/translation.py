from modeltranslation.translator import TranslationOptions, register

from cosp.core.history import register_history

from .models import (
    DeclarationParagraph,
    DeclarationSection,
    Mandate,
    Outcome,
    Paragraph,
    Sponsor,
    WorkPlanEntry,
)


@register(Outcome)
class OutcomeTranslation(TranslationOptions):
    fields = ("title",)


@register(Paragraph)
class ParagraphTranslation(TranslationOptions):
    fields = ("text",)


@register(DeclarationSection)
class DeclarationSectionTranslation(TranslationOptions):
    fields = ("title",)


@register(DeclarationParagraph)
class DeclarationParagraphTranslation(TranslationOptions):
    fields = ("text",)


@register(WorkPlanEntry)
class WorkPlanEntryTranslation(TranslationOptions):
    fields = ("keywords",)


register_history(
    Outcome, Sponsor, Paragraph, Mandate, DeclarationSection, DeclarationParagraph, WorkPlanEntry
)
