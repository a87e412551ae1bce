"""The resolutions and decisions a session report contains, with their paragraphs and sponsors.

Input: the `ExtractedDocument` of the documents app, not the raw lines. Its structure pass already
does what a second reading of the lines would have to redo: it drops page furniture and footnotes
that interrupt a paragraph, joins a paragraph broken across a page, numbers an adopted text's own
paragraphs from 1 under its heading (`第 7/1 号决议` / `Resolution 7/1`, recorded as the paragraph's
`part`), and keeps lettered sub-paragraphs inside their paragraph, one per line ("\\n(a) ...").
What it cannot know is repaired here:

- the opening line naming the body ("The Conference of the States Parties ...," / "联合国反腐败公约
  缔约国会议，") is not a paragraph; lines between the heading's title and that opening line continue
  the title;
- wrapped English text (PDF) may join two preambular paragraphs when a line happens to end flush with
  the margin after a comma: they are split again before each preambular opener ("Recalling",
  "Noting", "Mindful" ...);
- a decision whose paragraphs are lettered ("(a) 回顾...", "(b) 注意到...") has those letters as its
  operative paragraphs; a text with no numbers at all is read by its punctuation (a paragraph ending
  in a comma is preambular).

Texts the document only cites are never outcomes: an outcome is a heading that sets the text out.
A draft resolution (an L document) sets out no adopted text and gives no outcome.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from cosp.documents.extraction.model import ExtractedDocument, Paragraph
from cosp.documents.extraction.numerals import SUPERSCRIPT_CHARS, superscript_to_int

from .sponsors import ActionEntry, Sponsorship, action_chapter, read_action_entries

Resolver = Callable[[str], str | None]

_HEADING_ZH = re.compile(r"^第\s*(\d{1,4}/\d{1,3})\s*号\s*(决议|决定)$")
_HEADING_EN = re.compile(r"^(Resolution|Decision)\s+(\d{1,4}/\d{1,3})\.?$", re.IGNORECASE)

# The body whose report it is, by symbol prefix and then by the name the header gives.
_BODY_BY_SYMBOL = [("CAC/COSP", "COSP"), ("CTOC/COP", "UNTOC-COP"), ("A/", "GA"), ("E/", "ECOSOC")]
_BODY_BY_NAME = [
    (r"Convention against Corruption|反腐败公约缔约国会议", "COSP"),
    (r"Implementation Review Group|实施情况审议组", "COSP"),
    (r"Transnational Organized Crime|有组织犯罪公约缔约方会议", "UNTOC-COP"),
    (r"General Assembly|联合国大会", "GA"),
    (r"Economic and Social Council|经济及社会理事会", "ECOSOC"),
]

# The opening line: "The Conference of the States Parties to ...," / "The General Assembly," /
# "联合国反腐败公约缔约国会议，" / "联合国反腐败公约缔约国会议在 2017 年 11 月 10 日第 13 次会议上：".
_OPENING_EN = re.compile(
    r"^(?:The\s+(?:[\w'’-]+\s+){0,12}?(?:Conference|Assembly|Council|Commission|Committee|Group|Meeting)\b"
    r"|At its\s+\d)[^.;]{0,200}[,:]$"
)
_OPENING_ZH = re.compile(r"^[^。；]{0,120}(?:会议|大会|理事会|委员会|工作组)[^。；]{0,60}[，,：:]$")

# "13th plenary meeting" / "10 November 2017" / "第 13 次全体会议": the signature under a GA text.
_SIGNATURE = re.compile(
    r"^(?:\d{1,3}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*第\s*\d+\s*次(?:全体)?会议|第\s*\d+\s*次全体会议)\.?$"
)
_LABEL = re.compile(r"^[(（]\s*([a-z]{1,2}|[ivx]{1,5})\s*[)）]\s*")

# Where wrapped English may have joined two preambular paragraphs: a comma, then an opener.
_PREAMBLE_OPENER = re.compile(
    r"(?<=,)(?P<mark>\d{1,3})?\s+(?=(?:[A-Z][a-z]+ing|Mindful|Aware|Conscious|Convinced|Concerned|Deeply|Gravely"
    r"|Seriously|Determined|Desirous|Encouraged|Alarmed|Cognizant|Committed|Guided|Inspired|Also|Further)\b)"
)
# Words ending in -ing that are places, not openers.
_NOT_OPENERS = {"Beijing", "Nanjing", "Kunming", "Chongqing", "Reading", "Wellington", "Flushing"}
_SUPERSCRIPTS = re.compile(f"[{SUPERSCRIPT_CHARS}]+")
_MARKS = f"{SUPERSCRIPT_CHARS}0123456789 "  # stripped before reading a paragraph's last punctuation
# English text from PDF loses superscripts: "the Convention,1 and" / "Declaration7 and".
_PLAIN_MARK = re.compile(r"(?<=[a-z,;”\")])(\d{1,3})(?=[\s,;:.)]|$)")


@dataclass
class ExtractedParagraph:
    number: str | None  # "1", "2"; lettered decision paragraphs "a", "b"; preambular ones None
    kind: str  # preambular | operative
    text: str
    sub_paragraphs: list[tuple[str, str]] = field(default_factory=list)  # [("a", "text"), ...]
    verb: str | None = None  # from classify.py, when it is there
    addressees: list[str] = field(default_factory=list)
    operational: bool | None = None  # asks someone to act (classify.py); None when unclassified
    line: int | None = None  # the line of the source text where the paragraph starts


@dataclass
class ExtractedOutcome:
    body: str  # "COSP"
    kind: str  # resolution | decision
    number: str  # "7/1"
    title: str
    sponsors: list[str] = field(default_factory=list)  # ISO3 / organisation / the name as given
    draft_symbols: list[str] = field(default_factory=list)  # ["CAC/COSP/2017/L.5/Rev.1"]
    paragraphs: list[ExtractedParagraph] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)  # footnote numbers inside the text
    # Beyond the contract: what the sponsors list flattens, and what the action-taken chapter adds.
    sponsorships: list[Sponsorship] = field(default_factory=list)
    submitted_by: str | None = None  # an officer who submitted the draft ("President", "缔约国会议主席")
    adopted_meeting: int | None = None
    adopted_on: str | None = None  # ISO date
    line: int | None = None  # the heading's line

    def as_json(self) -> dict[str, Any]:
        """The entry of `cosp inspect`'s "outcomes" list (the issue's keys, then the others)."""
        data = asdict(self)
        data["paragraphs"] = [
            {"number": p.number, "kind": p.kind, "verb": p.verb, "addressees": p.addressees}
            | {key: value for key, value in asdict(p).items() if key not in {"number", "kind"}}
            for p in self.paragraphs
        ]
        return data


def body_code(document: ExtractedDocument) -> str | None:
    """The body whose document it is ("COSP", "GA" ...), by symbol, else by the body's name."""
    for prefix, code in _BODY_BY_SYMBOL:
        if document.symbol and document.symbol.startswith(prefix):
            return code
    for pattern, code in _BODY_BY_NAME:
        if document.body and re.search(pattern, document.body):
            return code
    return None


