"""A whole phase of the Implementation Review Mechanism generated in the database: both cycles drawn,
every review advanced to a plausible step for its year, with checklists, report sections, findings and
the follow-up of recommendations. For the benchmark (benchmarks/reviews.py) and for trying pages at
full size; the demo (demo.py) builds its second cycle with the same pieces.

The calendar is set by `today`: the second cycle is in its fifth year (its year y began about
5 - y years and three months ago), the first cycle ended before it began. Reviews of a year start over
the months after its draw and go at their own pace (`Pace`): most on time, some slow, a few stalled
at one step of the current cycle, so some are late. Each step takes a share of its indicative duration
(conf.timeline_settings()); nothing is dated after `today`.

Everything comes from one `random.Random` per review, seeded with the phase's seed and the review's
cycle and State, so the same seed, States and `today` give the same phase. The texts are the
project's own examples (data/example_findings.csv), varied deterministically; fake States are made
only when the database has fewer States parties than asked for.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import string
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from cosp.states.models import Article, Chapter, RegionalGroup, State
from cosp.states.reference import DATA_DIR as REFERENCE_DATA_DIR
from cosp.states.reference import read_rows

from . import blueprint, timeline
from .conf import timeline_settings
from .cycles import articles_under_review
from .enums import ChecklistStatus, Implementation, Priority, ReportKind, ReportStatus
from .findings import (
    FindingType,
    FollowUpSource,
    ImplementationStatus,
    SuggestionKind,
    suggest_article_and_theme,
    theme_by_key,
)
from .models import (
    Checklist,
    ChecklistAnswer,
    CountryReview,
    ExpertAssignment,
    Finding,
    FollowUp,
    GovernmentalExpert,
    ReportSection,
    SectionVersion,
    StepRecord,
)
from .services.base import ReviewRuleError
from .services.reports import SUMMARY_SERIES
from .timeline import DirectDialogueKind, Step, TimelineSettings

EXAMPLES_PATH = Path(__file__).resolve().parent / "data" / "example_findings.csv"
CURRENT_CYCLE = 2  # in progress; cycle 1 is over
GROUPS = ("AFR", "APG", "EEG", "GRULAC", "WEOG")
# How the States parties are spread over the regional groups (about so in 2024), for fake States.
GROUP_SHARES = {"AFR": 53, "APG": 54, "EEG": 23, "GRULAC": 32, "WEOG": 28}
# Recommendations are the most common finding in published reviews, observations and good practices the
# least (our estimate for a realistic mix, not a statistic).
KIND_SHARES = {
    FindingType.RECOMMENDATION: 38,
    FindingType.CHALLENGE: 24,
    FindingType.GOOD_PRACTICE: 14,
    FindingType.TECHNICAL_ASSISTANCE_NEED: 12,
    FindingType.OBSERVATION: 12,
}
STEPS = tuple(Step)
_INDEX = {step: index for index, step in enumerate(STEPS)}
# Where a stalled review may stop: any step but the first (the start is the notification) and the
# optional visit (which runs beside the dialogue).
STALLABLE = tuple(step for step in STEPS if step not in (Step.NOTIFICATION, Step.DIRECT_DIALOGUE))

Progress = Callable[[str], None]


def _silent(message: str) -> None:
    del message


# --- The Convention and the States -------------------------------------------------------------------


def ensure_convention() -> None:
    """The regional groups, chapters and articles of the reference files (states/data), created where
    missing; existing rows are left as they are."""
    for row in read_rows(REFERENCE_DATA_DIR / "regional_groups.csv", ("code", "name_en")):
        RegionalGroup.objects.get_or_create(
            code=row["code"],
            defaults={
                "name_en": row["name_en"],
                "name_zh_hans": row.get("name_zh", ""),
                "abbreviation_en": row.get("abbreviation_en") or row["code"],
                "abbreviation_zh_hans": row.get("abbreviation_zh", ""),
            },
        )
    chapters = {}
    for row in read_rows(REFERENCE_DATA_DIR / "chapters.csv", ("number", "roman", "title_en")):
        chapters[row["roman"]], _ = Chapter.objects.get_or_create(
            number=int(row["number"]),
            defaults={
                "roman": row["roman"],
                "title_en": row["title_en"],
                "title_zh_hans": row.get("title_zh", ""),
            },
        )
    known = set(Article.objects.values_list("number", flat=True))
    Article.objects.bulk_create(
        Article(
            number=int(row["number"]),
            chapter=chapters[row["chapter_roman"]],
            title_en=row["title_en"],
            title_zh_hans=row.get("title_zh", ""),
        )
        for row in read_rows(REFERENCE_DATA_DIR / "articles.csv", ("number", "chapter_roman", "title_en"))
        if int(row["number"]) not in known
    )


def _spread(count: int, shares: dict[str, int]) -> list[str]:
    """`count` group codes in proportion to `shares` (largest remainders), interleaved."""
    total = sum(shares.values())
    exact = {group: count * share / total for group, share in shares.items()}
    sizes = {group: int(value) for group, value in exact.items()}
    for group in sorted(exact, key=lambda g: (sizes[g] - exact[g], g))[: count - sum(sizes.values())]:
        sizes[group] += 1
    order = sorted(((index + 0.5) / size, group) for group, size in sizes.items() for index in range(size))
    return [group for _position, group in order]


def _free_codes(used: set[str], length: int) -> Iterable[str]:
    """Codes of `length` letters not in `used`, those starting with X, Q or Z first (ISO 3166 leaves
    them to users, so they name no real country)."""
    firsts = "XQZ" + "".join(letter for letter in string.ascii_uppercase if letter not in "XQZ")
    for first in firsts:
        for rest in _words(length - 1):
            code = first + rest
            if code not in used:
                yield code


def _words(length: int) -> Iterable[str]:
    if length == 0:
        yield ""
        return
    for letter in string.ascii_uppercase:
        for rest in _words(length - 1):
            yield letter + rest


def ensure_parties(count: int, rng: random.Random) -> int:
    """At least `count` States parties in the regional groups: fake ones are added when there are fewer.
    Returns how many were made."""
    missing = count - State.objects.parties().count()
    if missing <= 0:
        return 0
    groups = {group.code: group for group in RegionalGroup.objects.filter(code__in=GROUPS)}
    iso3s = _free_codes(set(State.objects.values_list("iso3", flat=True)), 3)
    iso2s = _free_codes(set(State.objects.values_list("iso2", flat=True)), 2)
    made = []
    for group in _spread(missing, GROUP_SHARES):
        iso3, iso2 = next(iso3s), next(iso2s)
        # Most became parties before the first cycle; a few joined later (late joiners, DL-13).
        roll = rng.random()
        if roll < 0.9:
            deposited = dt.date(2004, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
        elif roll < 0.96:
            deposited = dt.date(2010, 9, 1) + dt.timedelta(days=rng.randrange(4 * 365))
        else:
            deposited = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
        made.append(
            State(
                iso2=iso2,
                iso3=iso3,
                un_status="member",
                regional_group=groups[group],
                short_name_en=f"Generated State {iso3}",
                short_name_zh_hans=f"生成国 {iso3}",
                signed_on=deposited - dt.timedelta(days=rng.randrange(30, 400)),
                instrument="ratification",
                instrument_deposited_on=deposited,
            )
        )
    State.objects.bulk_create(made)
    return len(made)


# --- Governmental experts ----------------------------------------------------------------------------

# fmt: off
_FIRST = (
    "Amina", "Carlos", "Elena", "Farid", "Grace", "Hiroshi", "Ines", "Jonas", "Kofi", "Lena", "Mei",
    "Nadia", "Omar", "Priya", "Rafael", "Sofia", "Tomas", "Yuki", "Zara", "Ivan",
)
_LAST = (
    "Adeyemi", "Berg", "Costa", "Dubois", "Eriksen", "Fernandez", "Gupta", "Haddad", "Ivanova", "Jensen",
    "Kim", "Lopez", "Mensah", "Novak", "Okafor", "Petrov", "Rossi", "Santos", "Tanaka", "Wang",
)
# fmt: on
_EXPERTISE = (
    "Criminal law and prosecution",
    "Public procurement",
    "Financial intelligence and money-laundering",
    "Asset recovery and confiscation",
    "Civil service and ethics",
    "International cooperation in criminal matters",
    "Audit and public finance",
)


def expert_listings(
    states: Sequence[State], rng: random.Random, *, per_state: tuple[int, int] = (2, 5)
) -> list[GovernmentalExpert]:
    """Unsaved GovernmentalExperts: a short list for each State (RULES 4.5 allows up to 15)."""
    listings = []
    for state in states:
        for number in range(rng.randint(*per_state)):
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            listings.append(
                GovernmentalExpert(
                    state=state,
                    name=name,
                    email=f"expert{number + 1}.{state.iso3.lower()}@example.org",
                    position=rng.choice(
                        ("Senior prosecutor", "Legal adviser", "Director", "Analyst", "Judge")
                    ),
                    expertise=rng.choice(_EXPERTISE),
                    languages=rng.choice(
                        ("English", "English, French", "Spanish, English", "Arabic, French")
                    ),
                )
            )
    return listings


# --- The calendar and the course of one review ---------------------------------------------------------


@dataclass(frozen=True)
class Calendar:
    """When each year of the two cycles began, as seen from `today` (see the module's docstring)."""

    today: dt.date

    def year_start(self, cycle: int, year: int) -> dt.date:
        if cycle == CURRENT_CYCLE:
            return self.today - dt.timedelta(days=(5 - year) * 365 + 100)
        return self.year_start(CURRENT_CYCLE, 1) - dt.timedelta(days=(6 - year) * 365)

    def drawn_at(self, cycle: int) -> dt.datetime:
        """The draw: at an IRG session a month before the cycle's first reviews start (DL-7)."""
        day = self.year_start(cycle, 1) - dt.timedelta(days=30)
        return dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC)

    def review_start(self, cycle: int, year: int, rng: random.Random) -> dt.date | None:
        """A review starts in the four months after its year began; None if that day has not come."""
        start = self.year_start(cycle, year) + dt.timedelta(days=rng.randrange(120))
        return start if start <= self.today else None


