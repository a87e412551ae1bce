"""Reading a CSV or XLSX file of recovery records and checking every row, before anything is stored.

`read_rows` turns the file into numbered rows (the line numbers a spreadsheet shows: the header is line
1), refusing a file it cannot read as a whole (`FileRefused`). `check_rows` checks each row against the
values (values.py), the States, the stored rates, the States the importer may enter for, the other rows
of the file and the records already stored, and sorts the rows into good ones and bad ones, each bad one
with all its reasons. Plain Python: what it needs from the database comes in an `ImportContext`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import values


@dataclass(frozen=True)
class Column:
    key: str
    required: bool
    description: Any  # a lazy translation: shown on the import page
    example: str


COLUMNS: tuple[Column, ...] = (
    Column("year", True, gettext_lazy("The year the measure was taken, from 2003 to this year."), "2021"),
    Column(
        "requesting_state",
        True,
        gettext_lazy("The State that asked for the recovery: its name in any UN language or its ISO code."),
        "Nigeria",
    ),
    Column(
        "requested_state",
        True,
        gettext_lazy("The State that took the measure: its name in any UN language or its ISO code."),
        "CHE",
    ),
    Column("measure", True, gettext_lazy("frozen, seized, confiscated or returned."), "returned"),
    Column(
        "amount",
        True,
        gettext_lazy("The amount in the currency, not negative, with a full stop before the cents."),
        "1250000.00",
    ),
    Column(
        "currency",
        True,
        gettext_lazy("The ISO 4217 code of the currency; a rate for it and the year must be stored."),
        "CHF",
    ),
    Column("cases", True, gettext_lazy("The number of cases the amount comes from (at least 1)."), "2"),
    Column(
        "offences",
        False,
        gettext_lazy("Articles of chapter III (15 to 25) or “other”, separated by commas; may be empty."),
        "15, 23",
    ),
    Column(
        "source",
        False,
        gettext_lazy("Where the figure comes from (a report, a notification). No names of persons."),
        "Annual report 2021",
    ),
    Column(
        "notes",
        False,
        gettext_lazy("Anything else worth knowing. No names of persons or cases, no contact details."),
        "",
    ),
)
COLUMN_KEYS = tuple(column.key for column in COLUMNS)
REQUIRED = tuple(column.key for column in COLUMNS if column.required)
FORMATS = ("csv", "xlsx")


class FileRefused(ValueError):
    """The file cannot be read as a table of records at all (format, encoding, columns)."""


@dataclass(frozen=True)
class SourceRow:
    line: int
    values: dict[str, str]


@dataclass(frozen=True)
class GoodRow:
    line: int
    year: int
    requesting: Any  # a State
    requested: Any
    measure: str
    amount: Decimal
    currency: str
    amount_usd: Decimal
    cases: int
    offences: tuple[str, ...]
    source: str
    notes: str

    @property
    def key(self) -> tuple:
        return record_key(
            self.year,
            self.requesting.pk,
            self.requested.pk,
            self.measure,
            self.currency,
            self.amount,
            self.cases,
            self.offences,
        )


@dataclass(frozen=True)
class BadRow:
    line: int
    values: dict[str, str]
    errors: tuple[str, ...]


@dataclass
class Checked:
    good: list[GoodRow] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.good) + len(self.bad)


@dataclass
class ImportContext:
    """What the checks need from outside: how to find a State (raises ValueError with the reason), the
    stored rates (units per US dollar by currency and year), the ids of the States the importer may
    enter for (None: any), this year, and the keys of the records already stored (key → record id)."""

    resolve_state: Callable[[str], Any]
    rates: Mapping[tuple[str, int], Decimal]
    allowed_states: set[int] | None
    this_year: int
    existing: Mapping[tuple, int] = field(default_factory=dict)


def record_key(year, requesting_id, requested_id, measure, currency, amount, cases, offences) -> tuple:
    """Two records with the same key are the same figure entered twice."""
    return (year, requesting_id, requested_id, measure, currency, Decimal(amount), cases, tuple(offences))


def _header_key(text: object) -> str:
    return "_".join(str(text or "").strip().casefold().replace("-", " ").split())


def _check_header(header: list[str], columns: tuple[str, ...], required: tuple[str, ...]) -> list[str]:
    keys = [_header_key(name) for name in header]
    unknown = [name for name, key in zip(header, keys, strict=True) if key and key not in columns]
    if unknown:
        raise FileRefused(
            _("The file has columns this import does not know: %(unknown)s. The columns are: %(known)s.")
            % {"unknown": ", ".join(str(name) for name in unknown), "known": ", ".join(columns)}
        )
    missing = [key for key in required if key not in keys]
    if missing:
        raise FileRefused(
            _("The file has no column %(missing)s (the first line must name the columns: %(known)s).")
            % {"missing": ", ".join(missing), "known": ", ".join(columns)}
        )
    repeated = {key for key in keys if key and keys.count(key) > 1}
    if repeated:
        raise FileRefused(
            _("The file names a column twice: %(names)s.") % {"names": ", ".join(sorted(repeated))}
        )
    return keys


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value).removesuffix(".0") if value.is_integer() else repr(value)
    return str(value).strip()


def _decode(content: bytes) -> str:
    """The documents' reader decides the encoding: byte order marks, UTF-8, GB18030 (files saved by
    Chinese spreadsheets), then detection."""
    from cosp.documents.extraction.readers import ExtractionError, decode_text

    try:
        return decode_text(content)[0]
    except ExtractionError:
        raise FileRefused(_("The file is not text in a known encoding; save it as CSV UTF-8.")) from None


def _csv_rows(content: bytes) -> Iterable[tuple[int, list[str]]]:
    text = _decode(content)
    first_line = text.split("\n", 1)[0]
    # Spreadsheets in many locales save CSV with semicolons (the comma being their decimal mark).
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as error:
        raise FileRefused(
            _("Line %(line)s cannot be read as CSV: %(error)s") % {"line": start, "error": error}
        ) from None


def _xlsx_rows(content: bytes) -> Iterable[tuple[int, list[object]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (zip, XML, key errors) for a file that is not XLSX
        raise FileRefused(_("The file is not an XLSX workbook.")) from None
    try:
        sheet = workbook.worksheets[0]
        # Read-only mode stops at the size the file declares, which some programs write wrong ("A1"):
        # read every row there is instead.
        sheet.reset_dimensions()
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
    finally:
        workbook.close()


def read_rows(content: bytes, file_format: str, *, max_rows: int | None = None) -> list[SourceRow]:
    """The file's record rows under its header, with their line numbers; blank lines are skipped."""
    return read_table(content, file_format, COLUMN_KEYS, required=REQUIRED, max_rows=max_rows)


