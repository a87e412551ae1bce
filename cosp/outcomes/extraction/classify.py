"""What a paragraph of a resolution or decision does: preambular or operative, its verb, whom it asks
to act, whether it asks anyone to act at all, and the mandates it proposes.

Both languages follow the UN's drafting pattern: the paragraph opens with its verb ("Also requests the
Secretariat to ...", "Recalling ...", "又请秘书处……", "回顾……"), possibly after adverbs that only
order the text (also, further, 又, 还, 并, 进一步, 也, 同时). The verb is reported in its canonical
English form (the tables below) and as written. Later clauses that ask someone else to act ("..., and
requests the Secretariat to ...", "……，并请秘书处……") count too: they create mandates even when the
paragraph opens with "welcomes".

请 and 邀请. The seventh session's Chinese report (../shared/samples) writes the same closing formula
("Invites States parties and other donors to provide extrabudgetary resources") as 邀请缔约国和其他捐助方
in resolutions 7/1, 7/6 and 7/8 and as 请各缔约国和其他捐助方 in 7/3, 7/5 and 7/7, while every paragraph
addressed to the secretariat or UNODC uses 请 (7/1 paragraphs 22, 25, 26, 30, 31 ...). So 请 is read as
"requests" when it addresses an organ the Conference directs (the secretariat, UNODC, the Executive
Director, the Secretary-General, the Conference itself, its subsidiary bodies or bureau) and as
"invites" when it addresses States, donors or other outside actors; 邀请 is always "invites".

Operational or informational: a paragraph is operational when it is operative and one of its clauses
uses a verb in `OPERATIONAL_VERBS` (it asks or empowers someone to act). "adopts", "approves" and
"endorses" take effect by themselves and are informational here, like "notes", "welcomes", "recalls".

No Django here: plain functions on text, tested on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cosp.documents.extraction.numerals import CN_NUMERAL_CHARS, chinese_to_int, ordinal_to_int

PREAMBULAR = "preambular"
OPERATIVE = "operative"

# Verbs that ask (or empower) someone to act; "calls for" asks without naming anyone.
OPERATIONAL_VERBS = frozenset(
    {
        "decides",
        "requests",
        "invites",
        "urges",
        "calls upon",
        "calls for",
        "appeals",
        "encourages",
        "instructs",
        "authorizes",
        "recommends",
    }
)

# --- English verbs: canonical form → 3rd-person forms (operative) and participles or adjectives
# (preambular). Entries are regular expressions; the base form after "We" (declarations) is derived.
EN_VERBS: list[tuple[str, list[str], list[str]]] = [
    ("decides", ["decides"], ["deciding"]),
    ("requests", ["requests"], ["requesting"]),
    ("invites", ["invites"], ["inviting"]),
    ("urges", ["urges"], ["urging"]),
    ("calls upon", ["calls upon", "calls on"], ["calling upon", "calling on"]),
    ("calls for", ["calls for"], ["calling for"]),
    ("appeals", ["appeals to"], ["appealing to"]),
    ("encourages", ["encourages"], ["encouraging"]),
    ("welcomes", ["welcomes"], ["welcoming"]),
    ("takes note", ["takes note"], ["taking note"]),
    ("notes", ["notes"], ["noting"]),
    ("reaffirms", ["reaffirms"], ["reaffirming"]),
    ("recalls", ["recalls"], ["recalling"]),
    ("recognizes", ["recognizes", "recognises"], ["recognizing", "recognising"]),
    ("emphasizes", ["emphasizes", "emphasises"], ["emphasizing", "emphasising"]),
    ("stresses", ["stresses"], ["stressing"]),
    ("underlines", ["underlines", "underscores"], ["underlining", "underscoring"]),
    ("acknowledges", ["acknowledges"], ["acknowledging"]),
    (
        "expresses appreciation",
        [r"expresses (?:its )?(?:deep |sincere |great )?(?:appreciation|gratitude|thanks)"],
        [r"expressing (?:its )?(?:deep |sincere |great )?(?:appreciation|gratitude|thanks)"],
    ),
    (
        "expresses concern",
        [r"expresses (?:its )?(?:deep |grave |serious )?concern"],
        [r"expressing (?:its )?(?:deep |grave |serious )?concern", "concerned", "alarmed"],
    ),
    ("commends", ["commends"], ["commending"]),
    ("endorses", ["endorses"], ["endorsing"]),
    ("adopts", ["adopts"], ["adopting"]),
    ("approves", ["approves"], ["approving"]),
    ("authorizes", ["authorizes", "authorises"], ["authorizing", "authorising"]),
    ("instructs", ["instructs"], ["instructing"]),
    ("recommends", ["recommends"], ["recommending"]),
    ("reminds", ["reminds"], ["reminding"]),
    ("affirms", ["affirms"], ["affirming"]),
    ("reiterates", ["reiterates"], ["reiterating"]),
    ("regrets", ["regrets"], ["regretting"]),
    ("supports", ["supports"], ["supporting"]),
    ("commits", ["commits"], ["committing"]),
    ("bears in mind", ["bears in mind"], ["bearing in mind", "mindful"]),
    (
        "takes into account",
        ["takes into (?:account|consideration)"],
        ["taking into (?:account|consideration)", "having considered", "considering"],
    ),
    ("guided by", [], ["guided by"]),
    ("convinced", [], ["convinced"]),
    ("aware", [], ["aware", "conscious", "cognizant"]),
    ("determined", [], ["determined", "resolved"]),
]

# --- Chinese verbs: form → canonical. 请 is settled by its addressee (module docstring).
ZH_VERBS: dict[str, str] = {
    "决定": "decides",
    "请": "requests",
    "邀请": "invites",
    "促请": "urges",
    "敦促": "urges",
    "吁请": "calls upon",
    "呼吁": "calls upon",
    "要求": "calls for",
    "鼓励": "encourages",
    "欢迎": "welcomes",
    "欣见": "welcomes",
    "注意到": "notes",
    "指出": "notes",
    "表示注意到": "takes note",
    "重申": "reaffirms",
    "回顾": "recalls",
    "忆及": "recalls",
    "提及": "recalls",
    "认识到": "recognizes",
    "确认": "recognizes",
    "承认": "acknowledges",
    "强调": "emphasizes",
    "着重指出": "stresses",
    "赞赏": "expresses appreciation",
    "表示赞赏": "expresses appreciation",
    "感谢": "expresses appreciation",
    "赞扬": "commends",
    "核可": "endorses",
    "赞同": "endorses",
    "通过": "adopts",
    "核准": "approves",
    "批准": "approves",
    "授权": "authorizes",
    "指示": "instructs",
    "建议": "recommends",
    "提醒": "reminds",
    "申明": "affirms",
    "关切": "expresses concern",
    "关注": "expresses concern",
    "表示关切": "expresses concern",
    "深表关切": "expresses concern",
    "遗憾": "regrets",
    "表示遗憾": "regrets",
    "支持": "supports",
    "承诺": "commits",
    "铭记": "bears in mind",
    "考虑到": "takes into account",
    "深信": "convinced",
    "确信": "convinced",
    "意识到": "aware",
    "决心": "determined",
}

# --- Addressees: canonical key → how the two languages name it. At one position the longest name
# wins, so "缔约国会议" (the Conference) is never read as "缔约国" (States parties).
ADDRESSEES: dict[str, tuple[list[str], list[str]]] = {
    # key: (English patterns, Chinese patterns)
    "executive_director": (
        [r"Executive Director(?: of the United Nations Office on Drugs and Crime)?"],
        [r"(?:联合国)?毒品和犯罪问题办公室执行主任", r"执行主任"],
    ),
    "secretariat": (
        [r"Secretariat", r"United Nations Office on Drugs and Crime", r"UNODC", r"Office(?!\s+of\b)"],
        [r"(?:联合国)?秘书处", r"(?:联合国)?毒品和犯罪问题办公室", r"毒品和犯罪办公室"],
    ),
    "secretary_general": ([r"Secretary-General"], [r"(?:联合国)?秘书长"]),
    "conference": (
        [
            r"Conference(?: of the States Parties(?: to the (?:United Nations )?Convention"
            r"(?: against Corruption)?)?)?"
        ],
        [r"(?:联合国反腐败公约|《?公约》?)?缔约国会议"],
    ),
    "bureau": ([r"(?:extended )?Bureau"], [r"(?:扩大)?主席团", r"缔约国会议(?:扩大)?主席团"]),
    "irg": ([r"Implementation Review Group"], [r"实施情况审议组"]),
    "wg_prevention": (
        [r"(?:Open-ended Intergovernmental )?Working Group on (?:the )?Prevention of Corruption"],
        [r"预防腐败问题不限成员名额政府间工作组", r"预防(?:腐败)?工作组"],
    ),
    "wg_asset_recovery": (
        [r"(?:Open-ended Intergovernmental )?Working Group on Asset Recovery"],
        [r"资产追回问题不限成员名额政府间工作组", r"资产追回工作组"],
    ),
    "eg_international_cooperation": (
        [
            r"(?:open-ended intergovernmental )?expert meeting (?:to enhance|on) international cooperation"
            r"(?: under the (?:United Nations )?Convention(?: against Corruption)?)?"
        ],
        [
            r"(?:(?:增进|加强)《?(?:联合国反腐败)?公约》?下)?国际合作(?:问题)?不限成员名额政府间专家会议",
            r"国际合作专家会议",
        ],
    ),
    "states_parties": (
        [r"States parties(?: to the (?:United Nations )?Convention(?: against Corruption)?)?"],
        [r"《?公约》?缔约国", r"缔约国", r"《?公约》?缔约方", r"缔约方"],
    ),
    "member_states": ([r"Member States", r"States Members(?: of the United Nations)?"], [r"会员国"]),
    "signatories": ([r"signator(?:y States|ies)"], [r"签署国"]),
    # Not "国家、区域和国际级别的捐助方" (national, regional and international donors).
    "states": ([r"States(?!\s+parties)"], [r"国家(?![、级层一机])", r"各国"]),
    "sids": ([r"small island developing States"], [r"小岛屿发展中国家"]),
    "donors": ([r"donors?(?: countries| States)?"], [r"捐助方", r"捐助国", r"捐助者"]),
    "assistance_providers": (
        [r"(?:technical )?assistance providers", r"development partners"],
        [r"(?:技术)?援助提供方", r"发展伙伴"],
    ),
    "star_initiative": ([r"Stolen Asset Recovery Initiative", r"StAR Initiative"], [r"追回被盗资产举措"]),
    "international_organizations": (
        [r"(?:international|intergovernmental|regional)(?: and (?:international|regional))? organizations"],
        [r"(?:国际|区域|政府间)(?:和(?:国际|区域))?组织"],
    ),
    "civil_society": (
        [r"civil society(?: organizations)?", r"non-governmental organizations"],
        [r"民间社会(?:组织)?", r"非政府组织"],
    ),
    "private_sector": ([r"private sector(?: entities)?"], [r"私营部门"]),
    "sports_organizations": ([r"sports organizations"], [r"体育组织"]),
    "event_organizers": ([r"organizers of major (?:sports|sporting) events"], [r"(?:重大)?体育赛事主办方"]),
}

# Organs the Conference directs: 请 addressed to them is "requests", to anyone else "invites".
DIRECTED = frozenset(
    {
        "secretariat",
        "executive_director",
        "secretary_general",
        "conference",
        "bureau",
        "irg",
        "wg_prevention",
        "wg_asset_recovery",
        "eg_international_cooperation",
    }
)
SUBSIDIARY_BODIES = ("irg", "wg_prevention", "wg_asset_recovery", "eg_international_cooperation")
# Body codes as meetings/data/bodies.csv writes them, for due sessions ("COSP 8").
BODY_CODES = {
    "conference": "COSP",
    "irg": "IRG",
    "wg_prevention": "WG-PREV",
    "wg_asset_recovery": "WG-AR",
    "eg_international_cooperation": "EG-IC",
    "general_assembly": "GA",
}


@dataclass(frozen=True)
class Classification:
    kind: str  # "preambular" | "operative"
    verb: str | None  # canonical English verb of the paragraph's opening ("requests")
    verb_text: str | None  # the verb as written, with its adverbs ("Also requests", "还请")
    addressees: list[str]  # canonical keys of those asked to act (ADDRESSEES), in order
    operational: bool  # operative and asks someone to act


@dataclass(frozen=True)
class ProposedMandate:
    addressee: str  # canonical key (ADDRESSEES)
    action: str  # what is asked: the clause after the verb and the addressees, trimmed
    due: str | None  # the session it is due for: "COSP 8", "IRG 10", "COSP next"
    report_to: str | None  # the body to report to: "conference", "irg" ...


@dataclass
class _Clause:
    verb: str  # canonical
    verb_text: str
    start: int  # where the verb starts
    body_start: int  # just after the verb
    end: int  # where the next clause starts
    addressees: list[str]
    addressee_end: int  # just after the last addressee (body_start when none)


# --- Patterns ------------------------------------------------------------------------------------------
_CJK = r"\u3400-\u9fff"
_LABEL = re.compile(r"^\s*(?:\(?[0-9]{1,3}[.)．]|\(?[a-z]{1,2}\)|（[a-z一二三四五六七八九十]{1,3}）|-\s)\s*")
_ZH_ADVERBS = r"(?:又|还|并且|并|进一步|也|同时|再次|另外|此外|在这方面|在此方面|在这一方面|为此|因此|特别)"
_ZH_SUBJECT = re.compile(r"^我们")


def _alternation(forms: list[str]) -> str:
    return "|".join(sorted(forms, key=len, reverse=True))


def _zh_verb_pattern() -> str:
    forms = [re.escape(form) + ("(?!求|愿|示)" if form == "请" else "") for form in ZH_VERBS]
    return _alternation(forms)


# Matched at the paragraph's start or just after "我们" (no "^": it would not match after the subject).
_ZH_OPENING = re.compile(
    rf"(?P<text>(?:{_ZH_ADVERBS})*(?:[{_CJK}]{{1,4}}?地)?(?P<verb>{_zh_verb_pattern()}))"
)
# A later clause of the Conference's own: "……，并请秘书处……", "……，邀请缔约国……". After a bare comma,
# 鼓励 and 决定 open a clause only while no earlier clause asked anyone to act: after one, they are
# what the addressees are asked to do ("吁请缔约国……，鼓励这些审议机制的秘书处……", resolution 7/4),
# before one they follow an informational opening ("重申……，鼓励缔约国……", resolution 7/3).
# 要求 and 建议 never open a later clause ("，要求金融机构……" is what States are asked to require).
_ZH_CONJUNCTION = r"(?:并且|并|还|又|也|同时|进一步)"
_ZH_ALWAYS = r"请(?!求|愿|示)|邀请|促请|敦促|吁请|呼吁|指示|授权"
_ZH_WEAK = r"鼓励|决定(?!草案)"
_ZH_SECONDARY = re.compile(
    rf"[，,：:]\s*(?P<text>(?:{_ZH_ADVERBS})*(?P<verb>{_ZH_ALWAYS}))"
    rf"|[，,：:]\s*(?P<text2>{_ZH_CONJUNCTION}(?:{_ZH_ADVERBS})*(?P<verb2>{_ZH_ALWAYS}|{_ZH_WEAK}))"
    rf"|[；;]\s*(?P<text3>(?:{_ZH_ADVERBS})*(?P<verb3>{_ZH_ALWAYS}|{_ZH_WEAK}))"
    rf"|[，,]\s*(?P<weak>(?P<verb4>{_ZH_WEAK}))"
)


def _base_form(form: str) -> str:
    """`calls upon` → `call upon`, `stresses` → `stress`, `emphasizes` → `emphasize` (after "We")."""
    first, _, rest = form.partition(" ")
    if re.search(r"(?:ss|sh|ch|x)es$", first):
        first = first[:-2]
    elif first.endswith("s"):
        first = first[:-1]
    return f"{first} {rest}".strip()


def _en_table() -> list[tuple[str, str, str]]:
    """(regex, canonical, kind hint) for every English form; kind hint "we" for the base form."""
    rows: list[tuple[str, str, str]] = []
    for canonical, operative, preambular in EN_VERBS:
        rows += [(form, canonical, OPERATIVE) for form in operative]
        rows += [(form, canonical, PREAMBULAR) for form in preambular]
        rows += [(_base_form(form), canonical, "we") for form in operative]
    return sorted(rows, key=lambda row: len(row[0]), reverse=True)


_EN_ROWS = _en_table()
_EN_ADVERBS = (
    r"(?:(?:also|further|again|once again|strongly|firmly|warmly|deeply|gravely|seriously|fully|moreover|"
    r"furthermore|likewise|similarly|in this regard|in that regard|in this context|in that context),?\s+)"
)
_EN_AFTER = (
    r"(?:\s+(?:also|further|again|with\s+(?:deep\s+|grave\s+|great\s+|serious\s+|particular\s+)?"
    r"(?:appreciation|concern|satisfaction|interest|regret|gratitude)))*"
)
_EN_OPENING = re.compile(
    rf"^(?P<we>We\s+)?(?P<text>{_EN_ADVERBS}*(?P<verb>{'|'.join(f'(?:{row[0]})' for row in _EN_ROWS)})"
    rf"{_EN_AFTER})\b",
    re.IGNORECASE,
)
_EN_OPERATIONAL = [row for row in _EN_ROWS if row[1] in OPERATIONAL_VERBS and row[2] != PREAMBULAR]
_EN_SECONDARY = re.compile(
    r"(?:[,;:]\s*(?:and\s+)?|\s+and\s+)(?P<text>(?:also\s+|further\s+|again\s+)*"
    rf"(?P<verb>{'|'.join(f'(?:{row[0]})' for row in _EN_OPERATIONAL)}))\b"
    r"(?!\s+(?:for|from|of|by|made|received|submitted|under|pursuant|concerning|relating)\b)",
)

_EN_JOINER = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+|as well as\s+)?|\s+and\s+|\s+or\s+|\s+as well as\s+)")
_EN_MODIFIERS = re.compile(
    r"(?:(?:all|the|other|relevant|interested|concerned|those|such|individual|respective|its|their|"
    r"in particular|potential|bilateral and multilateral|multilateral|bilateral)\s+)*",
    re.IGNORECASE,
)
_ZH_JOINER = re.compile(r"(?:以及|和|及|、|或|，包括|,包括)")
# Qualifiers glued to the noun: "各缔约国", "受审议缔约国" (States parties under review), "被请求缔约国".
_ZH_MODIFIERS = re.compile(r"(?:所有|全体|各|其他|其它|有关|相关|潜在|受审议|被请求|请求|受援)*")
_ZH_ANAPHORA = re.compile(r"该(?:工作组|专家会议|会议|审议组|附属机构)")

_COMPILED: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    "en": [(key, re.compile(p, re.IGNORECASE)) for key, (en, _zh) in ADDRESSEES.items() for p in en],
    "zh": [(key, re.compile(p)) for key, (_en, zh) in ADDRESSEES.items() for p in zh],
}


# --- Helpers -------------------------------------------------------------------------------------------
def _normalise(text: str, language: str) -> str:
    text = _LABEL.sub("", text.strip(), count=1)
    if language == "zh":
        # PDF conversion leaves spaces around Latin text and numbers inside Chinese sentences.
        text = re.sub(rf"(?<=[{_CJK}，。；：、（）《》“”])\s+|\s+(?=[{_CJK}，。；：、（）《》“”])", "", text)
    return re.sub(r"\s+", " ", text)


def _name_at(text: str, pos: int, language: str) -> tuple[str, int] | None:
    """The addressee named exactly at `pos` (longest name wins)."""
    best: tuple[str, int] | None = None
    for key, pattern in _COMPILED[language]:
        found = pattern.match(text, pos)
        if found and (best is None or found.end() > best[1]):
            best = (key, found.end())
    return best


def _last_body_before(text: str, pos: int) -> str | None:
    """The subsidiary body last named before `pos`: what "该工作组" / "该会议" refers to."""
    best: tuple[int, str] | None = None
    for key, pattern in _COMPILED["zh"]:
        if key not in SUBSIDIARY_BODIES:
            continue
        for found in pattern.finditer(text, 0, pos):
            if best is None or found.start() > best[0]:
                best = (found.start(), key)
    return best[1] if best else None


def _zh_one(text: str, pos: int) -> tuple[str, int] | None:
    if anaphora := _ZH_ANAPHORA.match(text, pos):
        body = _last_body_before(text, pos)
        return (body, anaphora.end()) if body else None
    start = _ZH_MODIFIERS.match(text, pos).end()
    if named := _name_at(text, start, "zh"):
        return named
    # "尚未确立财产申报制度的缔约国": a relative clause ending in 的 before the head noun.
    for end in range(pos + 1, min(len(text), pos + 40)):
        if text[end - 1] in "，,；;。：:“”":
            break
        if text[end - 1] == "的":
            head = _ZH_MODIFIERS.match(text, end).end()
            if named := _name_at(text, head, "zh"):
                return named
    return None


def _en_one(text: str, pos: int) -> tuple[str, int] | None:
    start = _EN_MODIFIERS.match(text, pos).end()
    return _name_at(text, start, "en")


def _addressees(text: str, pos: int, language: str) -> tuple[list[str], int]:
    """The addressees named from `pos` on, joined by "and", "、", "和" ...; and where they end."""
    names: list[str] = []
    if language == "en":
        pos = re.compile(r"\s*(?:that\s+)?").match(text, pos).end()
        if aside := re.compile(r",\s*(?:in particular|inter alia|as appropriate),\s*").match(text, pos):
            pos = aside.end()
    end = pos
    while True:
        found = _en_one(text, pos) if language == "en" else _zh_one(text, pos)
        if not found:
            break
        if found[0] not in names:
            names.append(found[0])
        end = pos = found[1]
        joiner = (_EN_JOINER if language == "en" else _ZH_JOINER).match(text, pos)
        if not joiner:
            break
        pos = joiner.end()
    return names, end


def _resolve_qing(verb: str, verb_text: str, addressees: list[str]) -> str:
    """请 addressed to an outside actor is "invites" (module docstring)."""
    bare_qing = verb_text.endswith("请") and not verb_text.endswith("邀请")
    if verb == "requests" and bare_qing and addressees and addressees[0] not in DIRECTED:
        return "invites"
    return verb


def _opening(text: str, language: str) -> tuple[str, str, str | None, int] | None:
    """(canonical verb, verb as written, kind hint, end of the verb) of the paragraph's opening."""
    if language == "zh":
        offset = 0
        if subject := _ZH_SUBJECT.match(text):
            offset = subject.end()
        found = _ZH_OPENING.match(text, offset)
        if not found:
            return None
        return ZH_VERBS[found.group("verb")], found.group("text"), "we" if offset else None, found.end()
    found = _EN_OPENING.match(text)
    if not found:
        return None
    written = found.group("verb")
    for pattern, canonical, hint in _EN_ROWS:
        if re.fullmatch(pattern, written, re.IGNORECASE):
            if found.group("we"):
                hint = "we"
            elif hint == "we":
                continue  # a base form without "We" is not a paragraph opening
            return canonical, found.group("text"), hint, found.end()
    return None


