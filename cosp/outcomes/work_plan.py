"""A multi-year work plan read from a document's table: which body discusses which paragraphs of the
2021 political declaration, and when.

A plan is a table of rows (date or year, body or bodies, declaration paragraphs, keywords), written in
Chinese or in English:

    年份 / 日期               机构                           宣言段落              关键词
    2022年6月13日至17日       实施情况审议组                 第 3-5、10 段         公共采购；利益冲突
    2023                      预防工作组和资产追回工作组     第41至43段            实益所有权

    Date                      Body                           Paragraphs            Keywords
    13-17 June 2022           Implementation Review Group    paragraphs 3 to 5 and 10   procurement
    2023                      WG-PREV; WG-AR                 41-43                 beneficial ownership

The documents extraction keeps tables as `Table(title, rows)` (and stores each row as a Block of kind
`table_row`, cells joined by " | "); this module reads those rows. A cell it cannot read is reported
with its row (counted as in the table, the header being row 1), its column and its text, so that an
import can refuse the whole table rather than store part of it.

No Django here: plain functions, tested on their own. Body names map to `meetings.Body.code` through
the project's bodies file (`cosp/meetings/data/bodies.csv`) and the other spellings listed below;
callers may add names (the database's bodies in every language).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from cosp.documents.extraction.model import Table
from cosp.documents.extraction.numerals import chinese_to_int

BODIES_FILE = Path(__file__).resolve().parent.parent / "meetings" / "data" / "bodies.csv"

# Spellings of the bodies that the bodies file does not hold: short forms, word orders and the plural
# forms plans use for joint meetings. Matched case-insensitively after the cell is normalised.
EXTRA_BODY_NAMES: dict[str, tuple[str, ...]] = {
    "Conference": ("COSP",),
    "Conference of the States Parties": ("COSP",),
    "CoSP": ("COSP",),
    "公约缔约国会议": ("COSP",),
    "审议组": ("IRG",),
    "Working Group on Asset Recovery": ("WG-AR",),
    "Asset Recovery Working Group": ("WG-AR",),
    "WG on Asset Recovery": ("WG-AR",),
    "WGAR": ("WG-AR",),
    "资产追回问题工作组": ("WG-AR",),
    "Working Group on the Prevention of Corruption": ("WG-PREV",),
    "Working Group on Prevention": ("WG-PREV",),
    "Prevention Working Group": ("WG-PREV",),
    "WG on Prevention": ("WG-PREV",),
    "WGP": ("WG-PREV",),
    "预防腐败工作组": ("WG-PREV",),
    "预防腐败问题工作组": ("WG-PREV",),
    "Expert Meeting on International Cooperation": ("EG-IC",),
    "Expert Meetings on International Cooperation": ("EG-IC",),
    "International Cooperation Expert Meeting": ("EG-IC",),
    "Expert Group on International Cooperation": ("EG-IC",),
    "国际合作问题专家会议": ("EG-IC",),
    "国际合作专家组": ("EG-IC",),
    "Working Groups on Prevention and Asset Recovery": ("WG-PREV", "WG-AR"),
    "Working Groups on Prevention and on Asset Recovery": ("WG-PREV", "WG-AR"),
    "Working Groups on the Prevention of Corruption and on Asset Recovery": ("WG-PREV", "WG-AR"),
    "预防和资产追回工作组": ("WG-PREV", "WG-AR"),
}

# Which column holds what, from the header row's words; "when" is tried first so that "Meeting date" or
# "会议日期" is a date and not a body.
COLUMN_WORDS: list[tuple[str, str]] = [
    ("when", r"date|year|when|period|timing|日期|年份|年度|时间|期间"),
    ("paragraphs", r"paragraph|para\b|paras\b|¶|段"),
    ("bodies", r"bod(?:y|ies)|meeting|organ|forum|机构|机关|会议|附属"),
    ("keywords", r"keyword|topic|theme|subject|focus|关键|主题|专题|议题|重点"),
]
REQUIRED_COLUMNS = ("when", "bodies", "paragraphs")
# A table without a header row is read in the order the issue gives.
DEFAULT_COLUMNS = {"when": 0, "bodies": 1, "paragraphs": 2, "keywords": 3}

# What a problem's code means, in English (the pages translate the codes themselves).
PROBLEMS = {
    "no_declaration": "the political declaration is not in the database yet: ingest it first",
    "no_table": "no table with the work plan's columns (date or year, body, paragraphs) was found",
    "no_rows": "the table has a header but no row that reads as a plan's row",
    "no_date": "no date or year",
    "bad_date": "not a date or a year",
    "reversed_dates": "the meeting ends before it starts",
    "no_body": "no body",
    "unknown_body": "no body answers to this name",
    "no_paragraphs": "neither declaration paragraphs nor keywords",
    "bad_paragraphs": "not a list of paragraph numbers",
    "reversed_range": "a range of paragraphs that runs backwards",
    "unknown_paragraph": "the declaration has no such paragraph",
    "duplicate_row": "the same date, bodies and paragraphs as an earlier row",
    "rows_differ": "the language versions' tables do not have the same rows",
    "versions_differ": "the language versions do not agree on this cell",
}


@dataclass(frozen=True)
class WorkPlanProblem:
    """A cell (or the whole table, row 0) that cannot be read."""

    row: int  # as counted in the table, the header being row 1; 0 for the table as a whole
    column: str  # "when", "bodies", "paragraphs", "keywords", or "" for the table
    cell: str  # the cell's text as the document gives it
    code: str  # a key of PROBLEMS
    detail: str = ""  # the part of the cell at fault (an unknown name, a paragraph number ...)
    language: str = ""  # the language version it was found in, when there are several

    @property
    def message(self) -> str:
        """In English, for logs and the command line."""
        where = f"row {self.row}, {self.column}" if self.row else "table"
        detail = f" ({self.detail})" if self.detail else ""
        language = f"[{self.language}] " if self.language else ""
        return f"{language}{where}: {PROBLEMS[self.code]}{detail}: {self.cell!r}"


@dataclass(frozen=True)
class When:
    """A row's date: a year, with the meeting's first and last days when the row gives them."""

    year: int
    start: date | None = None
    end: date | None = None


def entry_key(year: int, start: date | None, bodies: Iterable[str], paragraphs: Iterable[int]) -> tuple:
    """What makes two rows (of two language versions, or a row and a stored entry) the same entry:
    the year, the first day, the bodies and the paragraphs, in whatever order."""
    return (year, start, frozenset(bodies), frozenset(paragraphs))


@dataclass(frozen=True)
class WorkPlanRow:
    row: int  # as counted in the table, the header being row 1
    when: When
    bodies: tuple[str, ...]  # meetings.Body codes, in the order the cell names them
    paragraphs: tuple[int, ...]  # declaration paragraph numbers, ascending
    keywords: str

    @property
    def key(self) -> tuple:
        """What makes a row the same row in another language version or in the database."""
        return entry_key(self.when.year, self.when.start, self.bodies, self.paragraphs)


@dataclass
class WorkPlanReading:
    """What one table (one language version) yields."""

    rows: list[WorkPlanRow] = field(default_factory=list)
    problems: list[WorkPlanProblem] = field(default_factory=list)
    table_title: str | None = None


@dataclass(frozen=True)
class PlanEntry:
    """A row read in every language version held: the same date, bodies and paragraphs, with the
    keywords in each language."""

    row: int
    when: When
    bodies: tuple[str, ...]
    paragraphs: tuple[int, ...]
    keywords: dict[str, str]  # UN language code → keywords

    @property
    def key(self) -> tuple:
        return entry_key(self.when.year, self.when.start, self.bodies, self.paragraphs)


@dataclass
class WorkPlan:
    entries: list[PlanEntry] = field(default_factory=list)
    problems: list[WorkPlanProblem] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)


class CellError(ValueError):
    """A cell that cannot be read: `code` is a key of PROBLEMS, `detail` the part at fault."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code, self.detail = code, detail
        super().__init__(f"{PROBLEMS[code]}{f' ({detail})' if detail else ''}")


