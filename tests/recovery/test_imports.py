"""Reading and checking import files (imports.py): every bad row with its line number and reason, in CSV
and in XLSX files written with openpyxl."""

import re
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook

from cosp.recovery import imports, queries
from cosp.recovery.imports import FileRefused, ImportContext
from cosp.recovery.models import RecoveryRecord
from cosp.states.names import clear_name_cache

from .conftest import HEADER, csv_bytes

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def context(allowed=None, years=(2020, 2021)) -> ImportContext:
    return ImportContext(
        resolve_state=queries.state_resolver(),
        rates=queries.rates_map(),
        allowed_states=allowed,
        this_year=2026,
        existing=queries.existing_keys(years),
    )


def check(content: bytes, kind: str = "csv", **options):
    return imports.check_rows(imports.read_rows(content, kind), context(**options))


def reasons(checked) -> dict[int, str]:
    return {row.line: " | ".join(row.errors) for row in checked.bad}


def test_good_rows_are_converted_at_the_stored_rate(world):
    checked = check(csv_bytes("2020,Austria,Switzerland,frozen,900000,CHF,2,15;23,Annual report,"))
    assert reasons(checked) == {}
    (row,) = checked.good
    assert (row.line, row.requesting, row.requested, row.measure) == (2, world.aut, world.che, "frozen")
    assert (row.amount, row.amount_usd, row.cases, row.offences) == (
        Decimal("900000.00"),
        Decimal("1000000.00"),
        2,
        ("15", "23"),
    )


def test_states_are_found_by_name_in_any_language_or_by_iso_code(world):
    checked = check(
        csv_bytes(
            "2020,China,AUT,seized,100,USD,1,,,",
            "2020,中国,DEU,seized,100,USD,1,,,",
            "2020,CHN,CHE,seized,100,USD,1,,,",
            "2020,cn,NG,seized,100,USD,1,,,",
        )
    )
    assert reasons(checked) == {}
    assert [(row.requesting.iso3, row.requested.iso3) for row in checked.good] == [
        ("CHN", "AUT"),
        ("CHN", "DEU"),
        ("CHN", "CHE"),
        ("CHN", "NGA"),
    ]


def test_every_bad_row_is_reported_with_its_line_and_reason(world):
    checked = check(
        csv_bytes(
            "2020,Austria,Switzerland,frozen,100,CHF,1,,,",  # 2: good
            "2020,Atlantis,Switzerland,frozen,100,CHF,1,,,",  # 3: unknown State
            "2020,Austria,Switzerland,frozen,100,ZZZ,1,,,",  # 4: unknown currency
            "2021,Austria,Switzerland,frozen,100,CHF,1,,,",  # 5: no CHF rate for 2021
            "2020,Austria,Switzerland,frozen,-100,CHF,1,,,",  # 6: negative
            "2020,Austria,Switzerland,frozen,lots,CHF,1,,,",  # 7: not a number
            "2020,Austria,Switzerland,stolen,100,CHF,1,,,",  # 8: unknown measure
            "1999,Austria,Switzerland,frozen,100,CHF,1,,,",  # 9: year out of range
            "2020,Austria,Switzerland,frozen,100,CHF,1,,,",  # 10: duplicate of line 2
            "2020,Austria,Austria,frozen,100,EUR,1,,,",  # 11: the same State twice
            "2020,Austria,Switzerland,frozen,100,CHF,0,,,",  # 12: no case
            "2020,Austria,Switzerland,frozen,200,CHF,1,46,,",  # 13: not a chapter III article
            "2020,Austria,Switzerland,frozen,300,CHF,1,,,Ask j.doe@example.org",  # 14: personal data
            "2020,,Switzerland,frozen,400,CHF,1,,,",  # 15: no requesting State
        )
    )
    assert [row.line for row in checked.good] == [2]
    found = reasons(checked)
    expected = {
        3: "unknown State “Atlantis” (requesting State)",
        4: "“ZZZ” is not an ISO 4217 currency code",
        5: "no exchange rate is stored for CHF in 2021",
        6: "the amount -100 is negative",
        7: "the amount “lots” is not a number",
        8: "the measure “stolen” is unknown",
        9: "the year 1999 is out of range",
        10: "the same record as line 2",
        11: "the requesting and the requested State are the same",
        12: "the number of cases “0” is not a whole number of at least 1",
        13: "the offence “46” is unknown",
        14: "e-mail address",
        15: "the requesting State is missing",
    }
    assert set(found) == set(expected)
    for line, reason in expected.items():
        assert reason in found[line], (line, found[line])


def test_a_row_with_several_faults_lists_them_all(world):
    checked = check(csv_bytes("1999,Atlantis,Switzerland,stolen,-1,ZZZ,x,,,"))
    (row,) = checked.bad
    assert len(row.errors) == 6


def test_rows_for_a_state_the_importer_does_not_belong_to_are_refused(world):
    checked = check(
        csv_bytes("2020,Austria,Switzerland,frozen,100,CHF,1,,,", "2020,China,Nigeria,frozen,100,USD,1,,,"),
        allowed={world.aut.pk},
    )
    assert [row.line for row in checked.good] == [2]
    assert "neither China nor Nigeria is" in reasons(checked)[3]