class Pace(StrEnum):
    ON_TIME = "on_time"  # each step within its indicative duration, or a little over
    SLOW = "slow"  # each step up to well over twice its duration
    STALLED = "stalled"  # slow, and stopped at one step


# Shares of each pace: the current cycle has reviews still stalled; the last cycle finished them all.
PACES_CURRENT = {Pace.ON_TIME: 60, Pace.SLOW: 28, Pace.STALLED: 12}
PACES_FINISHED = {Pace.ON_TIME: 65, Pace.SLOW: 35}
FACTORS = {Pace.ON_TIME: (0.7, 1.3), Pace.SLOW: (1.3, 2.8), Pace.STALLED: (1.3, 2.8)}


def _choose(rng: random.Random, shares: dict) -> object:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


@dataclass(frozen=True)
class Course:
    """What happened in one review up to today: the steps done and when, a skipped visit, the agreed
    dates of a visit or joint meeting. `start` None: not started yet."""

    start: dt.date | None
    completions: dict[Step, dt.date] = field(default_factory=dict)
    skipped: frozenset[Step] = frozenset()
    dialogue_kind: str = ""
    dialogue_starts: dt.date | None = None
    dialogue_ends: dt.date | None = None
    pace: Pace = Pace.ON_TIME

    def done(self, step: Step) -> bool:
        return step in self.completions

    @property
    def direct_dialogue(self) -> timeline.DirectDialogue | None:
        if self.dialogue_kind and self.dialogue_starts and self.dialogue_ends:
            return timeline.DirectDialogue(self.dialogue_kind, self.dialogue_starts, self.dialogue_ends)
        return None

    def schedule(self, settings: TimelineSettings) -> list[timeline.StepState]:
        if self.start is None:
            return []
        return timeline.schedule(
            self.start,
            self.completions,
            settings,
            direct_dialogue=self.direct_dialogue,
            skipped=self.skipped,
        )

    def stage(self, settings: TimelineSettings) -> str:
        """ "not_started", the current step's value, or "completed" (as progress.py counts them)."""
        if self.start is None:
            return "not_started"
        current = timeline.current_step(self.schedule(settings))
        return "completed" if current is None else current.step.value

    def stopped_at(self, step: Step) -> Course:
        """The course as if the review had stopped before `step`: it and every later step undone."""
        index = _INDEX[step]
        keep = {done: day for done, day in self.completions.items() if _INDEX[done] < index}
        skipped = frozenset(s for s in self.skipped if _INDEX[s] < index)
        if index <= _INDEX[Step.DESK_REVIEW_CALL]:  # the visit is agreed after the desk review call
            return replace(
                self,
                completions=keep,
                skipped=skipped,
                dialogue_kind="",
                dialogue_starts=None,
                dialogue_ends=None,
            )
        return replace(self, completions=keep, skipped=skipped)


