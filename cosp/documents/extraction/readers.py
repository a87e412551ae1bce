"""Reading .txt, .docx, .pdf and .html files into text, safely.

Every failure is an ExtractionError that names the file (and the line, for text that cannot be
decoded), so an upload form or `cosp ingest` can tell the user what to fix. Tables come out as a block
between TABLE_START and TABLE_END lines, one row a line, cells separated by tabs; pages of a PDF are
separated by form feeds, so that structure.py can recognise running headers and footers.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from .model import ExtractionError, SourceText

TABLE_START = "[[table]]"
TABLE_END = "[[/table]]"
PAGE_BREAK = "\f"

DEFAULT_MAX_BYTES = 50 * 2**20
# A DOCX is a zip: its parts may expand to at most this many times the limit on the file itself,
# and no part may compress better than MAX_RATIO (real XML compresses 5-20 times; bombs, thousands).
MAX_EXPANSION = 4
MAX_RATIO = 200

# Magic numbers of formats that are not text, to reject a mislabelled binary file by name.
_MAGIC = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a zip archive (DOCX, XLSX ...)",
    b"\xd0\xcf\x11\xe0": "an old Office file (DOC, XLS)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
    b"MZ": "an executable",
    b"\x1f\x8b": "a gzip archive",
}


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read `path` into text by its extension (.txt, .docx, .pdf, .html/.htm); else ExtractionError."""
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ExtractionError(f"cannot read the file ({error.strerror or error})", path=name) from None
    if size > max_bytes:
        raise ExtractionError(f"the file is {size:,} bytes, over the limit of {max_bytes:,}", path=name)
    if size == 0:
        raise ExtractionError("the file is empty", path=name)
    suffix = path.suffix.lower()
    if suffix in {".txt", ".text", ""}:
        text, encoding = decode_text(path.read_bytes(), path=name)
        return SourceText(text=_normalise_newlines(text), source_format="txt", encoding=encoding)
    if suffix == ".docx":
        return SourceText(text=_read_docx(path, max_bytes=max_bytes), source_format="docx")
    if suffix == ".pdf":
        return SourceText(text=_read_pdf(path), source_format="pdf")
    if suffix in {".html", ".htm", ".xhtml"}:
        text, encoding = decode_text(path.read_bytes(), path=name, html=True)
        return SourceText(text=html_to_text(text), source_format="html", encoding=encoding)
    raise ExtractionError(
        f"unsupported file type {suffix!r} (expected .txt, .docx, .pdf or .html)", path=name
    )


# --- text and encodings ------------------------------------------------------------------------------


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL bytes in every other position wherever the text is ASCII."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even = sum(1 for byte in sample[0::2] if byte == 0)
    odd = sum(1 for byte in sample[1::2] if byte == 0)
    pairs = len(sample) // 2
    if odd > pairs * 0.2 and even < odd * 0.1:
        return "utf-16-le"
    if even > pairs * 0.2 and odd < even * 0.1:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    controls = sum(1 for char in text[:8192] if ord(char) < 32 and char not in "\t\n\r\f\v\x1b")
    return controls > max(8, len(text[:8192]) * 0.01)


def _cjk_share(text: str) -> float:
    letters = [char for char in text if ord(char) > 127]
    if not letters:
        return 0.0
    return sum(1 for char in letters if "\u4e00" <= char <= "\u9fff" or "\u3000" <= char <= "\u303f") / len(
        letters
    )


_HTML_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)


