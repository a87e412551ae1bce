"""A political declaration set out in a document: its themed sections and numbered paragraphs, with the
Convention articles each paragraph cites and its themes.

The 2021 special session's report (../shared/samples) carries the declaration the General Assembly
adopted in June 2021: a title, an unnumbered preamble, then paragraphs 1-86 under seven themed headings.
The documents extraction already finds those paragraphs: they are numbered from 1 again and record the
declaration's title in `Paragraph.part`, and the themed headings are unlabelled headings between them.
This module picks that part out, puts the preamble in an "opening" section, joins paragraphs a page
break split, and names each section with a stable key (`SECTION_KEYS`).

Where the document's own paragraphs are the declaration (no `part`), the numbered paragraphs under a
heading that names a declaration are read instead.

No Django here: plain functions on `ExtractedDocument`, tested on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cosp.documents.extraction.model import ExtractedDocument, Heading, Paragraph
from cosp.documents.extraction.numerals import roman_to_int
from cosp.documents.extraction.references import find_articles

OPENING = "opening"

# Section headings → key, tried in this order: the 2030 Agenda and forward-looking headings name other
# themes in passing, so they are tried first; "prevention" words appear in many titles, so it is last.
SECTION_KEYS: list[tuple[str, str, str]] = [
    # key, English pattern, Chinese pattern
    ("agenda_2030", r"2030", r"2030"),
    ("way_forward", r"forward|way ahead|the future|follow-up", r"前瞻|今后|未来|后续"),
    ("criminalization", r"criminali[sz]ation|law enforcement", r"刑事定罪|执法"),
    ("international_cooperation", r"international cooperation", r"国际合作"),
    ("asset_recovery", r"asset recovery|return of assets", r"资产追回|追回资产|资产返还"),
    ("technical_assistance", r"technical assistance|information exchange", r"技术援助|信息交流"),
    ("prevention", r"prevent", r"预防"),
]

# Theme keywords a paragraph may carry besides its section's key. Generic phrases ("prevent and combat
# corruption", "预防和打击腐败") stand in almost every paragraph, so only specific terms are listed.
THEMES: list[tuple[str, str, str]] = [
    # key, English pattern, Chinese pattern
    ("prevention", r"preventive (?:anti-corruption )?(?:measures|policies)", r"预防(?:性)?措施"),
    ("criminalization", r"criminali[sz]|law enforcement", r"刑事定罪|定为刑事犯罪|执法"),
    (
        "international_cooperation",
        r"international cooperation|mutual legal assistance|extradition",
        r"国际合作|司法协助|引渡",
    ),
    (
        "asset_recovery",
        r"asset recovery|recover(?:y of|ing|ed)? (?:stolen )?assets|return(?:ing)? (?:of )?(?:confiscated )?"
        r"(?:assets|property)",
        r"资产追回|追回(?:和返还)?(?:被盗)?资产|返还(?:所没收的)?(?:资产|财产)|追回和返还",
    ),
    ("technical_assistance", r"technical assistance|capacity-building", r"技术援助|能力建设"),
    (
        "agenda_2030",
        r"2030 Agenda|Sustainable Development Goals?",
        r"2030年(?:可持续发展)?议程|可持续发展目标",
    ),
    ("money_laundering", r"money[- ]laundering", r"洗钱"),
    ("beneficial_ownership", r"beneficial owner", r"实益所有"),
    ("public_procurement", r"public procurement", r"公共采购|政府采购"),
    ("conflict_of_interest", r"conflicts? of interest", r"利益冲突"),
    (
        "asset_declarations",
        r"(?:asset|financial|income) (?:and interest )?(?:disclosure|declaration)",
        r"财务披露|财产申报|资产申报",
    ),
    ("audit", r"audit institutions?", r"审计机关"),
    (
        "anti_corruption_bodies",
        r"anti-corruption (?:bodies|agencies|authorities)",
        r"反腐败机构|专职机关|反腐败机关",
    ),
    ("judiciary", r"judicia(?:l|ry)", r"司法(?:独立|系统|机构|机关|廉正|人员)"),
    ("private_sector", r"private sector", r"私营部门"),
    ("civil_society", r"civil society", r"民间社会"),
    ("reporting_persons", r"whistle-?blow|reporting persons", r"举报|揭发"),
    ("media", r"\bmedia\b|journalists", r"媒体|记者"),
    ("gender", r"\bgender\b", r"性别"),
    ("covid19", r"COVID-19|pandemic", r"COVID-19|大流行"),
    ("education", r"education", r"教育"),
    ("sport", r"\bsports?\b", r"体育"),
    ("organized_crime", r"organized crime", r"有组织犯罪"),
    (
        "technology",
        r"digital|innovative technolog|information and communications? technolog",
        r"数字技术|创新技术|信息通信技术",
    ),
    ("review_mechanism", r"Implementation Review Mechanism|review mechanism", r"实施情况审议机制"),
]

# The Convention's chapters and the theme each stands for ("第二章", "chapter II").
CHAPTER_THEMES = {
    2: "prevention",
    3: "criminalization",
    4: "international_cooperation",
    5: "asset_recovery",
    6: "technical_assistance",
}

_CJK = re.compile(r"[\u3400-\u9fff]")
_ZH_CHAPTER = re.compile(r"第([一二三四五六七八])章")
_EN_CHAPTER = re.compile(r"\bchapters?\s+([IVX]+)(?:\s*(?:,|and|to)\s*([IVX]+))*\b")
_ZH_CHAPTER_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
# "political declaration", "the following declaration", "政治宣言", "以下宣言"; not a declaration a
# resolution follows up ("《马拉喀什预防腐败宣言》的后续行动", resolution 7/6).
_DECLARATION = re.compile(
    r"political declaration|following declaration|政治宣言|以下[^。，]{0,8}宣言", re.IGNORECASE
)
_OUTCOME_LABEL = re.compile(
    r"第?\s*\d+/\d+\s*号?\s*(?:决议|决定)|\b(?:resolution|decision)\s+\d+/\d+", re.IGNORECASE
)
_SENTENCE_END = ("。", "；", "，", "：", ".", ";", ",", ":")


@dataclass
class DeclarationParagraph:
    number: int | None  # 1, 2 ...; None for the opening's unnumbered paragraphs
    section: str  # the key of its section (DeclarationSection.key)
    text: str
    articles: list[int] = field(default_factory=list)  # Convention articles cited, in order
    themes: list[str] = field(default_factory=list)  # the section's key first, then THEMES found


@dataclass
class DeclarationSection:
    key: str  # "opening", "prevention", ... (SECTION_KEYS); "section_<n>" for a heading not in the table
    title: str  # the heading as written; the declaration's title for the opening
    paragraphs: list[DeclarationParagraph] = field(default_factory=list)


def section_key(title: str) -> str | None:
    """The stable key of a themed heading ("预防措施" → "prevention"); None when none fits."""
    compact = _compact(title)
    for key, english, chinese in SECTION_KEYS:
        if re.search(english, compact, re.IGNORECASE) or re.search(chinese, compact):
            return key
    return None


def paragraph_themes(text: str, section: str | None = None) -> list[str]:
    """`section` first, then the THEMES keywords and the Convention chapters `text` names."""
    compact = _compact(text)
    themes = [section] if section else []
    for key, english, chinese in THEMES:
        if key not in themes and (re.search(english, compact, re.IGNORECASE) or re.search(chinese, compact)):
            themes.append(key)
    for chapter in _chapters(compact):
        theme = CHAPTER_THEMES.get(chapter)
        if theme and theme not in themes:
            themes.append(theme)
    return themes


def cited_articles(text: str) -> list[int]:
    """The Convention articles `text` cites, each once, in order of first mention."""
    articles: list[int] = []
    for ref in find_articles(_compact(text)):
        if ref.article not in articles:
            articles.append(ref.article)
    return articles


def parse_declaration(document: ExtractedDocument) -> list[DeclarationSection]:
    """The declaration `document` sets out, as its sections in order (the opening first when the
    declaration has an unnumbered preamble); [] when the document holds no declaration."""
    part = _declaration_part(document)
    if part is None and not _is_own_declaration(document):
        return []
    members, title = _declaration_paragraphs(document, part)
    if not members:
        return []
    headings = _section_headings(document, members, title)
    return _build_sections(members, headings, title, _is_chinese(document))


# --- Finding the declaration ---------------------------------------------------------------------------
def _declaration_part(document: ExtractedDocument) -> str | None:
    """The `part` that holds the declaration: one named as a declaration, or introduced by a heading or a
    paragraph that speaks of one ("……通过以下政治宣言：", "adopt the following political declaration:")."""
    parts: list[str] = []
    for paragraph in document.paragraphs:
        if paragraph.part and paragraph.part not in parts:
            parts.append(paragraph.part)
    candidates = []
    for part in parts:
        if _OUTCOME_LABEL.search(part):
            continue
        first = next(index for index, p in enumerate(document.paragraphs) if p.part == part)
        line = document.paragraphs[first].line or 0
        before = [p.text for p in document.paragraphs[:first] if p.part is None][-3:]
        before += [h.title for h in document.headings if (h.line or 0) <= line][-3:]
        if _DECLARATION.search(part) or any(_DECLARATION.search(text) for text in before):
            size = sum(1 for p in document.paragraphs if p.part == part and p.number)
            candidates.append((size, part))
    return max(candidates)[1] if candidates else None


# A document that IS the declaration is titled as one ("Political declaration …", "……政治宣言"); a note
# that only discusses it ("Discussing the political declaration: a work plan") is not.
_OWN_TITLE = re.compile(r"^\s*(?:draft\s+)?political\s+declaration|政治宣言\s*(?:草案)?\s*$", re.IGNORECASE)


def _is_own_declaration(document: ExtractedDocument) -> bool:
    """A document whose own numbered paragraphs are the declaration: its title is the declaration's."""
    return bool(document.title and _OWN_TITLE.search(document.title))


