"""UN document symbols: one value type, one tolerant parser, one finder for running text.

A symbol is read as slash-separated parts, in this order:

    series        CAC/COSP/IRG, A/RES, A/C.3, E/CN.15, CAC/COSP/S   (letters, optionally ".<n>")
    cycle         I, II ...       only in the IRG executive-summary series (CAC/COSP/IRG/I/3/1/Add.19)
    year/session  2017 -> year; 58 -> session (A/RES/58/4); in the cycle series, the review year (3)
    document      14, L.5, CRP.1, INF/1, NGO/3, WP.2, Misc.1, PV.52, SR.5
    suffixes      /Add.1, /Rev.1, /Corr.1, in the order written (/Rev.1/Add.2, /Add.1/Corr.1)

Everything that reads symbols goes through `parse_symbol` / `clean_symbol` (one value) or
`find_symbols` (running text); views and importers never write their own regexes (STYLE 12).
The parser is tolerant of what extracted text does (full-width characters, spaces around slashes,
"Add. 1", "Rev 1", a lost slash in "CACCOSP", brackets, Markdown link debris, trailing
punctuation) and strict in what it returns: one canonical spelling per document.

Known limits, on purpose: a symbol needs a year or session, a document type or a series of two
or more parts, so the 1946-style "S/1" is not read (it would make "UTF/8" a symbol too);
"WP.<n>" is always a document type, never a series part (UNECE's ECE/TRANS/WP.29/... is not read);
a year-like number with no year before it is no document ("CAC/COSP/2017"), except after RES
(S/RES/2133). In running text the first part must be upper case ("and/or 5" is no symbol), except
for the Conference's own prefix ("cac/cosp/...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

__all__ = [
    "DOC_TYPES",
    "SUFFIXES",
    "FamilyRole",
    "Symbol",
    "base_symbol",
    "clean_symbol",
    "find_symbols",
    "parse_symbol",
]

FamilyRole = Literal["original", "revision", "corrigendum", "addendum"]

# Document types after the year/session: canonical spelling -> separator before the number.
# INF and NGO take a slash in the Conference's series (CAC/COSP/2017/INF/1, .../NGO/3); "INF.1" is
# read as the same document (RULES 6 writes it with a dot, the documents themselves with a slash).
DOC_TYPES: dict[str, str] = {
    "L": ".",
    "CRP": ".",
    "INF": "/",
    "NGO": "/",
    "WP": ".",
    "Misc": ".",
    "PV": ".",
    "SR": ".",
}
_DOC_TYPE_BY_UPPER = {name.upper(): name for name in DOC_TYPES}

# Suffixes, canonical spelling -> the role a document whose last suffix it is plays in its family.
SUFFIXES: dict[str, FamilyRole] = {"Add": "addendum", "Rev": "revision", "Corr": "corrigendum"}
_SUFFIX_BY_UPPER = {name.upper(): name for name in SUFFIXES}

# Trailing series parts that name a kind of document rather than a body (A/RES -> A,
# CAC/COSP/S -> CAC/COSP: the special session is the Conference's).
_CATEGORY_PARTS = frozenset({"RES", "DEC", "PRST", "S", "SGB", "AI", "IC"})

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_FIRST_YEAR, _LAST_YEAR = 1946, 2099


@dataclass(frozen=True, kw_only=True)
class Symbol:
    """One UN document symbol, e.g. CAC/COSP/2017/L.12/Rev.1 (see the module docstring)."""

    series: str  # "CAC/COSP", "CAC/COSP/IRG", "A/RES", "E/CN.15"
    number: int  # the main document number: 14 in CAC/COSP/2017/14, 5 in CAC/COSP/2017/L.5
    cycle: str | None = None  # "I", "II": review cycle of the IRG executive-summary series
    year: int | None = None  # 2017 in CAC/COSP/2017/14
    session: int | None = None  # 58 in A/RES/58/4; 3 in CAC/COSP/IRG/I/3/1 (the review year)
    doc_type: str | None = None  # None for a regular document, else a key of DOC_TYPES
    suffixes: tuple[tuple[str, int], ...] = ()  # (("Rev", 1), ("Add", 2)), in order

    def __post_init__(self) -> None:
        if not _SERIES_RE.fullmatch(self.series):
            raise ValueError(f"not a symbol series: {self.series!r}")
        if self.cycle is not None and self.cycle not in _ROMAN:
            raise ValueError(f"not a review cycle: {self.cycle!r}")
        if self.year is not None and self.session is not None:
            raise ValueError("a symbol has a year or a session, not both")
        if self.year is not None and not _FIRST_YEAR <= self.year <= _LAST_YEAR:
            raise ValueError(f"year out of range: {self.year}")
        if self.session is not None and not 1 <= self.session <= 999:
            raise ValueError(f"session out of range: {self.session}")
        if self.doc_type is not None and self.doc_type not in DOC_TYPES:
            raise ValueError(f"unknown document type: {self.doc_type!r}")
        if self.number < 0:
            raise ValueError("a document number is not negative")
        for kind, n in self.suffixes:
            if kind not in SUFFIXES or n < 0:
                raise ValueError(f"bad suffix: {kind}.{n}")
        bare = self.year is None and self.session is None and self.doc_type is None
        if bare and self.cycle is None and "/" not in self.series:
            raise ValueError(f"too little to be a symbol: {self.series}/{self.number}")  # UTF/8, COP/10
        if bare and _FIRST_YEAR <= self.number <= _LAST_YEAR and not self.series.endswith("/RES"):
            # CAC/COSP/2017 is no document; S/RES/2133 is a Security Council resolution
            raise ValueError(f"a year is no document number: {self.series}/{self.number}")

    def __str__(self) -> str:
        parts = [self.series]
        if self.cycle is not None:
            parts.append(self.cycle)
        if self.year is not None:
            parts.append(str(self.year))
        elif self.session is not None:
            parts.append(str(self.session))
        if self.doc_type is None:
            parts.append(str(self.number))
        else:
            parts.append(f"{self.doc_type}{DOC_TYPES[self.doc_type]}{self.number}")
        parts.extend(f"{kind}.{n}" for kind, n in self.suffixes)
        return "/".join(parts)

    @property
    def base(self) -> Symbol:
        """The symbol without /Rev., /Corr. and /Add.: the key a document's family shares."""
        return replace(self, suffixes=())

    @property
    def family_role(self) -> FamilyRole:
        """What the last suffix makes this document: L.5/Rev.1 is a revision, Add.1/Corr.1 a corrigendum."""
        return SUFFIXES[self.suffixes[-1][0]] if self.suffixes else "original"

    @property
    def body_prefix(self) -> str:
        """The issuing body's prefix (matches meetings' Body.symbol_prefix): A/RES/58/4 -> "A"."""
        parts = self.series.split("/")
        while len(parts) > 1 and parts[-1] in _CATEGORY_PARTS:
            parts.pop()
        return "/".join(parts)