def decode_text(data: bytes, *, path: str | None = None, html: bool = False) -> tuple[str, str]:
    """Decode bytes of unknown encoding: BOMs, UTF-16 without BOM, UTF-8, GB18030/GBK, then detection."""
    if not data:
        raise ExtractionError("the file is empty", path=path)
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding, path), encoding.removesuffix("-le").removesuffix("-be")
    if encoding := _utf16_without_bom(data):
        return _strict(data, encoding, path), "utf-16"
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ExtractionError(f"this is {what}, not text", path=path)
    if b"\x00" in data[:8192]:
        raise ExtractionError("binary content (NUL bytes), not text", path=path)
    if html and (declared := _HTML_CHARSET.search(data[:2048])):
        try:
            return data.decode(declared.group(1).decode("ascii")), declared.group(1).decode("ascii").lower()
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall back on detection
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        text, utf8_error = None, error
    if text is not None:
        if _looks_binary(text):
            raise ExtractionError("binary content (control characters), not text", path=path)
        return text, "utf-8"
    # Mostly valid UTF-8 with a few bad bytes is a damaged UTF-8 file, not another encoding: say where.
    damaged = data.decode("utf-8", errors="replace")
    bad = damaged.count("\ufffd")
    multibyte = sum(1 for char in damaged if ord(char) > 127) - bad
    if multibyte >= 20 and bad * 20 < multibyte:
        line = _line_of(data, utf8_error.start)
        raise ExtractionError("invalid UTF-8 (the file is damaged or mixes encodings)", path=path, line=line)
    try:
        text = data.decode("gb18030")
        # GB18030 decodes almost any byte string; accept it only when the result reads as Chinese.
        if _cjk_share(text) > 0.6 and not _looks_binary(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported late: only unusual files get this far

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        text = str(best)
        if not _looks_binary(text):
            return text, best.encoding
    raise ExtractionError(
        "cannot determine the text encoding (expected UTF-8, UTF-16 or GB18030)",
        path=path,
        line=_line_of(data, utf8_error.start),
    )


def _strict(data: bytes, encoding: str, path: str | None) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        # Count lines in the decoded prefix: newlines are not single bytes in UTF-16.
        line = data[: error.start].decode(encoding, errors="ignore").count("\n") + 1
        raise ExtractionError(f"invalid {encoding.upper()} text", path=path, line=line) from None
    if _looks_binary(text):
        raise ExtractionError("binary content (control characters), not text", path=path)
    return text


# --- DOCX ----------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_zip(archive: zipfile.ZipFile, *, path: str, max_bytes: int) -> None:
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > 2**20 and info.file_size > max(info.compress_size, 1) * MAX_RATIO:
            raise ExtractionError(
                f"refused: the part {info.filename!r} expands {info.file_size // max(info.compress_size, 1)}"
                " times (a zip bomb?)",
                path=path,
            )
    if total > max_bytes * MAX_EXPANSION:
        raise ExtractionError(
            f"refused: the parts expand to {total:,} bytes, over {max_bytes * MAX_EXPANSION:,}", path=path
        )


def _read_part(archive: zipfile.ZipFile, name: str, *, path: str, limit: int) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    with archive.open(info) as handle:
        # Read one byte past the limit: the header's sizes may lie, the stream cannot.
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ExtractionError(f"refused: the part {name!r} is larger than {limit:,} bytes", path=path)
    return data


def _parse_xml(data: bytes, *, path: str, part: str):
    from lxml import etree

    # No entities, no network, no DTDs: a DOCX part is plain XML and nothing else.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as error:
        raise ExtractionError(f"damaged DOCX: {part} is not well-formed XML ({error})", path=path) from None


def _format_number(value: int, fmt: str) -> str:
    from .numerals import int_to_chinese

    if fmt in {"lowerLetter", "upperLetter"}:
        text = chr(ord("a") + (value - 1) % 26)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in {"lowerRoman", "upperRoman"}:
        numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        text, rest = "", value
        for number, symbol in numerals:
            while rest >= number:
                text, rest = text + symbol, rest - number
        return text.upper() if fmt == "upperRoman" else text
    if fmt.startswith(("chinese", "ideograph", "taiwanese")):
        return int_to_chinese(value)
    return str(value)


class _Numbering:
    """Word's automatic numbering (numbering.xml): UN documents number paragraphs this way."""

    def __init__(self, root) -> None:
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}
        self.counters: dict[tuple[str, str], int] = {}
        if root is None:
            return
        abstract = {}
        for node in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                levels[lvl.get(f"{_W}ilvl")] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    text.get(f"{_W}val") if text is not None else "",
                    int(start.get(f"{_W}val")) if start is not None else 1,
                )
            abstract[node.get(f"{_W}abstractNumId")] = levels
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            for ilvl, level in abstract.get(ref.get(f"{_W}val") if ref is not None else "", {}).items():
                self.levels[(num.get(f"{_W}numId"), ilvl)] = level

    def label(self, num_id: str, ilvl: str) -> str:
        level = self.levels.get((num_id, ilvl))
        if level is None:
            return ""
        fmt, pattern, start = level
        if fmt in {"bullet", "none"}:
            return ""
        key = (num_id, ilvl)
        self.counters[key] = self.counters.get(key, start - 1) + 1
        # A deeper level restarts whenever its parent advances.
        for other in list(self.counters):
            if other[0] == num_id and other[1] > ilvl:
                del self.counters[other]
        return re.sub(r"%\d", _format_number(self.counters[key], fmt), pattern, count=1)