def read_table(
    content: bytes,
    file_format: str,
    columns: tuple[str, ...],
    *,
    required: tuple[str, ...],
    max_rows: int | None = None,
) -> list[SourceRow]:
    """The rows of a table with these columns (named on its first non-blank line, in any order)."""
    if file_format not in FORMATS:
        raise FileRefused(_("Only CSV and XLSX files can be imported."))
    lines = iter(_csv_rows(content) if file_format == "csv" else _xlsx_rows(content))
    for _number, header in lines:
        if any(_cell(value) for value in header):
            break
    else:
        raise FileRefused(_("The file is empty."))
    keys = _check_header([_cell(value) for value in header], columns, required)
    rows = []
    for number, raw in lines:
        cells = [_cell(value) for value in raw]
        if not any(cells):
            continue
        if len(cells) > len(keys) and any(cells[len(keys) :]):
            rows.append(SourceRow(number, {"": _("more cells than columns")}))
            continue
        rows.append(SourceRow(number, {key: value for key, value in zip(keys, cells, strict=False) if key}))
        if max_rows is not None and len(rows) > max_rows:
            raise FileRefused(
                _(
                    "The file has more than %(max)s rows; import it in parts, "
                    "or with the command cosp import_recovery."
                )
                % {"max": max_rows}
            )
    return rows