def _secondary(text: str, language: str) -> list[tuple[int, int, str, str, bool]]:
    """Later clauses with an operational verb: (start, end of the verb, canonical verb, as written,
    weak); a weak one counts only while no earlier clause is operational (see _ZH_SECONDARY)."""
    found_clauses: list[tuple[int, int, str, str, bool]] = []
    if language == "zh":
        for found in _ZH_SECONDARY.finditer(text):
            group = next(name for name in ("text", "text2", "text3", "weak") if found.group(name) is not None)
            verb = next(
                found.group(name) for name in ("verb", "verb2", "verb3", "verb4") if found.group(name)
            )
            start = found.start(group)
            written = text[start : found.end()]
            found_clauses.append((start, found.end(), ZH_VERBS[verb], written, group == "weak"))
        return found_clauses
    for found in _EN_SECONDARY.finditer(text):
        written = found.group("verb")
        verb = next(c for p, c, _h in _EN_OPERATIONAL if re.fullmatch(p, written, re.IGNORECASE))
        found_clauses.append((found.start("text"), found.end("text"), verb, found.group("text"), False))
    return found_clauses


def _kind(raw: str, text: str, hint: str | None, numbered: bool | None, verb: str | None) -> str:
    if numbered is not None:
        return OPERATIVE if numbered else PREAMBULAR
    if re.match(r"^\s*\(?\d{1,3}[.)．]", raw):
        return OPERATIVE
    if hint in (OPERATIVE, PREAMBULAR):
        return hint
    if hint == "we":
        return OPERATIVE
    # Preambular paragraphs end with a comma, operative ones with a semicolon or a full stop.
    tail = text.rstrip()[-1:]
    if tail and tail in "，,":
        return PREAMBULAR
    if tail and tail in "；;。.":
        return OPERATIVE
    return OPERATIVE if verb in OPERATIONAL_VERBS else PREAMBULAR