# --- Normalising a cell ---------------------------------------------------------------------------

_DASHES = re.compile(r"\s*[-‐‑‒–—―−~～]+\s*")
_CJK = r"\u3400-\u9fff"


def normalise_cell(text: str) -> str:
    """Full-width forms folded (NFKC), dashes made one "-", runs of spaces made one, and the spaces PDF
    conversion puts around Chinese characters removed ("2022 年 6 月" → "2022年6月")."""
    value = unicodedata.normalize("NFKC", text or "")
    value = _DASHES.sub("-", value)
    value = re.sub(r"\s+", " ", value).strip()
    return re.sub(rf"(?<=[{_CJK}\d])\s+(?=[{_CJK}])|(?<=[{_CJK}])\s+(?=[{_CJK}\d])", "", value)


def _blank(text: str) -> bool:
    return normalise_cell(text) in {"", "-", "—", "n/a", "N/A", "无", "不适用"}


# --- Dates and years ------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_TENTATIVE = re.compile(
    r"\s*[(（]?\s*(?:tentative|tentatively|to be confirmed|tbc|tbd|暂定|待定|待确定)\s*[)）]?\s*$", re.I
)
_TO = r"(?:-|to|至|到)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_ZH_DATE = re.compile(
    rf"{_YEAR}年(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})日?"
    rf"(?:{_TO}(?:(?P<year2>\d{{4}})年)?(?:(?P<month2>\d{{1,2}})月)?(?P<day2>\d{{1,2}})日)?"
)
_EN_DATE = re.compile(
    r"(?P<day>\d{1,2})(?:\s*(?P<month>[a-z]+)\.?(?:\s+(?P<year>\d{4}))?)?"
    rf"(?:\s*{_TO}\s*(?P<day2>\d{{1,2}}))?\s+(?P<month2>[a-z]+)\.?,?\s+(?P<year2>\d{{4}})",
    re.I,
)
_EN_DATE_US = re.compile(
    r"(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2})"
    rf"(?:\s*{_TO}\s*(?:(?P<month2>[a-z]+)\.?\s+)?(?P<day2>\d{{1,2}}))?,?\s+(?P<year>\d{{4}})",
    re.I,
)
_ISO_DATE = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:\s*(?:/|to)\s*(?P<end>[\d-]{10}))?"
)
# A year alone, or a part of it that names no day: "2023", "2023年", "June 2023", "2023年6月",
# "second half of 2023", "2023年下半年", "Q3 2023".
_YEAR_ONLY = [
    re.compile(rf"{_YEAR}年?(?:度)?"),
    re.compile(rf"(?:[a-z]+\.?\s+){_YEAR}", re.I),
    re.compile(rf"{_YEAR}年(?:\d{{1,2}}月|[上下]半年|第?[一二三四1-4]季度)"),
    re.compile(rf"(?:the\s+)?(?:first|second)\s+half\s+(?:of\s+)?{_YEAR}", re.I),
    re.compile(rf"(?:Q[1-4]|(?:first|second|third|fourth)\s+quarter(?:\s+of)?)\s+{_YEAR}", re.I),
]


