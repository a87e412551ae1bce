"""Writes to the outcomes app: storing what extraction found in an ingested report, and the
secretariat's confirmation and follow-up of mandates. Each function is one transaction.

Storing is idempotent: re-ingesting a report updates its rows in place (same ids, no new history
when nothing changed). A report exists in up to six languages, one `DocumentVersion` each; its first
version (the only one of its document when it is ingested) leads: it sets what is the same in every
language (paragraph kinds, numbers, verbs, sponsors) and may remove what it no longer finds. Any other
language's version fills its own text columns and adds only what is missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Model, Q

from cosp.core.languages import UN_LANGUAGES, field_suffix
from cosp.documents.extraction.references import find_outcomes as find_cited_outcomes
from cosp.documents.models import Document
from cosp.meetings.models import Body, Session
from cosp.states.models import Article, State

from .enums import Addressee, MandateStatus
from .extraction.classify import propose_mandates
from .extraction.declaration import DeclarationSection as FoundSection
from .extraction.declaration import cited_articles
from .extraction.outcomes import ExtractedOutcome, ExtractedParagraph
from .extraction.sponsors import Sponsorship
from .models import DeclarationParagraph, DeclarationSection, Mandate, Outcome, Paragraph, Sponsor

# A paragraph's text in every language: citations and articles are read from all of them.
_TEXT_COLUMNS = tuple(f"text_{field_suffix(language)}" for language in UN_LANGUAGES)


def _update(instance: Model, values: dict) -> bool:
    """Set the fields that differ and save only those: an unchanged row is not written (no history)."""
    changed = [field for field, value in values.items() if getattr(instance, field) != value]
    for field in changed:
        setattr(instance, field, values[field])
    if changed:
        instance.save(update_fields=changed)
    return bool(changed)


def _leads(document: Document, language: str) -> bool:
    """True when no other language version of the document has been ingested."""
    return not document.versions.exclude(language=language).exists()


def _session_of(body: Body, number: str, document: Document) -> Session | None:
    """The session a numbered outcome belongs to: 7/1 was adopted at the body's seventh session;
    otherwise (a special session's outcome) the session of the report, when it is the body's."""
    session_number = number.split("/")[0]
    if session_number.isdigit():
        found = body.sessions.filter(number=int(session_number)).order_by("start").first()
        if found:
            return found
    if document.session_id and document.session.body_id == body.pk:
        return document.session
    return None


@transaction.atomic
def store_outcomes(
    document: Document, language: str, extracted: Iterable[ExtractedOutcome], *, text_field_suffix: str
) -> list[Outcome]:
    """Store (or update in place) the resolutions and decisions a report contains, in `language`.

    Numbers, kinds, verbs and sponsors are the same in every language version; the texts go to the
    language's column, so ingesting the Chinese and the English report fills one outcome. Mandates are
    proposed once, when their paragraph is first stored, and never overwrite the secretariat's.
    Outcomes of bodies the platform does not hold (the General Assembly's) are left out."""
    leads = _leads(document, language)
    stored: list[tuple[Outcome, list[Paragraph]]] = []
    for found in extracted:
        body = Body.objects.filter(code=found.body).first()
        if body is None:
            continue
        outcome = _store_outcome(document, body, found, text_field_suffix)
        _store_sponsors(outcome, found, leads=leads)
        paragraphs = _store_paragraphs(outcome, found.paragraphs, language, text_field_suffix, leads=leads)
        stored.append((outcome, paragraphs))
    # Citations once the whole report is stored: a resolution may recall another of the same session.
    for outcome, paragraphs in stored:
        for paragraph in paragraphs:
            _link_cited(paragraph)
        link_citing_paragraphs(outcome)
    return [outcome for outcome, _paragraphs in stored]


def _store_outcome(document: Document, body: Body, found: ExtractedOutcome, suffix: str) -> Outcome:
    values: dict = {f"title_{suffix}": found.title, "document": document}
    # What a version does not say (an English report without its action-taken chapter) is kept.
    if session := _session_of(body, found.number, document):
        values["session"] = session
    if found.draft_symbols:
        values["draft_symbols"] = list(found.draft_symbols)
    if found.adopted_on:
        values["adopted_on"] = date.fromisoformat(found.adopted_on)
    outcome, created = Outcome.objects.get_or_create(
        body=body, kind=found.kind, number=found.number, defaults=values
    )
    if not created:
        _update(outcome, values)
    return outcome


def _sponsor_key(state: State | None, name: str) -> tuple[int | None, str]:
    return (state.pk if state else None, "" if state else name)


def _store_sponsors(outcome: Outcome, found: ExtractedOutcome, *, leads: bool) -> None:
    """The leading version's sponsors, kept in step in place; another language adds nothing once
    there are sponsors (its groups' names would only replace the same groups in another language)."""
    sponsorships = found.sponsorships or [Sponsorship(name=value, code=value) for value in found.sponsors]
    if not sponsorships:
        return  # a version that names no sponsor (no action-taken chapter) keeps those stored
    existing = {_sponsor_key(s.state, s.name): s for s in outcome.sponsors.select_related("state")}
    if existing and not leads:
        return
    states = State.objects.in_bulk({s.code for s in sponsorships if s.code}, field_name="iso3")
    kept: set[int] = set()
    for sponsorship in sponsorships:
        state = states.get(sponsorship.code or "")
        name = "" if state else sponsorship.value
        values = {"on_behalf_of": sponsorship.on_behalf_of or "", "joined_later": sponsorship.joined_later}
        row = existing.get(_sponsor_key(state, name))
        if row is None:
            row = Sponsor.objects.create(outcome=outcome, state=state, name=name, **values)
        else:
            _update(row, values)
        kept.add(row.pk)
    outcome.sponsors.exclude(pk__in=kept).delete()


def paragraph_text(found: ExtractedParagraph) -> str:
    """A paragraph's stored text: its own words, then one line per lettered sub-paragraph."""
    lines = [found.text, *(f"({label}) {text}" for label, text in found.sub_paragraphs)]
    return "\n".join(line for line in lines if line)


def _store_paragraphs(
    outcome: Outcome,
    found_paragraphs: list[ExtractedParagraph],
    language: str,
    suffix: str,
    *,
    leads: bool,
) -> list[Paragraph]:
    existing = {paragraph.position: paragraph for paragraph in outcome.paragraphs.all()}
    paragraphs = []
    for position, found in enumerate(found_paragraphs):
        text = paragraph_text(found)
        structure = {
            "number": found.number or "",
            "kind": found.kind,
            "verb": found.verb or "",
            "addressees": list(found.addressees),
            "operational": bool(found.operational),
        }
        paragraph = existing.get(position)
        if paragraph is None:
            paragraph = Paragraph.objects.create(
                outcome=outcome, position=position, **structure, **{f"text_{suffix}": text}
            )
            _propose_mandates(paragraph, text, language)
        else:
            _update(paragraph, {**(structure if leads else {}), f"text_{suffix}": text})
        _link_articles(paragraph)
        paragraphs.append(paragraph)
    if leads:
        # Paragraphs the report no longer has, unless the secretariat has confirmed a mandate there.
        outcome.paragraphs.filter(position__gte=len(found_paragraphs)).exclude(
            mandates__confirmed=True
        ).delete()
    return paragraphs


def _propose_mandates(paragraph: Paragraph, text: str, language: str) -> None:
    if paragraph.kind != "operative" or not paragraph.operational:
        return
    for proposed in propose_mandates(text, language, numbered=True):
        addressee = proposed.addressee if proposed.addressee in Addressee.values else Addressee.OTHER
        report_to = proposed.report_to if proposed.report_to in Addressee.values else ""
        Mandate.objects.create(
            paragraph=paragraph,
            addressee=addressee,
            action=proposed.action,
            report_to=report_to,
            due_session=_due_session(paragraph.outcome, proposed.due),
        )


def _due_session(outcome: Outcome, due: str | None) -> Session | None:
    """`due` as the classifier normalises it ("COSP 8", "IRG next"): that body's session with that
    number, or the body's first session after the outcome's ("next")."""
    code, _, number = (due or "").rpartition(" ")
    body = Body.objects.filter(code=code).first() or outcome.body
    sessions = body.sessions.order_by("start")
    if number.isdigit():
        return sessions.filter(number=int(number)).first()
    if number == "next":
        adopted = outcome.session.start if outcome.session else outcome.adopted_on
        return sessions.filter(start__gt=adopted).first() if adopted else None
    return None


def _texts(paragraph: Paragraph) -> list[str]:
    return [text for column in _TEXT_COLUMNS if (text := getattr(paragraph, column, None))]


def _link_articles(paragraph: Paragraph) -> None:
    numbers = {number for text in _texts(paragraph) for number in cited_articles(text)}
    paragraph.articles.set(Article.objects.filter(number__in=numbers))


def _cited_keys(paragraph: Paragraph) -> set[tuple[str, str, str]]:
    """(body code, kind, number) of every outcome the paragraph cites, in any of its languages."""
    own_body = paragraph.outcome.body.code
    return {
        (ref.body, ref.kind, ref.number)
        for text in _texts(paragraph)
        for ref in find_cited_outcomes(text, own_body=own_body)
    }


def _link_cited(paragraph: Paragraph) -> None:
    """Link the paragraph to the outcomes it recalls that are stored; the others are linked when
    they arrive (`link_citing_paragraphs`)."""
    keys = _cited_keys(paragraph)
    if not keys and not paragraph.cites.exists():
        return
    wanted = Q(pk__in=[])
    for body, kind, number in keys:
        wanted |= Q(body__code=body, kind=kind, number=number)
    paragraph.cites.set(Outcome.objects.filter(wanted).exclude(pk=paragraph.outcome_id))


def link_citing_paragraphs(outcome: Outcome) -> int:
    """Link `outcome` to the paragraphs stored before it that recall it (resolution 7/1 recalls 6/1,
    and the sixth session's report is ingested after the seventh's). The texts are searched for the
    number, then read as citations to tell "7/1" from "7/10" and a resolution from a decision.
    Returns the number of paragraphs linked."""
    mentions = Q()
    for column in _TEXT_COLUMNS:
        mentions |= Q(**{f"{column}__contains": outcome.number})
    candidates = (
        Paragraph.objects.filter(mentions)
        .exclude(outcome=outcome)
        .exclude(cites=outcome)
        .select_related("outcome__body")
    )
    key = (outcome.body.code, outcome.kind, outcome.number)
    linked = 0
    for paragraph in candidates:
        if key in _cited_keys(paragraph):
            paragraph.cites.add(outcome)
            linked += 1
    return linked


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
def store_declaration(sections: Iterable[FoundSection], *, text_field_suffix: str) -> int:
    """Store the political declaration's sections and numbered paragraphs (in place: there is one
    declaration); returns the number of paragraphs. The opening's unnumbered lines (the title and
    the preamble) are no paragraphs, and a section holding nothing else is not stored."""
    count = 0
    empty: list[str] = []
    for position, found in enumerate(sections):
        numbered = [p for p in found.paragraphs if p.number is not None]
        if not numbered:
            empty.append(found.key)
            continue
        values = {"position": position, f"title_{text_field_suffix}": found.title}
        section, created = DeclarationSection.objects.get_or_create(key=found.key, defaults=values)
        if not created:
            _update(section, values)
        for found_paragraph in numbered:
            values = {
                "section": section,
                f"text_{text_field_suffix}": found_paragraph.text,
                "themes": list(found_paragraph.themes),
            }
            paragraph, created = DeclarationParagraph.objects.get_or_create(
                number=found_paragraph.number, defaults=values
            )
            if not created:
                _update(paragraph, values)
            paragraph.articles.set(Article.objects.filter(number__in=found_paragraph.articles))
            count += 1
    DeclarationSection.objects.filter(key__in=empty, paragraphs__isnull=True).delete()
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
