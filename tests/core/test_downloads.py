import csv
import io

import pytest
from django.http import Http404
from django.test import RequestFactory
from django.utils import translation
from openpyxl import load_workbook

from cosp.core.downloads import asked_language, requested_language, table_response

pytestmark = pytest.mark.unit

HEADER = ["State", "Amount"]
ROWS = [["中国", 12], ["Österreich", 3]]


def test_a_csv_table_is_utf8_with_a_byte_order_mark_and_named():
    response = table_response("csv", HEADER, ROWS, name="amounts")
    assert response["Content-Disposition"] == 'attachment; filename="amounts.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert text.lstrip("\ufeff").splitlines() == ["State,Amount", "中国,12", "Österreich,3"]


def test_an_xlsx_table_reads_back_with_its_sheet_name():
    response = table_response("xlsx", HEADER, ROWS, name="amounts", sheet="Amounts by State")
    assert response["Content-Disposition"] == 'attachment; filename="amounts.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Amounts by State"
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [HEADER, *ROWS]


def test_another_table_format_is_not_found():
    with pytest.raises(Http404, match="csv or xlsx"):
        table_response("pdf", HEADER, ROWS, name="amounts")


def test_the_language_of_a_file_comes_from_the_query_or_the_interface():
    factory = RequestFactory()
    assert asked_language(factory.get("/", {"language": "Chinese"}), "language") == "zh"
    assert asked_language(factory.get("/")) is None
    with translation.override("fr"):
        assert requested_language(factory.get("/")) == "fr"
    with pytest.raises(Http404, match="six UN languages"):
        requested_language(factory.get("/", {"lang": "de"}))


def test_text_that_looks_like_a_formula_stays_text():
    rows = [['=HYPERLINK("http://x")', -4, "-1+2"]]
    text = table_response("csv", ["a", "b", "c"], rows, name="t").content.decode("utf-8-sig")
    assert next(csv.reader(text.splitlines()[1:])) == ['\'=HYPERLINK("http://x")', "-4", "'-1+2"]
    sheet = load_workbook(io.BytesIO(table_response("xlsx", ["a", "b", "c"], rows, name="t").content)).active
    cells = next(sheet.iter_rows(min_row=2))
    assert [cell.data_type for cell in cells] == ["s", "n", "s"]
    assert cells[0].value == '=HYPERLINK("http://x")'
