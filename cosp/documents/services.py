"""Writes to the document registry: ingesting a file (read → extract → store → index) in one go.

Each file is stored in one transaction together with what the search index needs (its index rows on
PostgreSQL and FTS5; for Tantivy, outbox rows applied once the transaction commits), so a failure
leaves nothing of that file behind and the index never stays behind the blocks.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import DatabaseError, connection, transaction

from cosp.core.models import Organisation
from cosp.meetings.models import Body, Session
from cosp.states.models import State
from cosp.states.names import UnresolvedName, resolve, resolve_organisation

from .enums import BlockKind, DocumentType, ReferenceKind
from .extraction.model import ExtractedDocument, ExtractionError
from .extraction.readers import read_file
from .extraction.structure import extract
from .models import Block, Document, DocumentVersion, Ingestion, Reference
from .queries import entity_names
from .search import get_backend
from .signals import version_ingested
from .symbols import parse_symbol

Progress = Callable[[int, str], None]  # (percent, what is happening)


class IngestError(ExtractionError):
    """A file that could not be ingested; the message names the file and, where it applies, the line."""


@dataclass(frozen=True)
class IngestResult:
    version: DocumentVersion
    created: bool  # False when an existing version of the same symbol and language was replaced
    paragraphs: int


def _resolve_entity(text: str) -> tuple[str | None, str | None]:
    found = resolve(text)
    if hasattr(found, "iso3"):
        return found.iso3, None
    return None, found.name


def _registry_tables_present() -> bool:
    """True when the database answers and holds the States and organisations that entity lookup reads."""
    needed = {State._meta.db_table, Organisation._meta.db_table}
    try:
        return needed <= set(connection.introspection.table_names())
    except DatabaseError:
        return False


def _say_on_stderr(message: str) -> None:
    print(message, file=sys.stderr)


def inspect_file(
    path: Path, *, language: str | None = None, notice: Callable[[str], None] = _say_on_stderr
) -> ExtractedDocument:
    """Read and extract one file without touching the database's documents (`cosp inspect`).

    States and organisations named in the text are resolved from the registry; without it (a database
    not migrated, or not reachable) the file is extracted all the same, without them, and `notice`
    says so (on stderr by default)."""
    if _registry_tables_present():
        return _extract(path, language)
    notice(
        "States registry unavailable (database not migrated or not reachable): "
        "States and organisations named in the text are not resolved"
    )
    return _extract(path, language, resolve_entities=False)


def _extract(path: Path, language: str | None, *, resolve_entities: bool = True) -> ExtractedDocument:
    source = read_file(path, max_bytes=settings.COSP_MAX_UPLOAD_BYTES)
    if not resolve_entities:
        return extract(source, language=language)
    return extract(source, language=language, resolve_entity=_resolve_entity, entity_names=entity_names())


def _session_for(body: Body | None, extracted: ExtractedDocument) -> Session | None:
    info = extracted.session
    if body is None or not (info.number or info.start):
        return None
    sessions = Session.objects.filter(body=body)
    if info.start:
        sessions = sessions.filter(start__lte=info.start, end__gte=info.start)
    elif info.number:
        sessions = sessions.filter(number=info.number, kind=info.kind or "regular")
    return sessions.first()


def _body_for(symbol: str) -> Body | None:
    """The body whose symbol prefix is the longest one the symbol starts with (IRG before COSP)."""
    matches = [body for body in Body.objects.all() if symbol.startswith(body.symbol_prefix + "/")]
    return max(matches, key=lambda body: len(body.symbol_prefix), default=None)


def _doc_type(extracted: ExtractedDocument, symbol_type: str | None) -> str:
    by_symbol = {"L": DocumentType.DRAFT, "CRP": DocumentType.CONFERENCE_ROOM_PAPER}
    by_symbol |= {"INF": DocumentType.INFORMATION, "NGO": DocumentType.NGO_STATEMENT}
    if symbol_type in by_symbol:
        return by_symbol[symbol_type]
    if extracted.doc_type in DocumentType.values:
        return extracted.doc_type
    return DocumentType.OTHER


def _store_blocks(version: DocumentVersion, extracted: ExtractedDocument) -> int:
    """Insert the version's blocks in reading order; returns the number of paragraphs.

    One raw executemany rather than Block.objects.bulk_create: building a model instance per block
    cost more than the insert itself. Nothing needs the new ids (search indexing reads the blocks back
    from the database), so none are returned."""
    from django.db import connection

    # (kind, number, section, level, annex, part, text); headings and paragraphs interleave by their
    # line in the source; footnotes and tables follow.
    ordered: list[tuple[int, tuple]] = []
    for heading in extracted.headings:
        row = (BlockKind.HEADING.value, heading.label, "", heading.level, "", "", heading.title)
        ordered.append((heading.line or 0, row))
    for paragraph in extracted.paragraphs:
        row = (
            BlockKind.PARAGRAPH.value,
            paragraph.number or "",
            paragraph.section or "",
            None,
            paragraph.annex or "",
            (paragraph.part or "")[:200],
            paragraph.text,
        )
        ordered.append((paragraph.line or 0, row))
    ordered.sort(key=lambda pair: pair[0])
    # The title comes first, as a block of its own so that search finds it too.
    rows = [(BlockKind.TITLE.value, "", "", None, "", "", extracted.title)] if extracted.title else []
    rows += [row for _line, row in ordered]
    rows += [(BlockKind.FOOTNOTE.value, f.number, "", None, "", "", f.text) for f in extracted.footnotes]
    for table in extracted.tables:
        rows += [
            (BlockKind.TABLE_ROW.value, "", "", None, "", "", " | ".join(row))
            for row in table.rows
            if any(row)
        ]
    sql = (
        f"INSERT INTO {Block._meta.db_table} "
        "(version_id, position, kind, number, section, level, annex, part, text) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
    )
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(sql, [(version.pk, position, *row) for position, row in enumerate(rows)])
    return sum(1 for row in rows if row[0] == BlockKind.PARAGRAPH)


def _store_references(version: DocumentVersion, extracted: ExtractedDocument) -> None:
    refs = extracted.references
    rows = [Reference(kind=ReferenceKind.SYMBOL, symbol=symbol, text=symbol) for symbol in refs.symbols]
    rows += [
        Reference(
            kind=ReferenceKind.ARTICLE,
            article=ref.article,
            article_paragraph=ref.paragraph,
            subparagraph=ref.subparagraph or "",
            text=str(ref.article),
        )
        for ref in refs.articles
    ]
    rows += [
        Reference(
            kind=ReferenceKind.OUTCOME,
            outcome_body=ref.body,
            outcome_kind=ref.kind,
            outcome_number=ref.number,
            text=f"{ref.body} {ref.kind} {ref.number}",
        )
        for ref in refs.outcomes
    ]
    rows += [Reference(kind=ReferenceKind.RULE, rule=rule, text=str(rule)) for rule in refs.rules]
    # Extraction already resolved the entities (see _resolve_entity): States by ISO code, in one query.
    states = State.objects.in_bulk({e.iso3 for e in refs.entities if e.iso3}, field_name="iso3")
    for entity in refs.entities:
        if entity.iso3 in states:
            rows.append(
                Reference(kind=ReferenceKind.STATE, state=states[entity.iso3], text=entity.text[:300])
            )
        elif entity.organisation:
            with suppress(UnresolvedName):
                organisation = resolve_organisation(entity.text)
                rows.append(
                    Reference(
                        kind=ReferenceKind.ORGANISATION, organisation=organisation, text=entity.text[:300]
                    )
                )
    for row in rows:
        row.version = version
    Reference.objects.bulk_create(rows, batch_size=500)


def ingest_file(
    path: Path,
    *,
    symbol: str | None = None,
    language: str | None = None,
    actor=None,
    progress: Progress | None = None,
) -> IngestResult:
    """Read, extract and store one file as a language version of the document it belongs to.

    The symbol comes from the document's own text unless `symbol` is given (PDF-to-text often loses
    it). Re-ingesting the same symbol and language replaces that version in place. Steps: read the
    file; extract its structure and references; in one transaction, create or update the Document
    and the DocumentVersion, replace its blocks and references, and index them for search. On
    failure nothing of the file stays behind: rows roll back and the stored copy is deleted.
    """
    report = progress or (lambda percent, step: None)
    report(5, "reading")
    try:
        extracted = _extract(path, language)  # ingestion stores into the registry: it is there
    except ExtractionError as error:
        raise IngestError(str(error).removeprefix(f"{path}: "), path=str(path), line=error.line) from error
    report(50, "extracted")
    chosen = parse_symbol(symbol) if symbol else None
    if symbol and chosen is None:
        raise IngestError(f"{symbol!r} is not a UN document symbol", path=str(path))
    parsed = chosen or (parse_symbol(extracted.symbol) if extracted.symbol else None)
    if parsed is None:
        raise IngestError(
            "the text does not state its document symbol: supply it (--symbol, or the upload's Symbol field)",
            path=str(path),
        )
    lang = language or extracted.language
    if lang not in {"ar", "zh", "en", "fr", "ru", "es"}:
        raise IngestError(
            "could not tell the document's language: supply it (--language, or the upload's Language field)",
            path=str(path),
        )

    storage = DocumentVersion._meta.get_field("source_file").storage
    saved: list[str] = []
    try:
        with transaction.atomic():
            body = _body_for(str(parsed))
            document, _ = Document.objects.update_or_create(
                symbol=str(parsed),
                defaults={
                    "base_symbol": str(parsed.base),
                    "doc_type": _doc_type(extracted, parsed.doc_type),
                    "distribution": extracted.distribution or "",
                    "date": date.fromisoformat(extracted.date) if extracted.date else None,
                    "original_language": extracted.original_language or "",
                    "body": body,
                    "session": _session_for(body, extracted),
                    "agenda_items": extracted.agenda_items,
                },
            )
            version, created = DocumentVersion.objects.get_or_create(document=document, language=lang)
            replaced_file = version.source_file.name
            if not created:
                get_backend().remove_versions([version.pk])
                version.blocks.all().delete()
                version.references.all().delete()
            version.title = extracted.title or ""
            version.source_format = extracted.source_format or ""
            version.encoding = extracted.encoding or ""
            version.structure = extracted.as_json()
            version.ingested_by = actor if actor is not None and actor.is_authenticated else None
            with path.open("rb") as handle:
                version.source_file.save(path.name, File(handle), save=False)
            saved.append(version.source_file.name)
            version.save()
            report(70, "stored")
            paragraphs = _store_blocks(version, extracted)
            _store_references(version, extracted)
            version_ingested.send(sender=DocumentVersion, version=version, extracted=extracted)
            report(85, "indexing")
            get_backend().index_versions([version.pk])
            if replaced_file:
                transaction.on_commit(lambda: storage.delete(replaced_file))
    except Exception:
        for name in saved:
            storage.delete(name)
        raise
    report(100, "done")
    return IngestResult(version=version, created=created, paragraphs=paragraphs)


def start_ingestion(upload, *, symbol: str, language: str, actor) -> Ingestion:
    """Keep an uploaded file and queue its ingestion; the task runs once this transaction commits."""
    from .tasks import ingest_upload

    ingestion = Ingestion.objects.create(
        uploaded_file=upload,
        original_name=Path(upload.name).name[:255],
        symbol=symbol,
        language=language,
        created_by=actor,
    )
    transaction.on_commit(partial(ingest_upload.enqueue, ingestion_id=ingestion.pk))
    return ingestion