def _title_heading(document: ExtractedDocument, part: str | None) -> Heading | None:
    if part is None:
        return None
    return next((h for h in document.headings if h.title == part), None)


def _declaration_paragraphs(
    document: ExtractedDocument, part: str | None
) -> tuple[list[tuple[Paragraph, bool]], str]:
    """The declaration's paragraphs in order, each with whether it is numbered, and its title. Opening
    paragraphs come after the title heading; a numbered paragraph outside the part ends the text."""
    heading = _title_heading(document, part)
    title = part or document.title or ""
    start = heading.line if heading and heading.line is not None else None
    members: list[tuple[Paragraph, bool]] = []
    seen_numbered = False
    pending: list[Paragraph] = []  # unnumbered paragraphs before the first numbered one
    for paragraph in document.paragraphs:
        inside = paragraph.part == part if part is not None else paragraph.annex is None
        if paragraph.number and inside:
            if not seen_numbered:
                members += [(p, False) for p in pending]
                seen_numbered = True
            members.append((paragraph, True))
        elif paragraph.number:
            if seen_numbered:
                break
            pending = []  # the report's own paragraph before the declaration
        elif seen_numbered:
            members.append((paragraph, False))
        elif start is None or (paragraph.line is not None and paragraph.line > start):
            pending.append(paragraph)
    return members, title