# --- text folding -------------------------------------------------------------------------------

_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # full-width ASCII -> ASCII
_FOLD.update({0x3000: " ", 0x00A0: " ", 0x202F: " ", 0x2215: "/", 0x2044: "/"})
_FOLD.update(dict.fromkeys((0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212), "-"))
_FOLD.update(dict.fromkeys((0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)))  # invisible: drop


def _fold(text: str) -> str:
    """Full-width to ASCII, odd slashes and dashes to plain ones, invisible characters out.

    Not NFKC: that would turn a footnote mark "¹" after a symbol into a digit of its number.
    """
    return text.translate(_FOLD)


# "CACCOSP/...", "cac / cosp/...", "CAC COSP/...": the Conference's prefix with its slash lost.
_CAC_COSP_RE = re.compile(r"(?<![A-Za-z0-9])cac\s{0,3}/?\s{0,3}cosp(?=\s{0,3}/)", re.IGNORECASE)
_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)

# --- the grammar --------------------------------------------------------------------------------

_SLASH = r"\s{0,3}/\s{0,3}"
_DOT = r"\s{0,2}\.\s{0,2}"
_NUM_SEP = r"(?:\s{0,2}\.\s{0,2}|\s{0,2})"  # "Add.1", "Add. 1", "Add 1", "Add1"
_DOC_SEP = r"(?:\s{0,2}[./]\s{0,2}|\s{1,2})"  # "L.5", "INF/1", "INF.1", "L 5"
_ROMAN_ALT = "|".join(sorted(_ROMAN, key=len, reverse=True))
_DOC_ALT = "|".join(_DOC_TYPE_BY_UPPER)
_SUFFIX_ALT = "|".join(_SUFFIX_BY_UPPER)
_SERIES_PART = rf"[A-Za-z]+(?:{_DOT}[0-9]{{1,3}})?"

