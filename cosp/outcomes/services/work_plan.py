"""Importing a multi-year work plan from a table in an ingested document: read and previewed first,
stored only when no row has a problem (one transaction, idempotent)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from django.db import transaction

from cosp.core.languages import UN_LANGUAGES, field_suffix
from cosp.documents.enums import BlockKind
from cosp.documents.extraction.model import Table
from cosp.documents.models import Document, DocumentVersion
from cosp.meetings.models import Body

from ..models import DeclarationParagraph, WorkPlanEntry
from ..work_plan import (
    PlanEntry,
    WorkPlanProblem,
    entry_key,
    find_work_plan,
    merge_versions,
    rows_from_blocks,
)
from .base import save_changes


@dataclasses.dataclass
class ImportResult:
    """What a work-plan import read and what it did. While `problems` is not empty nothing is saved."""

    document: Document
    entries: list[PlanEntry] = dataclasses.field(default_factory=list)
    problems: list[WorkPlanProblem] = dataclasses.field(default_factory=list)
    languages: list[str] = dataclasses.field(default_factory=list)  # the versions whose tables were read
    table_title: str | None = None
    saved: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0


def _version_tables(version: DocumentVersion) -> list[Table]:
    """A version's tables as extraction found them (kept whole in `structure`); for a version stored
    without them, its `table_row` blocks as one table."""
    tables = (version.structure or {}).get("tables")
    if tables is not None:
        return [
            Table(title=table.get("title"), rows=[list(row) for row in table["rows"]]) for table in tables
        ]
    blocks = version.blocks.filter(kind=BlockKind.TABLE_ROW).order_by("position")
    rows = rows_from_blocks(blocks.values_list("text", flat=True))
    return [Table(title=None, rows=rows)] if rows else []


def _body_names(bodies: Iterable[Body]) -> dict[str, str]:
    """Every name and abbreviation the database holds for a body, in every language → its code."""
    names = {}
    for body in bodies:
        names[body.code] = body.code
        for language in UN_LANGUAGES:
            for column in ("name", "abbreviation"):
                value = getattr(body, f"{column}_{field_suffix(language)}", "")
                if value:
                    names[value] = body.code
    return names


def read_document_work_plan(document: Document) -> ImportResult:
    """Read the work plan in `document`'s table, in every language version held, and save nothing:
    the import page's preview, and the first step of `import_work_plan`.

    The versions must agree on every row's date, bodies and paragraphs; each gives the keywords in its
    language. A paragraph the stored declaration does not have, or a body the database does not hold,
    is a problem like a cell that cannot be read."""
    known = set(DeclarationParagraph.objects.values_list("number", flat=True))
    bodies = {body.code: body for body in Body.objects.all()}
    names = _body_names(bodies.values())
    # The original language first: its table is the one the others are compared with.
    order = [document.original_language, *UN_LANGUAGES]
    versions = sorted(document.versions.all(), key=lambda version: order.index(version.language))
    readings = {
        version.language: find_work_plan(
            _version_tables(version), names=names, known_paragraphs=known or None
        )
        for version in versions
    }
    plan = merge_versions(readings)
    problems = list(plan.problems)
    if not known:
        problems.insert(0, WorkPlanProblem(0, "", "", "no_declaration"))
    for entry in plan.entries:
        missing = [code for code in entry.bodies if code not in bodies]
        if missing:
            problems.append(WorkPlanProblem(entry.row, "bodies", ", ".join(missing), "unknown_body"))
    title = next((readings[lang].table_title for lang in plan.languages), None)
    return ImportResult(
        document=document,
        entries=plan.entries,
        problems=problems,
        languages=plan.languages,
        table_title=title,
    )


@transaction.atomic
def import_work_plan(document: Document, *, actor, replace: bool = True) -> ImportResult:
    """Store the work plan that a table in `document` holds, in one transaction.

    Steps: read every language version (`read_document_work_plan`); if any row cannot be read, return
    the problems with `saved` false and write nothing; otherwise store the rows (`store_work_plan`):
    a row whose year, date, bodies and paragraphs match a stored entry updates that entry's keywords,
    so importing the same table twice changes nothing; with `replace`, entries the table does not list
    are deleted. The history rows name `actor`."""
    result = read_document_work_plan(document)
    if result.problems:
        return result
    counts = store_work_plan(result.entries, actor=actor, replace=replace)
    result.saved = True
    result.created, result.updated = counts["created"], counts["updated"]
    result.unchanged, result.removed = counts["unchanged"], counts["removed"]
    return result


def _entry_key(entry: WorkPlanEntry) -> tuple:
    return entry_key(
        entry.year,
        entry.meeting_date,
        (body.code for body in entry.bodies.all()),
        (paragraph.number for paragraph in entry.paragraphs.all()),
    )


@transaction.atomic
def store_work_plan(entries: Iterable[PlanEntry], *, actor, replace: bool = False) -> dict[str, int]:
    """Store rows read from a plan (or written for the demo): matched with the stored entries by year,
    date, bodies and paragraphs (keywords updated in place), the others created; with `replace`, the
    stored entries no row matches are deleted. Returns the counts created, updated, unchanged, removed.
    The rows are assumed valid (their bodies and paragraphs exist): `read_document_work_plan` checks."""
    stored: dict[tuple, list[WorkPlanEntry]] = {}
    for existing in WorkPlanEntry.objects.prefetch_related("bodies", "paragraphs"):
        stored.setdefault(_entry_key(existing), []).append(existing)
    bodies = {body.code: body for body in Body.objects.all()}
    paragraphs = {paragraph.number: paragraph for paragraph in DeclarationParagraph.objects.all()}
    counts = dict.fromkeys(("created", "updated", "unchanged", "removed"), 0)
    for entry in entries:
        keywords = {f"keywords_{field_suffix(lang)}": text[:500] for lang, text in entry.keywords.items()}
        candidates = stored.get(entry.key, [])
        if candidates:
            same = [c for c in candidates if all(getattr(c, f) == v for f, v in keywords.items())]
            match = (same or candidates)[0]
            candidates.remove(match)
            match._history_user = actor
            changed = save_changes(match, keywords)  # an unchanged entry is not written: no history row
            counts["updated" if changed else "unchanged"] += 1
            continue
        created = WorkPlanEntry(year=entry.when.year, meeting_date=entry.when.start, **keywords)
        created._history_user = actor
        created.save()
        created.bodies.set([bodies[code] for code in entry.bodies])
        created.paragraphs.set([paragraphs[number] for number in entry.paragraphs])
        counts["created"] += 1
    if replace:
        for leftover in (entry for candidates in stored.values() for entry in candidates):
            leftover._history_user = actor
            leftover.delete()
            counts["removed"] += 1
    return counts
