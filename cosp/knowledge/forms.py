"""The forms of the repository: a contribution with its tags, the moderation decision, the filters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cosp.core.enums import Language
from cosp.core.uploads import MAX_UPLOAD_BYTES
from cosp.outcomes.models import DeclarationParagraph
from cosp.reviews.findings import THEMES
from cosp.states.models import Article

from .enums import ModerationAction


def theme_choices() -> list[tuple[str, str]]:
    return [(theme.key, str(theme.label)) for theme in THEMES]


def article_choices() -> list[tuple[int, str]]:
    return [(article.number, str(article)) for article in Article.objects.order_by("number")]


def paragraph_choices() -> list[tuple[int, str]]:
    return [
        (number, _("Paragraph %(number)s") % {"number": number})
        for number in DeclarationParagraph.objects.order_by("number").values_list("number", flat=True)
    ]


class ContributionForm(forms.Form):
    """A contribution: who submits it (when the person may submit for several), its text in one
    language, its confirmed tags and a file."""

    organisation = forms.ChoiceField(label=_("Submitted by"))
    title = forms.CharField(label=_("Title"), max_length=300)
    language = forms.ChoiceField(label=_("Language of the text"), choices=Language.choices)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))
    year = forms.IntegerField(label=_("Year"), min_value=2003)
    articles = forms.TypedMultipleChoiceField(
        label=_("Articles of the Convention"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    paragraphs = forms.TypedMultipleChoiceField(
        label=_("Paragraphs of the political declaration (2021)"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=theme_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    file = forms.FileField(label=_("Attach a file"), required=False)

    def __init__(self, *args, organisations, files_kept=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = list(organisations)  # (value, label) pairs
        self.fields["articles"].choices = article_choices()
        self.fields["paragraphs"].choices = paragraph_choices()
        # Translated per request (a help text formatted at import would stay in one language).
        self.fields["file"].help_text = _(
            "PDF, Word (.docx), OpenDocument (.odt) or plain text, up to %(limit)s MB."
        ) % {"limit": MAX_UPLOAD_BYTES // 2**20}
        if files_kept:
            self.fields["remove_files"] = forms.TypedMultipleChoiceField(
                label=_("Remove these files"),
                coerce=int,
                required=False,
                choices=[(f.pk, f.title) for f in files_kept],
                widget=forms.CheckboxSelectMultiple,
            )


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ModerationAction.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required to return it: the submitter reads it. Optional to publish."),
    )


class ConfirmForm(forms.Form):
    """Nothing to fill in: the button confirms."""


class FilterForm(forms.Form):
    """Narrows the public list; every field may stay empty."""

    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    state = forms.CharField(label=_("State (ISO code)"), required=False, max_length=3)
    organisation = forms.TypedChoiceField(
        label=_("Organization"), coerce=int, required=False, empty_value=None
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    paragraph = forms.TypedChoiceField(
        label=_("Declaration paragraph"), coerce=int, required=False, empty_value=None
    )
    article = forms.TypedChoiceField(label=_("Article"), coerce=int, required=False, empty_value=None)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2003, max_value=2100)
    language = forms.ChoiceField(label=_("Language"), required=False, choices=[("", "—"), *Language.choices])

    def __init__(self, *args, organisations=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "—"), *((o.pk, str(o)) for o in organisations)]
        self.fields["theme"].choices = [("", "—"), *theme_choices()]
        self.fields["paragraph"].choices = [("", "—"), *paragraph_choices()]
        self.fields["article"].choices = [("", "—"), *article_choices()]