def parse_outcome_label(label: str) -> tuple[str, str] | None:
    """`第7/1号决议` → ("resolution", "7/1"); `Decision 7/1` → ("decision", "7/1"); else None."""
    if match := _HEADING_ZH.match(label.strip()):
        return ("resolution" if match.group(2) == "决议" else "decision", match.group(1))
    if match := _HEADING_EN.match(label.strip()):
        return (match.group(1).lower(), match.group(2))
    return None


def find_outcomes(document: ExtractedDocument, *, resolve: Resolver | None = None) -> list[ExtractedOutcome]:
    """The resolutions and decisions `document` sets out, with paragraphs, footnotes and sponsors.

    `resolve` maps a sponsor's name to an ISO3 code or an organisation's name (None when unknown);
    without it, or when it does not know a name, the sponsor is listed by the name the text gives.
    """
    body = body_code(document) or "COSP"
    language = document.language or "en"
    headings = [h for h in document.headings if h.line is not None]
    outcomes: list[ExtractedOutcome] = []
    for index, heading in enumerate(headings):
        parsed = parse_outcome_label(heading.label)
        if parsed is None:
            continue
        end = next((h.line for h in headings[index + 1 :] if h.label), None)
        paragraphs = [
            p
            for p in document.paragraphs
            if p.part == heading.label
            and p.line is not None
            and p.line > heading.line
            and (end is None or p.line < end)
        ]
        title_extra, text = _drop_opening(paragraphs, language)
        kind, number = parsed
        outcome = ExtractedOutcome(
            body=body,
            kind=kind,
            number=number,
            title=_join([heading.title, *title_extra], language),
            paragraphs=_classified(_paragraphs(text, language), language),
            line=heading.line,
        )
        outcome.footnotes = _footnotes(outcome, document)
        outcomes.append(outcome)
    if outcomes:
        entries = read_action_entries(action_chapter(document), language=document.language, resolve=resolve)
        _attach(outcomes, entries)
    return outcomes


