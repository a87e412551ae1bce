"""The structure of a UN document's text: header fields, headings, numbered paragraphs, footnotes,
tables and annexes, recovered from text that PDF conversion has left with page headers and footers,
lines broken inside paragraphs and symbols lost.

How numbered paragraphs are told from numbered headings and list items: a document numbers its own
paragraphs continuously (1, 2, 3 ... through all chapters), so a line "12." is a paragraph only when
12 is the number expected next. Texts set out inside the document (an adopted resolution after its
heading "第 7/1 号决议", a declaration after its title) number their paragraphs from 1 again: such
a paragraph records the text it belongs to in `part`. Any other numbered line ("1. 组织事项：" in an
agenda quoted by paragraph 16) stays inside the current paragraph, or is a level-3 heading when it is
short, unpunctuated and follows a heading.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import ExtractedDocument, Footnote, Heading, Paragraph, SourceText, Table
from .numerals import (
    CN_NUMERAL_CHARS,
    SUPERSCRIPT_CHARS,
    chinese_to_int,
    ordinal_to_int,
    roman_to_int,
    superscript_to_int,
)
from .readers import PAGE_BREAK, TABLE_END, TABLE_START
from .references import EntityResolver, find_references

try:
    from cosp.documents.symbols import clean_symbol
except ImportError:  # symbols.py is written in parallel; until it lands, plain symbols only

    def clean_symbol(text: str) -> str | None:
        value = re.sub(r"\s+", "", text or "")
        return value if re.fullmatch(r"[A-Z]+(?:/[A-Za-z0-9.\-]+)+", value) and "/" in value else None


CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CN = f"[{CN_NUMERAL_CHARS}]+"
_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
_LANGUAGES = {
    "english": "en", "french": "fr", "spanish": "es", "russian": "ru", "arabic": "ar", "chinese": "zh",
    "英文": "en", "英语": "en", "法文": "fr", "法语": "fr", "西班牙文": "es", "西班牙语": "es",
    "俄文": "ru", "俄语": "ru", "阿拉伯文": "ar", "阿拉伯语": "ar", "中文": "zh",
}  # fmt: skip
# Bodies by the names documents give them, to the English name the registry uses.
_COSP = "Conference of the States Parties to the United Nations Convention against Corruption"
_WG_AR = "Open-ended Intergovernmental Working Group on Asset Recovery"
_WG_PREV = "Open-ended Intergovernmental Working Group on the Prevention of Corruption"
_EG_IC = "Open-ended Intergovernmental Expert Meeting to Enhance International Cooperation"
_BODIES = [
    (r"实施情况审议组|Implementation Review Group", "Implementation Review Group"),
    (rf"联合国反腐败公约缔约国会议|{_COSP}", _COSP),
    (r"General Assembly|联合国大会", "General Assembly"),
    (r"Economic and Social Council|经济及社会理事会", "Economic and Social Council"),
    (r"Working Group on Asset Recovery|资产追回问题不限成员名额政府间工作组", _WG_AR),
    (r"Working Group on the Prevention of Corruption|预防腐败问题不限成员名额政府间工作组", _WG_PREV),
    (r"Expert Meeting to Enhance International Cooperation|国际合作不限成员名额政府间专家会议", _EG_IC),
]  # fmt: skip
_BODY_CODES = {
    "Conference of the States Parties to the United Nations Convention against Corruption": "COSP",
    "Implementation Review Group": "COSP",
    _WG_AR: "COSP",
    _WG_PREV: "COSP",
    _EG_IC: "COSP",
    "General Assembly": "GA",
    "Economic and Social Council": "ECOSOC",
}
_DOC_TYPES = [
    (r"内容提要|Executive summary", "executive_summary"),
    (r"临时议程|Provisional agenda", "provisional_agenda"),
    (r"秘书处的说明|秘书处说明|Note by the Secretariat", "secretariat_note"),
    (r"秘书处的报告|秘书处报告|Report (?:of|by) the (?:Secretariat|Secretary-General)", "secretariat_report"),
    (r"决议草案|决定草案|[Dd]raft (?:resolution|decision)", "draft"),
    (r"会议报告|届会议.{0,4}报告|^Report of the|on its \w+ session", "report"),
]  # fmt: skip

_TERMINAL = tuple("。；：，！？.;:,!?)）」』”\"'…")
_SUPER = f"[{SUPERSCRIPT_CHARS}]"

# Page furniture: job numbers (V.17-08245, 01-66657 (E) 291101), bar codes (*0166657*), page numbers.
_FURNITURE = [
    re.compile(r"^(?:V\.|GE\.|)\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?(?:\s+\d{6})?\s*$"),
    re.compile(r"^\*\d{6,}\*$"),
    re.compile(r"^[-–—]?\s*\d{1,3}\s*[-–—]?$"),
    re.compile(r"^\d{1,3}\s*/\s*\d{1,3}$"),
    re.compile(r"^(?:Page|页次|第\s*\d+\s*页)\s*\d*$"),
    # The rule above the notes, and the asterisk note that gives the agenda's own symbol.
    re.compile(r"^_{5,}$"),
    re.compile(r"^\*\s*[A-Z]+/[A-Z0-9/.]+[.。]?$"),
]

_HEADING_ZH_1 = re.compile(rf"^({_CN})\s*[.．、]\s*(\S.*)$")
_HEADING_EN_1 = re.compile(r"^([IVXL]{1,6})\.\s+(\S.*)$")
_HEADING_2 = re.compile(r"^([A-Z])\s*[.．]\s*(\S.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,3})\s*[.．](?!\d)\s*(.*)$")
_NUMBERED_NO_STOP = re.compile(r"^(\d{1,3})\s+(?=[\u4e00-\u9fff《“])(.*)$")
_SUBITEM = re.compile(r"^\s*(?:[-•·]\s*)?[(（]\s*(?:[a-z]{1,4}|[一二三四五六七八九十]+)\s*[)）]\s*")
_OUTCOME_ZH = re.compile(r"^第\s*(\d{1,2}/\d{1,3})\s*号\s*(决议|决定)$")
_OUTCOME_EN = re.compile(r"^(Resolution|Decision)\s+(\d{1,2}/\d{1,3})\.?$")
_ANNEX = re.compile(rf"^(?:附件\s*({_CN})?|Annex(?:\s+([IVXL]+))?)\s*$")
_FOOTNOTE_SUPER = re.compile(rf"^({_SUPER}+)\s*(.*)$")
_MONTH_START = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
_FOOTNOTE_PLAIN = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_TOC = re.compile(r"^(?:目录|Contents)\s*$")
_TOC_LINE = re.compile(r"(?:\t\s*\d{1,3}\s*$|\.{3,}\s*\d{0,3}\s*$|…{2,}\s*\d{0,3}\s*$|^\s*(?:页次|Page)\s*$)")


@dataclass
class _Line:
    number: int
    text: str
    blank_before: bool
    page_break_before: bool = False


@dataclass
class _Block:
    kind: str  # paragraph, heading
    paragraph: Paragraph | None = None
    heading: Heading | None = None


@dataclass
class _State:
    main_expected: int = 1
    nested_expected: int | None = None
    part: str | None = None
    pending_part: str | None = None
    annex: str | None = None
    section: str | None = None
    footnote_expected: int = 1
    last: _Block | None = None
    last_heading_line: int = -10
    blocks: list[_Block] = field(default_factory=list)


# --- small parsers -------------------------------------------------------------------------------------


def detect_language(text: str) -> str | None:
    """UN language of `text` by its script; Latin-script languages by their commonest words."""
    sample = text[:20000]
    counts = {
        "zh": len(CJK.findall(sample)),
        "ru": len(re.findall(r"[\u0400-\u04ff]", sample)),
        "ar": len(re.findall(r"[\u0600-\u06ff]", sample)),
        "latin": len(re.findall(r"[A-Za-z]", sample)),
    }
    # A Chinese character carries a word; Latin letters come five or so to a word.
    weighted = {**counts, "zh": counts["zh"] * 3, "ru": counts["ru"], "ar": counts["ar"]}
    best = max(weighted, key=lambda key: weighted[key])
    if weighted[best] == 0:
        return None
    if best != "latin":
        return best
    words = re.findall(r"[a-zà-ÿ]+", sample.lower())
    scores = {
        "en": sum(words.count(w) for w in ("the", "and", "of", "to")),
        "fr": sum(words.count(w) for w in ("le", "la", "les", "des", "et")),
        "es": sum(words.count(w) for w in ("el", "los", "las", "del", "y")),
    }
    return max(scores, key=lambda key: scores[key])


def _iso(year: int | str, month: int | str, day: int | str) -> str | None:
    try:
        y, m, d = int(year), int(month), int(day)
    except (TypeError, ValueError):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}" if 1 <= m <= 12 and 1 <= d <= 31 else None


def parse_date(text: str) -> str | None:
    """The first date in `text`: `23 November 2017`, `November 23, 2017` or `2017年11月23日`."""
    if match := re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", text):
        return _iso(*match.groups())
    if match := re.search(r"\b(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})\b", text):
        month = _MONTHS.get(match.group(2).lower())
        return _iso(match.group(3), month, match.group(1)) if month else None
    if match := re.search(r"\b([A-Z][a-z]+)\s+(\d{1,2}),\s*(\d{4})\b", text):
        month = _MONTHS.get(match.group(1).lower())
        return _iso(match.group(3), month, match.group(2)) if month else None
    return None


def parse_date_range(text: str) -> tuple[str | None, str | None]:
    """`2017年11月6日至10日` / `6-10 November 2017` / `28 November to 2 December 2011` → (start, end)."""
    zh = re.search(
        r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(?:至|到|-|—)\s*(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日)?",
        text,
    )
    if zh:
        year, month, day, month2, day2 = zh.groups()
        start = _iso(year, month, day)
        return start, _iso(year, month2 or month, day2) if day2 else start
    en = re.search(
        r"\b(\d{1,2})(?:\s+([A-Z][a-z]+))?\s*(?:-|–|—|to)\s*(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})\b", text
    )
    if en:
        day, month, day2, month2, year = en.groups()
        end_month = _MONTHS.get(month2.lower())
        start_month = _MONTHS.get(month.lower()) if month else end_month
        if start_month and end_month:
            return _iso(year, start_month, day), _iso(year, end_month, day2)
    single = parse_date(text)
    return single, single


def _clean_cjk_spaces(text: str) -> str:
    """PDF conversion puts spaces between Chinese characters; between Latin words they stay."""
    return re.sub(r"(?<=[\u3400-\u9fff《》“”（）：，、])\s+(?=[\u3400-\u9fff《》“”（）：，、])", "", text)


def _join(previous: str, line: str) -> str:
    if not previous:
        return line
    if CJK.search(previous[-1:]) or CJK.search(line[:1]) or previous.endswith(("，", "、", "：", "（", "“")):
        return previous + line
    if previous.endswith("-") and line[:1].islower():
        return previous + line  # a word hyphenated across lines ... rarely right to rejoin; keep hyphen
    return previous + " " + line


def _strip_marks(text: str) -> str:
    return re.sub(rf"(?:{_SUPER}+|\d{{1,2}})$", "", text.rstrip()).rstrip()


def _ends_sentence(text: str) -> bool:
    return _strip_marks(text).endswith(_TERMINAL)


# --- header --------------------------------------------------------------------------------------------


def _parse_header(lines: list[_Line], doc: ExtractedDocument) -> int:
    """Fill the header fields from the opening lines; return the index of the first body line."""
    limit = min(len(lines), 40)
    end = 0
    header_text: list[str] = []
    for index in range(limit):
        text = lines[index].text
        if (
            _TOC.match(text)
            or _HEADING_ZH_1.match(text)
            or _HEADING_EN_1.match(text)
            or _NUMBERED.match(text)
        ):
            break
        if re.match(r"^(?:The General Assembly|The Conference|联合国反腐败公约缔约国会议，)", text):
            break
        end = index + 1
        header_text.append(text)
        if match := re.search(r"Distr\.?\s*:?\s*(General|Limited|Restricted)", text, re.IGNORECASE):
            doc.distribution = match.group(1).capitalize()
        elif "普遍分发" in text:
            doc.distribution = "General"
        elif "限制分发" in text:
            doc.distribution = "Limited"
        if match := re.search(r"(?:Original|原件|原文)\s*[:：]\s*(\S+)", text):
            doc.original_language = _LANGUAGES.get(match.group(1).lower().rstrip("。."))
        if doc.date is None and re.fullmatch(
            r"\s*(\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|\d{4}\s*年\s*\d+\s*月\s*\d+\s*日)\s*", text
        ):
            doc.date = parse_date(text)
        if doc.symbol is None:
            # The symbol stands alone in the header's right-hand column, often on the line that
            # starts with "United Nations" / "联合国".
            for candidate in text.split():
                if "/" in candidate and (symbol := clean_symbol(candidate)):
                    doc.symbol = symbol
                    break
        if match := re.search(
            r"(?:临时)?议程\*?项目\s*(\d+(?:\s*[(（][a-z][)）])?(?:\s*(?:、|和|及)\s*\d+(?:\s*[(（][a-z][)）])?)*)",
            text,
        ):
            items = re.split(r"、|和|及", match.group(1))
            doc.agenda_items = [
                re.sub(r"\s", "", item).replace("（", "(").replace("）", ")") for item in items
            ]
        elif match := re.search(
            r"\b(?:Agenda items?|Items?)\s+(\d+(?:\s*\([a-z]\))?(?:\s*(?:,|and)\s*\d+(?:\s*\([a-z]\))?)*)",
            text,
        ):
            doc.agenda_items = [re.sub(r"\s", "", item) for item in re.split(r",|and", match.group(1))]
    joined = "\n".join(_clean_cjk_spaces(text) for text in header_text)
    for pattern, name in _BODIES:
        if re.search(pattern, joined) or re.search(pattern, joined.replace(" ", "")):
            doc.body = name
            break
    _parse_session(joined, doc)
    _parse_title(lines[:end], doc)
    return end


def _parse_session(text: str, doc: ExtractedDocument) -> None:
    session = doc.session
    if match := re.search(rf"第({_CN})届会议", text):
        session.number, session.kind = chinese_to_int(match.group(1)), "regular"
    elif match := re.search(r"\b((?:\w+-)?\w+)\s+session\b", text, re.IGNORECASE):
        if match.group(1).lower() == "special":
            session.kind = "special"
        elif (number := ordinal_to_int(match.group(1))) is not None:
            session.number, session.kind = number, "regular"
    if "特别会议" in text or re.search(r"\bspecial session\b", text, re.IGNORECASE):
        session.kind = "special"
    if re.search(r"续会|resumed", text, re.IGNORECASE):
        session.kind = "resumed"
    places = (
        r"在\s*([\u4e00-\u9fff]{2,8}?)\s*举行",
        r"日\s*[，,]\s*([\u4e00-\u9fff]{2,8})",
        r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?),\s*\d{1,2}\s*(?:-|–|to)",
        r"held (?:in|at) ([A-Z][a-z]+(?: [A-Z][a-z]+)?)",
    )
    for pattern in places:
        if match := re.search(pattern, text):
            session.place = match.group(1)
            break
    if re.search(r"\d{4}\s*年|\d{1,2}\s*(?:-|–|to)\s*\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|held .* \d{4}", text):
        # The dates of the session, not the date of issue (a separate header line).
        tail = text
        if doc.date:
            tail = re.sub(r"^\s*\d{1,2}\s+[A-Z][a-z]+\s+\d{4}", "", text)
        for candidate in re.finditer(r"(\d{4}\s*年[^。，]*?日(?:\s*至[^。，]*?日)?)", tail):
            session.start, session.end = parse_date_range(candidate.group(1))
            break
        else:
            if match := re.search(
                r"(\d{1,2}(?:\s+[A-Z][a-z]+)?\s*(?:-|–|to)\s*\d{1,2}\s+[A-Z][a-z]+\s+\d{4})", tail
            ):
                session.start, session.end = parse_date_range(match.group(1))


_PURE_DOC_TYPE = re.compile(
    r"(?:Note by the Secretariat|Report (?:of|by) the (?:Secretariat|Secretary-General)|Executive summary"
    r"|(?:Annotated )?[Pp]rovisional agenda(?: and annotations)?|秘书处的说明|秘书处的报告|内容提要"
    r"|(?:临时议程|说明)(?:及说明)?)"
)
_NOT_TITLE = re.compile(
    r"Distr\.|Original\s*:|原件|原文|^(?:Chinese|English|French|Spanish|Russian|Arabic)$|^[^\s/]+/[^\s]+$"
    r"|session$|届会议$|Committee$|委员会$|^[A-Z][a-z]+(?: [A-Z][a-z]+)?, \d|^\d{4}\s*年.*日\s*[，,]"
)
_SPONSOR = re.compile(r"^[^:：]{2,120}[:：]\*?\s*((?:revised )?draft (?:resolution|decision))$", re.I)
_BODY_NAMES = [
    _COSP,
    "联合国反腐败公约缔约国会议",
    "Implementation Review Group",
    "实施情况审议组",
    "General Assembly",
    _WG_AR,
    _WG_PREV,
    _EG_IC,
    "资产追回问题不限成员名额政府间工作组",
    "预防腐败问题不限成员名额政府间工作组",
]
_AGENDA_LINE = re.compile(r"议程\*?项目|^(?:Agenda )?[Ii]tems? \d")


def _parse_title(lines: list[_Line], doc: ExtractedDocument) -> None:
    candidates: list[_Line] = []
    skipping_agenda_title = False
    for line in lines:
        text = line.text.strip()
        sponsor = _SPONSOR.match(text)
        if skipping_agenda_title and not line.blank_before and not sponsor:
            continue  # the agenda item's own title, under the item line
        skipping_agenda_title = bool(_AGENDA_LINE.search(text))
        flat = _clean_cjk_spaces(text)
        if skipping_agenda_title or _NOT_TITLE.search(text) or (parse_date(text) and len(text) < 25):
            continue
        if any(flat.replace(" ", "") in name.replace(" ", "") for name in _BODY_NAMES):
            continue
        candidates.append(line)
    texts = [_clean_cjk_spaces(line.text.strip()) for line in candidates]
    for text in texts:
        for pattern, kind in _DOC_TYPES:
            if re.search(pattern, text):
                doc.doc_type = doc.doc_type or kind
                break
    title = None
    for index, text in enumerate(texts):
        if _SPONSOR.match(text):
            # "South Africa:* draft resolution": the title is the next line.
            doc.doc_type = "draft"
            title = texts[index + 1] if index + 1 < len(texts) else None
            break
    if title is None:
        # The first line that is neither a bare document type ("Note by the Secretariat") nor a sentence.
        plain = [t for t in texts if not _PURE_DOC_TYPE.fullmatch(t) and not _ends_sentence(t) and len(t) > 1]
        typed = [t for t in texts if _PURE_DOC_TYPE.fullmatch(t)]
        title = plain[0] if plain else (typed[0] if typed else None)
        if plain:
            # A long title runs on over the next lines (no blank line between them).
            first = texts.index(plain[0])
            for following, line in zip(texts[first + 1 :], candidates[first + 1 :], strict=False):
                if line.blank_before or _PURE_DOC_TYPE.fullmatch(following) or following not in plain:
                    break
                title = _join(title, following)
    doc.title = title
    if title:
        _parse_session(title, doc)


# --- body ----------------------------------------------------------------------------------------------


def _prepare_lines(text: str) -> list[_Line]:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines: list[_Line] = []
    blank = False
    page_break = False
    for number, raw in enumerate(text.split("\n"), start=1):
        if PAGE_BREAK in raw:
            page_break = True
            raw = raw.replace(PAGE_BREAK, "")
        stripped = raw.strip().replace("\u3000", " ")
        if not stripped:
            blank = True
            continue
        lines.append(_Line(number, stripped if "\t" not in raw else raw.strip(" "), blank, page_break))
        blank = page_break = False
    return _drop_furniture(lines)


def _drop_furniture(lines: list[_Line]) -> list[_Line]:
    kept = [line for line in lines if not any(pattern.match(line.text) for pattern in _FURNITURE)]
    if any(line.page_break_before for line in kept):
        # Running titles: short lines repeated at the top or bottom of three or more pages.
        edges: dict[str, int] = {}
        for index, line in enumerate(kept):
            near_break = line.page_break_before or (
                index + 1 < len(kept) and kept[index + 1].page_break_before
            )
            if near_break and len(line.text) < 100:
                edges[line.text] = edges.get(line.text, 0) + 1
        running = {text for text, count in edges.items() if count >= 3}
        kept = [line for line in kept if line.text not in running]
    return kept


def _skip_toc(lines: list[_Line], start: int) -> int:
    index = start
    while index < len(lines) and not _TOC.match(lines[index].text):
        if index - start > 5:
            return start
        index += 1
    if index >= len(lines):
        return start
    index += 1
    while index < len(lines):
        text = lines[index].text
        if _TOC_LINE.search(text) or re.fullmatch(r"(?:附件|Annexes?)\s*", text.strip()):
            index += 1
            continue
        break
    return index


def _is_unnumbered_heading(lines: list[_Line], index: int) -> bool:
    text = lines[index].text
    if len(text) > 60 or _ends_sentence(text) or "\t" in text or re.search(r"[（(][^）)]*[）)]$", text):
        return False
    if not lines[index].blank_before or index + 1 >= len(lines):
        return False
    following = lines[index + 1]
    # A heading introduces a paragraph: a long one, or a numbered one.
    return len(following.text) > 60 or bool(_NUMBERED.match(following.text))


def _annex_label(match: re.Match[str]) -> str:
    return match.group(1) or match.group(2) or ""


_TABLE_TITLE = re.compile(r"^(?:Table|Tableau|Cuadro|Таблица|表)\s*[0-9一二三四五六七八九十]+\b")


def _take_table_title(doc: ExtractedDocument) -> str | None:
    """The unnumbered "Table 1 ..." paragraph just above a table is the table's title, not text."""
    if doc.paragraphs and doc.paragraphs[-1].number is None and _TABLE_TITLE.match(doc.paragraphs[-1].text):
        return doc.paragraphs.pop().text
    return None