def test_a_record_already_stored_is_a_duplicate(world):
    RecoveryRecord.objects.create(
        year=2020,
        requesting_state=world.aut,
        requested_state=world.che,
        measure="frozen",
        amount=Decimal("100"),
        currency="CHF",
        amount_usd=Decimal("111.11"),
        cases=1,
    )
    checked = check(csv_bytes("2020,AUT,CHE,frozen,100.00,CHF,1,,,"))
    assert "already stored" in reasons(checked)[2]


def test_semicolons_a_byte_order_mark_and_gb18030_are_read(world):
    text = (
        "\ufeff" + HEADER.replace(",", ";") + "\n2020;Austria;Switzerland;frozen;1 000,00;CHF;1;;Référence;\n"
    )
    checked = check(text.encode("utf-8"))
    assert "the amount “1 000,00” is not a number" in reasons(checked)[2]  # a decimal comma is refused
    chinese = (HEADER + "\n2020,中国,瑞士,frozen,100,CHF,1,,外交部年度报告,\n").encode("gb18030")
    world.che.short_name_zh_hans = "瑞士"
    world.che.save()
    clear_name_cache()
    (row,) = check(chinese).good
    assert (row.requesting, row.requested, row.source) == (world.chn, world.che, "外交部年度报告")


def test_blank_lines_are_skipped_but_keep_the_numbering(world):
    checked = check(
        csv_bytes(
            "", "2020,Austria,Switzerland,frozen,100,CHF,1,,,", "", "2020,Austria,Mars,frozen,1,CHF,1,,,"
        )
    )
    assert [row.line for row in checked.good] == [3]
    assert list(reasons(checked)) == [5]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("year,requesting_state,requested_state,measure,amount,cases", "no column currency"),
        (HEADER + ",defendant", "does not know: defendant"),
        (HEADER + ",year", "names a column twice: year"),
    ],
)
def test_a_file_with_wrong_columns_is_refused_as_a_whole(world, header, message):
    with pytest.raises(FileRefused, match=message):
        imports.read_rows(csv_bytes("2020,a,b,frozen,1,1", header=header), "csv")


def test_an_empty_file_and_other_formats_are_refused(world):
    with pytest.raises(FileRefused, match="empty"):
        imports.read_rows(b"\n\n", "csv")
    with pytest.raises(FileRefused, match="CSV and XLSX"):
        imports.read_rows(b"x", "ods")
    with pytest.raises(FileRefused, match="not an XLSX workbook"):
        imports.read_rows(b"year,amount\n", "xlsx")


def test_too_many_rows_are_refused(world):
    rows = [f"2020,Austria,Switzerland,frozen,{n},CHF,1,,," for n in range(6)]
    with pytest.raises(FileRefused, match="more than 5 rows"):
        imports.read_rows(csv_bytes(*rows), "csv", max_rows=5)


def test_header_names_are_read_without_regard_to_case_and_order(world):
    header = "Currency,Amount,Measure,Requested State,Requesting-State,YEAR,Cases"
    (row,) = check(csv_bytes("CHF,90,frozen,CHE,AUT,2020,1", header=header)).good
    assert row.amount_usd == Decimal("100.00")


def write_xlsx(path, rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path.read_bytes()


def test_xlsx_rows_are_numbered_as_the_spreadsheet_shows_them(world, tmp_path):
    content = write_xlsx(
        tmp_path / "records.xlsx",
        [
            HEADER.split(","),
            [2020, "Austria", "Switzerland", "frozen", 900000, "CHF", 2, 15, "Annual report", None],
            [None] * 10,
            [2021, "中国", "Nigeria", "returned", 4000.5, "NGN", 1, "15, 23", None, None],
            [2021, "Austria", "Germany", "seized", -3, "EUR", 1, None, None, None],
        ],
    )
    checked = check(content, "xlsx")
    assert [(row.line, row.amount_usd) for row in checked.good] == [
        (2, Decimal("1000000.00")),
        (4, Decimal("10.00")),
    ]
    assert reasons(checked) == {5: "the amount -3 is negative"}
    assert checked.good[1].requesting == world.chn


def test_xlsx_rows_past_a_wrongly_declared_size_are_read(world, tmp_path):
    """Some programs declare a sheet's size as "A1" whatever it holds; openpyxl's read-only mode stopped
    there, and the file seemed to have no rows."""
    write_xlsx(
        tmp_path / "records.xlsx",
        [
            HEADER.split(","),
            [2020, "Austria", "Switzerland", "frozen", 900000, "CHF", 2, 15, "Annual report", None],
            [2021, "Austria", "Germany", "seized", -3, "EUR", 1, None, None, None],
        ],
    )
    source = zipfile.ZipFile(tmp_path / "records.xlsx")
    with zipfile.ZipFile(tmp_path / "declared.xlsx", "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', data)
            target.writestr(item, data)
    checked = check((tmp_path / "declared.xlsx").read_bytes(), "xlsx")
    assert [row.line for row in checked.good] == [2]
    assert reasons(checked) == {3: "the amount -3 is negative"}