def _days(count: int) -> dt.timedelta:
    return dt.timedelta(days=count)


def simulate_course(
    start: dt.date | None,
    today: dt.date,
    rng: random.Random,
    settings: TimelineSettings,
    *,
    may_stall: bool = True,
) -> Course:
    """The steps of a review that started on `start`, done one after the other at a pace drawn from
    `rng`, up to `today`. The visit or joint meeting (or the decision to hold none) follows the desk
    review call; the draft report waits for it as timeline.py says."""
    if start is None or start > today:
        return Course(None)
    pace = _choose(rng, PACES_CURRENT if may_stall else PACES_FINISHED)
    low, high = FACTORS[pace]
    stall = _INDEX[rng.choice(STALLABLE)] if pace is Pace.STALLED else len(STEPS)
    roll = rng.random()
    kind = (
        DirectDialogueKind.COUNTRY_VISIT
        if roll < 0.45
        else DirectDialogueKind.JOINT_MEETING_VIENNA
        if roll < 0.6
        else ""
    )
    ends: dict[Step, dt.date] = {}
    completions: dict[Step, dt.date] = {}
    skipped: set[Step] = set()
    dates: tuple[dt.date, dt.date] | None = None
    for definition in timeline.STEPS:
        step = definition.step
        if any(waited not in ends for waited in definition.waits_for):
            continue  # what it waits for is not done
        clock = max((ends[waited] for waited in definition.waits_for), default=start)
        if step is Step.DIRECT_DIALOGUE:
            if not kind:
                if _INDEX[step] < stall:  # the State said at the desk review call it wants none
                    skipped.add(step)
                    ends[step] = clock
                continue
            visit_starts = clock + _days(rng.randint(14, 45))
            dates = (visit_starts, visit_starts + _days(rng.randint(2, 4)))
            done_on = dates[1] + _days(rng.randint(0, 3))
        else:
            nominal = (settings.duration(step).after(clock) - clock).days
            taken = round(nominal * rng.uniform(low, high))
            done_on = clock + _days(max(taken, 1 if nominal else 0))
        if _INDEX[step] >= stall or done_on > today:
            continue
        completions[step] = ends[step] = done_on
    return Course(
        start,
        completions,
        frozenset(skipped),
        str(kind) if dates else "",
        dates[0] if dates else None,
        dates[1] if dates else None,
        pace,
    )


# --- Example texts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    """One example finding of the project's file, in English and Chinese. `article` None: any article
    (the text names it through {article})."""

    article: int | None
    kind: FindingType
    assistance_type: str
    en: str
    zh: str

    def text(self, language: str, article: int, number: int) -> str:
        template = self.zh if language == "zh" else self.en
        return template.format(article=article, n=number)


def load_examples(path: Path = EXAMPLES_PATH) -> list[Example]:
    """The example findings (lines starting with # are comments)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return [
            Example(
                None if row["article"] == "*" else int(row["article"]),
                FindingType(row["kind"]),
                row["assistance_type"],
                row["en"],
                row["zh"],
            )
            for row in rows
        ]


# A second sentence some findings get, so that texts vary within a group (our own words).
_ADDITIONS = {
    FindingType.RECOMMENDATION: (
        ("This applies at the central and the local level.", "这适用于中央和地方各级。"),
        ("The reviewers invite the State party to report on progress.", "审议人员请该缔约国报告进展情况。"),
    ),
    FindingType.CHALLENGE: (
        ("The reviewers were told that work on this has begun.", "审议人员获悉，这方面的工作已经开始。"),
        ("The matter was discussed at length during the dialogue.", "在对话期间对此进行了详细讨论。"),
    ),
    FindingType.GOOD_PRACTICE: (
        ("Other States parties may find this useful.", "其他缔约国可能会认为这一做法有益。"),
    ),
    FindingType.TECHNICAL_ASSISTANCE_NEED: (
        ("The State party gave this need a high priority.", "该缔约国将这一需求列为高度优先事项。"),
    ),
    FindingType.OBSERVATION: (("The reviewers welcome this information.", "审议人员对这一信息表示欢迎。"),),
}