def _day(year: int | str, month: int | str | None, day: int | str) -> date:
    month_number = int(month) if str(month).isdigit() else _MONTHS.get(str(month).lower().rstrip("."))
    if month_number is None:
        raise CellError("bad_date", str(month))
    try:
        return date(int(year), month_number, int(day))
    except ValueError as error:
        raise CellError("bad_date", f"{year}-{month_number}-{day}") from error


def parse_when(text: str) -> When:
    """A row's date or year: `2022`, `2022年6月13日至17日`, `13-17 June 2022`, `30 May to 3 June 2022`,
    `June 13-17, 2022`, `2022-06-13`, `second half of 2023`; a trailing "(tentative)" is allowed.
    Raises CellError when the cell is none of these."""
    value = _TENTATIVE.sub("", normalise_cell(text))
    if not value:
        raise CellError("no_date")
    if match := _ZH_DATE.fullmatch(value):
        start = _day(match["year"], match["month"], match["day"])
        end = start
        if match["day2"]:
            end = _day(match["year2"] or start.year, match["month2"] or start.month, match["day2"])
        return _checked(start, end)
    if match := _ISO_DATE.fullmatch(value):
        start = _day(match["year"], match["month"], match["day"])
        end = start
        if match["end"]:
            if not (end_match := _ISO_DATE.fullmatch(match["end"])):
                raise CellError("bad_date", match["end"])
            end = _day(end_match["year"], end_match["month"], end_match["day"])
        return _checked(start, end)
    if match := _EN_DATE.fullmatch(value):
        end = _day(match["year2"], match["month2"], match["day2"] or match["day"])
        if match["day2"]:
            start = _day(match["year"] or end.year, match["month"] or match["month2"], match["day"])
        elif match["month"]:
            raise CellError("bad_date", value)  # "13 June 17 June 2022": two dates without a "to"
        else:
            start = end
        return _checked(start, end)
    if match := _EN_DATE_US.fullmatch(value):
        start = _day(match["year"], match["month"], match["day"])
        end = start
        if match["day2"]:
            end = _day(match["year"], match["month2"] or match["month"], match["day2"])
        return _checked(start, end)
    for pattern in _YEAR_ONLY:
        if match := pattern.fullmatch(value):
            words = re.findall(r"[a-z]+", value.lower())
            known = {"the", "first", "second", "third", "fourth", "half", "of", "quarter", "q"}
            if words and not all(word in _MONTHS or word in known for word in words):
                break  # "Vienna 2023" names no part of a year
            return When(year=int(match["year"]))
    raise CellError("bad_date", value)