def check_rows(
    rows: Iterable[SourceRow], context: ImportContext, *, progress: Callable[[int], None] | None = None
) -> Checked:
    """Sort the rows into good and bad ones; a bad row carries every reason it is refused."""
    checked = Checked()
    seen: dict[tuple, int] = {}
    labels = (("requesting_state", _("requesting State")), ("requested_state", _("requested State")))
    for index, row in enumerate(rows, start=1):
        result = _check_row(row, context, labels)
        if isinstance(result, GoodRow):
            key = result.key
            if key in seen:
                result = BadRow(
                    row.line, row.values, (_("the same record as line %(line)s") % {"line": seen[key]},)
                )
            elif key in context.existing:
                result = BadRow(
                    row.line,
                    row.values,
                    (_("the same record is already stored (record %(id)s)") % {"id": context.existing[key]},),
                )
            else:
                seen[key] = row.line
        (checked.good if isinstance(result, GoodRow) else checked.bad).append(result)
        if progress and index % 1000 == 0:
            progress(1000)
    if progress:
        progress(checked.total % 1000)
    return checked


def _check_row(row: SourceRow, context: ImportContext, labels: tuple) -> GoodRow | BadRow:
    """One row checked; `labels` names the two State columns in the reader's language (translated once
    per file, not per row)."""
    errors: list[str] = []
    if "" in row.values:
        return BadRow(row.line, row.values, (row.values[""],))
    raw = row.values

    def clean(function, key, *args, **kwargs):
        try:
            return function(raw.get(key, ""), *args, **kwargs)
        except ValueError as error:
            errors.append(str(error))
            return None

    year = clean(values.clean_year, "year", this_year=context.this_year)
    states = {}
    for key, label in labels:
        text = raw.get(key, "")
        if not text:
            errors.append(_("the %(which)s is missing") % {"which": label})
            continue
        try:
            states[key] = context.resolve_state(text)
        except ValueError:
            errors.append(_("unknown State “%(name)s” (%(which)s)") % {"name": text, "which": label})
    requesting, requested = states.get("requesting_state"), states.get("requested_state")
    if requesting is not None and requested is not None:
        if requesting.pk == requested.pk:
            errors.append(_("the requesting and the requested State are the same"))
        elif (
            context.allowed_states is not None and not {requesting.pk, requested.pk} & context.allowed_states
        ):
            errors.append(
                _("you may enter records only for your own State; neither %(first)s nor %(second)s is")
                % {"first": requesting, "second": requested}
            )
    measure = clean(values.clean_measure, "measure")
    amount = clean(values.clean_amount, "amount")
    currency = clean(values.clean_currency, "currency")
    cases = clean(values.clean_cases, "cases")
    offences = clean(values.clean_offences, "offences")
    source = clean(values.check_no_personal_data, "source")
    notes = clean(values.check_no_personal_data, "notes")
    if source and len(source) > 300:
        errors.append(_("the source is longer than 300 characters"))
    rate = None
    if currency and year:
        rate = Decimal(1) if currency == values.USD else context.rates.get((currency, year))
        if rate is None:
            errors.append(
                _("no exchange rate is stored for %(currency)s in %(year)s")
                % {"currency": currency, "year": year}
            )
    if errors:
        return BadRow(row.line, row.values, tuple(errors))
    return GoodRow(
        line=row.line,
        year=year,
        requesting=requesting,
        requested=requested,
        measure=measure,
        amount=amount,
        currency=currency,
        amount_usd=values.to_usd(amount, rate),
        cases=cases,
        offences=tuple(offences),
        source=source,
        notes=notes,
    )


def template_rows() -> tuple[list[str], list[str]]:
    """The header and one example row, for the template files."""
    return list(COLUMN_KEYS), [column.example for column in COLUMNS]