class ExampleBook:
    """Chooses example texts for a finding, and the theme and SDG targets its words point to."""

    def __init__(self, examples: Sequence[Example]) -> None:
        self.specific: dict[tuple[int, FindingType], list[Example]] = defaultdict(list)
        self.general: dict[FindingType, list[Example]] = defaultdict(list)
        for example in examples:
            if example.article is None:
                self.general[example.kind].append(example)
            else:
                self.specific[example.article, example.kind].append(example)
        self._themes: dict[tuple[str, int], tuple[str, list[str]]] = {}

    def choose(self, article: int, kind: FindingType, rng: random.Random) -> Example:
        """An example on this article and kind when the file has one (mostly), else a general one."""
        specific = self.specific.get((article, kind), [])
        if specific and (rng.random() < 0.8 or not self.general[kind]):
            return rng.choice(specific)
        return rng.choice(self.general[kind] or specific)

    def texts(self, example: Example, article: int, rng: random.Random) -> tuple[str, str]:
        """The English and Chinese texts, varied: a number and sometimes a second sentence."""
        number = rng.randint(2, 9)
        english, chinese = example.text("en", article, number), example.text("zh", article, number)
        if rng.random() < 0.3:
            more_en, more_zh = rng.choice(_ADDITIONS[example.kind])
            english, chinese = f"{english} {more_en}", chinese + more_zh
        return english, chinese

    def theme(self, example: Example, article: int) -> tuple[str, list[str]]:
        """The theme the example's words suggest (the one on this article first) and its SDG targets."""
        key = (example.en, article)
        if key not in self._themes:
            suggestions = suggest_article_and_theme(example.text("en", article, 2), "en")
            themes = [s.value for s in suggestions if s.kind is SuggestionKind.THEME]
            on_article = [t for t in themes if article in theme_by_key(t).articles]
            chosen = (on_article or themes or [""])[0]
            self._themes[key] = (chosen, list(theme_by_key(chosen).sdg_targets) if chosen else [])
        theme, targets = self._themes[key]
        return theme, list(targets)


# --- One review's records -------------------------------------------------------------------------------

_LANGUAGES_BY_GROUP = {
    "AFR": (("en", 50), ("fr", 35), ("ar", 15)),
    "APG": (("en", 85), ("ar", 10), ("ru", 5)),
    "EEG": (("en", 55), ("ru", 45)),
    "GRULAC": (("es", 75), ("en", 20), ("fr", 5)),
    "WEOG": (("en", 70), ("fr", 20), ("es", 10)),
}


def review_language(state: State, rng: random.Random) -> str:
    """The language of the review (chosen at the kick-off call): one the State commonly works in."""
    if state.iso3 == "CHN":
        return "zh-hans"
    choices = _LANGUAGES_BY_GROUP.get(state.regional_group.code if state.regional_group else "", (("en", 1),))
    return rng.choices([c for c, _w in choices], weights=[w for _c, w in choices])[0]


@dataclass
class ReviewPlan:
    """A drawn review, the course it takes, and the random source for everything about it."""

    review: CountryReview
    course: Course
    rng: random.Random
    articles: tuple[int, ...]  # under review in its cycle

    @property
    def agreed(self) -> bool:
        return self.course.done(Step.AGREEMENT)


@dataclass(frozen=True)
class BuildOptions:
    """What to make for each review beyond its steps."""

    findings_per_review: tuple[int, int] = (100, 100)  # at least, at most
    chinese_share: float = 0.1  # reviews whose findings also have a Chinese text (always those in Chinese)
    symbol_prefix: str = ""  # before the executive summaries' symbols
    is_demo: bool = False
    # The report's sections kept once the report is agreed (the generator), or only while it is drafted
    # (the demo: fewer rows, the summaries carry what is published).
    report_sections_after_agreement: bool = True
    follow_up_share: float = 0.4  # recommendations of the finished cycle with follow-up entries
    experts_per_reviewer: tuple[int, int] = (1, 2)


def plans_for(cycle: int, calendar: Calendar, seed: int, settings: TimelineSettings) -> list[ReviewPlan]:
    """A plan for each review of `cycle` in the database, in the order of years and States."""
    articles = articles_under_review(cycle, Article.objects.values_list("number", "chapter__roman"))
    plans = []
    reviews = (
        CountryReview.objects.filter(cycle=cycle)
        .select_related("state__regional_group")
        .prefetch_related("reviewers__state")  # read by the assignments and the introductions
    )
    for review in reviews.order_by("year", "state__iso3"):
        rng = random.Random(f"{seed}/{cycle}/{review.state.iso3}")
        start = calendar.review_start(cycle, review.year, rng)
        course = simulate_course(start, calendar.today, rng, settings, may_stall=cycle == CURRENT_CYCLE)
        plans.append(ReviewPlan(review, course, rng, articles))
    return plans


def _symbol(prefix: str, review: CountryReview, number: int) -> str:
    roman = "I" if review.cycle == 1 else "II"
    return f"{prefix}{SUMMARY_SERIES}/{roman}/{review.year}/1/Add.{number}"


