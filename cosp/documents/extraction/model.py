"""What extraction produces: plain dataclasses, serialised as the JSON of `cosp inspect`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


class ExtractionError(ValueError):
    """A file that cannot be read or understood. The message names what is wrong and where."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path, self.line = path, line
        where = ", ".join(part for part in (path, f"line {line}" if line else None) if part)
        super().__init__(f"{where}: {message}" if where else message)


@dataclass
class SourceText:
    """A file read into text, with how it was read."""

    text: str
    source_format: str  # txt, docx, pdf, html
    encoding: str | None = None  # for text files: utf-8, utf-16, gb18030 ...


@dataclass
class SessionInfo:
    number: int | None = None
    kind: str | None = None  # regular, special, resumed
    place: str | None = None
    start: str | None = None  # ISO date
    end: str | None = None


@dataclass
class Heading:
    label: str  # "一.", "A.", "(a)", "1."
    title: str
    level: int
    line: int | None = None


@dataclass
class Paragraph:
    number: str | None  # "12"; None for unnumbered text
    section: str | None  # label of the innermost heading it sits under, e.g. "一." or "A."
    text: str
    line: int | None = None
    annex: str | None = None  # "一" / "I" when the paragraph is inside an annex
    # The text set out in the document that numbers this paragraph (an adopted resolution
    # "第7/1号决议", a declaration's title); None for the document's own continuous numbering.
    part: str | None = None


@dataclass
class Footnote:
    number: str
    text: str


@dataclass
class Table:
    title: str | None
    rows: list[list[str]]


@dataclass
class ArticleRef:
    article: int
    paragraph: int | None = None
    subparagraph: str | None = None  # English letter: "d"


@dataclass
class OutcomeRef:
    body: str  # COSP, GA, ECOSOC, UNTOC-COP ...
    kind: str  # resolution, decision
    number: str  # "7/1", "58/4"


@dataclass
class EntityRef:
    text: str
    iso3: str | None = None  # a State (or the EU)
    organisation: str | None = None  # an organisation's name when it is one


@dataclass
class References:
    symbols: list[str] = field(default_factory=list)  # canonical symbols, in order of first mention
    articles: list[ArticleRef] = field(default_factory=list)
    outcomes: list[OutcomeRef] = field(default_factory=list)
    rules: list[int] = field(default_factory=list)
    entities: list[EntityRef] = field(default_factory=list)


@dataclass
class ExtractedDocument:
    symbol: str | None = None
    language: str | None = None  # UN code: ar zh en fr ru es
    original_language: str | None = None
    date: str | None = None  # ISO date
    distribution: str | None = None  # General, Limited, Restricted
    body: str | None = None  # the body's full name as the document gives it
    session: SessionInfo = field(default_factory=SessionInfo)
    agenda_items: list[str] = field(default_factory=list)
    title: str | None = None
    doc_type: str | None = None  # see documents.enums.DocumentType
    headings: list[Heading] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    annexes: list[str] = field(default_factory=list)  # annex titles
    references: References = field(default_factory=References)
    source_format: str | None = None
    encoding: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The shape `cosp inspect --format json` prints (the issue's contract, plus a few keys)."""
        data = asdict(self)
        refs = data.pop("references")
        data["symbols_cited"] = refs["symbols"]
        data["articles_cited"] = refs["articles"]
        data["outcomes_cited"] = refs["outcomes"]
        data["rules_cited"] = refs["rules"]
        data["entities"] = refs["entities"]
        return data
