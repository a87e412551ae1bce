"""The UN layout shared by every export: numbering of chapters, sections and paragraphs per language,
and DOCX/PDF files that read back with their text."""

import io

from docx import Document
from pypdf import PdfReader

from cosp.core.exports import Block, BlockKind, Masthead, docx_from_blocks, numbered, pdf_from_blocks

BLOCKS = [
    Block(BlockKind.TITLE, "Executive summary"),
    Block(BlockKind.CHAPTER, "Introduction"),
    Block(BlockKind.PARAGRAPH, "First paragraph."),
    Block(BlockKind.CHAPTER, "Chapter II"),
    Block(BlockKind.SECTION, "Observations"),
    Block(BlockKind.PARAGRAPH, "Second paragraph, 第二段."),
    Block(BlockKind.TABLE, rows=(("Article", "Count"), ("9", "3"))),
]


def test_chapters_restart_sections_and_paragraphs_run_through_the_document():
    labels = [label for _block, label in numbered(BLOCKS, "en")]
    assert labels == ["", "I.", "1.", "II.", "A.", "2.", ""]
    assert [label for _block, label in numbered(BLOCKS, "zh")][3] == "二."
    assert [label for _block, label in numbered(BLOCKS, "ar")][4] == "ألف-"


def test_docx_carries_the_masthead_numbers_and_table():
    data = docx_from_blocks(
        BLOCKS, "en", Masthead(symbol="CAC/COSP/IRG/I/2/1/Add.9", distribution="Distr.: General")
    )
    document = Document(io.BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[:2] == ["CAC/COSP/IRG/I/2/1/Add.9", "Distr.: General"]
    assert "II. Chapter II" in texts
    assert "2. Second paragraph, 第二段." in texts
    assert document.tables[0].cell(1, 0).text == "9"


def test_pdf_sets_chinese_in_the_cid_font():
    reader = PdfReader(io.BytesIO(pdf_from_blocks(BLOCKS, "zh", Masthead(symbol="X"))))
    text = reader.pages[0].extract_text()
    assert "二. Chapter II" in text
    assert "第二段" in text


def test_numbers_go_on_past_the_tenth_chapter():
    chapters = [Block(BlockKind.CHAPTER, "c") for _ in range(14)]
    assert [label for _block, label in numbered(chapters, "en")][-1] == "XIV."
    assert [label for _block, label in numbered(chapters, "zh")][10:12] == ["十一.", "十二."]
    assert [label for _block, label in numbered(chapters, "ar")][-1] == "14-"
    sections = [Block(BlockKind.SECTION, "s") for _ in range(27)]
    assert [label for _block, label in numbered(sections, "en")][-1] == "AA."


def test_docx_uses_the_heading_styles_of_its_blocks():
    document = Document(io.BytesIO(docx_from_blocks(BLOCKS, "en")))
    styles = [paragraph.style.name for paragraph in document.paragraphs]
    assert styles[:4] == ["Title", "Heading 1", "Normal", "Heading 1"]
    assert document.tables[0].style.name == "Table Grid"