def apply_course(plans: Sequence[ReviewPlan], options: BuildOptions) -> None:
    """The reviews' own fields from their courses, saved at once."""
    issued = Counter()
    for plan in plans:
        review, course, rng = plan.review, plan.course, plan.rng
        review.started_on = course.start
        review.language = review_language(review.state, rng) if course.done(Step.KICK_OFF_CALL) else ""
        review.direct_dialogue_kind = course.dialogue_kind
        review.direct_dialogue_starts = course.dialogue_starts
        review.direct_dialogue_ends = course.dialogue_ends
        review.is_demo = options.is_demo
        if course.done(Step.AGREEMENT):
            review.report_status, review.agreed_on = ReportStatus.AGREED, course.completions[Step.AGREEMENT]
            # About half the States agree to publish the full report as well (RULES 4.9).
            if rng.random() < 0.45:
                review.report_publication_agreed_on = review.agreed_on
        elif course.done(Step.DRAFT_COMMENTS):
            review.report_status = ReportStatus.WITH_STATE
        else:
            review.report_status = ReportStatus.DRAFTING
        if course.done(Step.PUBLICATION):
            review.summary_issued_on = course.completions[Step.PUBLICATION]
            issued[review.cycle, review.year] += 1
            review.summary_symbol = _symbol(options.symbol_prefix, review, issued[review.cycle, review.year])
            if review.report_publication_agreed_on:
                review.report_published_on = review.summary_issued_on
    _update_rows([plan.review for plan in plans], _COURSE_FIELDS)


_COURSE_FIELDS = (
    "started_on",
    "language",
    "direct_dialogue_kind",
    "direct_dialogue_starts",
    "direct_dialogue_ends",
    "is_demo",
    "report_status",
    "agreed_on",
    "report_publication_agreed_on",
    "summary_issued_on",
    "summary_symbol",
    "report_published_on",
)


def _update_rows(reviews: Sequence[CountryReview], names: Sequence[str]) -> None:
    """One UPDATE per review through `executemany`: bulk_update's CASE expressions over a dozen
    columns take seconds for a few hundred rows. Like bulk_update, it writes no history rows."""
    fields = [CountryReview._meta.get_field(name) for name in names]
    table = connection.ops.quote_name(CountryReview._meta.db_table)
    columns = ", ".join(f"{connection.ops.quote_name(field.column)} = %s" for field in fields)
    rows = [
        [field.get_db_prep_save(getattr(review, field.attname), connection) for field in fields] + [review.pk]
        for review in reviews
    ]
    with connection.cursor() as cursor:
        key = connection.ops.quote_name(CountryReview._meta.pk.column)
        cursor.executemany(f"UPDATE {table} SET {columns} WHERE {key} = %s", rows)


def step_records(plans: Sequence[ReviewPlan]) -> list[StepRecord]:
    """A record for each step done, and for the visit the State decided against (skipped)."""
    records = []
    for plan in plans:
        for step, day in plan.course.completions.items():
            records.append(StepRecord(review=plan.review, step=step, completed_on=day))
        for step in plan.course.skipped:
            day = plan.course.completions.get(Step.DESK_REVIEW_CALL, plan.course.start)
            records.append(StepRecord(review=plan.review, step=step, completed_on=day, skipped=True))
    return records


def assignments(
    plans: Sequence[ReviewPlan], listings: dict[int, list[GovernmentalExpert]], options: BuildOptions
) -> list[ExpertAssignment]:
    """The reviewing States' experts on each review past its kick-off call (they join for it)."""
    made = []
    for plan in plans:
        if not plan.course.done(Step.KICK_OFF_CALL):
            continue
        for reviewer in plan.review.reviewers.all():
            available = listings.get(reviewer.state_id, [])
            count = min(len(available), plan.rng.randint(*options.experts_per_reviewer))
            made += [
                ExpertAssignment(review=plan.review, expert=e) for e in plan.rng.sample(available, count)
            ]
    return made


_LAWS = (
    "Anti-Corruption Act",
    "Criminal Code",
    "Public Procurement Act",
    "Civil Service Act",
    "Anti-Money-Laundering Act",
    "Code of Criminal Procedure",
    "Mutual Legal Assistance Act",
)


def checklist_rows(
    plans: Sequence[ReviewPlan], articles: dict[int, Article], book: ExampleBook
) -> tuple[list[Checklist], list[ChecklistAnswer]]:
    """A checklist for each review past its kick-off call, answered article by article (partly while
    a draft), submitted and locked as the course says."""
    checklists, answers = [], []
    for plan in plans:
        course, rng = plan.course, plan.rng
        if not course.done(Step.KICK_OFF_CALL):
            continue
        checklist = Checklist(review=plan.review)
        if course.done(Step.SELF_ASSESSMENT):
            checklist.status = ChecklistStatus.SUBMITTED
            checklist.submitted_at = _noon(course.completions[Step.SELF_ASSESSMENT])
        if course.done(Step.CIRCULATION):
            checklist.status = ChecklistStatus.LOCKED
            checklist.locked_at = _noon(course.completions[Step.CIRCULATION])
        if course.done(Step.PUBLICATION) and rng.random() < 0.3:  # the State chose to publish it
            checklist.published_at = _noon(course.completions[Step.PUBLICATION])
        checklists.append(checklist)
        answered = plan.articles
        if checklist.status == ChecklistStatus.DRAFT:
            answered = answered[: rng.randint(0, len(answered))]
        for number in answered:
            answers.append(_answer(checklist, articles[number], rng, book))
    return checklists, answers


