"""The outline of a country review report and of its executive summary (RULES.md 4.8).

The report follows the blueprint adopted with the Guidelines: Introduction; Process (with an optional
paragraph on a country visit or a joint meeting in Vienna and its dates); Executive summary;
Implementation of the Convention, then for each chapter and article under review in the cycle:
(a) summary of relevant information, (b) observations, (c) successes and good practices,
(d) challenges and recommendations, (e) technical-assistance needs. Which parts follow each article is
marked [U] in RULES.md; this is the recommended model written there.

The executive summary has its own structure: an introduction (the legal and institutional framework),
then for each chapter under review: observations; successes and good practices; challenges in
implementation; technical-assistance needs.

An outline is a tuple of `Entry`s. Each has a stable key used in addresses and in the database
(`introduction`, `process`, `article-9-observations`, `chapter-II-good-practices` ...), a heading in
the requested language (gettext), a level, and whether someone writes text under it (`has_text`) or
it is a heading only. Which findings feed a part is `finding_types` (services/reports.py prefills with
them). Pure Python: the caller passes the Convention's articles and chapters as plain values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cosp.core.languages import django_language

from .cycles import Cycle, articles_under_review, get_cycle
from .findings import FindingType

__all__ = [
    "ArticleRef",
    "Document",
    "Entry",
    "Level",
    "article_key",
    "chapter_key",
    "entry_by_key",
    "outline",
    "report_outline",
    "summary_outline",
    "written_entries",
]


class Document(StrEnum):
    """The two documents of a review (the values of enums.ReportKind)."""

    REPORT = "report"
    SUMMARY = "summary"


class Level(StrEnum):
    """Where an entry stands in the document; the files number them as UN documents do."""

    CHAPTER = "chapter"  # I., II. ...
    SECTION = "section"  # A., B. ... under a chapter
    SUBHEADING = "subheading"  # an article, or the optional visit paragraph
    PART = "part"  # a lettered part of an article: (a) ... (e)

    def demoted(self) -> Level:
        """One level down: the report reproduces the summary one level below its own chapter."""
        order = list(Level)
        return order[min(order.index(self) + 1, len(order) - 1)]


@dataclass(frozen=True)
class ArticleRef:
    """An article of the Convention as the outline needs it: its number, its chapter's roman
    numeral, and its title in the document's language."""

    number: int
    chapter: str
    title: str = ""


@dataclass(frozen=True)
class Entry:
    key: str
    heading: str
    level: Level
    has_text: bool  # a section someone writes; False: a heading only
    chapter: str | None = None  # roman numeral of the Convention's chapter it belongs to
    article: int | None = None
    finding_types: tuple[FindingType, ...] = ()
    optional: bool = False  # left out of the final document when empty
    guidance: str = ""  # what the section holds, for the people who write it
    includes_summary: bool = False  # the report's chapter that reproduces the executive summary


def article_key(number: int, part: str | None = None) -> str:
    return f"article-{number}" + (f"-{part}" if part else "")


def chapter_key(chapter: str, part: str | None = None) -> str:
    return f"chapter-{chapter}" + (f"-{part}" if part else "")


@dataclass(frozen=True)
class _PartPlan:
    slug: str
    heading: object  # a lazy string, read in the document's language
    finding_types: tuple[FindingType, ...]
    optional: bool
    guidance: object