@dataclass
class _Analysis:
    text: str  # normalised
    kind: str
    clauses: list[_Clause]  # the opening clause first when the paragraph opens with a verb
    opens_with_verb: bool


def _analyse(text: str, language: str, numbered: bool | None) -> _Analysis:
    body = _normalise(text, language)
    opening = _opening(body, language)
    kind = _kind(text, body, opening[2] if opening else None, numbered, opening[0] if opening else None)
    starts: list[tuple[int, int, str, str]] = []  # (start, end of the verb, verb, as written)
    if opening:
        verb, written, _hint, end = opening
        starts.append((end - len(written), end, verb, written))
    # Later clauses count in operative paragraphs only: in a preambular one they belong to the text
    # recalled ("回顾第6/3号决议，在该决议中，缔约国会议鼓励缔约国……").
    if kind == OPERATIVE:
        asked = bool(opening and opening[0] in OPERATIONAL_VERBS)
        for start, verb_end, verb, written, weak in _secondary(body, language):
            if (opening and start < starts[0][1]) or (weak and asked):
                continue
            starts.append((start, verb_end, verb, written))
            asked = True
    clauses: list[_Clause] = []
    for index, (start, verb_end, verb, written) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(body)
        names, names_end = (
            _addressees(body[:end], verb_end, language) if verb in OPERATIONAL_VERBS else ([], verb_end)
        )
        verb = _resolve_qing(verb, written, names)
        clauses.append(_Clause(verb, written, start, verb_end, end, names, names_end))
    return _Analysis(body, kind, clauses, opening is not None)


