from modeltranslation.translator import TranslationOptions, register

from cosp.core.history import register_history

from .models import (
    Checklist,
    ChecklistAnswer,
    CountryReview,
    ExpertAssignment,
    Finding,
    GovernmentalExpert,
    ReviewingState,
)


@register(Finding)
class FindingTranslation(TranslationOptions):
    fields = ("text",)


register_history(
    CountryReview, ReviewingState, GovernmentalExpert, ExpertAssignment, Checklist, ChecklistAnswer, Finding
)