def _extract_body(lines: list[_Line], doc: ExtractedDocument, language: str | None) -> None:
    state = _State()
    index = 0
    table: list[list[str]] | None = None
    in_marked_table = False
    wrapped = sum(1 for line in lines if line.blank_before) < len(lines) * 0.15
    width = sorted(len(line.text) for line in lines)[int(len(lines) * 0.8)] if lines else 0
    zh = language == "zh"
    current_heading_level = 0
    annex_title_pending = False
    outcome_title_pending: Heading | None = None

    def close_table() -> None:
        nonlocal table
        if table:
            previous = doc.tables[-1] if doc.tables else None
            # A table continued on the next page repeats its header row: one table, not two.
            if (
                previous
                and previous.rows
                and table[0] == previous.rows[0]
                and previous is state_last_table[0]
            ):
                previous.rows.extend(table[1:])
            else:
                doc.tables.append(Table(title=_take_table_title(doc), rows=table))
                state_last_table[0] = doc.tables[-1]
        table = None

    state_last_table: list[Table | None] = [None]
    last_line_length = [0]  # of the last physical line added to a paragraph (wrapped English)
    labelled_level = 0

    def add_heading(label: str, title: str, level: int, line: int) -> Heading:
        nonlocal current_heading_level, labelled_level
        heading = Heading(label=label, title=_clean_cjk_spaces(title.strip()), level=level, line=line)
        doc.headings.append(heading)
        state.last = _Block("heading", heading=heading)
        state.last_heading_line = line
        current_heading_level = level
        if label:
            state.section = label
            labelled_level = level
        return heading

    def add_paragraph(number: str | None, text: str, line: int, part: str | None) -> None:
        paragraph = Paragraph(
            number=number, section=state.section, text=text.strip(), line=line, annex=state.annex, part=part
        )
        doc.paragraphs.append(paragraph)
        state.last = _Block("paragraph", paragraph=paragraph)
        last_line_length[0] = len(text)

    while index < len(lines):
        line = lines[index]
        text = line.text
        index += 1
        # Tables: marked blocks from DOCX/HTML, or runs of tab-separated lines from PDF text.
        if text == TABLE_START:
            close_table()
            table, in_marked_table = [], True
            continue
        if text == TABLE_END:
            in_marked_table = False
            close_table()
            continue
        if in_marked_table or ("\t" in text and not _TOC_LINE.search(text)):
            if table is None:
                table = []
            row = [cell.strip() for cell in text.split("\t")]
            if table and row == table[0] and not in_marked_table:
                continue  # the header row repeated at the top of the next page
            table.append(row)
            continue
        if table is not None and not in_marked_table:
            # A table's rows continue while lines look like rows ("[电子书]  title" lost its tab).
            close_table()
        # Footnotes: superscript numbers anywhere; plain numbers in English when they are the next note.
        if match := _FOOTNOTE_SUPER.match(text):
            number = superscript_to_int(match.group(1)) or 0
            doc.footnotes.append(Footnote(number=str(number), text=match.group(2).strip()))
            state.footnote_expected = number + 1
            continue
        # English footnotes lose their superscript: "3 See ..." at a page bottom, the next note's number.
        plain = None if zh else _FOOTNOTE_PLAIN.match(text)
        if (
            plain
            and int(plain.group(1)) == state.footnote_expected
            and not _MONTH_START.match(plain.group(2))
        ):
            doc.footnotes.append(Footnote(number=plain.group(1), text=plain.group(2).strip()))
            state.footnote_expected += 1
            continue
        # Annexes.
        if match := _ANNEX.match(text):
            state.annex = _annex_label(match) or "1"
            state.main_expected, state.nested_expected, state.part = 1, None, None
            state.section = None
            annex_title_pending = True
            add_heading(text.replace(" ", ""), "", 1, line.number)
            continue
        if annex_title_pending:
            annex_title_pending = False
            if not _NUMBERED.match(text):
                title = _clean_cjk_spaces(text)
                doc.headings[-1].title = title
                doc.annexes.append(title)
                continue
            doc.annexes.append("")
        # Headings of the numbering systems.
        if (match := _OUTCOME_ZH.match(text)) or (match := _OUTCOME_EN.match(text)):
            label = re.sub(r"\s+", "", text) if zh or match.re is _OUTCOME_ZH else text
            outcome_title_pending = add_heading(label, "", 3, line.number)
            state.part = label
            state.nested_expected = 1
            continue
        if outcome_title_pending is not None:
            heading, outcome_title_pending = outcome_title_pending, None
            if not _ends_sentence(text) and not _NUMBERED.match(text) and len(text) < 200:
                heading.title = _clean_cjk_spaces(text)
                continue
        heading_match = _HEADING_ZH_1.match(text) or _HEADING_EN_1.match(text)
        if heading_match and len(text) < 300 and not _ends_sentence(text.rstrip("。")):
            label = heading_match.group(1) + "."
            value = heading_match.group(1)
            if (chinese_to_int(value) if heading_match.re is _HEADING_ZH_1 else roman_to_int(value)) is None:
                heading_match = None
            if heading_match:
                state.nested_expected, state.part = None, None
                add_heading(label, heading_match.group(2), 1, line.number)
                continue
        if (match := _HEADING_2.match(text)) and len(text) < 300 and not _ends_sentence(text.rstrip("。")):
            state.nested_expected, state.part = None, None
            add_heading(match.group(1) + ".", match.group(2), 2, line.number)
            continue
        # Numbered paragraphs.
        numbered = _NUMBERED.match(text)
        loose = _NUMBERED_NO_STOP.match(text) if numbered is None else None
        if loose and int(loose.group(1)) == state.main_expected and state.nested_expected is None:
            numbered = loose
        if numbered:
            number = int(numbered.group(1))
            body = numbered.group(2)
            if state.nested_expected is not None and number == state.nested_expected:
                state.nested_expected += 1
                add_paragraph(str(number), body, line.number, state.part)
                continue
            if number == state.main_expected:
                state.nested_expected, state.part = None, None
                state.main_expected += 1
                add_paragraph(str(number), body, line.number, None)
                continue
            if number == 1 and state.pending_part is not None:
                state.part, state.pending_part = state.pending_part, None
                state.nested_expected = 2
                add_paragraph("1", body, line.number, state.part)
                continue
            if (
                len(text) < 80
                and not _ends_sentence(text)
                and state.last is not None
                and state.last.kind == "heading"
                and current_heading_level >= 2
            ):
                add_heading(f"{number}.", body, 3, line.number)
                continue
            # A numbered item inside a paragraph (an agenda quoted in the report).
            if state.last is not None and state.last.kind == "paragraph":
                state.last.paragraph.text += "\n" + text
                continue
        # Sub-items stay inside their paragraph.
        if _SUBITEM.match(text) and state.last is not None and state.last.kind == "paragraph":
            state.last.paragraph.text += "\n" + re.sub(r"^\s*[-•·]\s*", "", text)
            continue
        # Continuation of the previous paragraph (a line or page break inside it)?
        last = state.last
        if last is not None and last.kind == "paragraph":
            previous = last.paragraph.text
            joins = not _ends_sentence(previous)
            if not zh and text[:1].islower():
                joins = True
            if wrapped and not zh and previous and _ends_sentence(previous) and text[:1].isupper():
                # Wrapped English: a full-width line ending in a comma is mid-paragraph ("Monterrey,").
                joins = last_line_length[0] >= width * 0.9 and not previous.endswith((".", ";", ":"))
            if joins:
                last.paragraph.text = _join(previous, text)
                last_line_length[0] = len(text)
                continue
        if _is_unnumbered_heading(lines, index - 1) and not wrapped:
            # A titled text set out in the document (a declaration): its paragraphs number from 1.
            opens_part = (
                state.main_expected > 1
                and state.nested_expected is None
                and state.pending_part is None
                and state.part is None
                and not _NUMBERED.match(lines[index].text)
            )
            inside_part = state.part is not None or state.pending_part is not None
            level = min(labelled_level + (2 if inside_part else 1), 4)
            heading = add_heading("", text, level, line.number)
            if opens_part:
                state.pending_part = heading.title
            continue
        add_paragraph(None, text, line.number, state.part)
    close_table()
    # Whole-text cleanup: Chinese paragraphs lose the spaces PDF conversion put inside them.
    if zh:
        for paragraph in doc.paragraphs:
            paragraph.text = _clean_cjk_spaces(paragraph.text)


