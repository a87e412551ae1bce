"""Forms of the findings pages: a finding (with its text in one language at a time), an entry of a
recommendation's follow-up, and the filters of the public list of recommendations. The services
check the rules; these forms only shape the input."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cosp.core.languages import UN_LANGUAGES, django_language
from cosp.states.models import Article, RegionalGroup

from ..enums import AssistanceType, FindingType, FollowUpSource, ImplementationStatus
from ..findings import SDG_TARGETS, THEMES
from ..services.findings import NO_STATUS


def language_choices() -> list[tuple[str, str]]:
    """The six official languages by UN code, labelled in the interface language."""
    return [(code, settings.LANGUAGE_LABELS[django_language(code)]) for code in UN_LANGUAGES]


def theme_choices() -> list[tuple[str, str]]:
    return [(theme.key, theme.label) for theme in THEMES]


def sdg_choices() -> list[tuple[str, str]]:
    return [(target, f"{target} {label}") for target, label in SDG_TARGETS.items()]


def article_choices(articles) -> list[tuple[int, str]]:
    return [(article.number, str(article)) for article in articles]


class FindingForm(forms.Form):
    """A finding of one review. `articles` are those its cycle covers; the text is the text in
    `language` (on an existing finding, the other languages are kept as they are)."""

    kind = forms.ChoiceField(label=_("Type"), choices=FindingType.choices)
    language = forms.ChoiceField(label=_("Language of the text"), choices=language_choices)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}))
    article = forms.TypedChoiceField(label=_("Article"), coerce=int)
    paragraph = forms.CharField(
        label=_("Paragraph"),
        max_length=20,
        required=False,
        help_text=_('For example "1" or "2 (a)"; leave empty for the article as a whole.'),
    )
    theme = forms.ChoiceField(label=_("Theme"), choices=[("", "—"), *theme_choices()], required=False)
    sdg_targets = forms.MultipleChoiceField(
        label=_("SDG targets"), choices=sdg_choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    assistance_type = forms.ChoiceField(
        label=_("Type of assistance"),
        choices=[("", "—"), *AssistanceType.choices],
        required=False,
        help_text=_("For a technical-assistance need."),
    )

    def __init__(self, *args, articles, text_required: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # No article is preselected: the person picks one (or a suggestion), never article 5 by default.
        self.fields["article"].choices = [("", "—"), *article_choices(articles)]
        self.fields["text"].required = text_required
        if not text_required:
            self.fields["text"].help_text = _(
                "Leave empty to remove the text in this language (another language must remain)."
            )


class ConfirmForm(forms.Form):
    """Nothing to fill in: the button confirms."""


class FollowUpForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    source = forms.ChoiceField(label=_("Source"), choices=FollowUpSource.choices)
    status = forms.ChoiceField(
        label=_("Implementation status"),
        choices=[("", _("(no change reported)")), *ImplementationStatus.choices],
        required=False,
    )
    response = forms.CharField(
        label=_("Response of the State"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    reference = forms.CharField(
        label=_("Reference"),
        max_length=200,
        required=False,
        help_text=_("Where it is recorded: a document symbol, a later review (e.g. 3-AUT)."),
    )


class RecommendationFilterForm(forms.Form):
    """Narrows the public list of recommendations; every field may stay empty."""

    article = forms.TypedChoiceField(label=_("Article"), coerce=int, required=False, empty_value=None)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    sdg_target = forms.ChoiceField(label=_("SDG target"), required=False)
    regional_group = forms.ChoiceField(label=_("Regional group"), required=False)
    status = forms.ChoiceField(label=_("Implementation status"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        everything = ("", _("All"))
        self.fields["article"].choices = [
            everything,
            *article_choices(Article.objects.filter(finding__kind=FindingType.RECOMMENDATION).distinct()),
        ]
        self.fields["theme"].choices = [everything, *theme_choices()]
        self.fields["sdg_target"].choices = [everything, *sdg_choices()]
        self.fields["regional_group"].choices = [
            everything,
            *((group.code, group.abbreviation) for group in RegionalGroup.objects.order_by("code")),
        ]
        self.fields["status"].choices = [
            everything,
            *ImplementationStatus.choices,
            (NO_STATUS, _("No status reported yet")),
        ]
