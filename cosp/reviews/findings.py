"""Findings of country reviews (RULES.md 4.8, 4.10): their types, the follow-up ledger of a
recommendation, and suggestions of the Convention article, theme and SDG target a finding concerns.

- `FindingType`: the five kinds the reports and UNODC's statistics count (RULES.md 4.8, last line).
- `FollowUpLedger`: what happened to one recommendation since the review: the State's response, then
  its implementation status over time, each entry dated and attributed to its source (the review
  itself, a later review, the State's own report). Nothing is overwritten: `status_on(ledger, day)`
  reads the status as it stood on any day, and a status may go back (a later review may find that a
  reform was undone).
- `suggest_article_and_theme(text, language)`: proposals a person confirms, never stored as fact.
  Articles cited in the text come first (found by `cosp.documents.extraction.references`, after
  setting aside articles of national laws such as "article 60 of the Civil Code" or "第55条" of a
  《刑法典》); then articles, themes and SDG targets from the keyword table `THEMES` (English and
  Chinese). Other languages get the cited articles only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cosp.documents.extraction.numerals import int_to_chinese
from cosp.documents.extraction.references import find_articles


class FindingType(StrEnum):
    GOOD_PRACTICE = "good_practice"
    CHALLENGE = "challenge"
    RECOMMENDATION = "recommendation"
    TECHNICAL_ASSISTANCE_NEED = "technical_assistance_need"
    OBSERVATION = "observation"


# Only recommendations are followed up (issue 6 §2); the others describe the State at review time.
FOLLOWED_UP = frozenset({FindingType.RECOMMENDATION})


class FindingsInputError(ValueError):
    """Input the findings rules cannot use; `field` names the value at fault."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


# --- The follow-up ledger of a recommendation --------------------------------------------------------


class ImplementationStatus(StrEnum):
    NOT_STARTED = "not_started"
    PARTLY = "partly_implemented"
    FULLY = "fully_implemented"


class FollowUpSource(StrEnum):
    """Where an entry comes from."""

    REVIEW = "review"  # the review that made the recommendation (the State's response in it)
    LATER_REVIEW = "later_review"  # e.g. the next cycle's review of the same State
    STATE_REPORT = "state_report"  # the State's own report (to the IRG, the COSP, the secretariat)


@dataclass(frozen=True)
class FollowUpEntry:
    """One dated piece of follow-up: a response, a status, or both. `reference` says where it is
    recorded (a document symbol, a review's identifier), so anyone can check it."""

    on: dt.date
    source: FollowUpSource
    status: ImplementationStatus | None = None
    response: str = ""
    reference: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.on, dt.date) or isinstance(self.on, dt.datetime):
            raise FindingsInputError("on", f"expected a date, got {self.on!r}")
        try:
            object.__setattr__(self, "source", FollowUpSource(self.source))
        except ValueError:
            raise FindingsInputError(
                "source", f"{self.source!r} is not one of {', '.join(FollowUpSource)}"
            ) from None
        if self.status is not None:
            try:
                object.__setattr__(self, "status", ImplementationStatus(self.status))
            except ValueError:
                statuses = ", ".join(ImplementationStatus)
                raise FindingsInputError("status", f"{self.status!r} is not one of {statuses}") from None
        if self.status is None and not self.response.strip():
            raise FindingsInputError("status", "an entry records a response, a status, or both")


@dataclass(frozen=True)
class FollowUpLedger:
    """The follow-up of one recommendation made on `issued_on`. Entries are kept in date order;
    entries of the same day keep the order they were recorded in, the later one counting."""

    issued_on: dt.date
    entries: tuple[FollowUpEntry, ...] = ()

    def __post_init__(self) -> None:
        entries = tuple(self.entries)
        for entry in entries:
            if entry.on < self.issued_on:
                raise FindingsInputError(
                    "on", f"an entry of {entry.on} predates the recommendation, made on {self.issued_on}"
                )
        # sorted() is stable: same-day entries stay in the order they were recorded.
        object.__setattr__(self, "entries", tuple(sorted(entries, key=lambda entry: entry.on)))

    def record(self, entry: FollowUpEntry) -> FollowUpLedger:
        """A new ledger with `entry` added; the ledger itself never changes."""
        return FollowUpLedger(self.issued_on, (*self.entries, entry))


@dataclass(frozen=True)
class StatusOn:
    """The implementation status as it stood on a day, and the entry that set it."""

    status: ImplementationStatus
    since: dt.date
    source: FollowUpSource
    reference: str