def _checked(start: date, end: date) -> When:
    if end < start:
        raise CellError("reversed_dates", f"{start.isoformat()} – {end.isoformat()}")
    return When(year=start.year, start=start, end=end)


# --- Bodies ---------------------------------------------------------------------------------------

BodyNames = Mapping[str, str | Iterable[str]]


@lru_cache(maxsize=1)
def _file_body_names() -> dict[str, tuple[str, ...]]:
    """Every name and abbreviation in the bodies file, in Chinese and in English, → its code."""
    names: dict[str, tuple[str, ...]] = {}
    with BODIES_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for column in ("code", "abbreviation_en", "abbreviation_zh", "name_en", "name_zh"):
                if row.get(column):
                    names[row[column]] = (row["code"],)
    return names


def body_names(extra: BodyNames | None = None) -> dict[str, tuple[str, ...]]:
    """The names a plan may give a body (normalised, lower case) → the codes they stand for."""
    names: dict[str, tuple[str, ...]] = {}
    for source in (_file_body_names(), EXTRA_BODY_NAMES, extra or {}):
        for name, codes in source.items():
            key = _body_key(name)
            if key:
                names[key] = (codes,) if isinstance(codes, str) else tuple(codes)
    return names


def _body_key(name: str) -> str:
    value = normalise_cell(name).lower()
    # The long titles begin "Open-ended Intergovernmental ..." (不限成员名额政府间), which plans drop.
    value = re.sub(r"\bopen-ended\s+|\bintergovernmental\s+", "", value)
    value = value.replace("不限成员名额", "").replace("政府间", "")
    return re.sub(r"^the\s+", "", value).strip()


