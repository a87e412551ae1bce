"""A demo work plan for the political declaration: ILLUSTRATIVE, not a plan any body adopted.

From 2022 to 2026 the Implementation Review Group, the working groups on prevention and on asset
recovery and the expert meeting on international cooperation each take up, year by year, a share of the
declaration's paragraphs on their theme: the paragraphs of a themed section are split over the five
years. The sections on the 2030 Agenda and on the way forward are left to no body, and the technical
assistance paragraphs of 2026 go to two bodies, so that the coverage view has something to show. Every
entry's keywords say "(illustrative)" / "（示例）".

It needs the declaration in the database (ingested from the special session's report) and the bodies
of the reference data; without them it does nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cosp.documents.models import Document
from cosp.documents.services import ingest_file
from cosp.meetings.models import Body

from .enums import MandateStatus
from .models import DeclarationParagraph, Mandate, Outcome, WorkPlanEntry
from .services import store_work_plan, update_mandate
from .work_plan import PlanEntry, When

# An example report of a session of the Conference, written for the project in the UN's form.
EXAMPLE_REPORT = Path(__file__).resolve().parent / "data" / "example-report.en.txt"
EXAMPLE_SYMBOL = "CAC/COSP/2027/15"

YEARS = range(2022, 2027)
ILLUSTRATIVE = {"en": " (illustrative)", "zh": "（示例）"}

# Section of the declaration → the bodies that discuss it, and keywords in English and Chinese.
THEMES = [
    ("prevention", ("WG-PREV",), "Preventive measures", "预防措施"),
    ("criminalization", ("IRG",), "Criminalization and law enforcement", "刑事定罪和执法"),
    ("international_cooperation", ("EG-IC",), "International cooperation", "国际合作"),
    ("asset_recovery", ("WG-AR",), "Asset recovery", "资产追回"),
    ("technical_assistance", ("IRG",), "Technical assistance and information exchange", "技术援助和信息交流"),
]
# Discussed a second time, by two bodies together, in the last year of the plan.
JOINT = ("technical_assistance", ("WG-PREV", "WG-AR"), 2026)


def _split(numbers: list[int], parts: int) -> list[list[int]]:
    """`numbers` in `parts` consecutive runs, the longer runs first (22 over 5 years: 5, 5, 4, 4, 4)."""
    size, extra = divmod(len(numbers), parts)
    runs, start = [], 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        runs.append(numbers[start:end])
        start = end
    return runs


def demo_work_plan(paragraphs_by_section: dict[str, list[int]]) -> list[PlanEntry]:
    """The illustrative plan's rows for a declaration whose sections hold these paragraph numbers."""
    entries: list[PlanEntry] = []
    for section, bodies, english, chinese in THEMES:
        numbers = sorted(paragraphs_by_section.get(section, []))
        for year, run in zip(YEARS, _split(numbers, len(YEARS)), strict=True):
            if run:
                keywords = {"en": english + ILLUSTRATIVE["en"], "zh": chinese + ILLUSTRATIVE["zh"]}
                entries.append(PlanEntry(len(entries) + 1, When(year), bodies, tuple(run), keywords))
    section, bodies, year = JOINT
    english, chinese = next((en, zh) for key, _b, en, zh in THEMES if key == section)
    last_run = _split(sorted(paragraphs_by_section.get(section, [])), len(YEARS))[-1]
    if last_run:
        keywords = {"en": english + ILLUSTRATIVE["en"], "zh": chinese + ILLUSTRATIVE["zh"]}
        entries.append(PlanEntry(len(entries) + 1, When(year), bodies, tuple(last_run), keywords))
    return entries


# Follow-up shown on COSP7's mandates to the secretariat (ILLUSTRATIVE as well): which resolution,
# which operative paragraph, the status, and the demo document that reports on it.
FOLLOW_UP = [
    ("7/1", "18", MandateStatus.REPORTED, "CAC/COSP/WG.2/2025/3"),
    ("7/1", "22", MandateStatus.IN_PROGRESS, None),
    ("7/4", "5", MandateStatus.REPORTED, "CAC/COSP/IRG/2025/2"),
    ("7/6", "6", MandateStatus.COMPLETED, None),
]


def follow_up_mandates() -> Iterator[str]:
    """Confirm a few of COSP7's mandates to the secretariat and record their follow-up (idempotent)."""
    done = 0
    for number, paragraph, status, report in FOLLOW_UP:
        mandate = Mandate.objects.filter(
            paragraph__outcome__body__code="COSP",
            paragraph__outcome__kind="resolution",
            paragraph__outcome__number=number,
            paragraph__number=paragraph,
            addressee="secretariat",
        ).first()
        if mandate is None:
            continue
        reports = list(Document.objects.filter(symbol=report)) if report else []
        update_mandate(mandate, actor=None, status=status, reports=reports)
        done += 1
    yield f"mandates (illustrative follow-up): {done} confirmed with their status and reports"


def ingest_example_report() -> Iterator[str]:
    """Without the real reports (../shared/samples), an example session report of our own, so that the
    demo still shows resolutions with their mandates."""
    if Outcome.objects.exists():
        return
    ingest_file(EXAMPLE_REPORT, symbol=EXAMPLE_SYMBOL)
    yield f"{EXAMPLE_SYMBOL}: example session report (our own text), {Outcome.objects.count()} outcomes"


def prepare_demo_outcomes() -> Iterator[str]:
    """The follow-up of a few mandates and the illustrative work plan (idempotent), a line on each."""
    yield from ingest_example_report()
    yield from follow_up_mandates()
    yield from prepare_demo_work_plan()


def prepare_demo_work_plan() -> Iterator[str]:
    """Store the illustrative work plan (idempotent), yielding one line on what was done."""
    paragraphs_by_section: dict[str, list[int]] = {}
    for number, section in DeclarationParagraph.objects.values_list("number", "section__key"):
        paragraphs_by_section.setdefault(section, []).append(number)
    if not paragraphs_by_section:
        yield "work plan: the political declaration is not in the database, skipped"
        return
    needed = {code for _section, bodies, _en, _zh in THEMES for code in bodies} | set(JOINT[1])
    missing = needed - set(Body.objects.filter(code__in=needed).values_list("code", flat=True))
    if missing:
        yield f"work plan: bodies {', '.join(sorted(missing))} are not in the database, skipped"
        return
    if WorkPlanEntry.objects.exclude(keywords_en__endswith=ILLUSTRATIVE["en"]).exists():
        yield "work plan: a work plan is already recorded, the illustrative one is not added"
        return
    entries = demo_work_plan(paragraphs_by_section)
    store_work_plan(entries, actor=None, replace=True)
    yield f"work plan (illustrative): {len(entries)} entries"