def status_on(ledger: FollowUpLedger, day: dt.date) -> StatusOn | None:
    """The status of the recommendation on `day`: from the latest entry with a status dated on or
    before it. None before the recommendation was made, and while no status has been reported:
    "not started" is a status someone reports, never assumed."""
    if day < ledger.issued_on:
        return None
    latest = None
    for entry in ledger.entries:
        if entry.on > day:
            break
        if entry.status is not None:
            latest = entry
    if latest is None or latest.status is None:
        return None
    return StatusOn(latest.status, latest.on, latest.source, latest.reference)


def status_changes(ledger: FollowUpLedger) -> list[FollowUpEntry]:
    """The entries at which the status changed (the first status reported included)."""
    changes: list[FollowUpEntry] = []
    current: ImplementationStatus | None = None
    for entry in ledger.entries:
        if entry.status is not None and entry.status is not current:
            changes.append(entry)
            current = entry.status
    return changes


def responses(ledger: FollowUpLedger) -> list[FollowUpEntry]:
    """The entries that carry a response of the State, in date order."""
    return [entry for entry in ledger.entries if entry.response.strip()]


# --- Suggestions: article, theme, SDG target -------------------------------------------------------------

# The SDG targets findings are linked to (issue 6 §2), in our short words.
SDG_TARGETS: dict[str, Promise] = {
    "16.4": _("Illicit financial flows; recovery and return of stolen assets"),
    "16.5": _("Corruption and bribery"),
    "16.6": _("Effective, accountable and transparent institutions"),
    "16.10": _("Public access to information"),
}


@dataclass(frozen=True)
class Theme:
    """A theme of the keyword table: the articles and SDG targets it points to, and the words that
    signal it (regular expressions; English ones match whole words, case aside)."""

    key: str
    label: Promise | str
    articles: tuple[int, ...]
    sdg_targets: tuple[str, ...]
    en: tuple[str, ...]
    zh: tuple[str, ...]
    _en: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)
    _zh: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        unknown = set(self.sdg_targets) - set(SDG_TARGETS)
        if unknown or not all(1 <= article <= 71 for article in self.articles):
            raise FindingsInputError(self.key, "articles are 1-71; SDG targets are those of SDG_TARGETS")
        en = tuple(re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE) for pattern in self.en)
        object.__setattr__(self, "_en", en)
        object.__setattr__(self, "_zh", tuple(re.compile(pattern) for pattern in self.zh))

    def matches(self, text: str, language: str) -> list[str]:
        """The words of `text` that signal this theme, in order of appearance."""
        patterns = self._zh if language == "zh" else self._en
        found = sorted(
            (match.start(), match.group(0)) for pattern in patterns for match in pattern.finditer(text)
        )
        return list(dict.fromkeys(word for _start, word in found))


