"""Who submitted each draft, read from a session report's "action taken" chapter.

A report lists each draft the body adopted, in one paragraph or as lettered items under one:

    (a) “<title>” (CAC/COSP/2017/L.5/Rev.1), 提案国为 A、B（代表 <group>）和 C；随后 D 和 E 加入为该决议
        修订草案的提案国（案文见第一章，第 7/1 号决议）；
    (a) "<title>" (CAC/COSP/2017/L.5/Rev.1), sponsored by A, B (on behalf of <group>) and C;
        subsequently, D and E joined as sponsors (for the text, see chapter I, resolution 7/1);

Each such entry gives the title, the draft's symbols, the sponsors (those who joined later marked as
such), the meeting and date of adoption, and usually the number of the adopted text. Names are split
with the help of the `resolve` callback: a list "A、特立尼达和多巴哥" is two names, not three, because
"特立尼达和多巴哥" resolves as a whole and its halves do not.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from cosp.documents.extraction.model import ExtractedDocument, Paragraph
from cosp.documents.extraction.structure import parse_date

Resolver = Callable[[str], str | None]

# The action-taken chapter: "缔约国会议采取的行动" / "Action taken by the Conference".
_ACTION_CHAPTER = re.compile(r"采取的行动|[Aa]ction taken by")
_DRAFT_SYMBOL = re.compile(
    r"[A-Z][A-Z0-9.]*(?:/[A-Za-z0-9.\-]+)*/L\.\s?\d+(?:\s?/\s?(?:Rev|Add|Corr)\.\s?\d+)*"
)
_QUOTED = re.compile(r"[“\"]([^”\"]{3,400})[”\"]")
_ITEM = re.compile(r"^[(（]\s*([a-z]{1,2})\s*[)）]\s*")

# "for the text, see chapter I, resolution 7/1" / "案文见第一章，第 7/1 号决议": the adopted text's number.
_SEE_ZH = re.compile(r"案文见[^）)]*?第\s*(\d{1,4}/\d{1,3})\s*号\s*(决议|决定)")
_SEE_EN = re.compile(r"text[^)]*?\bsee\b[^)]*?\b(resolution|decision)\s+(\d{1,4}/\d{1,3})", re.IGNORECASE)
_KIND_ZH = re.compile(r"(决议|决定)(?:修订)?草案")
_KIND_EN = re.compile(r"draft\s+(resolution|decision)", re.IGNORECASE)

# Who submitted it. Each pattern's group "names" is a list of names.
_ORIGINAL_ZH = [
    re.compile(r"提案国为(?P<names>.+?)(?=[；;。]|，\s*随后|（案文|\(案文|$)"),
    re.compile(r"由(?P<names>[^“”。；]{2,300}?)(?:共同)?提(?:交|出)"),
    re.compile(r"通过了(?P<names>[^“”，。；]{2,100}?)提(?:交|出)的"),
    re.compile(r"(?:^|[，。；])(?P<names>[^“”，。；]{2,100}?)(?:的代表)?(?:代表\S{2,40}?)?提交了"),
]
_LATER_ZH = re.compile(r"随后\s*(?P<names>.+?)(?:也|还)?加入")
_ORIGINAL_EN = [
    re.compile(
        r"\b(?:co-)?(?:sponsored|submitted|introduced|proposed) by (?P<names>.+?)"
        r"(?=;|\.(?:\s|$)|,?\s+(?:and\s+)?subsequently\b|\s+\(for the text|\s+entitled\b|$)"
    ),
]
_LATER_EN = re.compile(
    r"\b[Ss]ubsequently,?\s+(?P<names>.+?)\s+(?:also\s+)?joined\b"
    r"|\b(?:was|were) later co-sponsored by (?P<names2>.+?)(?=;|\.(?:\s|$)|\s+\(|$)"
)
# A submitter who is an officer of the body rather than a State: kept apart from the sponsors.
_OFFICER = re.compile(
    r"主席|副主席|报告员|主席团|秘书处|\b(?:President|Chair|Chairperson|Vice-President|Rapporteur|Bureau"
    r"|Secretariat)\b"
)
_ON_BEHALF = re.compile(r"^(?:代表|on behalf of\s+)", re.IGNORECASE)
_NAME_NOISE = re.compile(
    r"^(?:the\s+)?(?:representatives?\s+of\s+)|^(?:以及|和|及|and\s+)|(?:的代表|代表)$", re.IGNORECASE
)

# When no resolver can tell, these names are read whole although they hold a connector (facts: the
# States whose names contain "and"/"和"/"及", and the groups reports name most often).
_WHOLE_NAMES = {
    "antigua and barbuda", "bosnia and herzegovina", "saint kitts and nevis",
    "saint vincent and the grenadines", "sao tome and principe", "trinidad and tobago",
    "united kingdom of great britain and northern ireland", "group of 77 and china",
    "european union and its member states",
    "安提瓜和巴布达", "波斯尼亚和黑塞哥维那", "圣基茨和尼维斯", "圣文森特和格林纳丁斯", "圣多美和普林西比",
    "特立尼达和多巴哥", "大不列颠及北爱尔兰联合王国", "77国集团和中国", "欧洲联盟及其成员国",
}  # fmt: skip


@dataclass
class Sponsorship:
    """One sponsor of a draft as the report names it."""

    name: str  # as given: "尼日利亚", "Nigeria"
    code: str | None = None  # ISO3 or organisation name from the resolver; None when unresolved
    on_behalf_of: str | None = None  # the group it spoke for, as given
    joined_later: bool = False  # "subsequently ... joined" / "随后……加入"

    @property
    def value(self) -> str:
        """What `ExtractedOutcome.sponsors` lists: the code, or the name when nothing resolved it."""
        return self.code or self.name


@dataclass
class ActionEntry:
    """One draft acted upon, as the action-taken chapter reports it."""

    text: str
    line: int | None = None
    kind: str | None = None  # resolution | decision, from "draft resolution" / "决议草案"
    title: str | None = None
    draft_symbols: list[str] = field(default_factory=list)
    adopted_as: tuple[str, str] | None = None  # (kind, number) from "for the text, see ..."
    sponsorships: list[Sponsorship] = field(default_factory=list)
    submitted_by: str | None = None  # an officer: "缔约国会议主席", "President"
    meeting: int | None = None
    date: str | None = None  # ISO


def action_chapter(document: ExtractedDocument) -> list[Paragraph]:
    """The paragraphs of the action-taken chapter; without one, every paragraph of the report's own
    text (outside the texts it sets out and its annexes), since entries name their outcome anyway."""
    chapters = [h for h in document.headings if h.level == 1 and h.line is not None]
    for index, heading in enumerate(chapters):
        if _ACTION_CHAPTER.search(heading.title):
            end = chapters[index + 1].line if index + 1 < len(chapters) else None
            return [
                p
                for p in document.paragraphs
                if p.line is not None and p.line > heading.line and (end is None or p.line < end)
            ]
    return [p for p in document.paragraphs if p.part is None and p.annex is None]


def read_action_entries(
    paragraphs: list[Paragraph], *, language: str | None, resolve: Resolver | None = None
) -> list[ActionEntry]:
    """Every entry that names a draft (by symbol) or an adopted text, in the order of the report."""
    entries: list[ActionEntry] = []
    meeting: int | None = None
    date: str | None = None
    for paragraph in paragraphs:
        lead, items = _split_items(paragraph.text)
        # "在 2017 年 11 月 10 日第 13 次会议上" / "At its 13th meeting, on 10 November 2017"; "在这次会议上"
        # / "At the same meeting" keeps the meeting of the paragraph before.
        found_meeting, found_date = _meeting(lead)
        if found_meeting != meeting and (found_meeting or found_date):
            meeting, date = found_meeting, found_date
        elif found_date:
            date = found_date  # "Also at its 9th meeting": the same meeting, its date said before
        lead_kind = _kind(lead)
        for text in items or [lead]:
            entry = _read_entry(text, language=language, resolve=resolve)
            if entry is None:
                continue
            entry.line = paragraph.line
            entry.kind = entry.kind or lead_kind
            entry.meeting, entry.date = meeting, date
            entries.append(entry)
    return entries


def _split_items(text: str) -> tuple[str, list[str]]:
    lines = text.split("\n")
    lead: list[str] = []
    items: list[str] = []
    for line in lines:
        if _ITEM.match(line.strip()):
            items.append(_ITEM.sub("", line.strip()))
        elif items:
            items[-1] += line
        else:
            lead.append(line)
    return " ".join(lead), items


def _is_cjk(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text))


def _meeting(text: str) -> tuple[int | None, str | None]:
    if match := re.search(r"第\s*(\d{1,3})\s*次(?:全体)?会议", text):
        return int(match.group(1)), parse_date(text[: match.start()] or text)
    if match := re.search(r"\b(\d{1,3})(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting", text):
        return int(match.group(1)), parse_date(text)
    return None, None


def _kind(text: str) -> str | None:
    if match := _KIND_ZH.search(text):
        return "resolution" if match.group(1) == "决议" else "decision"
    if match := _KIND_EN.search(text):
        return match.group(1).lower()
    return None


def _read_entry(text: str, *, language: str | None, resolve: Resolver | None) -> ActionEntry | None:
    symbols = _draft_symbols(text)
    adopted_as = _adopted_as(text)
    if not symbols and adopted_as is None:
        return None
    entry = ActionEntry(text=text, kind=_kind(text), draft_symbols=symbols, adopted_as=adopted_as)
    if quoted := _QUOTED.search(text):
        entry.title = quoted.group(1).strip()
    zh = language == "zh" or (language is None and _is_cjk(text))
    # Titles are quoted and may hold anything ("由", "submitted by"): search what is outside them.
    outside = _QUOTED.sub("“”", text)
    for pattern in _ORIGINAL_ZH if zh else _ORIGINAL_EN:
        if match := pattern.search(outside):
            names = match.group("names")
            if _OFFICER.search(names) and not _resolves_any(names, resolve, zh=zh):
                entry.submitted_by = _clean_name(names)
            else:
                entry.sponsorships += _sponsorships(names, resolve=resolve, zh=zh, later=False)
            break
    if match := (_LATER_ZH if zh else _LATER_EN).search(outside):
        names = match.group("names") or (match.groupdict().get("names2") or "")
        entry.sponsorships += _sponsorships(names, resolve=resolve, zh=zh, later=True)
    return entry


def _draft_symbols(text: str) -> list[str]:
    found: list[str] = []
    for match in _DRAFT_SYMBOL.finditer(text):
        symbol = re.sub(r"\s+", "", match.group(0))
        if symbol not in found:
            found.append(symbol)
    return found


def _adopted_as(text: str) -> tuple[str, str] | None:
    if match := _SEE_ZH.search(text):
        return ("resolution" if match.group(2) == "决议" else "decision", match.group(1))
    if match := _SEE_EN.search(text):
        return (match.group(1).lower(), match.group(2))
    return None


# --- lists of names -----------------------------------------------------------------------------------


def _top_level_split(text: str, separators: str) -> list[str]:
    """Split at separator characters that are outside brackets."""
    parts, depth, current = [], 0, []
    for char in text:
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(0, depth - 1)
        if char in separators and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


# "和" and "及" are also inside words: 共和国 (republic), 埃及 (Egypt).
_CONNECTOR_ZH = re.compile(r"以及|(?<!共)和|(?<!埃)及")
_CONNECTOR_EN = re.compile(r"\s+and\s+")


def _connector_pieces(chunk: str, zh: bool) -> list[str]:
    """The chunk cut at every connector outside brackets ("和", "及", "以及", " and ")."""
    pattern = _CONNECTOR_ZH if zh else _CONNECTOR_EN
    pieces, depth, start, index = [], 0, 0, 0
    while index < len(chunk):
        char = chunk[index]
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and (match := pattern.match(chunk, index)):
            pieces.append(chunk[start:index])
            start = index = match.end()
            continue
        index += 1
    pieces.append(chunk[start:])
    return pieces


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)).casefold()


def _knows(name: str, resolve: Resolver | None) -> bool:
    bare = _split_behalf(name)[0]
    folded = _fold(bare)
    if folded.replace(" ", "") in _WHOLE_NAMES or folded in _WHOLE_NAMES:
        return True
    return bool(resolve and resolve(bare))


def _partitions(pieces: list[str], connectors: list[str]) -> Iterator[list[str]]:
    """Every way of reading the pieces as consecutive names (a connector joins or separates)."""
    for cuts in itertools.product((True, False), repeat=len(pieces) - 1):
        names, current = [], pieces[0]
        for cut, connector, piece in zip(cuts, connectors, pieces[1:], strict=True):
            if cut:
                names.append(current)
                current = piece
            else:
                current = current + connector + piece
        names.append(current)
        yield names


# A bracket that holds a symbol or a cross-reference ends the list: "the President (CAC/COSP/2017/L.11)".
_NOT_A_NAME = re.compile(r"\s*[(（][^()（）]*(?:/|案文|\bsee\b)[^()（）]*[)）]")


def _names(text: str, *, resolve: Resolver | None, zh: bool) -> list[str]:
    text = _NOT_A_NAME.sub("", text)
    out: list[str] = []
    for chunk in _top_level_split(text, "、，" if zh else ",;"):
        chunk = _NAME_NOISE.sub("", chunk.strip()).strip()
        pieces = _connector_pieces(chunk, zh)
        if len(pieces) == 1 or len(pieces) > 6:
            out.append(chunk)
            continue
        connector = "和" if zh else " and "
        candidates = list(_partitions(pieces, [connector] * (len(pieces) - 1)))
        # Most names known first; then, among equals, the most names (a list joins names by its
        # connector far more often than a name holds one).
        best = max(candidates, key=lambda names: (sum(_knows(n, resolve) for n in names), len(names)))
        out += best
    return [name for name in (_clean_name(n) for n in out) if name]


def _clean_name(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ，,;；。.")
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    previous = None
    while previous != text:
        previous, text = text, _NAME_NOISE.sub("", text).strip()
    return text


def _split_behalf(name: str) -> tuple[str, str | None]:
    """ "Nigeria (on behalf of the Group of African States)" → ("Nigeria", "the Group of African States");
    other brackets belong to the name: "Iran (Islamic Republic of)"."""
    match = re.search(r"[(（]([^()（）]*(?:[(（][^()（）]*[)）][^()（）]*)*)[)）]\s*$", name)
    if match and _ON_BEHALF.match(match.group(1).strip()):
        return name[: match.start()].strip(), _ON_BEHALF.sub("", match.group(1).strip()).strip()
    return name, None


def _sponsorships(text: str, *, resolve: Resolver | None, zh: bool, later: bool) -> list[Sponsorship]:
    out = []
    for raw in _names(text, resolve=resolve, zh=zh):
        name, behalf = _split_behalf(raw)
        name = _clean_name(name)
        out.append(
            Sponsorship(
                name=name, code=resolve(name) if resolve else None, on_behalf_of=behalf, joined_later=later
            )
        )
    return out


def _resolves_any(text: str, resolve: Resolver | None, *, zh: bool) -> bool:
    return bool(resolve) and any(_knows(name, resolve) for name in _names(text, resolve=resolve, zh=zh))