# (a)-(e) after each article of the report (RULES 4.8, recommended model [U]). "Where applicable": a
# part with nothing to say is left out of the final report.
_ARTICLE_PARTS = (
    _PartPlan(
        "summary",
        gettext_lazy("(a) Summary of relevant information"),
        (),
        False,
        gettext_lazy(
            "What the State under review reported and what the dialogue added: laws, institutions, cases."
        ),
    ),
    _PartPlan(
        "observations",
        gettext_lazy("(b) Observations on the implementation of the article"),
        (FindingType.OBSERVATION,),
        False,
        gettext_lazy("The reviewing experts' reading of how far the article is implemented."),
    ),
    _PartPlan(
        "good-practices",
        gettext_lazy("(c) Successes and good practices"),
        (FindingType.GOOD_PRACTICE,),
        True,
        gettext_lazy("Measures worth sharing with other States parties, where there are any."),
    ),
    _PartPlan(
        "challenges",
        gettext_lazy("(d) Challenges and recommendations"),
        (FindingType.CHALLENGE, FindingType.RECOMMENDATION),
        True,
        gettext_lazy("Gaps in implementation, each with what the State under review is recommended to do."),
    ),
    _PartPlan(
        "assistance",
        gettext_lazy("(e) Technical assistance needs"),
        (FindingType.TECHNICAL_ASSISTANCE_NEED,),
        True,
        gettext_lazy("Assistance the State under review asked for to improve implementation, with its type."),
    ),
)

# The executive summary's parts for each chapter (RULES 4.8: headings [U], consistent with published
# summaries).
_SUMMARY_PARTS = (
    _PartPlan(
        "observations",
        gettext_lazy("Observations on the implementation of the articles under review"),
        (FindingType.OBSERVATION,),
        False,
        gettext_lazy("A short account, article by article, of how the chapter is implemented."),
    ),
    _PartPlan(
        "good-practices",
        gettext_lazy("Successes and good practices"),
        (FindingType.GOOD_PRACTICE,),
        True,
        gettext_lazy("The good practices of the full report, briefly."),
    ),
    _PartPlan(
        "challenges",
        gettext_lazy("Challenges in implementation"),
        (FindingType.CHALLENGE, FindingType.RECOMMENDATION),
        True,
        gettext_lazy("The challenges, with the recommendations made to the State under review."),
    ),
    _PartPlan(
        "assistance",
        gettext_lazy("Technical assistance needs identified to improve implementation"),
        (FindingType.TECHNICAL_ASSISTANCE_NEED,),
        True,
        gettext_lazy("The assistance needed, by type."),
    ),
)


def _cycle(cycle: Cycle | int) -> Cycle:
    return cycle if isinstance(cycle, Cycle) else get_cycle(cycle)


def _articles_by_chapter(cycle: Cycle, articles: Iterable[ArticleRef]) -> dict[str, list[ArticleRef]]:
    """The articles under review, grouped by the cycle's chapters in the cycle's order."""
    catalogue = {article.number: article for article in articles}
    numbers = articles_under_review(cycle, ((a.number, a.chapter) for a in catalogue.values()))
    grouped: dict[str, list[ArticleRef]] = {chapter: [] for chapter in cycle.chapters}
    for number in numbers:
        grouped[catalogue[number].chapter].append(catalogue[number])
    return grouped


def _chapter_heading(chapter: str, titles: Mapping[str, str]) -> str:
    title = titles.get(chapter, "")
    if title:
        return _("Chapter %(chapter)s. %(title)s") % {"chapter": chapter, "title": title}
    return _("Chapter %(chapter)s") % {"chapter": chapter}


def _article_heading(article: ArticleRef) -> str:
    if article.title:
        return _("Article %(number)s. %(title)s") % {"number": article.number, "title": article.title}
    return _("Article %(number)s") % {"number": article.number}