# --- Public API ----------------------------------------------------------------------------------------
def classify(text: str, language: str, *, numbered: bool | None = None) -> Classification:
    """Kind, verb and addressees of one paragraph. `language` is "en" or "zh" (other UN languages read as
    English and find nothing). `numbered` says whether the document numbers the paragraph: numbered
    paragraphs of a resolution are operative; when it is None the kind is read from the text (a number
    label, an English participle, the closing punctuation)."""
    language = _language(language)
    analysis = _analyse(text, language, numbered)
    opening = analysis.clauses[0] if analysis.opens_with_verb else None
    addressees: list[str] = []
    for clause in analysis.clauses:
        if clause.verb in OPERATIONAL_VERBS:
            addressees += [name for name in clause.addressees if name not in addressees]
    operational = analysis.kind == OPERATIVE and any(c.verb in OPERATIONAL_VERBS for c in analysis.clauses)
    return Classification(
        kind=analysis.kind,
        verb=opening.verb if opening else None,
        verb_text=opening.verb_text if opening else None,
        addressees=addressees,
        operational=operational,
    )


def propose_mandates(text: str, language: str, *, numbered: bool | None = None) -> list[ProposedMandate]:
    """One mandate per addressee asked to act by an operational operative paragraph; none otherwise.
    A clause with no addressee ("calls for ...", "decides to ...") proposes nothing: nobody is named."""
    language = _language(language)
    analysis = _analyse(text, language, numbered)
    if analysis.kind != OPERATIVE:
        return []
    asking = [c for c in analysis.clauses if c.verb in OPERATIONAL_VERBS and c.addressees]
    actions = [_trim_action(analysis.text[c.addressee_end : c.end], language) for c in asking]
    mandates: list[ProposedMandate] = []
    for index, clause in enumerate(asking):
        # "请毒品和犯罪问题办公室，并邀请追回被盗资产举措，……": both are asked the same thing.
        later = [action for action in actions[index:] if action]
        action = later[0] if later else ""
        clause_text = analysis.text[clause.addressee_end : clause.end]
        due = find_due_session(clause_text, language)
        report_to = find_report_to(clause_text, language, due=due)
        for addressee in clause.addressees:
            mandate = ProposedMandate(addressee, action, due, report_to)
            if mandate not in mandates:
                mandates.append(mandate)
    return mandates