def _answer(checklist: Checklist, article: Article, rng: random.Random, book: ExampleBook) -> ChecklistAnswer:
    law = rng.choice(_LAWS)
    first = rng.randint(1, 80)
    year = rng.randint(2012, 2022)
    implementation = rng.choices(Implementation.values, weights=(50, 35, 15))[0]
    answer = ChecklistAnswer(
        checklist=checklist,
        article=article,
        implementation=implementation,
        measures=f"The {law} and its implementing regulations, amended in {year}.",
        citations=f"{law}, articles {first} to {first + rng.randint(1, 9)}.",
        examples=f"The competent authority handled {rng.randint(3, 60)} cases under these provisions "
        f"between {year} and {year + 3}.",
        statistics=f"{rng.randint(5, 90)} cases opened, {rng.randint(1, 5)} referred to the courts.",
    )
    if implementation != Implementation.YES:
        challenge = book.choose(article.number, FindingType.CHALLENGE, rng)
        answer.challenges = challenge.text("en", article.number, rng.randint(2, 9))
        if rng.random() < 0.5:
            need = book.choose(article.number, FindingType.TECHNICAL_ASSISTANCE_NEED, rng)
            answer.assistance_needed = need.text("en", article.number, 2)
            answer.assistance_type = need.assistance_type
            answer.assistance_priority = rng.choice(Priority.values)
    if rng.random() < 0.2:
        answer.assistance_received = f"Training for practitioners by a regional programme in {year + 1}."
    return answer


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def finding_rows(
    plans: Sequence[ReviewPlan], articles: dict[int, Article], book: ExampleBook, options: BuildOptions
) -> list[Finding]:
    """Findings of each review whose desk review is done: kinds in KIND_SHARES' proportions, on the
    articles of its cycle, texts from the examples."""
    kinds, weights = list(KIND_SHARES), list(KIND_SHARES.values())
    made = []
    for plan in plans:
        if not plan.course.done(Step.DESK_REVIEW):
            continue
        rng = plan.rng
        chinese = plan.review.language == "zh-hans" or rng.random() < options.chinese_share
        positions: Counter[int] = Counter()
        for _index in range(rng.randint(*options.findings_per_review)):
            number = rng.choice(plan.articles)
            kind = rng.choices(kinds, weights=weights)[0]
            example = book.choose(number, kind, rng)
            english, chinese_text = book.texts(example, number, rng)
            theme, targets = book.theme(example, number)
            made.append(
                Finding(
                    review=plan.review,
                    kind=kind,
                    article=articles[number],
                    paragraph=str(rng.randint(1, 4)) if rng.random() < 0.4 else "",
                    text_en=english,
                    text_zh_hans=chinese_text if chinese else "",
                    theme=theme,
                    sdg_targets=targets,
                    assistance_type=example.assistance_type
                    if kind == FindingType.TECHNICAL_ASSISTANCE_NEED
                    else "",
                    position=positions[number],
                )
            )
            positions[number] += 1
    return made


# --- Report sections ------------------------------------------------------------------------------------

_INTRODUCTION = {
    "en": "This document covers the review of {state} in cycle {cycle} of the Implementation Review "
    "Mechanism, by {reviewers}. It was prepared from the self-assessment checklist, the desk review and "
    "the dialogue.",
    "zh": "本文件涉及在实施情况审议机制第{cycle}周期中由{reviewers}对{state}进行的审议，"
    "依据自评清单、案头审议和对话编写。",
}
_PROCESS = (
    "The review started on {start}. The responses to the checklist were circulated to the reviewing "
    "experts, who held the desk review and the dialogue with the State party."
)
_VISIT = "The {kind} took place from {starts} to {ends}."
_NOTHING = "The reviewers made no finding of this kind on {place}."


def section_rows(
    plans: Sequence[ReviewPlan],
    findings_by_review: dict[int, list[Finding]],
    articles: dict[int, Article],
    chapter_titles: dict[str, str],
    options: BuildOptions,
    *,
    marker: Mapping[str, str] | None = None,
) -> list[ReportSection]:
    """Unsaved sections, each with its text (the first version): the report while it is drafted (from
    the active dialogue on), the executive summary from the draft report on. Texts list the findings the
    blueprint puts in each part; a part with nothing in it is not made (the editors add it when they
    write one). `marker` (by language, en or zh) starts each introduction: the demo says it is one."""
    refs = [blueprint.ArticleRef(a.number, a.chapter.roman, a.title_en) for a in articles.values()]
    outlines: dict[tuple[int, str, str], tuple[blueprint.Entry, ...]] = {}

    def outline(kind: str, cycle: int, language: str) -> tuple[blueprint.Entry, ...]:
        key = (cycle, kind, language)
        if key not in outlines:
            entries = blueprint.outline(kind, cycle, refs, chapter_titles, language=language)
            outlines[key] = blueprint.written_entries(entries)
        return outlines[key]

    made = []
    for plan in plans:
        course, review = plan.course, plan.review
        language = "zh" if review.language == "zh-hans" else "en"
        documents = []
        if course.done(Step.DIALOGUE) and (
            options.report_sections_after_agreement or not course.done(Step.AGREEMENT)
        ):
            documents.append(ReportKind.REPORT)
        if course.done(Step.DRAFT_REPORT):
            documents.append(ReportKind.SUMMARY)
        if not documents:
            continue
        by_place: dict[tuple[str, object], list[Finding]] = defaultdict(list)
        for finding in findings_by_review.get(review.pk, []):
            by_place[finding.kind, finding.article.number].append(finding)
            by_place[finding.kind, finding.article.chapter.roman].append(finding)
        for kind in documents:
            for position, entry in enumerate(outline(kind, review.cycle, language)):
                text = _section_text(entry, plan, by_place, language, marker or {})
                if not text:
                    continue
                made.append(
                    ReportSection(
                        review=review,
                        kind=kind,
                        language="zh-hans" if language == "zh" else "en",
                        key=entry.key,
                        heading=entry.heading,
                        position=position,
                        article=articles[entry.article] if entry.article is not None else None,
                        text=text,
                        version=1,
                    )
                )
    return made


def _finding_text(finding: Finding, language: str) -> str:
    return (finding.text_zh_hans if language == "zh" else "") or finding.text_en