def _section_headings(
    document: ExtractedDocument, members: list[tuple[Paragraph, bool]], title: str
) -> list[tuple[int, str]]:
    """(line, title) of the themed headings among the declaration's paragraphs."""
    lines = [p.line for p, _numbered in members if p.line is not None]
    if not lines:
        return []
    first, last = min(lines), max(lines)
    return [
        (h.line, h.title)
        for h in document.headings
        if h.line is not None and first <= h.line <= last and h.title != title
    ]


def _looks_like_heading(text: str) -> bool:
    """An unnumbered line among numbered paragraphs that is a themed heading the extraction took for
    text (a long heading such as "Advancing a forward-looking anti-corruption agenda ...")."""
    value = text.strip()
    return (
        len(value) <= 120
        and "\n" not in value
        and not value.endswith(_SENTENCE_END)
        and bool(section_key(value))
    )


def _build_sections(
    members: list[tuple[Paragraph, bool]], headings: list[tuple[int, str]], title: str, chinese: bool
) -> list[DeclarationSection]:
    sections: list[DeclarationSection] = []
    current = DeclarationSection(OPENING, title)
    pending_headings = sorted(headings)
    joiner = "" if chinese else " "

    def open_section(heading_title: str) -> None:
        nonlocal current
        key = section_key(heading_title) or f"section_{len(sections) + 1}"
        current = DeclarationSection(key, heading_title)
        sections.append(current)

    sections.append(current)
    for paragraph, numbered in members:
        while pending_headings and paragraph.line is not None and pending_headings[0][0] < paragraph.line:
            open_section(pending_headings.pop(0)[1])
        text = paragraph.text.strip()
        if numbered:
            current.paragraphs.append(DeclarationParagraph(int(paragraph.number or 0), current.key, text))
        elif _looks_like_heading(text) and any(p.number for s in sections for p in s.paragraphs):
            open_section(text)
        elif current.key == OPENING and not any(p.number for p in current.paragraphs):
            current.paragraphs.append(DeclarationParagraph(None, OPENING, text))
        else:
            # A paragraph a page break split: the text goes on in the last numbered paragraph.
            last = next((s.paragraphs[-1] for s in reversed(sections) if s.paragraphs), None)
            if last is None:
                continue
            last.text = last.text + joiner + text
    for section in sections:
        for declaration_paragraph in section.paragraphs:
            declaration_paragraph.articles = cited_articles(declaration_paragraph.text)
            declaration_paragraph.themes = paragraph_themes(declaration_paragraph.text, section.key)
    return [section for section in sections if section.paragraphs or section.key != OPENING]


# --- Small helpers -------------------------------------------------------------------------------------
def _compact(text: str) -> str:
    """Spaces PDF conversion puts inside Chinese text ("2030 年议程") removed; English kept as is."""
    return re.sub(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff\d])|(?<=\d)\s+(?=[\u3400-\u9fff])", "", text)


def _chapters(text: str) -> list[int]:
    chapters = [_ZH_CHAPTER_DIGITS[m.group(1)] for m in _ZH_CHAPTER.finditer(text)]
    for match in _EN_CHAPTER.finditer(text):
        chapters += [
            value for value in (roman_to_int(n) for n in re.findall(r"[IVX]+", match.group(0))) if value
        ]
    return chapters


def _is_chinese(document: ExtractedDocument) -> bool:
    if document.language:
        return document.language == "zh"
    return bool(_CJK.search(" ".join(p.text for p in document.paragraphs[:5])))


__all__ = [
    "CHAPTER_THEMES",
    "OPENING",
    "SECTION_KEYS",
    "THEMES",
    "DeclarationParagraph",
    "DeclarationSection",
    "cited_articles",
    "paragraph_themes",
    "parse_declaration",
    "section_key",
]