def _language(language: str) -> str:
    return "zh" if language.lower().startswith("zh") else "en"


def _trim_action(text: str, language: str) -> str:
    text = text.strip()
    if language == "zh":
        text = re.sub(r"^[，,、\s]+", "", text)
        return re.sub(r"[，,；;。.\s]*(?:并且|并|和|以及)?[，,；;。.\s]*$", "", text)
    text = re.sub(r"^[,;\s]+", "", text)
    text = re.sub(r"^to\s+", "", text)
    return re.sub(r"[,;.\s]*(?:and|as well as)?[,;.\s]*$", "", text)


# --- Sessions and reporting ----------------------------------------------------------------------------
_ZH_BODY_NAMES = [
    ("irg", r"实施情况审议组"),
    ("wg_prevention", r"预防腐败问题不限成员名额政府间工作组|预防(?:腐败)?工作组"),
    ("wg_asset_recovery", r"资产追回问题不限成员名额政府间工作组|资产追回工作组"),
    ("eg_international_cooperation", r"国际合作(?:问题)?不限成员名额政府间专家会议|国际合作专家会议"),
    ("general_assembly", r"(?<![届司法])大会"),
    ("conference", r"缔约国会议"),
]
_EN_BODY_NAMES = [
    ("irg", r"Implementation Review Group"),
    ("wg_prevention", r"Working Group on (?:the )?Prevention of Corruption"),
    ("wg_asset_recovery", r"Working Group on Asset Recovery"),
    ("eg_international_cooperation", r"expert meeting (?:to enhance|on) international cooperation"),
    ("general_assembly", r"General Assembly"),
    ("conference", r"Conference"),
]
# "第八届会议", not "第十三届联合国预防犯罪和刑事司法大会" (a Crime Congress, not a session).
_ZH_SESSION = re.compile(rf"第(?P<n>[{CN_NUMERAL_CHARS}0-9]+)届(?:特别)?会议|(?P<next>下一?届会议)")
_EN_SESSION = re.compile(
    r"\b(?:(?P<ord>(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?[a-z]+(?:th|st|nd|rd)|\d+(?:st|nd|rd|th))"
    r"|(?P<next>next))\s+(?:regular\s+)?session\b(?:\s+of\s+the\s+(?P<after>[A-Z][\w\s-]{3,60}))?",
    re.IGNORECASE,
)