def _section_text(
    entry: blueprint.Entry,
    plan: ReviewPlan,
    by_place: dict[tuple[str, object], list[Finding]],
    language: str,
    marker: Mapping[str, str],
) -> str:
    review, course = plan.review, plan.course
    if entry.key == "introduction":
        reviewers = [reviewer.state.short_name for reviewer in review.reviewers.all()]
        text = _INTRODUCTION[language].format(
            state=review.state.short_name,
            cycle=review.cycle,
            reviewers=("和" if language == "zh" else " and ").join(reviewers),
        )
        return marker.get(language, "") + text
    if entry.key == "process":
        return _PROCESS.format(start=course.start.isoformat() if course.start else "")
    if entry.key == "process-direct-dialogue":
        if not course.dialogue_kind or not course.done(Step.DIRECT_DIALOGUE):
            return ""
        kind = (
            "country visit"
            if course.dialogue_kind == DirectDialogueKind.COUNTRY_VISIT
            else "joint meeting in Vienna"
        )
        return _VISIT.format(kind=kind, starts=course.dialogue_starts, ends=course.dialogue_ends)
    if not entry.finding_types:
        if entry.article is not None:
            return f"The State party described the laws and bodies giving effect to article {entry.article}."
        return "The legal system, the place of the Convention in national law and the main institutions."
    place = entry.article if entry.article is not None else entry.chapter
    chosen = [finding for kind in entry.finding_types for finding in by_place.get((kind, place), ())]
    if not chosen:
        if entry.optional:
            return ""
        return _NOTHING.format(place=f"article {place}" if entry.article is not None else f"chapter {place}")
    return "\n\n".join(f"- {_finding_text(finding, language)}" for finding in chosen[:8])


# --- Follow-up -------------------------------------------------------------------------------------------

_RESPONSES = (
    "The State party has set up a working group to prepare the amendments.",
    "A draft law has been sent to parliament.",
    "The measure is part of the new national anti-corruption strategy.",
    "Training for the officials concerned has begun.",
)


# What a later review found: mostly partly or fully implemented, some not started.
_LATER_STATUSES = (ImplementationStatus.PARTLY, ImplementationStatus.FULLY, ImplementationStatus.NOT_STARTED)


def follow_up_rows(
    plans: Sequence[ReviewPlan],
    later: dict[int, ReviewPlan],
    findings_by_review: dict[int, list[Finding]],
    today: dt.date,
    options: BuildOptions,
) -> list[FollowUp]:
    """Ledger entries for some recommendations of agreed reports: the State's response at the review,
    then for the finished cycle a report of its own and what the next review found (`later`: the
    State's review in the next cycle, by State id)."""
    made = []
    for plan in plans:
        if not plan.agreed:
            continue
        rng, review = plan.rng, plan.review
        agreed = review.agreed_on
        next_review = later.get(review.state_id)
        share = (
            options.follow_up_share
            if next_review is not None or review.cycle != CURRENT_CYCLE
            else options.follow_up_share / 2
        )
        for finding in findings_by_review.get(review.pk, []):
            if finding.kind != FindingType.RECOMMENDATION or rng.random() >= share:
                continue
            made.append(
                FollowUp(
                    finding=finding,
                    on=agreed,
                    source=FollowUpSource.REVIEW,
                    status=rng.choice((ImplementationStatus.NOT_STARTED, ImplementationStatus.PARTLY)),
                    response=rng.choice(_RESPONSES),
                )
            )
            reported = agreed + _days(rng.randint(300, 900))
            if reported <= today and rng.random() < 0.6:
                made.append(
                    FollowUp(
                        finding=finding,
                        on=reported,
                        source=FollowUpSource.STATE_REPORT,
                        status=rng.choice((ImplementationStatus.PARTLY, ImplementationStatus.FULLY)),
                        reference=f"Report of {review.state.iso3} to the IRG, {reported.year}",
                    )
                )
            if next_review is not None and next_review.agreed and next_review.review.agreed_on > reported:
                made.append(
                    FollowUp(
                        finding=finding,
                        on=next_review.review.agreed_on,
                        source=FollowUpSource.LATER_REVIEW,
                        status=rng.choices(_LATER_STATUSES, weights=(40, 45, 15))[0],
                        reference=f"Review {next_review.review.slug}",
                    )
                )
    return made


# --- Putting it together -------------------------------------------------------------------------------


