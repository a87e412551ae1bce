"""The thematic implementation report and the regional supplementary addenda (RULES.md 4.10): the
secretariat's page of the compilation for a cycle and chapter (`?cycle=2&chapter=II`, `&group=AFR` for
an addendum), and the same draft as DOCX and PDF for it to edit. Parameters that name no cycle,
a chapter the cycle does not review, or no regional group get a 400 that says which."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.http import HttpResponseBadRequest
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from cosp.core.downloads import DOCX, PDF, file_response
from cosp.core.exports import numbered, pdf_language
from cosp.core.languages import clean_language, django_language, interface_language
from cosp.states.models import Article, Chapter, RegionalGroup

from ..cycles import CYCLES, ROMAN_CHAPTERS, get_cycle
from ..exports.thematic import ThematicNames, file_name, thematic_blocks, thematic_docx, thematic_pdf, title
from ..thematic import Compilation, compile_findings, load_findings

# The chapters some cycle reviews, in the Convention's order.
_CHAPTERS = [roman for roman in ROMAN_CHAPTERS if any(roman in cycle.chapters for cycle in CYCLES.values())]


class ThematicForm(forms.Form):
    """Which compilation: a cycle, a chapter it reviews, and optionally a regional group."""

    cycle = forms.TypedChoiceField(
        label=gettext_lazy("Review cycle"),
        coerce=int,
        choices=[(number, number) for number in sorted(CYCLES)],
        error_messages={"invalid_choice": gettext_lazy("There is no review cycle %(value)s.")},
    )
    chapter = forms.ChoiceField(
        label=gettext_lazy("Chapter"),
        choices=[(roman, roman) for roman in _CHAPTERS],
        error_messages={"invalid_choice": gettext_lazy("No review cycle reviews a chapter %(value)s.")},
    )
    group = forms.ChoiceField(
        label=gettext_lazy("Regional group"),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("There is no regional group %(value)s.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cycle"].choices = [
            (number, _("Cycle %(number)s") % {"number": number}) for number in CYCLES
        ]
        groups = [(group.code, str(group)) for group in RegionalGroup.objects.order_by("code")]
        self.fields["group"].choices = [("", _("All States: the thematic report")), *groups]

    def clean(self) -> dict:
        cleaned = super().clean()
        cycle, chapter = cleaned.get("cycle"), cleaned.get("chapter")
        if cycle is not None and chapter and chapter not in get_cycle(cycle).chapters:
            reviewed = ", ".join(get_cycle(cycle).chapters)
            self.add_error(
                "chapter",
                _("Cycle %(cycle)s does not review chapter %(chapter)s: it reviews chapters %(reviewed)s.")
                % {"cycle": cycle, "chapter": chapter, "reviewed": reviewed},
            )
        return cleaned

    def problems(self) -> str:
        """The errors in one line: "Chapter: Cycle 2 does not review chapter IV ..."."""
        return " ".join(
            f"{self.fields[name].label}: {message}" if name in self.fields else str(message)
            for name, messages in self.errors.items()
            for message in messages
        )


@dataclass(frozen=True)
class Compiled:
    compilation: Compilation
    names: ThematicNames


def compile_for(cycle: int, chapter: str, group: str, language: str) -> Compiled:
    """The compilation of a chapter's findings in a cycle (a regional group's, when `group` is a
    code) with the names the document needs in `language` (a UN code). A few queries, whatever the
    number of findings."""
    with override(django_language(language)):
        chapter_row = Chapter.objects.filter(roman=chapter).first()
        articles = {
            article.number: article.title for article in Article.objects.filter(chapter__roman=chapter)
        }
        group_row = RegionalGroup.objects.filter(code=group).first() if group else None
        names = ThematicNames(
            chapter_title=chapter_row.title if chapter_row else "",
            article_titles=articles,
            group_name=str(group_row) if group_row else group,
        )
    records = load_findings(cycle, chapter, language=language)
    compilation = compile_findings(records, cycle=cycle, chapter=chapter, articles=articles, group=group)
    return Compiled(compilation, names)


class ThematicMixin(PermissionRequiredMixin):
    # A first draft for the secretariat to edit, compiled from confidential reports (RULES.md 4.10).
    permission_required = "reviews.compile_thematic"


class ThematicView(ThematicMixin, TemplateView):
    """The compilation on screen, as the documents will have it; without parameters, the choice."""

    template_name = "reviews/thematic.html"

    def get(self, request, *args, **kwargs):
        if not request.GET:
            return self.render_to_response(self.get_context_data(form=ThematicForm()))
        form = ThematicForm(request.GET)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        language = interface_language()
        compiled = compile_for(data["cycle"], data["chapter"], data["group"], language)
        query = urlencode({"cycle": data["cycle"], "chapter": data["chapter"], "group": data["group"]})
        addenda = [
            (code, name, urlencode({"cycle": data["cycle"], "chapter": data["chapter"], "group": code}))
            for code, name in form.fields["group"].choices
            if code
        ]
        context = self.get_context_data(
            form=form,
            compilation=compiled.compilation,
            title=title(compiled.compilation, compiled.names),
            blocks=numbered(thematic_blocks(compiled.compilation, compiled.names, language), language),
            query=query,
            report_query=urlencode({"cycle": data["cycle"], "chapter": data["chapter"]}),
            addenda=addenda,
        )
        return self.render_to_response(context)


class ThematicFileView(ThematicMixin, View):
    """The draft as a file, in the interface language or `?lang=` (one of the six)."""

    kind = ""  # "docx" or "pdf"

    def get(self, request, *args, **kwargs):
        form = ThematicForm(request.GET)
        if not form.is_valid():
            return _bad_request(form.problems())
        asked = request.GET.get("lang")
        language = clean_language(asked) if asked is not None else interface_language()
        if language is None:
            return _bad_request(_("Files are made in the six UN languages: ar, zh, en, fr, ru, es."))
        if self.kind == "pdf":
            language = pdf_language(language)  # an Arabic PDF is written in English
        data = form.cleaned_data
        compiled = compile_for(data["cycle"], data["chapter"], data["group"], language)
        today = timezone.localdate()
        if self.kind == "pdf":
            content = thematic_pdf(compiled.compilation, compiled.names, language, today=today)
            content_type = PDF
        else:
            content = thematic_docx(compiled.compilation, compiled.names, language, today=today)
            content_type = DOCX
        filename = file_name(compiled.compilation, self.kind)
        return file_response(content, filename=filename, content_type=content_type, language=language)


def _bad_request(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("thematic/", ThematicView.as_view(), name="thematic"),
    path("thematic.docx", ThematicFileView.as_view(kind="docx"), name="thematic_docx"),
    path("thematic.pdf", ThematicFileView.as_view(kind="pdf"), name="thematic_pdf"),
]