def _body_named_before(text: str, pos: int, language: str) -> str | None:
    window = text[max(0, pos - 60) : pos]
    window = re.split(r"[。；;]", window)[-1]
    best: tuple[int, str] | None = None
    for key, pattern in _ZH_BODY_NAMES if language == "zh" else _EN_BODY_NAMES:
        for found in re.finditer(pattern, window, 0 if language == "zh" else re.IGNORECASE):
            if best is None or found.end() > best[0]:
                best = (found.end(), key)
    return best[1] if best else None


def _body_key_of(name: str, language: str) -> str | None:
    for key, pattern in _ZH_BODY_NAMES if language == "zh" else _EN_BODY_NAMES:
        if re.search(pattern, name, 0 if language == "zh" else re.IGNORECASE):
            return key
    return None


def find_due_session(text: str, language: str) -> str | None:
    """The first session named in `text`, as "<body code> <number>": "向缔约国会议第八届会议报告" and
    "report to the Conference at its eighth session" → "COSP 8"; "at its next session" → "COSP next".
    A session named without its body ("its ninth session") is the Conference's."""
    language = _language(language)
    pattern = _ZH_SESSION if language == "zh" else _EN_SESSION
    for found in pattern.finditer(text):
        if found.group("next"):
            number = "next"
        elif language == "zh":
            value = chinese_to_int(found.group("n"))
            if value is None:
                continue
            number = str(value)
        else:
            value = ordinal_to_int(found.group("ord"))
            if value is None:
                continue
            number = str(value)
        after = found.groupdict().get("after")
        body = (_body_key_of(after, language) if after else None) or _body_named_before(
            text, found.start(), language
        )
        return f"{BODY_CODES[body or 'conference']} {number}"
    return None