@dataclass
class Built:
    """Counts of what `build_reviews` wrote."""

    reviews: int = 0
    step_records: int = 0
    checklists: int = 0
    checklist_answers: int = 0
    assignments: int = 0
    findings: int = 0
    sections: int = 0
    follow_ups: int = 0

    def add(self, other: Built) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def build_reviews(
    plans: Sequence[ReviewPlan],
    options: BuildOptions,
    *,
    today: dt.date,
    book: ExampleBook | None = None,
    later: dict[int, ReviewPlan] | None = None,
    progress: Progress = _silent,
    marker: Mapping[str, str] | None = None,
    batch: int = 5000,
) -> Built:
    """Write everything the plans' courses imply: the reviews' fields, step records, expert
    assignments, checklists, findings, report sections and follow-up. Bulk inserts, in the caller's
    transaction."""
    book = book or ExampleBook(load_examples())
    built = Built(reviews=len(plans))
    if not plans:
        return built
    articles = {a.number: a for a in Article.objects.select_related("chapter")}
    apply_course(plans, options)
    built.step_records = len(StepRecord.objects.bulk_create(step_records(plans), batch_size=batch))
    listings: dict[int, list[GovernmentalExpert]] = defaultdict(list)
    for listing in GovernmentalExpert.objects.filter(active=True).order_by("state_id", "pk"):
        listings[listing.state_id].append(listing)
    built.assignments = len(
        ExpertAssignment.objects.bulk_create(assignments(plans, listings, options), batch_size=batch)
    )
    checklists, answers = checklist_rows(plans, articles, book)
    built.checklists = len(Checklist.objects.bulk_create(checklists, batch_size=batch))
    built.checklist_answers = len(ChecklistAnswer.objects.bulk_create(answers, batch_size=batch))
    cycle = plans[0].review.cycle
    progress(f"cycle {cycle}: {built.step_records:,} steps, {built.checklist_answers:,} checklist answers")

    findings = finding_rows(plans, articles, book, options)
    for start in range(0, len(findings), batch):
        Finding.objects.bulk_create(findings[start : start + batch])
        progress(f"cycle {cycle}: findings {min(start + batch, len(findings)):,} of {len(findings):,}")
    built.findings = len(findings)
    findings_by_review: dict[int, list[Finding]] = defaultdict(list)
    for finding in findings:
        findings_by_review[finding.review_id].append(finding)

    titles = {chapter.roman: chapter.title_en for chapter in Chapter.objects.all()}
    sections = ReportSection.objects.bulk_create(
        section_rows(plans, findings_by_review, articles, titles, options, marker=marker), batch_size=batch
    )
    _first_versions([plan.review.pk for plan in plans])
    built.sections = len(sections)
    progress(f"cycle {cycle}: {built.sections:,} report sections")

    follow_ups = follow_up_rows(plans, later or {}, findings_by_review, today, options)
    built.follow_ups = len(FollowUp.objects.bulk_create(follow_ups, batch_size=batch))
    return built


def _first_versions(review_ids: Sequence[int]) -> None:
    """Each new section's text as its version 1, copied in the database: one statement instead of a
    model instance per section."""
    version, section = SectionVersion._meta, ReportSection._meta
    quote = connection.ops.quote_name
    columns = {
        name: quote(version.get_field(name).column) for name in ("section", "number", "text", "saved_at")
    }
    for start in range(0, len(review_ids), 500):
        chunk = review_ids[start : start + 500]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(version.db_table)} ({columns['section']}, {columns['number']}, "
                f"{columns['text']}, {columns['saved_at']}, {quote(version.get_field('comment').column)}) "
                f"SELECT {quote(section.pk.column)}, 1, {quote(section.get_field('text').column)}, %s, '' "
                f"FROM {quote(section.db_table)} WHERE {quote(section.get_field('review').column)} IN "
                f"({', '.join(['%s'] * len(chunk))})",
                [version.get_field("saved_at").get_db_prep_save(timezone.now(), connection), *chunk],
            )


@dataclass(frozen=True)
class PhaseSummary:
    """What `generate_phase` made, and how long it took."""

    states: int  # States parties in the phase
    fake_states: int  # of which made up here
    draws: dict[int, int]  # cycle → the Draw's id
    draw_seconds: dict[int, float]  # cycle → time of conduct_draw (engine and saving)
    built: Built
    seconds: float


def generate_phase(
    *,
    states: int = 190,
    findings_per_review: int = 100,
    seed: int = 0,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> PhaseSummary:
    """Build a whole phase in the database (both cycles), in one transaction.

    At least `states` States parties (fake ones are added to the database's when it has fewer; all of
    the database's take part), each with a short list of governmental experts; both cycles drawn with
    services.draw.conduct_draw; every review advanced as of `today` (default: the local date) with its
    step records, checklist, report sections, `findings_per_review` findings once its desk review is
    done, and follow-up entries for some recommendations. Refused (ReviewRuleError, nothing saved)
    when either cycle already has reviews. `progress` is called with a line of text as work proceeds.
    """
    from .services.draw import conduct_draw  # the services import this module's neighbours

    say = progress or _silent
    today = today or timezone.localdate()
    started = time.perf_counter()
    drawn = sorted(set(CountryReview.objects.values_list("cycle", flat=True)))
    if drawn:
        raise ReviewRuleError(
            f"The database already has reviews of cycle {', '.join(map(str, drawn))}: generate a phase in an "
            "empty database."
        )
    calendar = Calendar(today)
    settings = timeline_settings()
    options = BuildOptions(findings_per_review=(findings_per_review, findings_per_review))
    book = ExampleBook(load_examples())
    with transaction.atomic():
        ensure_convention()
        fake = ensure_parties(states, random.Random(f"{seed}/states"))
        parties = list(State.objects.parties().order_by("iso3"))
        say(f"{len(parties)} States parties ({fake} made up); lists of governmental experts")
        GovernmentalExpert.objects.bulk_create(expert_listings(parties, random.Random(f"{seed}/experts")))
        draws, draw_seconds = {}, {}
        for cycle in (1, 2):
            say(f"drawing cycle {cycle}")
            draw_started = time.perf_counter()
            record = conduct_draw(cycle=cycle, seed=seed, actor=None, at=calendar.drawn_at(cycle))
            draw_seconds[cycle] = time.perf_counter() - draw_started
            draws[cycle] = record.pk
        current = plans_for(CURRENT_CYCLE, calendar, seed, settings)
        finished = plans_for(1, calendar, seed, settings)
        built = Built()
        # The current cycle first: the finished cycle's follow-up reads what its reviews found.
        built.add(build_reviews(current, options, today=today, book=book, progress=say))
        later = {plan.review.state_id: plan for plan in current}
        built.add(build_reviews(finished, options, today=today, book=book, later=later, progress=say))
    return PhaseSummary(len(parties), fake, draws, draw_seconds, built, time.perf_counter() - started)