# The keyword table: the Convention's articles as RULES.md 1.3 titles them, and the words reports use
# for them. A starting point the secretariat extends; every suggestion is confirmed by a person.
# Case-sensitive acronyms use (?-i:...).
THEMES: tuple[Theme, ...] = (
    # Chapter II: preventive measures
    Theme(
        "anti_corruption_bodies",
        _("Anti-corruption bodies and specialized authorities"),
        (6, 36),
        ("16.6",),
        (
            r"anti-?corruption (?:body|bodies|agency|agencies|commissions?|authorit(?:y|ies))",
            r"specialized (?:anti-?corruption )?(?:authorit(?:y|ies)|bod(?:y|ies))",
        ),
        # Not 专门机构 alone: in UN texts it names the specialized agencies.
        ("反腐败机构", "反腐败机关", "反腐败委员会", "反腐败专门机构", "专门机关"),
    ),
    Theme(
        "public_sector_employment",
        _("Recruitment and employment in the public sector"),
        (7,),
        ("16.6",),
        (
            r"civil service",
            r"recruitment (?:and promotion )?of (?:public officials|civil servants)",
            r"merit-based",
        ),
        ("公务员制度", "招聘公务员", "公职人员的招聘"),
    ),
    Theme(
        "asset_declarations",
        _("Declarations of assets and conflicts of interest"),
        (8,),
        ("16.5",),
        (
            r"asset declarations?",
            r"declarations? of (?:assets|interests|income)",
            r"(?:financial|asset|income) disclosures?",
            r"conflicts? of interests?",
        ),
        ("财产申报", "资产申报", "申报财产", "申报资产", "收入申报", "利益冲突"),
    ),
    Theme(
        "codes_of_conduct",
        _("Codes of conduct for public officials"),
        (8,),
        ("16.6",),
        (r"codes? of (?:conduct|ethics)",),
        ("行为守则", "行为准则", "道德守则"),
    ),
    Theme(
        "public_procurement",
        _("Public procurement"),
        (9,),
        ("16.5", "16.6"),
        (r"procurement", r"public tender(?:s|ing)?", r"tendering", r"bidders?"),
        ("采购", "招标", "投标"),
    ),
    Theme(
        "access_to_information",
        _("Access to information and public reporting"),
        (10, 13),
        ("16.10",),
        (r"access to (?:public )?information", r"freedom of information", r"public reporting"),
        (r"(?:获取|获得|查阅)[^。；;，,]{0,10}信息", "信息公开", "政务公开", "知情权"),
    ),
    Theme(
        "judiciary_and_prosecution",
        _("Integrity of the judiciary and prosecution services"),
        (11,),
        ("16.6",),
        (
            r"judicial (?:independence|integrity)",
            r"independence of (?:the )?(?:judiciary|judges|prosecutors)",
            r"integrity of (?:the )?(?:judiciary|judges|prosecution services?)",
        ),
        ("司法独立", "审判独立", "司法廉正"),
    ),
    Theme(
        "private_sector_integrity",
        _("Private sector: accounting, auditing and integrity"),
        (12,),
        (),
        (r"accounting (?:and auditing )?standards?", r"auditing standards?", r"private[- ]sector integrity"),
        ("会计准则", "会计标准", "审计标准"),
    ),
    Theme(
        "participation_of_society",
        _("Participation of society"),
        (13,),
        (),
        (r"civil society", r"non-governmental organi[sz]ations?", r"participation of society"),
        ("民间社会", "非政府组织", "社会参与"),
    ),
    Theme(
        "money_laundering",
        _("Money-laundering"),
        (14, 23),
        ("16.4",),
        (r"money[- ]laundering", r"laundering of (?:the )?proceeds", r"anti-money"),
        ("洗钱",),
    ),
    # Chapter III: criminalization and law enforcement
    Theme(
        "bribery",
        _("Bribery of national public officials"),
        (15,),
        ("16.5",),
        (r"brib(?:e|es|ery|ing)", r"active and passive bribery"),
        ("贿赂", "行贿", "受贿"),
    ),
    Theme(
        "foreign_bribery",
        _("Bribery of foreign public officials"),
        (16,),
        ("16.5",),
        (r"foreign public officials?", r"officials? of (?:a )?public international organi[sz]ations?"),
        ("外国公职人员", "国际公共组织官员"),
    ),
    Theme(
        "embezzlement",
        _("Embezzlement and misappropriation"),
        (17, 22),
        ("16.5",),
        (r"embezzle(?:ment|d)?", r"misappropriat(?:ion|ed)"),
        ("贪污", "挪用", "侵吞"),
    ),
    Theme(
        "trading_in_influence",
        _("Trading in influence"),
        (18,),
        ("16.5",),
        (r"trading in influence", r"influence peddling"),
        ("影响力交易", "利用影响力"),
    ),
    Theme(
        "abuse_of_functions",
        _("Abuse of functions"),
        (19,),
        ("16.5",),
        (r"abuse of (?:functions|office|power)",),
        ("滥用职权", "滥用职能"),
    ),
    Theme(
        "illicit_enrichment",
        _("Illicit enrichment"),
        (20,),
        ("16.5",),
        (r"illicit enrichment", r"unexplained wealth"),
        ("资产非法增加", "非法致富", "来源不明"),
    ),
    Theme(
        "private_sector_bribery",
        _("Bribery in the private sector"),
        (21,),
        ("16.5",),
        (r"bribery in the private sector", r"private[- ]sector bribery", r"commercial bribery"),
        ("私营部门内的贿赂", "私营部门中的贿赂", "商业贿赂"),
    ),
    Theme(
        "liability_of_legal_persons",
        _("Liability of legal persons"),
        (26,),
        (),
        (r"liability of legal persons", r"legal persons?", r"corporate (?:criminal )?liability"),
        (r"法人(?:的)?(?:刑事|民事|行政)?责任",),
    ),
    Theme(
        "statute_of_limitations",
        _("Statute of limitations"),
        (29,),
        (),
        (r"statutes? of limitations?", r"limitation periods?"),
        ("时效",),
    ),
    Theme(
        "sanctions",
        _("Prosecution, adjudication and sanctions"),
        (30,),
        (),
        (r"sanctions?", r"gravity of (?:the )?offen[cs]es?"),
        ("制裁", "犯罪的严重性"),
    ),
    Theme(
        "confiscation",
        _("Freezing, seizure and confiscation"),
        (31,),
        ("16.4",),
        (
            r"confiscat(?:ion|e|ed)",
            r"forfeiture",
            r"seiz(?:e|ed|ure|ing)",
            r"freez(?:e|ing) (?:of )?(?:assets|property|proceeds)",
        ),
        ("没收", "冻结", "扣押"),
    ),
    Theme(
        "witness_protection",
        _("Protection of witnesses, experts and victims"),
        (32,),
        (),
        (r"witness(?:es)? protection", r"protection of witnesses"),
        ("证人保护", "保护证人"),
    ),
    Theme(
        "reporting_persons",
        _("Protection of reporting persons (whistle-blowers)"),
        (33,),
        ("16.5",),
        (
            r"whistle[- ]?blow(?:er|ers|ing)",
            r"reporting persons?",
            r"protection of (?:persons who report|reporting persons)",
        ),
        ("举报人", "检举人", "举报者", "揭发人", "保护举报"),
    ),
    Theme(
        "cooperation_with_law_enforcement",
        _("Cooperation with law enforcement authorities"),
        (37,),
        (),
        (
            r"cooperat(?:e|ion) (?:with law enforcement|in (?:the )?investigations?)",
            r"(?:testimonial|transactional) immunity",
            r"immunity from prosecution",
            r"mitigat(?:ing|ion of) punishment",
        ),
        ("配合调查", "与执法机关合作", "罪行豁免", "证言使用豁免", "免予起诉", "减轻处罚"),
    ),
    Theme(
        "cooperation_between_authorities",
        _("Cooperation between national authorities"),
        (38,),
        (),
        (
            r"cooperation between (?:national )?authorities",
            r"memorand(?:a|ums?) of understanding",
            r"(?-i:MOUs?)",
        ),
        ("谅解备忘录", "国家机关之间的合作"),
    ),
    Theme(
        "bank_secrecy",
        _("Bank secrecy and bank records"),
        (40,),
        ("16.4",),
        (r"bank(?:ing)? secrecy", r"bank (?:accounts?|records)", r"banking transactions?"),
        ("银行保密", "银行账户", "银行交易", "银行记录"),
    ),
    Theme(
        "jurisdiction",
        _("Jurisdiction"),
        (42,),
        (),
        (r"jurisdiction",),  # whole word: "other jurisdictions" (legal systems) does not count
        ("管辖权",),
    ),
    # Chapter IV: international cooperation
    Theme(
        "dual_criminality",
        _("Dual criminality"),
        (43,),
        (),
        (r"dual criminality", r"double criminality"),
        ("两国共认犯罪", "双重犯罪"),
    ),
    Theme(
        "extradition",
        _("Extradition"),
        (44,),
        (),
        (r"extradit(?:ion|e|ed|able)",),
        ("引渡",),
    ),
    Theme(
        "transfer_of_sentenced_persons",
        _("Transfer of sentenced persons"),
        (45,),
        (),
        (r"transfer of (?:sentenced persons|convicted (?:persons|offenders)|prisoners)",),
        ("移交被判刑人", "移交既决罪犯"),
    ),
    Theme(
        "mutual_legal_assistance",
        _("Mutual legal assistance"),
        (46,),
        (),
        (r"mutual legal assistance", r"(?-i:MLA)", r"central authorit(?:y|ies)"),
        ("司法协助", "中央机关"),
    ),
    Theme(
        "law_enforcement_cooperation",
        _("Law enforcement cooperation"),
        (48,),
        (),
        (r"law[- ]enforcement cooperation", r"liaison officers?", r"means and methods used to commit"),
        ("执法合作", "联络官", "手段和方法"),
    ),
    Theme(
        "joint_investigations",
        _("Joint investigations"),
        (49,),
        (),
        (r"joint investigati(?:ons?|ve bod(?:y|ies))",),
        ("联合侦查", "联合调查"),
    ),
    Theme(
        "special_investigative_techniques",
        _("Special investigative techniques"),
        (50,),
        (),
        (
            r"special investigative techniques?",
            r"controlled deliver(?:y|ies)",
            r"undercover operations?",
            r"electronic surveillance",
        ),
        ("特殊侦查手段", "控制下交付", "特工行动", "电子监视", "电子监控"),
    ),
    # Chapter V: asset recovery
    Theme(
        "asset_recovery",
        _("Asset recovery and return"),
        (51, 57),
        ("16.4",),
        (
            r"asset recovery",
            r"recovery of (?:stolen )?assets",
            r"return of (?:stolen |confiscated )?(?:assets|property|proceeds)",
            r"stolen assets",
        ),
        ("资产追回", "追回资产", "返还资产", "资产返还", "被盗资产"),
    ),
    Theme(
        "beneficial_ownership",
        _("Beneficial ownership"),
        (52,),
        ("16.4",),
        (r"beneficial own(?:er|ers|ership)",),
        ("实益所有", "受益所有", "实际受益人", "最终受益人"),
    ),
    Theme(
        "politically_exposed_persons",
        _("Customer due diligence and politically exposed persons"),
        (52,),
        ("16.4",),
        (r"politically exposed persons?", r"(?-i:PEPs?)", r"customer due diligence", r"enhanced scrutiny"),
        ("政治公众人物", "客户尽职调查", "强化审查"),
    ),
    Theme(
        "financial_intelligence_unit",
        _("Financial intelligence unit"),
        (58,),
        ("16.4",),
        (r"financial intelligence units?", r"(?-i:FIUs?)"),
        ("金融情报",),
    ),
    Theme(
        "illicit_financial_flows",
        _("Illicit financial flows"),
        (),
        ("16.4",),
        (r"illicit financial flows?",),
        ("非法资金流动", "非法资金流"),
    ),
    # Chapter VI: technical assistance
    Theme(
        "technical_assistance",
        _("Technical assistance and training"),
        (60,),
        (),
        (r"technical assistance", r"capacity[- ]building"),
        ("技术援助", "能力建设"),
    ),
)


