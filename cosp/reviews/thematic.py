"""Thematic implementation reports and regional supplementary addenda (RULES.md 4.10): what the
country review reports of a cycle found on one chapter of the Convention, compiled by article and by
theme, as a first draft the secretariat edits.

- Findings come in as plain `FindingRecord`s (`load_findings` reads them from the database).
- Findings with similar wording are grouped, so the draft can say "17 findings from 12 States" and
  quote one of them as example wording. Similarity is the Jaccard index of the texts' features: for
  words in a Latin or Cyrillic script, the words less function words and with common English endings
  cut off; for Chinese, which has no spaces between words, pairs of adjacent characters (bigrams).
  Both are language-light, pure Python and deterministic: the same findings give the same groups in
  any input order.
- Grouping stays near-linear in the number of findings: findings are bucketed by article, kind and
  theme first, and compared only within their bucket; inside a bucket, a finding is compared only
  with the groups that share one of its rarest features (prefix filtering: a group sharing none of
  them cannot reach the threshold), and with at most `MAX_COMPARISONS` of them.
- Counts are of findings and of States. Groups are ordered by how many States they concern, which
  orders issues, never States: nothing here ranks or scores a State (RULES.md 4.2).
- `compile_findings(..., group="AFR")` is the regional supplementary addendum of one regional group
  (the group of the State under review).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .findings import THEMES, FindingType

# Two texts whose features overlap at least this much (Jaccard index) are one group. Chosen on
# paraphrases of UN recommendations: rewordings of one recommendation score 0.6-1, different
# recommendations on the same article 0.1-0.4.
DEFAULT_THRESHOLD = 0.5
# A finding is compared with at most this many groups of its bucket, those sharing its rarest
# features: the work stays linear when a bucket holds thousands of differently worded findings.
MAX_COMPARISONS = 32
# Groups shown per kind of finding in each article and theme; the others are counted.
DEFAULT_TOP = 10

# The order kinds are compiled in: the IRG's analytical work starts from challenges (RULES.md 4.10).
KIND_ORDER: tuple[str, ...] = (
    FindingType.CHALLENGE,
    FindingType.RECOMMENDATION,
    FindingType.GOOD_PRACTICE,
    FindingType.OBSERVATION,
    FindingType.TECHNICAL_ASSISTANCE_NEED,
)
NO_THEME = ""
NO_ASSISTANCE_TYPE = ""
_KIND_POSITIONS = {kind: position for position, kind in enumerate(KIND_ORDER)}


def _kind_order(kind: str) -> tuple:
    """Kinds in KIND_ORDER; any other kind after them, by name."""
    return (_KIND_POSITIONS.get(kind, len(_KIND_POSITIONS)), kind)


@dataclass(frozen=True)
class FindingRecord:
    """One finding as the compilation needs it. `state` is the State under review (ISO3), `group` its
    regional group (AFR, APG, EEG, GRULAC, WEOG)."""

    review: int
    state: str
    group: str
    kind: str
    article: int
    text: str
    paragraph: str = ""
    theme: str = NO_THEME
    assistance_type: str = NO_ASSISTANCE_TYPE


@dataclass(frozen=True)
class Count:
    findings: int
    states: int


@dataclass(frozen=True)
class FindingGroup:
    """Findings of one kind, on one article and theme, with similar wording."""

    kind: str
    article: int
    theme: str
    example: str  # the wording of the finding most typical of the group
    findings: int
    states: int
    paragraphs: tuple[str, ...]  # the article's paragraphs the findings name, in order


@dataclass(frozen=True)
class LeftOff:
    """The groups of a kind beyond the `top` shown."""

    groups: int
    findings: int


@dataclass(frozen=True)
class AssistanceNeed:
    """Technical-assistance needs of one type ("" when the type was not given)."""

    assistance_type: str
    findings: int
    states: int


@dataclass(frozen=True)
class Part:
    """What the findings say on one article (`key` an int) or one theme (`key` a theme key)."""

    key: int | str
    total: Count
    by_kind: Mapping[str, Count]
    groups: Mapping[str, tuple[FindingGroup, ...]]  # kind → the most common groups first
    left_off: Mapping[str, LeftOff]  # kind → what `groups` leaves off (only kinds that leave some)
    assistance: tuple[AssistanceNeed, ...]
    related: tuple[int | str, ...]  # an article's themes, a theme's articles

    @property
    def kinds(self) -> list[str]:
        """The kinds with findings, in KIND_ORDER."""
        return sorted(self.groups, key=_kind_order)


@dataclass(frozen=True)
class Compilation:
    """The thematic report (group "") or one regional supplementary addendum."""

    cycle: int
    chapter: str
    group: str
    reviews: int
    total: Count
    by_kind: Mapping[str, Count]
    articles: tuple[Part, ...]
    themes: tuple[Part, ...]
    assistance: tuple[AssistanceNeed, ...]


# --- Features of a text ---------------------------------------------------------------------------------

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKENS = re.compile(rf"(?P<cjk>[{_CJK}]+)|(?P<word>[^\W_{_CJK}]+)")
# Words that carry no subject: grammar, and the set phrases every recommendation starts with.
_STOPWORD_LIST = """
a about above after all also an and any are as at be been being both but by can could do does each
either for from further had has have her his if in including into is it its itself may might more
most must no nor not of on or other others our shall should so some such than that the their them
then there these they this those through to under upon was were which while who whom will with within
would
consider considering continue continuing encourage encouraged ensure recommend recommended review
reviewed state states party parties take taking steps
"""
_STOPWORDS = frozenset(_STOPWORD_LIST.split())
# Characters of Chinese grammar, and the set phrases of recommendations: dropped before bigrams.
_ZH_SET_PHRASES = ("审议中缔约国", "被审议缔约国", "缔约国", "建议", "考虑", "鼓励", "继续", "确保", "应当")
_ZH_FUNCTION_CHARACTERS = re.compile("[的了和与及并其等之]")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A crude English stem: both texts are cut alike, which is all a comparison needs."""
    if word.endswith(("ies", "ied")) and len(word) > 5:
        return word[:-3] + "y"
    for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "ed", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    else:
        if word.endswith(("sses", "xes", "zes", "ches", "shes")):
            word = word[:-2]
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
            word = word[:-1]
    if word.endswith(("ence", "ance")) and len(word) > 6:
        word = word[:-2] + "t"  # independence → independent
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def features(text: str) -> frozenset[str]:
    """What two texts are compared on: stemmed content words, and Chinese character bigrams."""
    found: set[str] = set()
    for match in _TOKENS.finditer(text.casefold()):
        if match.lastgroup == "word":
            word = match.group()
            if word not in _STOPWORDS and not word.isdigit():
                found.add(_stem(word))
            continue
        run = match.group()
        for phrase in _ZH_SET_PHRASES:
            run = run.replace(phrase, " ")
        for piece in _ZH_FUNCTION_CHARACTERS.sub("", run).split():
            if len(piece) == 1:
                found.add(piece)
            found.update(piece[i : i + 2] for i in range(len(piece) - 1))
    if not found and text.strip():
        # Only function words: compare on the whole text rather than group it with every other such text.
        found.add(" ".join(text.casefold().split()))
    return frozenset(found)