def _run_text(paragraph, footnotes: dict[str, str]) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        tag = node.tag
        if tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif tag == f"{_W}tab":
            parts.append(" ")
        elif tag in {f"{_W}br", f"{_W}cr"}:
            parts.append("\n")
        elif tag == f"{_W}footnoteReference":
            number = footnotes.setdefault(node.get(f"{_W}id"), str(len(footnotes) + 1))
            parts.append(number.translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")))
    return "".join(parts)


def _read_docx(path: Path, *, max_bytes: int) -> str:
    name = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ExtractionError(
            "not a valid DOCX: the zip archive is damaged or truncated", path=name
        ) from None
    with archive:
        _check_zip(archive, path=name, max_bytes=max_bytes)
        limit = max_bytes * MAX_EXPANSION
        try:
            document = _read_part(archive, "word/document.xml", path=name, limit=limit)
            numbering_xml = _read_part(archive, "word/numbering.xml", path=name, limit=limit)
            footnotes_xml = _read_part(archive, "word/footnotes.xml", path=name, limit=limit)
        except (zipfile.BadZipFile, EOFError, OSError) as error:
            raise ExtractionError(f"damaged DOCX: {error}", path=name) from None
        except RuntimeError as error:  # encrypted entries
            raise ExtractionError(f"cannot read the DOCX: {error}", path=name) from None
    if document is None:
        raise ExtractionError("not a DOCX: word/document.xml is missing", path=name)
    root = _parse_xml(document, path=name, part="word/document.xml")
    numbering = _Numbering(
        _parse_xml(numbering_xml, path=name, part="word/numbering.xml") if numbering_xml else None
    )
    body = root.find(f"{_W}body")
    if body is None:
        raise ExtractionError("damaged DOCX: the document has no body", path=name)
    footnote_numbers: dict[str, str] = {}
    lines: list[str] = []
    for element in body:
        if element.tag == f"{_W}p":
            label = ""
            num_pr = element.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                num_id, ilvl = num_pr.find(f"{_W}numId"), num_pr.find(f"{_W}ilvl")
                label = numbering.label(
                    num_id.get(f"{_W}val") if num_id is not None else "",
                    ilvl.get(f"{_W}val") if ilvl is not None else "0",
                )
            text = _run_text(element, footnote_numbers)
            lines.append(f"{label} {text}".strip() if label else text)
            lines.append("")
        elif element.tag == f"{_W}tbl":
            lines.append(TABLE_START)
            for row in element.iter(f"{_W}tr"):
                cells = []
                for cell in row.iter(f"{_W}tc"):
                    texts = [_run_text(p, footnote_numbers) for p in cell.iter(f"{_W}p")]
                    cells.append(" ".join(t.strip() for t in texts if t.strip()).replace("\t", " "))
                lines.append("\t".join(cells))
            lines.extend([TABLE_END, ""])
    if footnotes_xml and footnote_numbers:
        notes = _parse_xml(footnotes_xml, path=name, part="word/footnotes.xml")
        for note in notes.iter(f"{_W}footnote"):
            number = footnote_numbers.get(note.get(f"{_W}id"))
            if number:
                text = " ".join(_run_text(p, {}).strip() for p in note.iter(f"{_W}p")).strip()
                sup = number.translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
                lines.extend([f"{sup} {text.lstrip(sup).strip()}", ""])
    return "\n".join(lines)


# --- PDF -----------------------------------------------------------------------------------------------


def _read_pdf(path: Path) -> str:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    name = str(path)
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files are reported as errors below
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError("the PDF is encrypted with a password", path=name)
        pages = [page.extract_text() or "" for page in reader.pages]
    except ExtractionError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise ExtractionError(f"damaged or truncated PDF ({error})", path=name) from None
    if not pages:
        raise ExtractionError("the PDF has no pages", path=name)
    if not any(page.strip() for page in pages):
        raise ExtractionError("the PDF has no text layer (a scan?): it needs OCR first", path=name)
    return PAGE_BREAK.join(_normalise_newlines(page) for page in pages)


# --- HTML ----------------------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "li", "ul", "ol",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dl", "dt", "dd", "address", "figure",
    "figcaption", "hr", "title", "body", "html",
}  # fmt: skip
_SKIPPED_TAGS = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "head"}


class _TextParser(HTMLParser):
    """Collects text only: skipped elements' content is dropped, markup never survives."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping: list[str] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.extend([text, ""])
        self.current = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping.append(tag)
            return
        if self.skipping:
            return
        if tag == "table":
            self._flush()
            self.lines.append(TABLE_START)
        elif tag == "tr":
            self.row = []
        elif tag in {"td", "th"}:
            self.cell = []
        elif tag == "br":
            (self.cell if self.cell is not None else self.current).append("\n" if self.cell is None else " ")
            if self.cell is None:
                self._flush()
        elif tag in _BLOCK_TAGS and self.cell is None:
            self._flush()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag not in _SKIPPED_TAGS:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in {"td", "th"} and self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.lines.append("\t".join(self.row))
            self.row = None
        elif tag == "table":
            self.lines.extend([TABLE_END, ""])
        elif tag in _BLOCK_TAGS and self.cell is None:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        (self.cell if self.cell is not None else self.current).append(data)

    def text(self) -> str:
        self._flush()
        return "\n".join(self.lines)


def html_to_text(html: str) -> str:
    """The text of an HTML page: no scripts or styles, block elements on lines of their own."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return parser.text()