class SuggestionKind(StrEnum):
    ARTICLE = "article"
    THEME = "theme"
    SDG_TARGET = "sdg_target"


class Basis(StrEnum):
    CITED = "cited"  # the text cites the article (or the article of the theme)
    KEYWORD = "keyword"  # a word of the keyword table


@dataclass(frozen=True)
class Suggestion:
    """One proposal: an article ('33'), a theme key ('reporting_persons') or an SDG target ('16.5'),
    on what basis, and the words of the text it rests on. A person confirms it."""

    kind: SuggestionKind
    value: str
    basis: Basis
    evidence: tuple[str, ...] = ()
    paragraph: int | None = None  # for an article cited with its paragraph

    @property
    def article(self) -> int | None:
        return int(self.value) if self.kind is SuggestionKind.ARTICLE else None


def _language(language: str) -> str:
    code = language.strip().lower().replace("_", "-")
    return code.split("-", 1)[0]


# An English article citation, with "art."/"arts." read as "article(s)": its numbers (national codes
# write 66-4, 55(1)), then what follows. A national law named after it, or a capitalised abbreviation
# (CC, CP, CIC), makes it a national article; "of the Convention" or nothing keeps it.
_EN_ABBREVIATED = re.compile(r"\b(art)(s?)\.\s*(?=\d)", re.IGNORECASE)
_NUMBER = r"\d+(?:[-–.]\d+)*(?:\s*\(\s*\d+\s*\))*"
_EN_CITATION = re.compile(
    rf"\barticles?\s+{_NUMBER}(?:\s*(?:,|and|or|to)\s*(?:\(\s*\d+\s*\)|{_NUMBER}))*", re.IGNORECASE
)
_EN_NATIONAL_AFTER = re.compile(
    r"\s*(?:of\s+(?:the\s+|its\s+|this\s+)?(?:[\w'’-]+\s+){0,6}?"
    r"(?:Code|Act|Law|Constitution|Decree|Ordinance|Regulations?|Statute|Procedure)\b"
    r"|(?-i:(?!UNCAC\b)[A-Z][A-Za-z]{0,3}[A-Z]\b))",
    re.IGNORECASE,
)
_EN_CONVENTION_AFTER = re.compile(
    r"\s*(?:,?\s*paragraph[^.;]{0,20})?\s*of\s+(?:the\s+)?(?:United Nations\s+)?(?:Convention|UNCAC)",
    re.IGNORECASE,
)
# A Chinese citation right after a law's title in 《》: the law's article, unless the title is the
# Convention (《公约》, 《反腐败公约》, 《联合国反腐败公约》).
_ZH_NATIONAL = re.compile(r"《(?P<title>[^》]{1,40})》\s*(?P<cite>第[^。；;，,]{1,30}?条)")


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _convention_text(text: str) -> str:
    """The text with citations of national laws' articles blanked out, so `find_articles` sees only
    the Convention's; abbreviated "art. 26" is written out as "article 26"."""
    text = _EN_ABBREVIATED.sub(lambda match: f"{match.group(1)}icle{match.group(2)} ", text)
    for match in reversed(list(_ZH_NATIONAL.finditer(text))):
        if "公约" not in match.group("title"):
            text = _blank(text, match.start("cite"), match.end("cite"))
    for match in reversed(list(_EN_CITATION.finditer(text))):
        rest = text[match.end() : match.end() + 80]
        if _EN_CONVENTION_AFTER.match(rest):
            continue
        if _EN_NATIONAL_AFTER.match(rest):
            text = _blank(text, match.start(), match.end())
    return text


