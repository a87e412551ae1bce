"""DOCX and PDF in the layout of UN documents, for every app's exports.

A document is a list of `Block`s (title, headings, numbered paragraphs, plain paragraphs, tables) under
a masthead (symbol, distribution, date, original language); `docx_from_blocks` and `pdf_from_blocks`
write it. Pure functions from plain data to bytes: no database, no request; the caller passes the
content already in the document's language.

Fonts: the PDF uses Helvetica for Latin text and ReportLab's built-in CID font STSong-Light for the
rest (Chinese, and Cyrillic, which it covers in full-width glyphs), so nothing is read from the system
or fetched. No built-in font has Arabic glyphs and ReportLab cannot shape Arabic without extra
libraries, so an Arabic PDF is written in English (`pdf_language`); DOCX files are fine in Arabic, as
Word shapes the text itself.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.shared import OxmlElement
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .languages import un_language

# Languages a PDF cannot be written in, and the one it is written in instead.
_PDF_FALLBACK = {"ar": "en"}
CID_FONT = "STSong-Light"


def pdf_language(language: str) -> str:
    """The language a PDF asked for in `language` is written in (Arabic falls back to English);
    callers pass the content in this language."""
    code = un_language(language)
    return _PDF_FALLBACK.get(code, code)


# Chapter numbers and section letters as each language's UN reports write them.
_ROMAN_VALUES = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                 (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
_CHINESE_DIGITS = "零一二三四五六七八九"
_ARABIC_ORDINALS = ("أولاً", "ثانياً", "ثالثاً", "رابعاً", "خامساً", "سادساً", "سابعاً", "ثامناً", "تاسعاً", "عاشراً")
_ARABIC_LETTERS = ("ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء")


def roman(number: int) -> str:
    out = ""
    for value, numeral in _ROMAN_VALUES:
        count, number = divmod(number, value)
        out += numeral * count
    return out


def chinese_number(number: int) -> str:
    """一 to 九十九 (十一, 二十, 二十一); larger numbers in digits."""
    if not 0 < number < 100:
        return str(number)
    tens, units = divmod(number, 10)
    if not tens:
        return _CHINESE_DIGITS[units]
    return ("" if tens == 1 else _CHINESE_DIGITS[tens]) + "十" + (_CHINESE_DIGITS[units] if units else "")


def chapter_number(number: int, code: str) -> str:
    """ "II." in most languages, "二." in Chinese, "ثانياً-" in Arabic (beyond ten: the number)."""
    if code == "zh":
        return f"{chinese_number(number)}."
    if code == "ar":
        return f"{_ARABIC_ORDINALS[number - 1] if number <= len(_ARABIC_ORDINALS) else number}-"
    return f"{roman(number)}."


def section_letter(number: int, code: str) -> str:
    """ "A." ... "Z.", then "AA."; Arabic letters in Arabic (beyond ten: the number)."""
    if code == "ar":
        return f"{_ARABIC_LETTERS[number - 1] if number <= len(_ARABIC_LETTERS) else number}-"
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}."


# --- Documents as blocks ---------------------------------------------------------------------------


class BlockKind(StrEnum):
    TITLE = "title"
    CHAPTER = "chapter"  # numbered I., II. ... (一.、ثانياً-)
    SECTION = "section"  # lettered A., B. ... under a chapter
    SUBHEADING = "subheading"  # unnumbered
    PARAGRAPH = "paragraph"  # numbered 1., 2. ... through the whole document, as UN reports are
    TEXT = "text"  # unnumbered paragraph
    BULLET = "bullet"
    TABLE = "table"  # rows[0] is the header


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Masthead:
    """What stands above a UN document's title."""

    symbol: str = ""
    distribution: str = ""  # "Distr.: General", "Distr.: Restricted"
    date: str = ""
    original: str = ""  # "Original: English"
    body: str = ""  # "Implementation Review Group"


def numbered(blocks: Sequence[Block], code: str) -> list[tuple[Block, str]]:
    """Each block with the number it is printed with ("II.", "A.", "12.", or "")."""
    chapter = section = paragraph = 0
    out: list[tuple[Block, str]] = []
    for block in blocks:
        label = ""
        if block.kind is BlockKind.CHAPTER:
            chapter, section = chapter + 1, 0
            label = chapter_number(chapter, code)
        elif block.kind is BlockKind.SECTION:
            section += 1
            label = section_letter(section, code)
        elif block.kind is BlockKind.PARAGRAPH:
            paragraph += 1
            label = f"{paragraph}."
        out.append((block, label))
    return out


# The paragraph style of each kind of block in the DOCX (None: the document's default).
_DOCX_STYLES = {
    BlockKind.TITLE: "Title",
    BlockKind.CHAPTER: "Heading 1",
    BlockKind.SECTION: "Heading 2",
    BlockKind.SUBHEADING: "Heading 3",
    BlockKind.BULLET: "List Bullet",
    BlockKind.PARAGRAPH: None,
    BlockKind.TEXT: None,
}


