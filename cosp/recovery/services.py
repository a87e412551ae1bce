"""Every change to the asset-recovery statistics: records entered one by one or imported from a file,
and exchange rates set or imported. Each runs in one transaction and refuses with `RecoveryError`
(nothing saved) with a message that says what is wrong and where; the history tables record who did it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from . import imports, queries, values
from .enums import ImportStatus
from .imports import Checked, FileRefused, GoodRow, ImportContext, SourceRow
from .models import ExchangeRate, ImportBatch, RecoveryRecord, encode_offences
from .rules import allowed_states

# The web import checks and stores the rows within the request; larger files go through the command.
WEB_MAX_ROWS = 20_000
MAX_FILE_BYTES = 10 * 2**20
INSERT_BATCH = 2_000


class RecoveryError(ValidationError):
    """A change the rules refuse; the message says what and where (a field name when one is at fault)."""


def refuse(message: str, *, field: str | None = None) -> RecoveryError:
    error = RecoveryError(message)
    return RecoveryError({field: error}) if field else error


def sentence(text: str) -> str:
    """A check's reason ("the amount is missing") as a sentence of its own."""
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def this_year() -> int:
    return timezone.localdate().year


def _entry_context(actor, years: Iterable[int] = ()) -> ImportContext:
    states = allowed_states(actor)
    if states is not None and not states:
        raise refuse(
            _(
                "Only the secretariat and the focal points and central authorities of States "
                "enter these records."
            )
        )
    return ImportContext(
        resolve_state=queries.state_resolver(),
        rates=queries.rates_map(),
        allowed_states=states,
        this_year=this_year(),
        existing=queries.existing_keys(years),
    )


def _record(row: GoodRow, *, actor, batch: ImportBatch | None = None) -> RecoveryRecord:
    return RecoveryRecord(
        year=row.year,
        requesting_state=row.requesting,
        requested_state=row.requested,
        measure=row.measure,
        amount=row.amount,
        currency=row.currency,
        amount_usd=row.amount_usd,
        cases=row.cases,
        offence_codes=encode_offences(row.offences),
        source=row.source,
        notes=row.notes,
        entered_by=actor,
        batch=batch,
    )


# --- One record -----------------------------------------------------------------------------------------


def _check_one(data: dict, *, actor, ignore: int | None = None) -> GoodRow:
    """The form's data through the same checks as an imported row; refusals name the fields."""
    context = _entry_context(actor, [data.get("year")] if data.get("year") else [])
    if ignore is not None:
        context.existing = {key: pk for key, pk in context.existing.items() if pk != ignore}
    raw = {
        "year": data.get("year"),
        "requesting_state": data["requesting_state"].iso3,
        "requested_state": data["requested_state"].iso3,
        "measure": data.get("measure"),
        "amount": data.get("amount"),
        "currency": data.get("currency"),
        "cases": data.get("cases"),
        "offences": ",".join(data.get("offences") or []),
        "source": data.get("source") or "",
        "notes": data.get("notes") or "",
    }
    checked = imports.check_rows(
        [SourceRow(0, {key: "" if v is None else str(v) for key, v in raw.items()})], context
    )
    if checked.bad:
        raise refuse(sentence("; ".join(checked.bad[0].errors)))
    return checked.good[0]


@transaction.atomic
def add_record(*, actor, **data) -> RecoveryRecord:
    """Enter one record (form fields: year, requesting_state, requested_state, measure, amount, currency,
    cases, offences, source, notes). Refused for a State the actor does not enter for, a currency
    without a rate that year, personal data in the text, or a record already stored."""
    row = _check_one(data, actor=actor)
    record = _record(row, actor=actor)
    record._history_user = actor
    record.save()
    return record


@transaction.atomic
def update_record(record: RecoveryRecord, *, actor, **data) -> RecoveryRecord:
    """Correct a record; the actor must enter for one of its States before and after the change."""
    if not actor.has_perm("recovery.edit_record", record):
        raise refuse(_("You may correct only the records of your own State."))
    row = _check_one(data, actor=actor, ignore=record.pk)
    fresh = _record(row, actor=actor)
    for name in (
        "year", "requesting_state", "requested_state", "measure", "amount", "currency", "amount_usd",
        "cases", "offence_codes", "source", "notes",
    ):  # fmt: skip
        setattr(record, name, getattr(fresh, name))
    record._history_user = actor
    record.save()
    return record