def report_outline(
    cycle: Cycle | int,
    articles: Iterable[ArticleRef],
    chapter_titles: Mapping[str, str] | None = None,
    *,
    language: str = "en",
) -> tuple[Entry, ...]:
    """The country review report's entries, in order, with headings in `language`."""
    chosen = _cycle(cycle)
    titles = chapter_titles or {}
    with translation.override(django_language(language)):
        entries = [
            Entry(
                "introduction",
                _("Introduction"),
                Level.CHAPTER,
                True,
                guidance=_(
                    "The review: which State, which reviewing States and experts, the cycle and the "
                    "articles under review."
                ),
            ),
            Entry(
                "process",
                _("Process"),
                Level.CHAPTER,
                True,
                guidance=_(
                    "How the review ran: the self-assessment checklist, the desk review, and the dialogue "
                    "by telephone, video conference and e-mail."
                ),
            ),
            Entry(
                "process-direct-dialogue",
                _("Country visit or joint meeting"),
                Level.SUBHEADING,
                True,
                optional=True,
                guidance=_(
                    "Only when the State under review asked for a country visit or a joint meeting in "
                    "Vienna: where it took place, its dates and who took part."
                ),
            ),
            Entry("executive-summary", _("Executive summary"), Level.CHAPTER, False, includes_summary=True),
            Entry(
                "implementation",
                _("Implementation of the Convention"),
                Level.CHAPTER,
                True,
                guidance=_(
                    "Ratification of the Convention by the State under review and a description of its "
                    "legal system."
                ),
            ),
        ]
        for chapter, chapter_articles in _articles_by_chapter(chosen, articles).items():
            entries.append(
                Entry(chapter_key(chapter), _chapter_heading(chapter, titles), Level.SECTION, False, chapter)
            )
            for article in chapter_articles:
                entries.append(
                    Entry(
                        article_key(article.number),
                        _article_heading(article),
                        Level.SUBHEADING,
                        False,
                        chapter,
                        article.number,
                    )
                )
                entries.extend(
                    Entry(
                        article_key(article.number, part.slug),
                        str(part.heading),
                        Level.PART,
                        True,
                        chapter,
                        article.number,
                        part.finding_types,
                        part.optional,
                        str(part.guidance),
                    )
                    for part in _ARTICLE_PARTS
                )
    return tuple(entries)


def summary_outline(
    cycle: Cycle | int,
    articles: Iterable[ArticleRef] = (),
    chapter_titles: Mapping[str, str] | None = None,
    *,
    language: str = "en",
) -> tuple[Entry, ...]:
    """The executive summary's entries, in order, with headings in `language`. The articles are not
    listed in it; they are accepted so both outlines are called alike."""
    chosen = _cycle(cycle)
    titles = chapter_titles or {}
    del articles  # the summary goes chapter by chapter
    with translation.override(django_language(language)):
        entries = [
            Entry(
                "introduction",
                _("Introduction: overview of the legal and institutional framework"),
                Level.CHAPTER,
                True,
                guidance=_(
                    "The State's legal system, how the Convention applies in its law, and the institutions "
                    "that prevent and fight corruption."
                ),
            )
        ]
        for chapter in chosen.chapters:
            entries.append(
                Entry(chapter_key(chapter), _chapter_heading(chapter, titles), Level.CHAPTER, False, chapter)
            )
            entries.extend(
                Entry(
                    chapter_key(chapter, part.slug),
                    str(part.heading),
                    Level.SECTION,
                    True,
                    chapter,
                    None,
                    part.finding_types,
                    part.optional,
                    str(part.guidance),
                )
                for part in _SUMMARY_PARTS
            )
    return tuple(entries)


def outline(
    document: Document | str,
    cycle: Cycle | int,
    articles: Iterable[ArticleRef],
    chapter_titles: Mapping[str, str] | None = None,
    *,
    language: str = "en",
) -> tuple[Entry, ...]:
    """The outline of `document` ("report" or "summary"); a ValueError names the two there are."""
    try:
        chosen = Document(document)
    except ValueError:
        raise ValueError(f"{document!r} is not a document of a review (report, summary)") from None
    build = report_outline if chosen is Document.REPORT else summary_outline
    return build(cycle, articles, chapter_titles, language=language)


def written_entries(entries: Sequence[Entry]) -> tuple[Entry, ...]:
    """The entries someone writes text under: each is one ReportSection."""
    return tuple(entry for entry in entries if entry.has_text)


def entry_by_key(entries: Sequence[Entry], key: str) -> Entry | None:
    return next((entry for entry in entries if entry.key == key), None)