# What may stand between and around body names: separators, "and", session qualifiers.
_BODY_FILLER = re.compile(
    r"[\s,;、，；/&+()（）]|\band\b|\bthe\b|\bwith\b|\bof\b|和|与|及|以及|同|"
    r"\bjoint\s+meetings?\b|\bback-to-back\b|联席会议|联合会议|\bresumed\b|续会|"
    r"\bsessions?\b|\bmeetings?\b|第?[\d一二三四五六七八九十]+届(?:会议|会)?|"
    r"\b\d{1,2}(?:st|nd|rd|th)\b|\b(?:[a-z]+-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
    r"eighteenth|nineteenth|twentieth)\b",
    re.I,
)


def parse_bodies(text: str, names: Mapping[str, tuple[str, ...]] | None = None) -> tuple[str, ...]:
    """The codes of the bodies a cell names ("实施情况审议组和预防工作组", "IRG; WG on Prevention",
    "Implementation Review Group (resumed thirteenth session)"), in the order named, each once.
    `names` is `body_names()` or a mapping like it. Raises CellError naming what no body answers to."""
    names = names if names is not None else body_names()
    value = _body_key(text)
    if not value:
        raise CellError("no_body")
    found: list[tuple[int, tuple[str, ...]]] = []
    # Longest names first, so that "预防腐败问题工作组" is not read as a shorter name inside it.
    for name in sorted(names, key=len, reverse=True):
        ascii_name = name.isascii()
        pattern = re.escape(name)
        if ascii_name:
            pattern = rf"(?<![a-z0-9]){pattern}(?![a-z0-9])"
        for match in re.finditer(pattern, value):
            found.append((match.start(), names[name]))
        value = re.sub(pattern, lambda m: "\x00" * len(m.group()), value)
    leftover = _BODY_FILLER.sub(" ", value.replace("\x00", " ")).strip()
    if leftover:
        raise CellError("unknown_body", re.sub(r"\s+", " ", leftover))
    codes: list[str] = []
    for _start, named in sorted(found, key=lambda pair: pair[0]):
        codes.extend(code for code in named if code not in codes)
    if not codes:
        raise CellError("no_body")
    return tuple(codes)


# --- Paragraph lists ------------------------------------------------------------------------------

_PARAGRAPH_WORDS = re.compile(
    r"\b(?:paragraphs?|paras?\.?|pars?\.?)\s*|[¶§]+\s*|第|段|"
    r"\bof the (?:political )?declaration\b|政治宣言|宣言",
    re.I,
)


def parse_paragraphs(text: str) -> tuple[int, ...]:
    """The paragraph numbers a cell lists, ascending and each once: `第 3-5、10 段`, `第3至5段和第10段`,
    `paragraphs 3 to 5 and 10`, `paras. 3-5, 10`, `3, 5, 10-12`, `第五十二段`. () for an empty cell.
    Raises CellError for anything else."""
    value = normalise_cell(text)
    if _blank(value):
        return ()
    value = _PARAGRAPH_WORDS.sub(" ", value)
    value = re.sub(r"\s*(?:\bto\b|至|到)\s*", "-", value, flags=re.I)
    value = re.sub(r"\s*(?:\band\b|以及|和|及|与|[,;、/])\s*", ",", value, flags=re.I)
    # Chinese numerals ("第五十二段") become digits.
    value = re.sub(r"[零〇一二两三四五六七八九十百]+", lambda m: str(chinese_to_int(m.group())), value)
    numbers: set[int] = set()
    for part in filter(None, (piece.strip(" .") for piece in re.split(r"[,\s]+", value))):
        if match := re.fullmatch(r"(\d{1,3})(?:-(\d{1,3}))?", part):
            first, last = int(match[1]), int(match[2] or match[1])
            if last < first:
                raise CellError("reversed_range", part)
            numbers.update(range(first, last + 1))
        else:
            raise CellError("bad_paragraphs", part)
    if not numbers:
        raise CellError("bad_paragraphs", value)
    return tuple(sorted(numbers))


# --- Tables ---------------------------------------------------------------------------------------


