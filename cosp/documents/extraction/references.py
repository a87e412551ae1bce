"""What a text cites: document symbols, Convention articles, resolutions and decisions, rules of
procedure, and the States and organisations it names.

No database here: names are resolved through the `resolve_entity` callable the caller passes
(the ingestion service passes one built on `cosp.states.names.resolve`).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable

from .model import ArticleRef, EntityRef, OutcomeRef, References
from .numerals import CN_NUMERAL_CHARS, chinese_to_int, letter

try:
    from cosp.documents.symbols import find_symbols
except ImportError:  # symbols.py is written in parallel; until it lands, plain symbols only
    _PLAIN_SYMBOL = re.compile(r"(?<![\w/])(?:CAC/COSP|A|E|S|ST|CTOC/COP)(?:/[A-Za-z0-9.\-]+)+(?<![.\-])")

    def find_symbols(text: str) -> list[str]:
        found: list[str] = []
        for match in _PLAIN_SYMBOL.finditer(text):
            if match.group(0) not in found and re.search(r"\d", match.group(0)):
                found.append(match.group(0))
        return found


EntityResolver = Callable[[str], tuple[str | None, str | None]]

CONVENTION_ARTICLES = 71  # RULES.md 1.2: ranges never run past the last article

_N = f"[{CN_NUMERAL_CHARS}]+"
_SUB = r"[(（]\s*([一二三四五六七八九十]+|[a-z])\s*[)）]"

# --- Convention articles in Chinese ---------------------------------------------------------------------
# 第十二、十四、四十和五十二条 | 第五条至第十四条 | 第四十六条第十三和第十四款
# | 第六十三条第四款第(三)和(四)项
_ZH_ARTICLE = re.compile(
    rf"第\s*(?P<arts>{_N}(?:\s*(?:、|，|和|及|以及|或|至|到)\s*(?:第\s*)?{_N})*)\s*条"
    rf"(?:\s*至\s*第\s*(?P<to>{_N})\s*条)?"
    rf"(?:\s*[（(]?\s*第\s*(?P<paras>{_N}(?:\s*(?:、|和|及|或|至)\s*(?:第\s*)?{_N})*)\s*款\s*[）)]?"
    rf"(?:\s*第?\s*(?P<subs>{_SUB}(?:\s*(?:、|和|及|或|至)\s*(?:第\s*)?{_SUB})*)\s*项)?)?"
)
_ZH_SPLIT = re.compile(rf"({_N})|(至|到)")

# --- Convention articles in English ---------------------------------------------------------------------
_EN_NUM_LIST = r"\d+(?:\s*(?:,|and|or|to|-|–)\s*\d+)*"
_EN_ARTICLE = re.compile(
    rf"\barticles?\s+(?P<arts>{_EN_NUM_LIST})"
    rf"(?:\s*,?\s*paragraphs?\s+(?P<paras>{_EN_NUM_LIST})"
    rf"(?P<subs>(?:\s*(?:,|and|or)?\s*\(\s*[a-z]\s*\))*)"
    rf"|\s*\((?P<para_in_brackets>\d+)\)(?P<subs2>(?:\s*(?:,|and|or)?\s*\(\s*[a-z]\s*\))*))?",
    re.IGNORECASE,
)
_EN_PARAGRAPH_OF_ARTICLE = re.compile(
    rf"\bparagraphs?\s+(?P<paras>{_EN_NUM_LIST})(?P<subs>(?:\s*(?:,|and|or)?\s*\(\s*[a-z]\s*\))*)"
    r"\s*,?\s*of\s+article\s+(?P<arts>\d+)",
    re.IGNORECASE,
)
_NOT_CONVENTION = re.compile(
    r"rules?\s+of\s+procedure|of\s+the\s+(?:Charter|Covenant|Statute)", re.IGNORECASE
)

# --- Resolutions and decisions --------------------------------------------------------------------------
_OUTCOME_NUMBER = r"\d{1,4}/\d{1,3}[A-Z]?"
_ZH_OUTCOME = re.compile(
    rf"(?P<list>(?:第?\s*{_OUTCOME_NUMBER}\s*号?\s*(?:、|，|,|和|及|以及|与)\s*)*第?\s*{_OUTCOME_NUMBER})"
    r"\s*号\s*(?P<kind>决议|决定)"
)
_EN_OUTCOME = re.compile(
    rf"\b(?P<kind>resolutions?|decisions?)\s+(?P<list>{_OUTCOME_NUMBER}(?:\s*(?:,|and|,\s*and)\s*{_OUTCOME_NUMBER})*)",
    re.IGNORECASE,
)
_ONE_OUTCOME = re.compile(_OUTCOME_NUMBER)

# The body whose resolution it is, told by the words just before the number (last mention wins).
_ZH_BODIES = [
    ("UNTOC-COP", r"(?:联合国)?打击跨国有组织犯罪公约缔约方会议|有组织犯罪公约缔约方会议"),
    ("ECOSOC", r"经济及社会理事会|经社理事会"),
    ("HRC", r"人权理事会"),
    ("SC", r"安全理事会|安理会"),
    ("CCPCJ", r"预防犯罪和刑事司法委员会"),
    ("COSP", r"缔约国会议"),
    ("GA", r"(?<![届司法])大会(?!第十)"),
]
_EN_BODIES = [
    (
        "UNTOC-COP",
        r"Conference of the Parties to the United Nations Convention against Transnational Organized Crime",
    ),
    ("ECOSOC", r"Economic and Social Council"),
    ("HRC", r"Human Rights Council|Commission on Human Rights"),
    ("SC", r"Security Council"),
    ("CCPCJ", r"Commission on Crime Prevention and Criminal Justice"),
    ("COSP", r"Conference of the States Parties|the Conference\b|Conference"),
    ("GA", r"General Assembly|Assembly"),
]
_DATE_NOISE = re.compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|题为“[^”]*”|entitled\s+“[^”]*”"
)

# --- Rules of procedure ---------------------------------------------------------------------------------
_ZH_RULE = re.compile(r"第\s*(\d{1,3})\s*(?:(?:至|到|-|–)\s*(?:第\s*)?(\d{1,3})\s*)?条")
_EN_RULE = re.compile(r"\brules?\s+(\d{1,3})(?:\s*(?:to|-|–|and)\s*(\d{1,3}))?", re.IGNORECASE)

# --- Attendance lists (names separated by 、 or commas after a colon) -----------------------------------
_ZH_ATTENDANCE = re.compile(r"(?:出席了?[^：:。]{0,20}|出席情况|与会)[：:]\s*([^。：:]+)")
_EN_ATTENDANCE = re.compile(
    r"(?:were represented|were present|attended)[^:.]{0,60}:\s*([^:]+?)\.(?:\s|$)", re.IGNORECASE
)


def _dedupe(items: list) -> list:
    seen, out = set(), []
    for item in items:
        key = repr(item)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _expand(numbers: list[int], ranges: list[bool]) -> list[int]:
    """[5, 14] with a range mark between them → 5..14."""
    out: list[int] = []
    for index, number in enumerate(numbers):
        if index and ranges[index] and out and number > out[-1] and number - out[-1] <= CONVENTION_ARTICLES:
            out.extend(range(out[-1] + 1, number + 1))
        else:
            out.append(number)
    return out


def _zh_numbers(text: str) -> list[int]:
    numbers: list[int] = []
    ranges: list[bool] = []
    pending_range = False
    for match in _ZH_SPLIT.finditer(text):
        if match.group(2):
            pending_range = True
            continue
        value = chinese_to_int(match.group(1))
        if value is not None:
            numbers.append(value)
            ranges.append(pending_range)
        pending_range = False
    return _expand(numbers, ranges)


def _en_numbers(text: str) -> list[int]:
    numbers: list[int] = []
    marks: list[bool] = []
    pending = False
    for match in re.finditer(r"(\d+)|\b(to)\b|([-–])", text):
        if match.group(1) is None:
            pending = True
            continue
        numbers.append(int(match.group(1)))
        marks.append(pending)
        pending = False
    return _expand(numbers, marks)


def _subparagraphs(text: str | None) -> list[str]:
    if not text:
        return []
    out = []
    for match in re.finditer(_SUB, text):
        value = match.group(1)
        out.append(value if value.isascii() else letter(chinese_to_int(value) or 0))
    return out


def find_articles(text: str) -> list[ArticleRef]:
    """Articles of the Convention cited in `text`, one entry per article/paragraph/sub-paragraph."""
    refs: list[ArticleRef] = []
    for match in _ZH_ARTICLE.finditer(text):
        articles = _zh_numbers(match.group("arts"))
        if match.group("to"):
            end = chinese_to_int(match.group("to")) or 0
            articles = _expand([*articles, end], [False] * len(articles) + [True])
        paragraphs = _zh_numbers(match.group("paras")) if match.group("paras") else []
        subs = _subparagraphs(match.group("subs"))
        refs.extend(_combine(articles, paragraphs, subs))
    covered = [m.span() for m in _EN_PARAGRAPH_OF_ARTICLE.finditer(text)]
    for match in _EN_ARTICLE.finditer(text):
        if any(start <= match.start() < end for start, end in covered):
            continue
        if _NOT_CONVENTION.match(text, match.end(), match.end() + 40) or _NOT_CONVENTION.search(
            text[match.end() : match.end() + 30]
        ):
            continue
        articles = _en_numbers(match.group("arts"))
        if match.group("paras"):
            paragraphs = _en_numbers(match.group("paras"))
            subs = _subparagraphs(match.group("subs"))
        elif match.group("para_in_brackets"):
            paragraphs = [int(match.group("para_in_brackets"))]
            subs = _subparagraphs(match.group("subs2"))
        else:
            paragraphs, subs = [], []
        refs.extend(_combine(articles, paragraphs, subs))
    for match in _EN_PARAGRAPH_OF_ARTICLE.finditer(text):
        refs.extend(
            _combine(
                [int(match.group("arts"))],
                _en_numbers(match.group("paras")),
                _subparagraphs(match.group("subs")),
            )
        )
    return _dedupe([ref for ref in refs if 1 <= ref.article <= CONVENTION_ARTICLES])


def _combine(articles: list[int], paragraphs: list[int], subs: list[str]) -> list[ArticleRef]:
    # Paragraphs and sub-paragraphs belong to the last article named (第十二条第二款: one article).
    if not paragraphs:
        return [ArticleRef(article=article) for article in articles]
    refs = [ArticleRef(article=article) for article in articles[:-1]]
    for index, paragraph in enumerate(paragraphs):
        last = index == len(paragraphs) - 1
        if subs and last:
            refs.extend(ArticleRef(article=articles[-1], paragraph=paragraph, subparagraph=s) for s in subs)
        else:
            refs.append(ArticleRef(article=articles[-1], paragraph=paragraph))
    return refs


def _body_before(
    text: str, start: int, default_body: str | None, patterns: list[tuple[str, str]]
) -> str | None:
    window = text[max(0, start - 60) : start]
    window = _DATE_NOISE.sub(" ", window)
    # Only the clause the number sits in: cut at the last sentence or clause stop.
    window = re.split(r"[。；;，,：:（(]", window)[-1] if not window.rstrip().endswith(("，", ",")) else ""
    best: tuple[int, str] | None = None
    for body, pattern in patterns:
        for found in re.finditer(pattern, window):
            if best is None or found.end() > best[0]:
                best = (found.end(), body)
    if best:
        return best[1]
    if re.search(r"\b(?:its|their)\s*$", window.strip() + " ", re.IGNORECASE) or "其" in window[-4:]:
        return default_body
    return None


def _default_body(number: str, own_body: str | None) -> str:
    session = int(number.split("/")[0])
    if session >= 1946:
        return "ECOSOC"  # ECOSOC numbers its resolutions by year: 2001/13
    if session > 20:
        return "GA"  # the Conference has not reached 20 sessions; the Assembly passed them in 1966
    return own_body if own_body and own_body != "GA" else "COSP"


def find_outcomes(text: str, *, own_body: str | None = None) -> list[OutcomeRef]:
    """Resolutions and decisions cited, one entry per number, told apart by body."""
    refs: list[OutcomeRef] = []
    for regex, patterns, zh in ((_ZH_OUTCOME, _ZH_BODIES, True), (_EN_OUTCOME, _EN_BODIES, False)):
        for match in regex.finditer(text):
            kind_word = match.group("kind").lower()
            kind = "resolution" if kind_word in {"决议", "resolution", "resolutions"} else "decision"
            body = _body_before(text, match.start(), own_body, patterns)
            if not zh and body is None:
                # English also says "resolution 7/1 of the Conference" / "Assembly resolution".
                after = text[match.end() : match.end() + 60]
                for name, pattern in patterns:
                    if re.match(rf"\s*(?:of|adopted by)\s+the\s+(?:{pattern})", after):
                        body = name
                        break
            for number in _ONE_OUTCOME.findall(match.group("list")):
                refs.append(
                    OutcomeRef(body=body or _default_body(number, own_body), kind=kind, number=number)
                )
    return _dedupe(refs)


def find_rules(text: str) -> list[int]:
    """Rules of procedure cited, in order of first mention; only where the text speaks of rules."""
    rules: list[int] = []
    for paragraph in re.split(r"\n\s*\n", text):
        zh_at = paragraph.find("议事规则")
        if zh_at >= 0:
            for match in _ZH_RULE.finditer(paragraph, zh_at):
                rules.extend(_rule_range(match.group(1), match.group(2)))
        if re.search(r"rules\s+of\s+procedure", paragraph, re.IGNORECASE):
            for match in _EN_RULE.finditer(paragraph):
                if re.match(r"\s*of\s+the\s+(?!rules)", paragraph[match.end() : match.end() + 24]):
                    continue
                rules.extend(_rule_range(match.group(1), match.group(2)))
    return list(dict.fromkeys(rules))


def _rule_range(first: str, last: str | None) -> list[int]:
    start = int(first)
    end = int(last) if last else start
    return list(range(start, end + 1)) if start <= end <= start + 30 else [start]


def _attendance_names(text: str) -> list[str]:
    names: list[str] = []
    for match in _ZH_ATTENDANCE.finditer(text):
        items = [item.strip() for item in re.split(r"[、，,]", match.group(1))]
        if len(items) >= 2:
            names.extend(item for item in items if 1 < len(item) <= 40)
    for match in _EN_ATTENDANCE.finditer(text):
        items = [item.strip() for item in re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group(1))]
        if len(items) >= 2:
            names.extend(item for item in items if 1 < len(item) <= 80)
    return names


def _name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    unique = sorted({name.strip() for name in names if name and len(name.strip()) > 1}, key=len, reverse=True)
    if not unique:
        return None
    parts = []
    for name in unique:
        escaped = re.escape(name)
        # Latin names need word boundaries ("Oman" not in "Romania"); Chinese has none to need.
        parts.append(rf"(?<![\w]){escaped}(?![\w])" if name[0].isascii() else escaped)
    return re.compile("|".join(parts))


# A State's name that runs on into an organisation's name ("赤道几内亚合作与发展组织", "Kenya Human
# Rights Commission") names the organisation, not the State.
_ITEM_END = re.compile(r"[、，。；：,;:\n（(]")
_ORGANISATION_END = re.compile(
    r"(?:组织|协会|中心|联盟|基金会|委员会|学会|研究所|倡议|网络|论坛|联合会|俱乐部|社|办事处)$"
    r"|\b(?:Association|Centre|Center|Foundation|Institute|Network|Initiative|Forum|Organi[sz]ation|"
    r"Society|Union|Commission|Council|Coalition|Movement)$"
)


_CAPITALISED_WORDS = re.compile(r"(?:\s+(?:[A-Z][\w'’-]*|of|for|the))+")


def _inside_organisation_name(text: str, end: int) -> bool:
    if end >= len(text) or _ITEM_END.match(text, end):
        return False
    if text[end].isspace():  # English: the name goes on as capitalised words
        words = _CAPITALISED_WORDS.match(text, end)
        tail = words.group(0).strip() if words else ""
    else:  # Chinese: the name goes on to the end of the list item
        stop = _ITEM_END.search(text, end)
        tail = text[end : stop.start() if stop else len(text)].strip()
    return 0 < len(tail) <= 40 and bool(_ORGANISATION_END.search(tail))


def find_entities(
    text: str,
    *,
    resolve_entity: EntityResolver | None = None,
    entity_names: Iterable[str] | None = None,
) -> list[EntityRef]:
    """States and organisations named: known names found anywhere (longest first), and attendance lists."""
    found: list[str] = []
    if entity_names is not None and (pattern := _name_pattern(entity_names)):
        found.extend(
            match.group(0)
            for match in pattern.finditer(text)
            if not _inside_organisation_name(text, match.end())
        )
    found.extend(_attendance_names(text))
    refs: list[EntityRef] = []
    for name in dict.fromkeys(found):
        ref = EntityRef(text=name)
        if resolve_entity is not None:
            # UnresolvedName (a ValueError) leaves the name as text, for a person to link later.
            with contextlib.suppress(ValueError):
                ref.iso3, ref.organisation = resolve_entity(name)
        refs.append(ref)
    return refs


def find_references(
    text: str,
    *,
    resolve_entity: EntityResolver | None = None,
    entity_names: Iterable[str] | None = None,
    own_body: str | None = None,
) -> References:
    """Everything `text` cites. `own_body` ("COSP", "GA" ...) is the body whose "its resolution" it is."""
    return References(
        symbols=list(find_symbols(text)),
        articles=find_articles(text),
        outcomes=find_outcomes(text, own_body=own_body),
        rules=find_rules(text),
        entities=find_entities(text, resolve_entity=resolve_entity, entity_names=entity_names),
    )