def outcome_paragraphs(paragraphs: list[Paragraph], *, language: str) -> list[ExtractedParagraph]:
    """The preambular and operative paragraphs of one text (a resolution, a decision, a draft), given
    the extracted paragraphs from its opening line ("The General Assembly,") on; classified when
    classify.py is there."""
    _title_extra, text = _drop_opening(paragraphs, language)
    return _classified(_paragraphs(text, language), language)


def _paragraphs(paragraphs: list[Paragraph], language: str) -> list[ExtractedParagraph]:
    pieces = [_Piece.read(p, language) for p in paragraphs]
    if language != "zh":
        pieces = [part for piece in pieces for part in piece.split_preamble()]
    numbered = any(piece.number for piece in pieces)
    # A decision may letter its paragraphs instead ("(a) 回顾...", "(b) 注意到..."): the letters number it.
    lettered = not numbered and any(piece.letter for piece in pieces)
    result: list[ExtractedParagraph] = []
    for piece in pieces:
        if _SIGNATURE.match(piece.main) and not piece.subs:
            continue
        number = piece.number or (piece.letter if lettered else None)
        if numbered or lettered:
            if number:
                kind = "operative"
            elif result and (result[-1].kind == "operative" or piece.letter):
                # Unnumbered text after the operative part continues the paragraph above it (a page
                # break the structure pass could not see through); so does a stray lettered line.
                _continue(result[-1], piece, language)
                continue
            else:
                kind = "preambular"
        else:
            kind = "preambular" if piece.main.rstrip(_MARKS).endswith((",", "，")) else "operative"
        result.append(
            ExtractedParagraph(
                number=number, kind=kind, text=piece.main, sub_paragraphs=piece.subs, line=piece.line
            )
        )
    return result


@dataclass
class _Piece:
    number: str | None
    main: str
    subs: list[tuple[str, str]]
    line: int | None
    letter: str | None = None  # the piece itself starts with "(a)": a lettered decision paragraph

    @classmethod
    def read(cls, paragraph: Paragraph, language: str) -> _Piece:
        """Split the paragraph's lines into its own text and its lettered sub-paragraphs; a label
        out of sequence ("(i)" under "(c)") is nested text and stays with the sub-paragraph above."""
        lines = [line.strip() for line in paragraph.text.split("\n") if line.strip()]
        letter = None
        if paragraph.number is None and lines and (match := _LABEL.match(lines[0])):
            letter, lines[0] = match.group(1), lines[0][match.end() :]
        main, subs = "", []
        expected = "a"
        for line in lines:
            match = _LABEL.match(line)
            if match and match.group(1) == expected:
                subs.append((expected, line[match.end() :].strip()))
                expected = chr(ord(expected) + 1) if expected != "z" else "aa"
            elif subs:
                label, text = subs[-1]
                subs[-1] = (label, _join([text, line], language))
            else:
                main = _join([main, line], language)
        return cls(paragraph.number, main, subs, paragraph.line, letter)

    def split_preamble(self) -> list[_Piece]:
        if self.number is not None or self.letter is not None:
            return [self]
        parts: list[str] = []
        start = 0
        for match in _PREAMBLE_OPENER.finditer(self.main):
            word = re.match(r"\w+", self.main[match.end() :])
            if word and word.group(0) in _NOT_OPENERS:
                continue
            # A footnote mark after the comma ("development,9") stays with the paragraph it ends.
            cut = match.end("mark") if match.group("mark") else match.start()
            if cut - start >= 40:
                parts.append(self.main[start:cut].strip())
                start = match.end()
        if not parts:
            return [self]
        parts.append(self.main[start:].strip())
        # Sub-paragraphs belong to the last of the joined paragraphs (they follow it in the text).
        return [_Piece(None, text, [], self.line) for text in parts[:-1]] + [
            _Piece(None, parts[-1], self.subs, self.line)
        ]


def _continue(paragraph: ExtractedParagraph, piece: _Piece, language: str) -> None:
    if piece.letter:
        # A lettered line the structure pass left on its own: the next sub-paragraph.
        paragraph.sub_paragraphs.append((piece.letter, piece.main))
    elif paragraph.sub_paragraphs:
        label, text = paragraph.sub_paragraphs[-1]
        paragraph.sub_paragraphs[-1] = (label, _join([text, piece.main], language))
    else:
        paragraph.text = _join([paragraph.text, piece.main], language)
    paragraph.sub_paragraphs += piece.subs


def _join(parts: list[str], language: str) -> str:
    separator = "" if language == "zh" else " "
    return separator.join(part.strip() for part in parts if part and part.strip())


