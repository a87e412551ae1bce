"""Writes to the outcomes app: storing what extraction found in an ingested report, and the
secretariat's confirmation and follow-up of mandates. Each function is one transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from cosp.documents.models import Document
from cosp.meetings.models import Body
from cosp.states.models import Article, State

from .enums import Addressee, MandateStatus
from .extraction.classify import propose_mandates
from .extraction.outcomes import ExtractedOutcome
from .models import DeclarationParagraph, DeclarationSection, Mandate, Outcome, Paragraph, Sponsor


def _session_of(body: Body, number: str):
    """The session a numbered outcome belongs to: 7/1 was adopted at the body's seventh session."""
    session_number = number.split("/")[0]
    if not session_number.isdigit():
        return None
    return body.sessions.filter(number=int(session_number)).order_by("start").first()


@transaction.atomic
def store_outcomes(
    document: Document, language: str, extracted: Iterable[ExtractedOutcome], *, text_field_suffix: str
) -> list[Outcome]:
    """Store (or update in place) the resolutions and decisions a report contains, in `language`.

    Numbers, kinds, verbs and sponsors are the same in every language version; the texts go to the
    language's column, so ingesting the Chinese and the English report fills one outcome. Mandates are
    proposed once, from the first version read, and never overwrite the secretariat's confirmed ones."""
    stored = []
    for found in extracted:
        body = Body.objects.get(code=found.body)
        outcome, _ = Outcome.objects.update_or_create(
            body=body,
            kind=found.kind,
            number=found.number,
            defaults={
                f"title_{text_field_suffix}": found.title,
                "session": _session_of(body, found.number),
                "draft_symbols": found.draft_symbols or [],
                "document": document,
            },
        )
        _store_sponsors(outcome, found.sponsors)
        for position, extracted_paragraph in enumerate(found.paragraphs):
            paragraph, created = Paragraph.objects.update_or_create(
                outcome=outcome,
                position=position,
                defaults={
                    "number": extracted_paragraph.number or "",
                    "kind": extracted_paragraph.kind,
                    "verb": extracted_paragraph.verb or "",
                    "addressees": list(extracted_paragraph.addressees),
                    "operational": bool(getattr(extracted_paragraph, "operational", False)),
                    f"text_{text_field_suffix}": extracted_paragraph.text,
                },
            )
            if created or not paragraph.mandates.exists():
                _propose_mandates(paragraph, extracted_paragraph.text, language)
            _link_articles(paragraph, extracted_paragraph)
        stored.append(outcome)
    return stored


def _store_sponsors(outcome: Outcome, sponsors: list[str]) -> None:
    if not sponsors or outcome.sponsors.exists():
        return  # sponsors come from one report; a second language version adds nothing
    states = {state.iso3: state for state in State.objects.filter(iso3__in=sponsors)}
    Sponsor.objects.bulk_create(
        Sponsor(outcome=outcome, state=states.get(name), name="" if name in states else name)
        for name in sponsors
    )


def _propose_mandates(paragraph: Paragraph, text: str, language: str) -> None:
    if paragraph.kind != "operative" or not paragraph.operational:
        return
    for proposed in propose_mandates(text, language):
        addressee = proposed.addressee if proposed.addressee in Addressee.values else Addressee.OTHER
        report_to = proposed.report_to if proposed.report_to in Addressee.values else ""
        Mandate.objects.create(
            paragraph=paragraph,
            addressee=addressee,
            action=proposed.action,
            report_to=report_to,
            due_session=_due_session(paragraph.outcome, proposed.due),
        )


def _due_session(outcome: Outcome, due: str | None):
    """`due` as the classifier normalises it ("COSP 8"): that body's session with that number."""
    code, _, number = (due or "").rpartition(" ")
    if not number.isdigit():
        return None
    body = Body.objects.filter(code=code).first() or outcome.body
    return body.sessions.filter(number=int(number)).order_by("start").first()


def _link_articles(paragraph: Paragraph, extracted_paragraph) -> None:
    numbers = getattr(extracted_paragraph, "articles", None)
    if numbers:
        paragraph.articles.set(Article.objects.filter(number__in=numbers))