@transaction.atomic
def delete_record(record: RecoveryRecord, *, actor) -> None:
    if not actor.has_perm("recovery.edit_record", record):
        raise refuse(_("You may delete only the records of your own State."))
    record._history_user = actor
    record.delete()


# --- Imports --------------------------------------------------------------------------------------------


def file_format(file_name: str) -> str:
    extension = os.path.splitext(file_name)[1].lower().lstrip(".")
    if extension not in imports.FORMATS:
        raise refuse(
            _("Only CSV and XLSX files can be imported (this file is “%(name)s”).") % {"name": file_name},
            field="file",
        )
    return extension


@transaction.atomic
def start_import(*, actor, file_name: str, content: bytes) -> ImportBatch:
    """Keep an uploaded file for its preview. Refused at once when it cannot be read as a table of
    records (wrong format, missing columns, too many rows)."""
    _entry_context(actor)  # refuses people who enter nothing
    kind = file_format(file_name)
    if len(content) > MAX_FILE_BYTES:
        raise refuse(
            _("The file is larger than 10 MB; import it with the command cosp import_recovery."), field="file"
        )
    try:
        imports.read_rows(content, kind, max_rows=WEB_MAX_ROWS)
    except FileRefused as error:
        raise refuse(str(error), field="file") from None
    return ImportBatch.objects.create(
        file_name=file_name[:255], file_format=kind, content=content, uploaded_by=actor
    )