def similarity(first: str, second: str) -> float:
    """The Jaccard index of two texts' features (0: nothing shared, 1: the same features)."""
    a, b = features(first), features(second)
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


# --- Grouping -----------------------------------------------------------------------------------------


def group_texts(
    texts: Sequence[str], *, threshold: float = DEFAULT_THRESHOLD, max_comparisons: int = MAX_COMPARISONS
) -> list[list[int]]:
    """Indices of `texts` grouped by similar wording, each group in input order, groups in the order
    of their first member (see `group_features`)."""
    return group_features(
        [features(text) for text in texts], threshold=threshold, max_comparisons=max_comparisons
    )


def group_features(
    sets: Sequence[frozenset[str]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    max_comparisons: int = MAX_COMPARISONS,
) -> list[list[int]]:
    """Indices of feature sets grouped by similarity.

    A set joins the existing group whose first set (its leader) it is most similar to, if at least
    `threshold`; otherwise it leads a new group. Candidate leaders are found by prefix filtering: with
    every set sorted rarest feature first, two sets with a Jaccard index of at least t share one of
    the first |x| - ceil(t·|x|) + 1 features of each, so only leaders indexed under one of those are
    compared, and only those of a size that could reach t.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    frequency = Counter(feature for feature_set in sets for feature in feature_set)
    leaders: list[frozenset[str]] = []
    members: list[list[int]] = []
    index: dict[str, list[int]] = defaultdict(list)  # feature → groups whose leader has it in its prefix
    for position, feature_set in enumerate(sets):
        size = len(feature_set)
        ordered = sorted(feature_set, key=lambda feature: (frequency[feature], feature))
        prefix = ordered[: size - math.ceil(threshold * size) + 1] if ordered else []
        # The leaders indexed under the prefix, rarest feature first, at most `max_comparisons` of
        # them: the work per finding is bounded whatever the size of its bucket.
        candidates: dict[int, None] = {}
        budget = max_comparisons
        for feature in prefix:
            postings = index.get(feature, ())
            candidates.update(dict.fromkeys(postings[:budget]))
            budget -= min(len(postings), budget)
            if not budget:
                break
        smallest, largest = threshold * size, size / threshold
        best, best_score = -1, threshold
        for group in candidates:
            leader = leaders[group]
            if not smallest <= len(leader) <= largest:
                continue
            shared = len(feature_set & leader)
            score = shared / (size + len(leader) - shared)
            if score > best_score or (score == best_score and (best < 0 or group < best)):
                best, best_score = group, score
        if best >= 0:
            members[best].append(position)
            continue
        leaders.append(feature_set)
        members.append([position])
        for feature in prefix:
            index[feature].append(len(members) - 1)
    return members


def _example(texts: Sequence[str], sets: Sequence[frozenset[str]], positions: Sequence[int]) -> str:
    """The wording most typical of a group: the text whose features the other members share most
    (ties: the shorter text, then the first)."""
    shared = Counter(feature for position in positions for feature in sets[position])

    def typical(position: int) -> tuple[float, int, int]:
        feature_set = sets[position]
        score = sum(shared[feature] for feature in feature_set) / len(feature_set) if feature_set else 0.0
        return (-score, len(texts[position]), position)

    return texts[min(positions, key=typical)].strip()


def _sort_key(record: FindingRecord) -> tuple:
    return (record.state, record.review, record.paragraph, record.text)


def _paragraph_key(paragraph: str) -> tuple:
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", paragraph)
    )


def find_groups(
    records: Iterable[FindingRecord], *, threshold: float = DEFAULT_THRESHOLD
) -> list[FindingGroup]:
    """Every group of similar findings, per article, kind and theme (the buckets findings are
    compared within)."""
    buckets: dict[tuple[int, str, str], list[FindingRecord]] = defaultdict(list)
    for record in records:
        buckets[(record.article, record.kind, record.theme)].append(record)
    groups: list[FindingGroup] = []
    for (article, kind, theme), bucket in sorted(buckets.items()):
        bucket.sort(key=_sort_key)  # the same groups whatever order the findings came in
        texts = [record.text for record in bucket]
        sets = [features(text) for text in texts]
        for positions in group_features(sets, threshold=threshold):
            paragraphs = {bucket[p].paragraph for p in positions if bucket[p].paragraph}
            groups.append(
                FindingGroup(
                    kind=kind,
                    article=article,
                    theme=theme,
                    example=_example(texts, sets, positions),
                    findings=len(positions),
                    states=len({bucket[p].state for p in positions}),
                    paragraphs=tuple(sorted(paragraphs, key=_paragraph_key)),
                )
            )
    return groups


# --- Compilation --------------------------------------------------------------------------------------


def _most_common(group: FindingGroup) -> tuple:
    return (-group.states, -group.findings, group.article, group.example)


def _count(records: Sequence[FindingRecord]) -> Count:
    return Count(len(records), len({record.state for record in records}))


def _by_kind(records: Sequence[FindingRecord]) -> dict[str, Count]:
    split: dict[str, list[FindingRecord]] = defaultdict(list)
    for record in records:
        split[record.kind].append(record)
    return {kind: _count(split[kind]) for kind in sorted(split, key=_kind_order)}


def assistance_needs(records: Iterable[FindingRecord]) -> tuple[AssistanceNeed, ...]:
    """Technical-assistance needs by type, the most frequent first; needs of no stated type last."""
    findings: Counter[str] = Counter()
    states: dict[str, set[str]] = defaultdict(set)
    for record in records:
        if record.kind == FindingType.TECHNICAL_ASSISTANCE_NEED:
            findings[record.assistance_type] += 1
            states[record.assistance_type].add(record.state)
    needs = [AssistanceNeed(kind, findings[kind], len(states[kind])) for kind in findings]
    return tuple(
        sorted(
            needs,
            key=lambda need: (
                need.assistance_type == NO_ASSISTANCE_TYPE,
                -need.states,
                -need.findings,
                need.assistance_type,
            ),
        )
    )


def _part(
    key: int | str,
    records: Sequence[FindingRecord],
    groups: Sequence[FindingGroup],
    related: Iterable[int | str],
    top: int,
) -> Part:
    by_kind_groups: dict[str, list[FindingGroup]] = defaultdict(list)
    for group in groups:
        by_kind_groups[group.kind].append(group)
    shown: dict[str, tuple[FindingGroup, ...]] = {}
    left_off: dict[str, LeftOff] = {}
    for kind, kind_groups in by_kind_groups.items():
        kind_groups.sort(key=_most_common)
        shown[kind] = tuple(kind_groups[:top])
        rest = kind_groups[top:]
        if rest:
            left_off[kind] = LeftOff(len(rest), sum(group.findings for group in rest))
    return Part(
        key=key,
        total=_count(records),
        by_kind=_by_kind(records),
        groups=shown,
        left_off=left_off,
        assistance=assistance_needs(records),
        related=tuple(related),
    )


_THEME_POSITIONS = {theme.key: position for position, theme in enumerate(THEMES)}


def _theme_order(theme: str) -> tuple:
    """Themes in the order of the keyword table (findings.THEMES); findings without a theme last."""
    return (theme == NO_THEME, _THEME_POSITIONS.get(theme, len(_THEME_POSITIONS)), theme)


def compile_findings(
    records: Iterable[FindingRecord],
    *,
    cycle: int,
    chapter: str,
    articles: Iterable[int] = (),
    group: str = "",
    top: int = DEFAULT_TOP,
    threshold: float = DEFAULT_THRESHOLD,
) -> Compilation:
    """The findings on a chapter compiled by article and by theme: counts, the `top` most common
    groups of each kind with example wording, and technical-assistance needs by type.

    `articles` are the chapter's articles: each gets a part, with findings or not (the draft shows
    where the reports found nothing). `group`: a regional group's code, for its addendum (only the
    findings on States of that group); "" for the thematic report.
    """
    chosen = [record for record in records if not group or record.group == group]
    found_groups = find_groups(chosen, threshold=threshold)

    by_article: dict[int, list[FindingRecord]] = {number: [] for number in articles}
    by_theme: dict[str, list[FindingRecord]] = defaultdict(list)
    for record in chosen:
        by_article.setdefault(record.article, []).append(record)
        by_theme[record.theme].append(record)
    groups_by_article: dict[int, list[FindingGroup]] = defaultdict(list)
    groups_by_theme: dict[str, list[FindingGroup]] = defaultdict(list)
    for found in found_groups:
        groups_by_article[found.article].append(found)
        groups_by_theme[found.theme].append(found)

    article_parts = tuple(
        _part(
            number,
            by_article[number],
            groups_by_article[number],
            sorted({record.theme for record in by_article[number]}, key=_theme_order),
            top,
        )
        for number in sorted(by_article)
    )
    theme_parts = tuple(
        _part(
            theme,
            by_theme[theme],
            groups_by_theme[theme],
            sorted({record.article for record in by_theme[theme]}),
            top,
        )
        for theme in sorted(by_theme, key=_theme_order)
    )
    return Compilation(
        cycle=cycle,
        chapter=chapter,
        group=group,
        reviews=len({record.review for record in chosen}),
        total=_count(chosen),
        by_kind=_by_kind(chosen),
        articles=article_parts,
        themes=theme_parts,
        assistance=assistance_needs(chosen),
    )


def compile_addenda(
    records: Iterable[FindingRecord],
    *,
    cycle: int,
    chapter: str,
    articles: Iterable[int] = (),
    groups: Iterable[str] | None = None,
    top: int = DEFAULT_TOP,
    threshold: float = DEFAULT_THRESHOLD,
) -> dict[str, Compilation]:
    """One regional supplementary addendum per regional group (by default the groups the findings
    come from), keyed by the group's code, in code order."""
    records = list(records)
    articles = list(articles)
    codes = sorted({record.group for record in records if record.group} if groups is None else set(groups))
    return {
        code: compile_findings(
            records, cycle=cycle, chapter=chapter, articles=articles, group=code, top=top, threshold=threshold
        )
        for code in codes
    }