def docx_from_blocks(blocks: Sequence[Block], language: str, masthead: Masthead = Masthead()) -> bytes:
    code = un_language(language)
    document = Document()
    # Styles resolved once: python-docx looks a style up by name through every style each time.
    styles = {kind: document.styles[name] if name else None for kind, name in _DOCX_STYLES.items()}
    table_style = document.styles["Table Grid"]
    for line in (masthead.symbol, masthead.distribution, masthead.date, masthead.original):
        if line:
            document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if masthead.body:
        document.add_paragraph(masthead.body)
    for block, label in numbered(blocks, code):
        if block.kind is BlockKind.TABLE:
            _docx_table(document, block.rows, table_style)
            continue
        text = f"{label} {block.text}".strip() if label else block.text
        document.add_paragraph(text, style=styles[block.kind])
    finish_docx(document, code)
    return docx_bytes(document)


def _docx_table(document, rows: Sequence[Sequence[str]], style) -> None:
    if not rows:
        return
    table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    table.style = style
    # Row by row: table.cell(r, c) walks the whole grid each time, which is slow on long tables.
    for table_row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(table_row.cells, values, strict=False):
            cell.text = value


def finish_docx(document, code: str) -> None:
    """Chinese text gets a Chinese font; Arabic paragraphs, runs and tables read right to left."""
    if code == "zh":
        for style in document.styles:
            if style.type == 1 and style.name in {"Normal", "Title", "Heading 1", "Heading 2", "Heading 3"}:
                fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
                fonts.set(qn("w:eastAsia"), "SimSun")
    if code != "ar":
        return
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        properties = table._tbl.tblPr
        properties.append(OxmlElement("w:bidiVisual"))
        paragraphs += [paragraph for row in table.rows for cell in row.cells for paragraph in cell.paragraphs]
    for paragraph in paragraphs:
        paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
        for run in paragraph.runs:
            run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- PDF ------------------------------------------------------------------------------------------

_PDF_STYLES = {
    BlockKind.TITLE: ParagraphStyle(
        "title", fontName="Helvetica-Bold", fontSize=15, leading=19, spaceAfter=8
    ),
    BlockKind.CHAPTER: ParagraphStyle(
        "chapter", fontName="Helvetica-Bold", fontSize=12, leading=15, spaceBefore=8
    ),
    BlockKind.SECTION: ParagraphStyle(
        "section", fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=6
    ),
    BlockKind.SUBHEADING: ParagraphStyle(
        "sub", fontName="Helvetica-Oblique", fontSize=10, leading=13, spaceBefore=4
    ),
    BlockKind.PARAGRAPH: ParagraphStyle("para", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=4),
    BlockKind.TEXT: ParagraphStyle("text", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=4),
    BlockKind.BULLET: ParagraphStyle("bullet", fontName="Helvetica", fontSize=10, leading=13, leftIndent=12),
}
_MASTHEAD_STYLE = ParagraphStyle("masthead", fontName="Helvetica", fontSize=9, leading=11, alignment=2)
_CELL_STYLE = ParagraphStyle("cell", fontName="Helvetica", fontSize=8.5, leading=10.5)


def pdf_from_blocks(blocks: Sequence[Block], language: str, masthead: Masthead = Masthead()) -> bytes:
    """The document as PDF; write Arabic content in English (see `pdf_language`)."""
    code = pdf_language(language)
    register_cid_font()
    story: list = [
        Paragraph(pdf_markup(line), _MASTHEAD_STYLE)
        for line in (masthead.symbol, masthead.distribution, masthead.date, masthead.original)
        if line
    ]
    if masthead.body:
        story.append(Paragraph(pdf_markup(masthead.body), _PDF_STYLES[BlockKind.TEXT]))
    story.append(Spacer(1, 4 * mm))
    for block, label in numbered(blocks, code):
        if block.kind is BlockKind.TABLE:
            if block.rows:
                story.append(_pdf_table(block.rows))
            continue
        text = f"{label} {block.text}".strip() if label else block.text
        prefix = "• " if block.kind is BlockKind.BULLET else ""
        story.append(Paragraph(prefix + pdf_markup(text), _PDF_STYLES[block.kind]))
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm
    ).build(story)
    return buffer.getvalue()


def _pdf_table(rows: Sequence[Sequence[str]]) -> Table:
    cells = [[Paragraph(pdf_markup(value), _CELL_STYLE) for value in row] for row in rows]
    table = Table(cells, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


@cache
def register_cid_font() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))


def _helvetica_has(character: str) -> bool:
    """ReportLab's standard fonts are encoded in WinAnsi (cp1252)."""
    try:
        character.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def pdf_markup(text: str) -> str:
    """Paragraph markup for `text`: runs Helvetica lacks (Chinese, Cyrillic) set in the CID font."""
    parts: list[str] = []
    run = ""
    run_is_latin = True
    for character in text:
        latin = _helvetica_has(character)
        if run and latin != run_is_latin:
            parts.append(_pdf_run(run, run_is_latin))
            run = ""
        run += character
        run_is_latin = latin
    if run:
        parts.append(_pdf_run(run, run_is_latin))
    return "".join(parts)


def _pdf_run(run: str, latin: bool) -> str:
    return escape(run) if latin else f'<font name="{CID_FONT}">{escape(run)}</font>'