_ZH_REPORT = re.compile(r"向(?P<to>[^，,；;。]{2,60}?)(?:报告|汇报|提交(?:一份)?(?:报告|资料|信息))")
_EN_REPORT = re.compile(
    r"\b(?:report|reporting|submit(?:ting)?\s+(?:a\s+)?report)\b[^.;]{0,80}?\bto\s+(?P<to>the\s+[A-Z][^,;.]{3,80})"
)


def find_report_to(text: str, language: str, *, due: str | None = None) -> str | None:
    """The body `text` asks to be reported to ("向实施情况审议组报告", "report to the Conference"). When
    several are named, the one whose session is `due` wins, else the first."""
    language = _language(language)
    found = (_ZH_REPORT if language == "zh" else _EN_REPORT).search(text)
    if not found:
        return None
    named: list[tuple[int, str]] = []
    for key, pattern in _ZH_BODY_NAMES if language == "zh" else _EN_BODY_NAMES:
        for match in re.finditer(pattern, found.group("to"), 0 if language == "zh" else re.IGNORECASE):
            named.append((match.start(), key))
    if not named:
        return None
    keys = [key for _start, key in sorted(named)]
    if due:
        due_body = next((key for key, code in BODY_CODES.items() if code == due.split()[0]), None)
        if due_body in keys:
            return due_body
    return keys[0]


__all__ = [
    "ADDRESSEES",
    "EN_VERBS",
    "OPERATIONAL_VERBS",
    "OPERATIVE",
    "PREAMBULAR",
    "ZH_VERBS",
    "Classification",
    "ProposedMandate",
    "classify",
    "find_due_session",
    "find_report_to",
    "propose_mandates",
]