def cited_articles(text: str) -> list[tuple[int, int | None]]:
    """The Convention's articles (with paragraph, when cited) that `text` cites, in order."""
    found = [(ref.article, ref.paragraph) for ref in find_articles(_convention_text(text))]
    return list(dict.fromkeys(found))


def suggest_article_and_theme(text: str, language: str, themes: Sequence[Theme] = THEMES) -> list[Suggestion]:
    """Articles, themes and SDG targets a finding's text points to, for a person to confirm.

    Order: articles cited in the text, then articles from keywords, then themes (those of cited
    articles first), then SDG targets. Each value appears once, with its strongest basis.
    `language` is a content language code ('en', 'zh', 'zh-hans'); keywords exist for English and
    Chinese, other languages get cited articles only.
    """
    language = _language(language)
    articles: dict[int, Suggestion] = {}
    for article, paragraph in cited_articles(text):
        if article not in articles:
            articles[article] = Suggestion(
                SuggestionKind.ARTICLE,
                str(article),
                Basis.CITED,
                (_citation_label(article, language),),
                paragraph,
            )

    theme_suggestions: dict[str, Suggestion] = {}
    for theme in themes:
        cited = [article for article in theme.articles if article in articles]
        if cited:
            evidence = tuple(_citation_label(article, language) for article in cited)
            theme_suggestions[theme.key] = Suggestion(SuggestionKind.THEME, theme.key, Basis.CITED, evidence)
    keyword_themes: list[tuple[Theme, tuple[str, ...]]] = []
    if language in ("en", "zh"):
        for theme in themes:
            words = tuple(theme.matches(text, language))
            if words:
                keyword_themes.append((theme, words))
    for theme, words in keyword_themes:
        for article in theme.articles:
            if article not in articles:
                articles[article] = Suggestion(SuggestionKind.ARTICLE, str(article), Basis.KEYWORD, words)
        if theme.key not in theme_suggestions:
            theme_suggestions[theme.key] = Suggestion(SuggestionKind.THEME, theme.key, Basis.KEYWORD, words)

    targets: dict[str, Suggestion] = {}
    by_key = {theme.key: theme for theme in themes}
    for suggestion in theme_suggestions.values():
        for target in by_key[suggestion.value].sdg_targets:
            if target not in targets:
                targets[target] = Suggestion(
                    SuggestionKind.SDG_TARGET, target, suggestion.basis, (suggestion.value,)
                )
            elif suggestion.value not in targets[target].evidence:
                previous = targets[target]
                targets[target] = Suggestion(
                    previous.kind, previous.value, previous.basis, (*previous.evidence, suggestion.value)
                )
    ordered_targets = sorted(targets.values(), key=lambda s: tuple(int(part) for part in s.value.split(".")))
    return [*articles.values(), *theme_suggestions.values(), *ordered_targets]


def _citation_label(article: int, language: str) -> str:
    # Chinese texts cite the Convention's articles in Chinese numerals (第三十三条).
    return f"第{int_to_chinese(article)}条" if language == "zh" else f"article {article}"


def theme_by_key(key: str, themes: Iterable[Theme] = THEMES) -> Theme:
    for theme in themes:
        if theme.key == key:
            return theme
    raise KeyError(key)
