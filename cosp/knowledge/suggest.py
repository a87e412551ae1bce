"""Tags a contribution's text points to, for a person to confirm (never applied by themselves).

- Articles of the Convention and themes: `reviews.findings.suggest_article_and_theme` (cited articles,
  then the keyword table, English and Chinese; other languages get cited articles only).
- Paragraphs of the 2021 political declaration: those the text cites ("paragraph 12 of the political
  declaration", "政治宣言第12段" or "第十二段"), then those whose own articles or themes match the
  articles and themes suggested, most matches first.

Plain Python: the declaration's paragraphs come in as `DeclarationEntry` values, so this module can be
read and tested without a database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from cosp.documents.extraction.numerals import chinese_to_int
from cosp.reviews.findings import SuggestionKind, suggest_article_and_theme

# How many paragraphs are suggested from matching articles and themes (cited ones always are).
MAX_MATCHED_PARAGRAPHS = 6


class TagKind(StrEnum):
    ARTICLE = "article"
    THEME = "theme"
    PARAGRAPH = "paragraph"


class TagBasis(StrEnum):
    CITED = "cited"  # the text cites it
    KEYWORD = "keyword"  # words of the keyword table
    MATCHED = "matched"  # a declaration paragraph on the same articles or themes


@dataclass(frozen=True)
class TagSuggestion:
    kind: TagKind
    value: str  # an article number, a theme key or a paragraph number
    basis: TagBasis
    evidence: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """How a form sends the suggestion back: article:9, theme:bribery, paragraph:12."""
        return f"{self.kind}:{self.value}"


@dataclass(frozen=True)
class DeclarationEntry:
    """What the suggestions need of a declaration paragraph: its number, articles and theme keys."""

    number: int
    articles: frozenset[int] = frozenset()
    themes: frozenset[str] = frozenset()


_NUMBERS = r"\d{1,3}(?:\s*(?:,|and|to|-|–)\s*\d{1,3})*"
# "paragraph 12 of the political declaration", "paragraphs 3 and 5 of the 2021 political declaration"
_EN_BEFORE = re.compile(
    rf"\b(?:paragraphs?|paras?\.)\s*(?P<numbers>{_NUMBERS})\s+of\s+the\s+(?:\d{{4}}\s+)?political\s+declaration",
    re.IGNORECASE,
)
# "the political declaration, paragraph 12", "political declaration (para. 12)"
_EN_AFTER = re.compile(
    rf"political\s+declaration\s*[,(]?\s*(?:paragraphs?|paras?\.)\s*(?P<numbers>{_NUMBERS})", re.IGNORECASE
)
_ZH_NUMBER = r"[0-9０-９〇零一二三四五六七八九十百]{1,6}"
# "政治宣言第12段", "《政治宣言》第十二段", "政治宣言第3和第5段", "宣言第12、13段"
_ZH = re.compile(
    rf"(?:政治)?宣言》?\s*(?:的)?\s*第(?P<numbers>{_ZH_NUMBER}(?:\s*段?\s*(?:、|，|,|和|及|至|-)\s*第?{_ZH_NUMBER})*)\s*段"
)


def _en_numbers(text: str) -> list[int]:
    found: list[int] = []
    for pattern in (_EN_BEFORE, _EN_AFTER):
        for match in pattern.finditer(text):
            numbers = [int(n) for n in re.findall(r"\d+", match.group("numbers"))]
            if re.search(r"\bto\b|[-–]", match.group("numbers")) and len(numbers) == 2:
                numbers = list(range(numbers[0], numbers[1] + 1))
            found.extend(numbers)
    return found


def _zh_numbers(text: str) -> list[int]:
    found: list[int] = []
    for match in _ZH.finditer(text):
        parts = re.split(r"\s*段?\s*(?:、|，|,|和|及|至|-)\s*第?", match.group("numbers"))
        numbers = [number for part in parts if (number := chinese_to_int(part)) is not None]
        if "至" in match.group("numbers") and len(numbers) == 2:
            numbers = list(range(numbers[0], numbers[1] + 1))
        found.extend(numbers)
    return found


def cited_paragraphs(text: str) -> list[int]:
    """The paragraphs of the political declaration the text cites, in order, each once."""
    return list(dict.fromkeys(_en_numbers(text) + _zh_numbers(text)))


def suggest_tags(
    text: str, language: str, paragraphs: Iterable[DeclarationEntry] = ()
) -> list[TagSuggestion]:
    """Articles, themes, then declaration paragraphs the text points to, each once, strongest basis
    first. Paragraphs are suggested only among `paragraphs` (those the database holds)."""
    suggestions: list[TagSuggestion] = []
    for found in suggest_article_and_theme(text, language):
        if found.kind is SuggestionKind.SDG_TARGET:
            continue  # contributions are not tagged with SDG targets
        kind = TagKind.ARTICLE if found.kind is SuggestionKind.ARTICLE else TagKind.THEME
        basis = TagBasis.CITED if found.basis == "cited" else TagBasis.KEYWORD
        suggestions.append(TagSuggestion(kind, found.value, basis, tuple(found.evidence)))

    known = {entry.number: entry for entry in paragraphs}
    chosen: dict[int, TagSuggestion] = {}
    for number in cited_paragraphs(text):
        if number in known:
            chosen[number] = TagSuggestion(TagKind.PARAGRAPH, str(number), TagBasis.CITED)
    articles = {int(s.value) for s in suggestions if s.kind is TagKind.ARTICLE}
    themes = {s.value for s in suggestions if s.kind is TagKind.THEME}
    scored = []
    for entry in known.values():
        if entry.number in chosen:
            continue
        shared = [f"article {n}" for n in sorted(entry.articles & articles)] + sorted(entry.themes & themes)
        if shared:
            scored.append((-len(shared), entry.number, shared))
    for _score, number, shared in sorted(scored)[:MAX_MATCHED_PARAGRAPHS]:
        chosen[number] = TagSuggestion(TagKind.PARAGRAPH, str(number), TagBasis.MATCHED, tuple(shared))
    return [*suggestions, *chosen.values()]
