"""What a view hands back as a file: a document in one of the UN languages, or a table as CSV or XLSX.

Every app's downloads go through here, so they all name their files, declare their language and
write their tables the same way (a CSV that spreadsheet programs read as UTF-8, an XLSX with one
sheet).
"""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import Http404, HttpRequest, HttpResponse
from openpyxl import Workbook

from .languages import clean_language, interface_language

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
TABLE_FORMATS = ("csv", "xlsx")

Row = Sequence[object]


def asked_language(request: HttpRequest, parameter: str = "lang") -> str | None:
    """The UN language the query string asks for in `parameter` (404 for anything but the six), or None."""
    asked = request.GET.get(parameter)
    if not asked:
        return None
    code = clean_language(asked)
    if code is None:
        raise Http404("Files are made in the six UN languages: ar, zh, en, fr, ru, es.")
    return code


def requested_language(request: HttpRequest) -> str:
    """The UN language of a file: `?lang=` when given, else the interface language."""
    return asked_language(request) or interface_language()


def file_response(
    content: bytes | str, *, filename: str, content_type: str, language: str | None = None
) -> HttpResponse:
    """`content` as a download named `filename`, in `language` when it has one."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if language:
        response["Content-Language"] = language
    return response


# A text cell starting with one of these is run as a formula by spreadsheet programs; the tables hold
# what people typed, so such a cell is written as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(header: Row, rows: Iterable[Row]) -> bytes:
    """A CSV table with a byte-order mark, so that spreadsheet programs read Chinese and Arabic as UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([_inert(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(header: Row, rows: Iterable[Row], *, sheet: str) -> bytes:
    """An XLSX workbook with one sheet named `sheet` (Excel allows 31 characters)."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet[:31]
    worksheet.append(list(header))
    for row in rows:
        worksheet.append(list(row))
        for cell in worksheet[worksheet.max_row]:
            if cell.data_type == "f":  # text that looks like a formula stays text
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_response(fmt: str, header: Row, rows: Iterable[Row], *, name: str, sheet: str = "") -> HttpResponse:
    """A table as `name`.csv or `name`.xlsx; any other format is a 404."""
    if fmt == "csv":
        return file_response(
            csv_bytes(header, rows), filename=f"{name}.csv", content_type="text/csv; charset=utf-8"
        )
    if fmt == "xlsx":
        content = xlsx_bytes(header, rows, sheet=sheet or name)
        return file_response(content, filename=f"{name}.xlsx", content_type=XLSX)
    raise Http404(f"Tables are downloaded as {' or '.join(TABLE_FORMATS)}, not {fmt!r}.")
