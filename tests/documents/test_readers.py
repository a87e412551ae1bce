"""Reading files: encodings, formats, and the bad input each must refuse with a clear message."""

import codecs
import io
import zipfile

import pytest

from cosp.documents.extraction.model import ExtractionError
from cosp.documents.extraction.readers import TABLE_END, TABLE_START, read_file

pytestmark = [pytest.mark.unit]

CHINESE = "缔约国会议第七届会议报告\n1. 缔约国会议于2017年11月6日至10日在维也纳举行。\n"
ENGLISH = "Report of the Conference\n1. The Conference met in Vienna.\n"


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (CHINESE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + CHINESE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + CHINESE.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + CHINESE.encode("utf-16-be"), "utf-16"),
        (CHINESE.encode("utf-16-le"), "utf-16"),
        (CHINESE.encode("utf-16-be"), "utf-16"),
        (CHINESE.encode("gbk"), "gb18030"),
        (CHINESE.encode("gb18030"), "gb18030"),
    ],
)
def test_chinese_text_in_every_encoding(tmp_path, data, encoding):
    source = read_file(write(tmp_path, "doc.txt", data))
    assert source.text == CHINESE
    assert source.encoding == encoding
    assert source.source_format == "txt"


def test_english_utf16_without_bom(tmp_path):
    assert read_file(write(tmp_path, "doc.txt", ENGLISH.encode("utf-16-le"))).text == ENGLISH


def test_windows_newlines_become_plain(tmp_path):
    assert read_file(write(tmp_path, "doc.txt", b"a\r\nb\r\n")).text == "a\nb\n"


def test_empty_file(tmp_path):
    with pytest.raises(ExtractionError, match=r"doc\.txt: the file is empty"):
        read_file(write(tmp_path, "doc.txt", b""))


@pytest.mark.parametrize(
    "data", [b"\x00\x01\x02\x03binary\x00\xff" * 50, b"\x89PNG\r\n\x1a\n" + b"\x00" * 30]
)
def test_binary_file(tmp_path, data):
    with pytest.raises(ExtractionError, match=r"doc\.txt: .*(binary|PNG)"):
        read_file(write(tmp_path, "doc.txt", data))


def test_damaged_utf8_names_the_line(tmp_path):
    data = ("第一行文字很长很长很长很长很长\n" * 5).encode("utf-8") + b"\xff\xfe bad\n"
    with pytest.raises(ExtractionError, match=r"doc\.txt, line 6: invalid UTF-8") as error:
        read_file(write(tmp_path, "doc.txt", data))
    assert error.value.line == 6


def test_over_size_file(tmp_path):
    with pytest.raises(ExtractionError, match="over the limit of 100"):
        read_file(write(tmp_path, "doc.txt", b"x" * 101), max_bytes=100)


def test_unsupported_type(tmp_path):
    with pytest.raises(ExtractionError, match=r"unsupported file type '\.xls'"):
        read_file(write(tmp_path, "doc.xls", b"data"))


# --- DOCX ----------------------------------------------------------------------------------------------


def make_docx(path):
    import docx

    document = docx.Document()
    document.add_paragraph("一. 导言")
    document.add_paragraph("1. 缔约国会议在维也纳举行了第七届会议。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "文号", "标题"
    table.cell(1, 0).text, table.cell(1, 1).text = "CAC/COSP/2017/1", "临时议程"
    document.add_paragraph("2. 会议闭幕。")
    document.save(path)
    return path


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    source = read_file(make_docx(tmp_path / "doc.docx"))
    lines = [line for line in source.text.split("\n") if line]
    assert lines == [
        "一. 导言",
        "1. 缔约国会议在维也纳举行了第七届会议。",
        TABLE_START,
        "文号\t标题",
        "CAC/COSP/2017/1\t临时议程",
        TABLE_END,
        "2. 会议闭幕。",
    ]
    assert source.source_format == "docx"


def test_truncated_docx(tmp_path):
    data = make_docx(tmp_path / "full.docx").read_bytes()
    with pytest.raises(ExtractionError, match=r"doc\.docx: not a valid DOCX"):
        read_file(write(tmp_path, "doc.docx", data[: len(data) // 2]))


def test_zip_bomb_docx_is_refused_before_reading(tmp_path):
    path = tmp_path / "bomb.docx"
    chunk = b"\x00" * 2**20
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as entry,
    ):
        for _ in range(200):  # 200 MB of zeros compress to about 200 kB
            entry.write(chunk)
    assert path.stat().st_size < 2**20
    with pytest.raises(ExtractionError, match=r"bomb\.docx: refused"):
        read_file(path)


def test_docx_with_external_entity_is_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&x;text</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "xxe.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", xml)
    assert "TOP SECRET" not in read_file(path).text


# --- PDF -----------------------------------------------------------------------------------------------


def minimal_pdf(text: str | None) -> bytes:
    """A one-page PDF written by hand; with `text`, a text layer in Helvetica; without, an empty page."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1") if text else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_pdf_with_a_text_layer(tmp_path):
    source = read_file(write(tmp_path, "doc.pdf", minimal_pdf("1. The Conference met in Vienna.")))
    assert "The Conference met in Vienna." in source.text
    assert source.source_format == "pdf"


def test_pdf_without_text(tmp_path):
    with pytest.raises(ExtractionError, match=r"doc\.pdf: the PDF has no text layer"):
        read_file(write(tmp_path, "doc.pdf", minimal_pdf(None)))


def test_truncated_pdf(tmp_path):
    with pytest.raises(ExtractionError, match=r"doc\.pdf: "):
        read_file(write(tmp_path, "doc.pdf", minimal_pdf("Hello")[:60]))


# --- HTML ----------------------------------------------------------------------------------------------


def test_html_drops_scripts_styles_and_markup(tmp_path):
    html = (
        "<html><head><title>t</title><style>p {color: red}</style></head><body>"
        "<h1>Report</h1><p>1. The <b>Conference</b> met &amp; decided.</p>"
        "<script>alert('owned')</script><p>2. Closing<br>of the session.</p>"
        "<table><tr><th>Symbol</th><th>Title</th></tr><tr><td>CAC/COSP/2017/1</td><td>Agenda</td></tr></table>"
        "</body></html>"
    )
    source = read_file(write(tmp_path, "doc.html", html.encode("utf-8")))
    assert "alert" not in source.text
    assert "color" not in source.text
    assert "<" not in source.text
    lines = [line for line in source.text.split("\n") if line]
    assert lines == [
        "Report",
        "1. The Conference met & decided.",
        "2. Closing",
        "of the session.",
        TABLE_START,
        "Symbol\tTitle",
        "CAC/COSP/2017/1\tAgenda",
        TABLE_END,
    ]


def test_html_in_gbk_with_a_meta_charset(tmp_path):
    html = '<html><head><meta charset="gbk"></head><body><p>缔约国会议</p></body></html>'
    source = read_file(write(tmp_path, "doc.htm", html.encode("gbk")))
    assert source.text.strip() == "缔约国会议"
