"""The country review report and the executive summary as DOCX and PDF in the UN layout, through
cosp.core.exports (one document builder for the whole platform).

`document_blocks` turns what the page shows (services.reports.document_items: headings at their level,
sections with their Markdown text) into blocks: chapters numbered I., II., sections lettered A., B.,
the paragraphs of the text numbered through the whole document as UN reports are, list items as
bullets. A final document (the report published, the summary issued) leaves out the optional parts
nobody wrote; a draft shows every part, an empty one with a placeholder so the gaps are visible.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from cosp.core.exports import Block, BlockKind, Masthead, docx_from_blocks, pdf_from_blocks

from ..blueprint import Level

_HEADING_KINDS = {
    Level.CHAPTER: BlockKind.CHAPTER,
    Level.SECTION: BlockKind.SECTION,
    Level.SUBHEADING: BlockKind.SUBHEADING,
    Level.PART: BlockKind.SUBHEADING,
}
_BULLET = re.compile(r"^\s*[-*+]\s+")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_HEADING = re.compile(r"^\s*#{1,6}\s+")


class WrittenItem(Protocol):
    """What a file needs of one entry (services.reports.DocumentItem has it)."""

    @property
    def heading(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def level(self) -> Level: ...
    @property
    def has_text(self) -> bool: ...


@dataclass(frozen=True)
class ReportFile:
    """One document to write: its title lines, masthead and entries, in the document's language."""

    title: str
    masthead: Masthead
    items: Sequence[WrittenItem]
    final: bool  # published or issued: leave out what nobody wrote
    subtitle: str = ""
    placeholder: str = "…"  # a draft's empty section


def plain(text: str) -> str:
    """A line of Markdown as plain text: emphasis marks and heading marks dropped."""
    return _EMPHASIS.sub(r"\2", _HEADING.sub("", text)).strip()


def text_blocks(text: str) -> list[Block]:
    """A section's Markdown as blocks: each paragraph (lines separated by a blank line) a numbered
    paragraph, each list item a bullet."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block(BlockKind.PARAGRAPH, plain(" ".join(paragraph))))
            paragraph.clear()

    for line in (text or "").splitlines():
        if not line.strip():
            flush()
        elif _BULLET.match(line) or _NUMBERED.match(line):
            flush()
            blocks.append(Block(BlockKind.BULLET, plain(_NUMBERED.sub("", _BULLET.sub("", line)))))
        else:
            paragraph.append(line.strip())
    flush()
    return blocks


def _has_content(items: Sequence[WrittenItem], index: int) -> bool:
    """A heading is kept in a final document when some entry under it has text."""
    level_order = list(Level)
    depth = level_order.index(items[index].level)
    for item in items[index + 1 :]:
        if level_order.index(item.level) <= depth:
            return False
        if item.has_text and item.text.strip():
            return True
    return False


def final_items(items: Sequence[WrittenItem]) -> list[WrittenItem]:
    """What a public document shows: the sections someone wrote, and the headings above them."""
    items = list(items)
    return [
        item
        for index, item in enumerate(items)
        if (item.text.strip() if item.has_text else _has_content(items, index))
    ]


def document_blocks(document: ReportFile) -> list[Block]:
    blocks = [Block(BlockKind.TITLE, document.title)]
    if document.subtitle:
        blocks.append(Block(BlockKind.TEXT, document.subtitle))
    items = final_items(document.items) if document.final else list(document.items)
    for item in items:
        written = item.text.strip() if item.has_text else ""
        blocks.append(Block(_HEADING_KINDS[item.level], item.heading))
        if written:
            blocks.extend(text_blocks(written))
        elif item.has_text:
            blocks.append(Block(BlockKind.TEXT, document.placeholder))
    return blocks


def report_docx(document: ReportFile, language: str) -> bytes:
    return docx_from_blocks(document_blocks(document), language, document.masthead)


def report_pdf(document: ReportFile, language: str) -> bytes:
    """The PDF; an Arabic document must be passed in English (cosp.core.exports.pdf_language)."""
    return pdf_from_blocks(document_blocks(document), language, document.masthead)


def headings(blocks: Iterable[Block]) -> list[str]:
    """The headings of a list of blocks, for tests and tables of contents."""
    kinds = {BlockKind.CHAPTER, BlockKind.SECTION, BlockKind.SUBHEADING}
    return [block.text for block in blocks if block.kind in kinds]