@transaction.atomic
def update_mandate(mandate: Mandate, *, actor, **changes) -> Mandate:
    """The secretariat confirms or corrects a proposed mandate, or records its follow-up."""
    reports = changes.pop("reports", None)
    for field, value in changes.items():
        setattr(mandate, field, value)
    mandate.confirmed = True
    mandate.updated_by = actor
    mandate._history_user = actor
    mandate.save()
    if reports is not None:
        mandate.reports.set(reports)
        if reports and mandate.status == MandateStatus.OPEN:
            mandate.status = MandateStatus.REPORTED
            mandate.save(update_fields=["status"])
    return mandate


@transaction.atomic
def store_declaration(sections, *, text_field_suffix: str) -> int:
    """Store the political declaration's sections and paragraphs (in place: one declaration)."""
    count = 0
    for position, found in enumerate(sections):
        section, _ = DeclarationSection.objects.update_or_create(
            key=found.key, defaults={"position": position, f"title_{text_field_suffix}": found.title}
        )
        for found_paragraph in found.paragraphs:
            if found_paragraph.number is None:
                continue  # the opening's unnumbered lines are the declaration's title, not paragraphs
            paragraph, _ = DeclarationParagraph.objects.update_or_create(
                number=found_paragraph.number,
                defaults={
                    "section": section,
                    f"text_{text_field_suffix}": found_paragraph.text,
                    "themes": list(found_paragraph.themes),
                },
            )
            paragraph.articles.set(Article.objects.filter(number__in=found_paragraph.articles))
            count += 1
    return count


# --- The multi-year work plan, imported from a table in an ingested document ------------------------
# Appended below the other writes while they are being reworked; its imports move to the top when the
# file settles.

import dataclasses  # noqa: E402

from cosp.core.languages import UN_LANGUAGES as _LANGUAGES  # noqa: E402
from cosp.core.languages import field_suffix as _field_suffix  # noqa: E402
from cosp.documents.enums import BlockKind  # noqa: E402
from cosp.documents.extraction.model import Table  # noqa: E402
from cosp.documents.models import DocumentVersion  # noqa: E402
from cosp.meetings.models import Body as _Body  # noqa: E402

from .models import DeclarationParagraph as _DeclarationParagraph  # noqa: E402
from .models import WorkPlanEntry  # noqa: E402
from .work_plan import (  # noqa: E402
    PlanEntry,
    WorkPlanProblem,
    find_work_plan,
    merge_versions,
    rows_from_blocks,
)


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


def _body_names(bodies: Iterable[_Body]) -> dict[str, str]:
    """Every name and abbreviation the database holds for a body, in every language → its code."""
    names = {}
    for body in bodies:
        names[body.code] = body.code
        for language in _LANGUAGES:
            for column in ("name", "abbreviation"):
                value = getattr(body, f"{column}_{_field_suffix(language)}", "")
                if value:
                    names[value] = body.code
    return names


def read_document_work_plan(document: Document) -> ImportResult:
    """Read the work plan in `document`'s table, in every language version held, and save nothing:
    the import page's preview, and the first step of `import_work_plan`.

    The versions must agree on every row's date, bodies and paragraphs; each gives the keywords in its
    language. A paragraph the stored declaration does not have, or a body the database does not hold,
    is a problem like a cell that cannot be read."""
    known = set(_DeclarationParagraph.objects.values_list("number", flat=True))
    bodies = {body.code: body for body in _Body.objects.all()}
    names = _body_names(bodies.values())
    # The original language first: its table is the one the others are compared with.
    order = [document.original_language, *_LANGUAGES]
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
    return (
        entry.year,
        entry.meeting_date,
        frozenset(body.code for body in entry.bodies.all()),
        frozenset(paragraph.number for paragraph in entry.paragraphs.all()),
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
    bodies = {body.code: body for body in _Body.objects.all()}
    paragraphs = {paragraph.number: paragraph for paragraph in _DeclarationParagraph.objects.all()}
    counts = dict.fromkeys(("created", "updated", "unchanged", "removed"), 0)
    for entry in entries:
        keywords = {f"keywords_{_field_suffix(lang)}": text[:500] for lang, text in entry.keywords.items()}
        candidates = stored.get(entry.key, [])
        if candidates:
            same = [c for c in candidates if all(getattr(c, f) == v for f, v in keywords.items())]
            match = (same or candidates)[0]
            candidates.remove(match)
            changed = [name for name, value in keywords.items() if getattr(match, name) != value]
            if changed:
                for name in changed:
                    setattr(match, name, keywords[name])
                match._history_user = actor
                match.save(update_fields=changed)  # an unchanged entry is not written: no history row
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