_SYMBOL_RE = re.compile(
    rf"""
    (?<![A-Za-z0-9_./\-])
    (?P<series>
        [A-Z]+(?:{_DOT}[0-9]{{1,3}})?
        (?:{_SLASH}
            (?!(?i:{_ROMAN_ALT}){_SLASH}[0-9])           # a review cycle, not a series part
            (?!(?i:{_DOC_ALT}){_DOC_SEP}[0-9])           # a document type, not a series part
            {_SERIES_PART}){{0,5}}  # at most six parts: no quadratic scans
    )
    (?:{_SLASH}(?P<cycle>(?i:{_ROMAN_ALT}))(?={_SLASH}[0-9]))?
    (?:{_SLASH}(?P<period>[0-9]{{1,4}}))?
    {_SLASH}
    (?:(?P<doc_type>(?i:{_DOC_ALT})){_DOC_SEP}(?P<doc_number>[0-9]{{1,5}})|(?P<number>[0-9]{{1,5}}))
    (?P<suffixes>(?:{_SLASH}(?i:{_SUFFIX_ALT}){_NUM_SEP}[0-9]{{1,3}})*)
    (?![A-Za-z0-9])(?!{_SLASH}[A-Za-z0-9])                # nothing symbol-like left over
    """,
    re.VERBOSE,
)
_SERIES_RE = re.compile(r"[A-Z]+(?:\.[0-9]+)?(?:/[A-Z]+(?:\.[0-9]+)?)*")
_SUFFIX_RE = re.compile(rf"({_SUFFIX_ALT}){_NUM_SEP}([0-9]+)", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")

# Running text abbreviates a family: "A/58/422/Add.1-3", "CAC/COSP/2017/L.1 和 Add.1-4",
# "E/CN.15/2015/L.3 and Corr.1".
_MAX_RANGE = 30
_RANGE_RE = re.compile(r"\s{0,2}-\s{0,2}([0-9]{1,3})(?![0-9A-Za-z])")
_MORE_RE = re.compile(
    rf"\s{{0,3}}(?:,|、|和|及|与|and\b|&)\s{{0,3}}({_SUFFIX_ALT}){_NUM_SEP}([0-9]{{1,3}})"
    rf"(?:\s{{0,2}}-\s{{0,2}}([0-9]{{1,3}}))?(?![0-9A-Za-z])",
    re.IGNORECASE,
)

_OPENERS = "([{<“‘\"'《〈「『【〔"
_CLOSERS = ")]}>”’\"'》〉」』】〕.,;:!?。，、；：．"
_MARKDOWN_LINK_RE = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")


def _symbol_from_match(match: re.Match[str]) -> Symbol | None:
    series = _SPACE_RE.sub("", match["series"]).upper()
    period = match["period"]
    year = session = None
    if period is not None:
        if len(period) == 4:
            year = int(period)
            if not _FIRST_YEAR <= year <= _LAST_YEAR:
                return None
        else:
            session = int(period)
            if session == 0:
                return None
    doc_type = _DOC_TYPE_BY_UPPER[match["doc_type"].upper()] if match["doc_type"] else None
    number = int(match["doc_number"] or match["number"])
    suffixes = tuple(
        (_SUFFIX_BY_UPPER[kind.upper()], int(n)) for kind, n in _SUFFIX_RE.findall(match["suffixes"])
    )
    try:
        return Symbol(
            series=series,
            cycle=match["cycle"].upper() if match["cycle"] else None,
            year=year,
            session=session,
            doc_type=doc_type,
            number=number,
            suffixes=suffixes,
        )
    except ValueError:
        return None


def _strip_debris(text: str) -> str:
    previous = None
    while text != previous:
        previous = text
        text = text.strip()
        link = _MARKDOWN_LINK_RE.fullmatch(text)
        if link:
            text = link[1]
        text = text.lstrip(_OPENERS).rstrip(_CLOSERS)
        text = text.rstrip("⁰¹²³⁴⁵⁶⁷⁸⁹*")  # footnote marks
    return text


def parse_symbol(text: str) -> Symbol | None:
    """Read one symbol from `text` (and nothing else), or return None."""
    if not isinstance(text, str):
        return None
    text = _strip_debris(_fold(text))
    # Parallel-corpus ids write dots as underscores: cac/cosp/irg/i/3/1/add_19, e/cn_15/2015/5.
    text = _CAC_COSP_RE.sub("CAC/COSP", text.replace("_", ".")).upper()
    match = _SYMBOL_RE.fullmatch(text)
    return _symbol_from_match(match) if match else None


def clean_symbol(text: str) -> str | None:
    """The canonical spelling of the symbol in `text`, or None when it is not one symbol."""
    symbol = parse_symbol(text)
    return str(symbol) if symbol else None


def base_symbol(text: str) -> str | None:
    """The canonical family key (the symbol without /Rev., /Corr., /Add.), or None."""
    symbol = parse_symbol(text)
    return str(symbol.base) if symbol else None


def _with_suffix(symbol: Symbol, kind: str, n: int) -> Symbol:
    """`symbol` with its suffixes cut at the first `kind` and `kind.n` appended.

    "A/58/422" + Add.2 -> A/58/422/Add.2; "A/58/422/Add.1" + Add.2 -> A/58/422/Add.2;
    "X/Rev.1" + Corr.1 -> X/Rev.1/Corr.1 (the corrigendum to the revision).
    """
    kept: list[tuple[str, int]] = []
    for suffix in symbol.suffixes:
        if suffix[0] == kind:
            break
        kept.append(suffix)
    return replace(symbol, suffixes=(*kept, (kind, n)))


def _expand(symbol: Symbol, kind: str, first: int, last: int | None) -> list[Symbol]:
    if last is None or not first < last <= first + _MAX_RANGE:
        last = first
    return [_with_suffix(symbol, kind, n) for n in range(first, last + 1)]


def find_symbols(text: str) -> list[str]:
    """Every symbol cited in running text (any language), canonical, in order of first mention.

    Resolution numbers ("第 7/1 号决议"), dates and numbers ("2017/18") and URLs are not symbols;
    "X and Add.1-4" cites X and its four addenda.
    """
    text = _URL_RE.sub(" ", _fold(text))
    text = _CAC_COSP_RE.sub("CAC/COSP", text)
    found: dict[str, None] = {}
    for match in _SYMBOL_RE.finditer(text):
        symbol = _symbol_from_match(match)
        if symbol is None:
            continue
        cited = [symbol]
        position = match.end()
        if symbol.suffixes:
            span = _RANGE_RE.match(text, position)
            if span:
                kind, first = symbol.suffixes[-1]
                cited = _expand(symbol, kind, first, int(span[1]))
                position = span.end()
        while more := _MORE_RE.match(text, position):
            kind = _SUFFIX_BY_UPPER[more[1].upper()]
            last = int(more[3]) if more[3] else None
            cited.extend(_expand(symbol, kind, int(more[2]), last))
            position = more.end()
        for each in cited:
            found.setdefault(str(each), None)
    return list(found)
