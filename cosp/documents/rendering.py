"""Turning a version's blocks into readable HTML: escaped text with every cross-reference a link,
and two language versions aligned paragraph by paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .enums import BlockKind, ReferenceKind
from .extraction.numerals import chinese_to_int, superscript_to_int
from .models import Block, Document, DocumentVersion

_ARTICLE = r"第(?P<zh>[一二三四五六七八九十百零〇两]+)条|[Aa]rticles? (?P<en>\d{1,2})\b"
# A footnote marker: superscript digits, or plain digits glued to punctuation where PDF-to-text lost
# the superscript ("cycle.1").
_FOOTNOTE = r"(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)|(?<=[.,;:。，；：)）”])(?P<plain>\d{1,2})(?=\s|$)"


@dataclass
class Row:
    block: Block | None
    html: SafeString
    other: Block | None = None
    other_html: SafeString | None = None


class Linker:
    """Links the symbols, articles and State names a version cites, in one pass over the text."""

    def __init__(self, version: DocumentVersion) -> None:
        self.footnotes = set(version.blocks.filter(kind=BlockKind.FOOTNOTE).values_list("number", flat=True))
        refs = list(version.references.select_related("state"))
        cited = {r.symbol for r in refs if r.kind == ReferenceKind.SYMBOL}
        known = set(Document.objects.filter(symbol__in=cited).values_list("symbol", flat=True))
        self.targets: dict[str, str] = {s: reverse("documents:detail", kwargs={"symbol": s}) for s in known}
        for r in refs:
            if r.kind == ReferenceKind.STATE and r.state and r.text:
                self.targets[r.text] = reverse("states:detail", kwargs={"iso3": r.state.iso3})
        literal = "|".join(re.escape(text) for text in sorted(self.targets, key=len, reverse=True))
        tail = f"{_ARTICLE}|{_FOOTNOTE}"
        self.pattern = re.compile(f"(?P<lit>{literal})|{tail}" if literal else tail)

    def __call__(self, text: str) -> SafeString:
        parts: list[str] = []
        last = 0
        for match in self.pattern.finditer(text):
            parts.append(escape(text[last : match.start()]))
            parts.append(self._link(match))
            last = match.end()
        parts.append(escape(text[last:]))
        return mark_safe("".join(parts))  # every piece was escaped or built by format_html

    def _link(self, match: re.Match) -> str:
        if match.group("lit"):
            return format_html('<a href="{}">{}</a>', self.targets[match.group("lit")], match.group("lit"))
        if match.group("sup") or match.group("plain"):
            number = str(
                superscript_to_int(match.group("sup")) if match.group("sup") else match.group("plain")
            )
            if number in self.footnotes:
                return format_html('<sup class="fn-ref"><a href="#fn-{}">{}</a></sup>', number, number)
            return escape(match.group(0))
        number = int(match.group("en")) if match.group("en") else chinese_to_int(match.group("zh"))
        if number and 1 <= number <= 71:
            url = reverse("states:article", kwargs={"number": number})
            return format_html('<a href="{}">{}</a>', url, match.group(0))
        return escape(match.group(0))


def _align(blocks: list[Block], others: list[Block]) -> list[tuple[Block | None, Block | None]]:
    """Pair numbered paragraphs by number; everything else by order within its kind."""

    def key(block: Block) -> tuple[str, str, str] | None:
        if block.kind == BlockKind.PARAGRAPH and block.number:
            return (block.annex, block.part, block.number)
        return None

    numbered = {key(b): b for b in others if key(b)}
    rest = [b for b in others if b not in numbered.values()]
    pairs: list[tuple[Block | None, Block | None]] = []
    used: set[int] = set()
    for block in blocks:
        match = None
        if key(block):
            match = numbered.get(key(block))
        else:
            match = next((b for b in rest if b.kind == block.kind and b.pk not in used), None)
        if match is not None:
            used.add(match.pk)
        pairs.append((block, match))
    pairs += [(None, b) for b in others if b.pk not in used]
    return pairs


def render_blocks(version: DocumentVersion, other: DocumentVersion | None = None) -> list[Row]:
    """The rows of the document page: one per block, with its aligned counterpart when comparing."""
    # The title is shown as the page's heading; its block exists for search.
    blocks = list(version.blocks.exclude(kind=BlockKind.TITLE))
    link = Linker(version)
    if other is None:
        return [Row(block=b, html=link(b.text)) for b in blocks]
    link_other = Linker(other)
    return [
        Row(
            block=a,
            html=link(a.text) if a else mark_safe(""),
            other=b,
            other_html=link_other(b.text) if b else None,
        )
        for a, b in _align(blocks, list(other.blocks.exclude(kind=BlockKind.TITLE)))
    ]