def check_file(
    content: bytes,
    kind: str,
    *,
    actor,
    max_rows: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Checked:
    """Every row of a file checked, as it would be imported by `actor` now (nothing is written)."""
    try:
        rows = imports.read_rows(content, kind, max_rows=max_rows)
    except FileRefused as error:
        raise refuse(str(error)) from None
    years = {int(row.values["year"]) for row in rows if row.values.get("year", "").isdigit()}
    return imports.check_rows(rows, _entry_context(actor, years), progress=progress)


def check_batch(batch: ImportBatch, *, actor) -> Checked:
    return check_file(bytes(batch.content), batch.file_format, actor=actor, max_rows=WEB_MAX_ROWS)


def store_rows(
    checked: Checked,
    *,
    actor,
    good_rows_only: bool,
    batch: ImportBatch | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Store the good rows, all in the caller's transaction. A file with any bad row is refused unless
    `good_rows_only` says to leave the bad rows out."""
    if checked.bad and not good_rows_only:
        raise refuse(
            _(
                "%(bad)s of the %(total)s rows have errors (first at line %(line)s): nothing was imported. "
                "Correct the file, or import the good rows only."
            )
            % {"bad": len(checked.bad), "total": checked.total, "line": checked.bad[0].line}
        )
    if not checked.good:
        raise refuse(_("The file has no row that can be imported."))
    records = [_record(row, actor=actor, batch=batch) for row in checked.good]
    for start in range(0, len(records), INSERT_BATCH):
        part = records[start : start + INSERT_BATCH]
        bulk_create_with_history(
            part, RecoveryRecord, batch_size=INSERT_BATCH, default_user=actor, default_change_reason="import"
        )
        if progress:
            progress(len(part))
    return len(records)


@transaction.atomic
def import_batch(batch: ImportBatch, *, actor, good_rows_only: bool) -> int:
    """Import a previewed file: its rows are checked again (rates or records may have changed since),
    then all stored, or, when the importer chose so, the good ones only. Returns the rows stored."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportStatus.PENDING:
        raise refuse(_("This file was already imported or discarded."))
    checked = check_batch(batch, actor=actor)
    stored = store_rows(checked, actor=actor, good_rows_only=good_rows_only, batch=batch)
    _finish(batch, ImportStatus.IMPORTED, imported=stored, refused=len(checked.bad))
    return stored


@transaction.atomic
def import_file(
    content: bytes,
    file_name: str,
    *,
    actor,
    good_rows_only: bool = False,
    checked: Checked | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[ImportBatch, int]:
    """Check and import a file in one go (the command): all or nothing unless `good_rows_only`."""
    kind = file_format(file_name)
    checked = checked or check_file(content, kind, actor=actor)
    batch = ImportBatch.objects.create(file_name=file_name[:255], file_format=kind, uploaded_by=actor)
    stored = store_rows(checked, actor=actor, good_rows_only=good_rows_only, batch=batch, progress=progress)
    _finish(batch, ImportStatus.IMPORTED, imported=stored, refused=len(checked.bad))
    return batch, stored


@transaction.atomic
def discard_import(batch: ImportBatch, *, actor) -> None:
    if batch.status != ImportStatus.PENDING:
        raise refuse(_("This file was already imported or discarded."))
    _finish(batch, ImportStatus.DISCARDED)


def _finish(batch: ImportBatch, status: str, *, imported: int = 0, refused: int = 0) -> None:
    batch.status = status
    batch.rows_imported, batch.rows_refused = imported, refused
    batch.content = b""  # the file is not kept once it is imported or discarded
    batch.finished_at = timezone.now()
    batch.save(update_fields=["status", "rows_imported", "rows_refused", "content", "finished_at"])


# --- Exchange rates -------------------------------------------------------------------------------------


def _check_rate(currency: object, year: object, units_per_usd: object, source: object) -> tuple:
    code = values.clean_currency(currency)
    if code == values.USD:
        raise ValueError(_("the US dollar is always 1 and has no rate to store"))
    cleaned_year = values.clean_year(year, this_year=this_year())
    rate = values.clean_rate(units_per_usd)
    note = values.check_no_personal_data(str(source or ""))
    if len(note) > 300:
        raise ValueError(_("the source is longer than 300 characters"))
    return code, cleaned_year, rate, note


def _store_rate(code: str, year: int, rate: Decimal, source: str, *, actor) -> int:
    """Create or change one rate and convert its records again; returns how many records changed."""
    stored = ExchangeRate.objects.filter(currency=code, year=year).first() or ExchangeRate(
        currency=code, year=year
    )
    stored.units_per_usd, stored.source, stored.updated_by, stored.updated_at = (
        rate,
        source,
        actor,
        timezone.now(),
    )
    stored._history_user = actor
    stored.save()
    changed = []
    for record in RecoveryRecord.objects.filter(currency=code, year=year):
        usd = values.to_usd(record.amount, rate)
        if usd != record.amount_usd:
            record.amount_usd = usd
            changed.append(record)
    if changed:
        bulk_update_with_history(
            changed, RecoveryRecord, ["amount_usd"], batch_size=INSERT_BATCH, default_user=actor,
            default_change_reason=f"rate {code} {year}",
        )  # fmt: skip
    return len(changed)


@transaction.atomic
def set_rate(*, actor, currency: str, year: int, units_per_usd, source: str = "") -> int:
    """Set the rate of a currency for a year (secretariat); the records in that currency and year are
    converted again. Returns the number of records whose US-dollar amount changed."""
    if not actor.has_perm("recovery.manage_rates"):
        raise refuse(_("Only the secretariat keeps the exchange rates."))
    try:
        code, cleaned_year, rate, note = _check_rate(currency, year, units_per_usd, source)
    except ValueError as error:
        raise refuse(sentence(str(error))) from None
    return _store_rate(code, cleaned_year, rate, note, actor=actor)


RATE_COLUMNS = ("currency", "year", "units_per_usd", "source")


@transaction.atomic
def import_rates(content: bytes, file_name: str, *, actor) -> tuple[int, int]:
    """Import rates from a CSV or XLSX file (columns currency, year, units_per_usd, source): all or
    nothing; every bad line is named. Returns (rates stored, records converted again)."""
    if not actor.has_perm("recovery.manage_rates"):
        raise refuse(_("Only the secretariat keeps the exchange rates."))
    kind = file_format(file_name)
    try:
        rows = imports.read_table(content, kind, RATE_COLUMNS, required=RATE_COLUMNS[:3])
    except FileRefused as error:
        raise refuse(str(error), field="file") from None
    errors, cleaned, seen = [], [], {}
    for row in rows:
        try:
            code, year, rate, note = _check_rate(*(row.values.get(key, "") for key in RATE_COLUMNS))
        except ValueError as error:
            errors.append(_("line %(line)s: %(error)s") % {"line": row.line, "error": error})
            continue
        if (code, year) in seen:
            errors.append(
                _("line %(line)s: %(code)s %(year)s is already on line %(first)s")
                % {"line": row.line, "code": code, "year": year, "first": seen[code, year]}
            )
            continue
        seen[code, year] = row.line
        cleaned.append((code, year, rate, note))
    if errors:
        raise refuse(_("Nothing was imported. ") + "; ".join(errors[:50]) + ".", field="file")
    if not cleaned:
        raise refuse(_("The file has no rates."), field="file")
    converted = sum(_store_rate(*rate, actor=actor) for rate in cleaned)
    return len(cleaned), converted