def header_columns(row: Sequence[str]) -> dict[str, int] | None:
    """Which column holds what, when `row` is a work plan's header row; None otherwise."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(row):
        text = normalise_cell(cell).lower()
        if not text or len(text) > 60:
            continue
        for kind, words in COLUMN_WORDS:
            if kind not in columns and re.search(words, text):
                columns[kind] = index
                break
    return columns if all(kind in columns for kind in REQUIRED_COLUMNS) else None


def rows_from_blocks(texts: Iterable[str]) -> list[list[str]]:
    """Table rows as the database keeps them (Blocks of kind `table_row`, cells joined by " | ")."""
    return [[cell.strip() for cell in text.split(" | ")] for text in texts]


def read_work_plan(
    rows: Sequence[Sequence[str]],
    *,
    names: BodyNames | None = None,
    known_paragraphs: Collection[int] | None = None,
    title: str | None = None,
) -> WorkPlanReading:
    """Read one table. Its first row is a header naming the columns (in Chinese or in English), or, when
    it names none, the columns are taken as date, body, paragraphs, keywords.

    An empty date or body cell repeats the row above (a merged cell). `names` adds body names to those
    of `body_names()`; `known_paragraphs`, when given, are the declaration's paragraph numbers, and a
    row naming another is a problem."""
    reading = WorkPlanReading(table_title=title)
    all_names = body_names(names)
    columns = header_columns(rows[0]) if rows else None
    first_data = 1 if columns else 0
    columns = columns or DEFAULT_COLUMNS
    previous: WorkPlanRow | None = None
    seen: dict[tuple, int] = {}
    for index in range(first_data, len(rows)):
        cells = list(rows[index])
        number = index + 1
        if not any(normalise_cell(cell) for cell in cells):
            continue
        if first_data and header_columns(cells):
            continue  # the header repeated where the table goes on over a page
        row = _read_row(cells, number, columns, all_names, known_paragraphs, previous, reading.problems)
        if row is None:
            continue
        # Rows on the same paragraphs may differ by their keywords alone (a plan of topics).
        seen_key = (*row.key, row.keywords)
        if seen_key in seen:
            reading.problems.append(
                WorkPlanProblem(number, "", " | ".join(cells), "duplicate_row", f"row {seen[seen_key]}")
            )
            continue
        seen[seen_key] = number
        reading.rows.append(row)
        previous = row
    if not reading.rows and not reading.problems:
        # Never an empty plan: importing it would replace the stored plan with nothing.
        reading.problems.append(WorkPlanProblem(0, "", "", "no_rows"))
    return reading


def _cell(cells: Sequence[str], columns: Mapping[str, int], kind: str) -> str:
    index = columns.get(kind)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _read_row(
    cells: Sequence[str],
    number: int,
    columns: Mapping[str, int],
    names: Mapping[str, tuple[str, ...]],
    known_paragraphs: Collection[int] | None,
    previous: WorkPlanRow | None,
    problems: list[WorkPlanProblem],
) -> WorkPlanRow | None:
    before = len(problems)

    def problem(column: str, error: CellError) -> None:
        problems.append(
            WorkPlanProblem(number, column, _cell(cells, columns, column), error.code, error.detail)
        )

    when = bodies = paragraphs = None
    when_text = _cell(cells, columns, "when")
    if not normalise_cell(when_text) and previous:
        when = previous.when
    else:
        try:
            when = parse_when(when_text)
        except CellError as error:
            problem("when", error)
    bodies_text = _cell(cells, columns, "bodies")
    if not normalise_cell(bodies_text) and previous:
        bodies = previous.bodies
    else:
        try:
            bodies = parse_bodies(bodies_text, names)
        except CellError as error:
            problem("bodies", error)
    keywords = normalise_cell(_cell(cells, columns, "keywords"))
    try:
        paragraphs = parse_paragraphs(_cell(cells, columns, "paragraphs"))
        if not paragraphs and not keywords:
            raise CellError("no_paragraphs")
        unknown = [n for n in paragraphs if known_paragraphs is not None and n not in known_paragraphs]
        if unknown:
            raise CellError("unknown_paragraph", ", ".join(map(str, unknown)))
    except CellError as error:
        problem("paragraphs", error)
    if len(problems) > before or when is None or bodies is None or paragraphs is None:
        return None
    return WorkPlanRow(number, when, bodies, paragraphs, keywords)


def find_work_plan(
    tables: Sequence[Table],
    *,
    names: BodyNames | None = None,
    known_paragraphs: Collection[int] | None = None,
) -> WorkPlanReading:
    """Read the first table whose header names a work plan's columns; failing that, a table without a
    header whose first row reads as a plan's row. A reading with a `no_table` problem when none does."""
    for table in tables:
        if table.rows and header_columns(table.rows[0]):
            return read_work_plan(
                table.rows, names=names, known_paragraphs=known_paragraphs, title=table.title
            )
    for table in tables:
        if not table.rows:
            continue
        reading = read_work_plan(
            table.rows, names=names, known_paragraphs=known_paragraphs, title=table.title
        )
        if reading.rows and reading.rows[0].row == 1:
            return reading
    return WorkPlanReading(problems=[WorkPlanProblem(0, "", "", "no_table")])