# --- Reading the findings from the database --------------------------------------------------------------


def load_findings(cycle: int, chapter: str, *, language: str = "en") -> list[FindingRecord]:
    """The findings of a cycle's agreed country review reports on a chapter (its roman numeral), with
    their text in `language` (a UN code), or in the first language they have after it. One query.

    Which reports: the secretariat compiles from the country review reports (RULES.md 4.10), and a
    report is final once the State under review has agreed it (4.6, step 10). Waiting for the
    executive summary to be issued (step 11, after translation into six languages) would leave out
    months of final material; drafts not yet agreed are left out because their findings may still
    change. The compilation is the secretariat's own restricted draft, so confidential reports may
    feed it; what is published from it is the secretariat's edited text.
    """
    # Imported here so that everything above stays usable without Django's models.
    from django.conf import settings

    from cosp.core.languages import field_suffix

    from .enums import ReportStatus
    from .models import Finding

    order = [field_suffix(language)] + [
        code.replace("-", "_")
        for code in settings.MODELTRANSLATION_FALLBACK_LANGUAGES
        if code.replace("-", "_") != field_suffix(language)
    ]
    columns = [f"text_{suffix}" for suffix in order]
    rows = (
        Finding.objects.filter(
            review__cycle=cycle, review__report_status=ReportStatus.AGREED, article__chapter__roman=chapter
        )
        .order_by("review_id", "article__number", "position", "pk")
        .values_list(
            "review_id",
            "review__state__iso3",
            "review__state__regional_group__code",
            "kind",
            "article__number",
            "paragraph",
            "theme",
            "assistance_type",
            *columns,
        )
    )
    records = []
    for review, state, group, kind, article, paragraph, theme, assistance_type, *texts in rows.iterator(
        chunk_size=5000
    ):
        text = next((value for value in texts if value), "")
        records.append(
            FindingRecord(
                review=review,
                state=state,
                group=group or "",
                kind=kind,
                article=article,
                text=text,
                paragraph=paragraph,
                theme=theme,
                assistance_type=assistance_type,
            )
        )
    return records