def _split_header_columns(lines: list[_Line], limit: int = 40) -> list[_Line]:
    """PDF-to-text lays the header's two columns side by side ("United Nations      CAC/COSP/2017/14"):
    give each column its own line, so the symbol, date and title are each read on their own."""
    result: list[_Line] = []
    for index, line in enumerate(lines):
        parts = re.split(r" {3,}", line.text) if index < limit and "\t" not in line.text else [line.text]
        parts = [part.strip() for part in parts if part.strip()]
        if len(parts) < 2:
            result.append(line)
            continue
        result += [_Line(line.number, part, line.blank_before, line.page_break_before) for part in parts]
    return result


def extract_structure(source: SourceText | str, *, language: str | None = None) -> ExtractedDocument:
    """Header fields, headings, paragraphs, footnotes, tables and annexes (references are left empty)."""
    text = source.text if isinstance(source, SourceText) else source
    doc = ExtractedDocument()
    if isinstance(source, SourceText):
        doc.source_format, doc.encoding = source.source_format, source.encoding
    doc.language = language or detect_language(text)
    lines = _split_header_columns(_prepare_lines(text))
    start = _parse_header(lines, doc)
    start = _skip_toc(lines, start)
    _extract_body(lines[start:], doc, doc.language)
    return doc


def extract(
    source: SourceText | str,
    *,
    language: str | None = None,
    resolve_entity: EntityResolver | None = None,
    entity_names: Iterable[str] | None = None,
) -> ExtractedDocument:
    """The whole extraction: structure, then what the text cites (articles, outcomes, rules, entities)."""
    doc = extract_structure(source, language=language)
    body_text = "\n\n".join(
        [p.text for p in doc.paragraphs] + [f.text for f in doc.footnotes] + [h.title for h in doc.headings]
    )
    table_text = "\n\n".join("\t".join(row) for table in doc.tables for row in table.rows)
    doc.references = find_references(
        body_text + "\n\n" + table_text,
        resolve_entity=resolve_entity,
        entity_names=entity_names,
        own_body=_BODY_CODES.get(doc.body or ""),
    )
    return doc


__all__ = ["detect_language", "extract", "extract_structure", "parse_date", "parse_date_range"]