def merge_versions(readings: Mapping[str, WorkPlanReading]) -> WorkPlan:
    """One plan from the language versions of a document (language code → its reading): each version's
    problems, and a problem wherever the versions disagree on a row's date, bodies or paragraphs. The
    keywords are kept per language. Versions without a work-plan table are left out, unless none has
    one."""
    held = {lang: reading for lang, reading in readings.items() if not _has_no_table(reading)}
    if not held:
        first = next(iter(readings.values()), WorkPlanReading())
        return WorkPlan(problems=list(first.problems) or [WorkPlanProblem(0, "", "", "no_table")])
    plan = WorkPlan(languages=list(held))
    several = len(held) > 1
    for lang, reading in held.items():
        plan.problems += [_in_language(p, lang) if several else p for p in reading.problems]
    if plan.problems:
        return plan
    reference_lang, reference = next(iter(held.items()))
    for lang, reading in held.items():
        if len(reading.rows) != len(reference.rows):
            detail = f"{reference_lang}: {len(reference.rows)}, {lang}: {len(reading.rows)}"
            plan.problems.append(WorkPlanProblem(0, "", "", "rows_differ", detail, lang))
            continue
        for ours, theirs in zip(reference.rows, reading.rows, strict=True):
            for column, mine, other in (
                ("when", ours.when, theirs.when),
                ("bodies", set(ours.bodies), set(theirs.bodies)),
                ("paragraphs", ours.paragraphs, theirs.paragraphs),
            ):
                if mine != other:
                    detail = f"{reference_lang}: {_show(mine)}; {lang}: {_show(other)}"
                    plan.problems.append(
                        WorkPlanProblem(theirs.row, column, "", "versions_differ", detail, lang)
                    )
    if plan.problems:
        return plan
    for position, row in enumerate(reference.rows):
        keywords = {lang: reading.rows[position].keywords for lang, reading in held.items()}
        plan.entries.append(PlanEntry(row.row, row.when, row.bodies, row.paragraphs, keywords))
    return plan


def _has_no_table(reading: WorkPlanReading) -> bool:
    return any(problem.code == "no_table" for problem in reading.problems)


def _in_language(problem: WorkPlanProblem, language: str) -> WorkPlanProblem:
    return replace(problem, language=language)


def _show(value: object) -> str:
    if isinstance(value, When):
        if value.start is None:
            return str(value.year)
        return value.start.isoformat() + ("" if value.end == value.start else f"/{value.end.isoformat()}")
    if isinstance(value, set):
        return ", ".join(sorted(value))
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    return str(value)


def describe_paragraphs(numbers: Iterable[int]) -> str:
    """`3, 4, 5, 10` → "3-5, 10": a list of paragraphs as a plan writes it."""
    ordered = sorted(set(numbers))
    runs: list[list[int]] = []
    for number in ordered:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs)