def _drop_opening(paragraphs: list[Paragraph], language: str) -> tuple[list[str], list[Paragraph]]:
    """(title continuation, the text's paragraphs) without the opening line naming the body."""
    pattern = _OPENING_ZH if language == "zh" else _OPENING_EN
    for index, paragraph in enumerate(paragraphs[:3]):
        if paragraph.number is not None:
            break
        first, _, rest = paragraph.text.partition("\n")
        if pattern.match(first.strip()):
            title_extra = [p.text for p in paragraphs[:index]]
            kept = list(paragraphs[index + 1 :])
            # The opening line may carry the lettered paragraphs of a decision: one paragraph each.
            items = re.split(r"\n(?=\s*[(（]\s*[a-z]{1,2}\s*[)）])", rest) if rest.strip() else []
            own = [Paragraph(None, paragraph.section, item.strip(), paragraph.line) for item in items]
            return title_extra, own + kept
    return [], list(paragraphs)


def _footnotes(outcome: ExtractedOutcome, document: ExtractedDocument) -> list[str]:
    known = {footnote.number for footnote in document.footnotes}
    texts = [outcome.title]
    for paragraph in outcome.paragraphs:
        texts += [paragraph.text, *(text for _, text in paragraph.sub_paragraphs)]
    found: list[str] = []
    for text in texts:
        marks = [str(superscript_to_int(m)) for m in _SUPERSCRIPTS.findall(text)]
        if document.language != "zh" and known:
            # Plain digits count only when the document has such a note: "Convention,1" is note 1,
            # "resolution 58/4" and "L.5" are not marks at all (they follow a space or a slash).
            marks += [m for m in _PLAIN_MARK.findall(text) if m in known]
        found += [mark for mark in marks if mark not in found]
    return found


# --- sponsors -----------------------------------------------------------------------------------------


def _normal_title(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def _entry_outcome(entry: ActionEntry, outcomes: list[ExtractedOutcome]) -> ExtractedOutcome | None:
    """The outcome an entry adopted: by the number it names, else by its title (a near match: a
    title is sometimes shortened between the draft and the adopted text)."""
    if entry.adopted_as:
        kind, number = entry.adopted_as
        return next((o for o in outcomes if (o.kind, o.number) == (kind, number)), None)
    if not entry.title:
        return None
    wanted = _normal_title(entry.title)
    best, best_ratio = None, 0.0
    for outcome in outcomes:
        if entry.kind and entry.kind != outcome.kind:
            continue
        ratio = difflib.SequenceMatcher(None, wanted, _normal_title(outcome.title)).ratio()
        if ratio > best_ratio:
            best, best_ratio = outcome, ratio
    return best if best_ratio >= 0.85 else None


def _attach(outcomes: list[ExtractedOutcome], entries: list[ActionEntry]) -> None:
    for entry in entries:
        outcome = _entry_outcome(entry, outcomes)
        if outcome is None:
            continue
        outcome.draft_symbols += [s for s in entry.draft_symbols if s not in outcome.draft_symbols]
        for sponsorship in entry.sponsorships:
            if sponsorship.value not in outcome.sponsors:
                outcome.sponsorships.append(sponsorship)
                outcome.sponsors.append(sponsorship.value)
        outcome.submitted_by = outcome.submitted_by or entry.submitted_by
        outcome.adopted_meeting = outcome.adopted_meeting or entry.meeting
        outcome.adopted_on = outcome.adopted_on or entry.date


# --- verbs and addressees -----------------------------------------------------------------------------


def _classifier() -> Callable[[str, str], Any] | None:
    """classify.py's `classify`, written in parallel: without it, verbs and addressees stay empty."""
    try:
        from .classify import classify
    except ImportError:
        return None
    return classify


def _classified(paragraphs: list[ExtractedParagraph], language: str) -> list[ExtractedParagraph]:
    classify = _classifier()
    if classify is None:
        return paragraphs
    for paragraph in paragraphs:
        # The structure here already knows the kind (numbers, letters, position): the classifier is
        # told so rather than guessing it from the wording.
        result = classify(paragraph.text, language, numbered=paragraph.kind == "operative")
        paragraph.verb = result.verb
        paragraph.addressees = list(result.addressees)
        paragraph.operational = result.operational
    return paragraphs


__all__ = [
    "ExtractedOutcome",
    "ExtractedParagraph",
    "Sponsorship",
    "body_code",
    "find_outcomes",
    "outcome_paragraphs",
    "parse_outcome_label",
]
