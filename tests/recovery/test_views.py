"""The recovery pages for each kind of person: public statistics with charts and exports, records only
for the secretariat and the two States' officials, entry and import (preview, all or nothing, the good
rows only), and the rates."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from cosp.recovery.models import ExchangeRate, ImportBatch, RecoveryRecord

from .conftest import HEADER, csv_bytes
from .test_queries import record

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def records(world):
    return {
        "nga_che": record(world.nga, world.che, usd="1000000", cases=2, offences=("23",)),
        "aut_deu": record(world.aut, world.deu, year=2021, measure="returned", usd="2500"),
    }


def upload(content: bytes, name: str):
    file = io.BytesIO(content)
    file.name = name
    return file


def test_the_statistics_are_public_with_charts_and_table(signed_in, records):
    response = signed_in(None).get("/recovery/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<svg") == 2  # frozen and returned have amounts; seized and confiscated none
    assert 'id="chart-frozen-title"' in page
    assert 'id="chart-returned-title"' in page
    assert "1,000,000.00" in page
    assert "2,500.00" in page
    assert "Nigeria" not in page.split("<tbody>")[1]  # by year: no State named in the table


def test_the_statistics_filter_and_group(signed_in, records):
    page = signed_in(None).get("/recovery/?group_by=requesting_state&measure=frozen").content.decode()
    assert "Nigeria" in page
    assert "Austria" not in page.split("<tbody>")[1]
    empty = signed_in(None).get("/recovery/?year_from=2025").content.decode()
    assert "No records match these filters." in empty


def test_bad_filter_values_are_ignored(signed_in, records):
    response = signed_in(None).get("/recovery/?year_from=x&group_by=nonsense&requesting=ZZZ")
    assert response.status_code == 200
    stats, unfiltered = response.context["stats"], signed_in(None).get("/recovery/").context["stats"]
    assert stats.group_by == "year"
    assert stats.lines
    assert [(line.key, line.by_measure()) for line in stats.lines] == [
        (line.key, line.by_measure()) for line in unfiltered.lines
    ]


def test_the_statistics_export_as_csv_and_xlsx(signed_in, records):
    response = signed_in(None).get("/recovery/statistics.csv?group_by=requested_state")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith('Requested State,"Frozen, US dollars","Frozen, cases"')
    assert lines[1:] == [
        "Germany,0.00,0,0,0.00,0,0,0.00,0,0,2500.00,1,1",
        "Switzerland,1000000.00,2,1,0.00,0,0,0.00,0,0,0.00,0,0",
        "All,1000000.00,2,1,0.00,0,0,0.00,0,0,2500.00,1,1",
    ]
    xlsx = signed_in(None).get("/recovery/statistics.xlsx?group_by=year")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Year"
    assert [row[0] for row in rows[1:]] == ["2020", "2021", "All"]
    assert signed_in(None).get("/recovery/statistics.pdf").status_code == 404


@pytest.mark.parametrize(
    ("person", "sees", "hidden"),
    [
        ("secretariat", {"nga_che", "aut_deu"}, set()),
        ("aut_delegate", {"aut_deu"}, {"nga_che"}),
        ("che_central_authority", {"nga_che"}, {"aut_deu"}),
    ],
)
def test_the_records_list_shows_only_ones_own_states(signed_in, records, person, sees, hidden):
    page = signed_in(person).get("/recovery/records/").content.decode()
    for key in sees:
        assert f"/recovery/records/{records[key].pk}/" in page
    for key in hidden:
        assert f"/recovery/records/{records[key].pk}/" not in page


@pytest.mark.parametrize(("person", "status"), [(None, 302), ("observer", 403)])
def test_the_records_list_is_closed_to_the_public(signed_in, records, person, status):
    assert signed_in(person).get("/recovery/records/").status_code == status


@pytest.mark.parametrize(
    ("person", "status"),
    [
        (None, 302),
        ("observer", 403),
        ("deu_focal_point", 403),  # a third State
        ("aut_delegate", 403),
        ("che_central_authority", 200),
        ("secretariat", 200),
    ],
)
def test_a_record_page_is_for_its_two_states_and_the_secretariat(signed_in, records, person, status):
    response = signed_in(person).get(f"/recovery/records/{records['nga_che'].pk}/")
    assert response.status_code == status
    if status != 200:
        assert "1,000,000" not in response.content.decode()


def test_a_missing_record_answers_as_a_forbidden_one(signed_in, records):
    assert signed_in("deu_focal_point").get("/recovery/records/999999/").status_code == 403


def test_a_focal_point_enters_a_record_by_form(signed_in, world):
    client = signed_in("aut_focal_point")
    form = client.get("/recovery/records/add/").content.decode()
    assert 'value="CHF"' in form
    assert 'value="NGN"' in form
    assert "No personal data" in form
    data = {
        "year": "2020",
        "requesting_state": world.aut.pk,
        "requested_state": world.che.pk,
        "measure": "seized",
        "amount": "450",
        "currency": "CHF",
        "cases": "1",
        "offences": ["15", "17"],
        "source": "Ministry figures",
        "notes": "",
    }
    response = client.post("/recovery/records/add/", data)
    saved = RecoveryRecord.objects.get()
    assert response.status_code == 302
    assert response.url == f"/recovery/records/{saved.pk}/"
    assert (saved.amount_usd, saved.offences) == (Decimal("500.00"), ["15", "17"])
    detail = client.get(response.url).content.decode()
    assert "Embezzlement by a public official (art. 17)" in detail
    assert "500.00" in detail


def test_a_refused_form_shows_why_and_saves_nothing(signed_in, world):
    data = {
        "year": "2020",
        "requesting_state": world.nga.pk,
        "requested_state": world.che.pk,
        "measure": "seized",
        "amount": "450",
        "currency": "CHF",
        "cases": "1",
    }
    response = signed_in("aut_focal_point").post("/recovery/records/add/", data)
    assert response.status_code == 200
    assert "neither Nigeria nor Switzerland is" in response.content.decode()
    assert not RecoveryRecord.objects.exists()


def test_a_record_is_corrected_and_deleted_through_its_pages(signed_in, world, records):
    client = signed_in("aut_focal_point")
    target = records["aut_deu"]
    form = client.get(f"/recovery/records/{target.pk}/edit/").content.decode()
    assert 'value="2500.00"' in form
    data = {
        "year": "2021",
        "requesting_state": world.aut.pk,
        "requested_state": world.deu.pk,
        "measure": "returned",
        "amount": "85",
        "currency": "EUR",
        "cases": "1",
    }
    assert client.post(f"/recovery/records/{target.pk}/edit/", data).status_code == 302
    target.refresh_from_db()
    assert (target.amount, target.amount_usd) == (Decimal("85.00"), Decimal("100.00"))
    assert (
        signed_in("deu_focal_point").get(f"/recovery/records/{records['nga_che'].pk}/delete/").status_code
        == 403
    )
    assert client.post(f"/recovery/records/{target.pk}/delete/").status_code == 302
    assert not RecoveryRecord.objects.filter(pk=target.pk).exists()


def test_the_import_page_documents_the_columns(signed_in, world):
    page = signed_in("che_central_authority").get("/recovery/import/").content.decode()
    for column in HEADER.split(","):
        assert f"<code>{column}</code>" in page
    assert "/recovery/import/template.csv" in page
    assert "/recovery/import/template.xlsx" in page


def test_the_templates_have_the_columns(signed_in):
    csv_file = signed_in(None).get("/recovery/import/template.csv").content.decode("utf-8-sig")
    assert csv_file.splitlines()[0] == HEADER
    xlsx = signed_in(None).get("/recovery/import/template.xlsx")
    header = next(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert ",".join(header) == HEADER


def test_a_file_with_errors_is_previewed_and_imports_nothing_unless_asked(signed_in, world):
    client = signed_in("aut_focal_point")
    content = csv_bytes(
        "2020,Austria,Switzerland,frozen,900,CHF,1,,,",
        "2020,Austria,Narnia,frozen,900,CHF,1,,,",
        "2020,China,Nigeria,frozen,900,USD,1,,,",
    )
    response = client.post("/recovery/import/", {"file": upload(content, "figures.csv")})
    batch = ImportBatch.objects.get()
    assert response.url == f"/recovery/import/{batch.pk}/"
    preview = client.get(response.url).content.decode()
    assert "3 rows: 1 good, 2 with errors." in preview
    assert "unknown State “Narnia” (requested State)" in preview
    assert "neither China nor Nigeria is" in preview
    assert 'value="good_rows"' in preview
    assert 'value="all"' not in preview
    # Asking for all of them anyway is refused: nothing is imported.
    refused = client.post(response.url, {"action": "all"}, follow=True).content.decode()
    assert "2 of the 3 rows have errors" in refused
    assert not RecoveryRecord.objects.exists()
    client.post(response.url, {"action": "good_rows"})
    assert RecoveryRecord.objects.count() == 1
    batch.refresh_from_db()
    assert (batch.rows_imported, batch.rows_refused) == (1, 2)


def test_an_xlsx_file_is_imported_through_the_page(signed_in, world, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append([2021, "Nigeria", "Austria", "confiscated", 8000, "NGN", 1, "23", None, None])
    sheet.append([2021, "Nigeria", "Austria", "returned", 4000, "NGN", 1, "23", None, None])
    workbook.save(tmp_path / "figures.xlsx")
    client = signed_in("aut_focal_point")
    response = client.post(
        "/recovery/import/", {"file": upload((tmp_path / "figures.xlsx").read_bytes(), "f.xlsx")}
    )
    preview = client.get(response.url).content.decode()
    assert "2 rows: 2 good, 0 with errors." in preview
    assert 'value="all"' in preview
    client.post(response.url, {"action": "all"})
    assert sorted(RecoveryRecord.objects.values_list("amount_usd", flat=True)) == [
        Decimal("10.00"),
        Decimal("20.00"),
    ]


def test_an_unreadable_file_is_refused_on_the_upload_form(signed_in, world):
    response = signed_in("secretariat").post(
        "/recovery/import/", {"file": upload(b"name,amount\nX,1\n", "f.csv")}
    )
    assert response.status_code == 200
    assert "does not know: name" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_someone_elses_upload_is_not_shown(signed_in, world):
    content = csv_bytes("2020,Austria,Switzerland,frozen,900,CHF,1,,,")
    signed_in("aut_focal_point").post("/recovery/import/", {"file": upload(content, "f.csv")})
    batch = ImportBatch.objects.get()
    assert signed_in("che_central_authority").get(f"/recovery/import/{batch.pk}/").status_code == 403
    assert (
        signed_in("che_central_authority")
        .post(f"/recovery/import/{batch.pk}/", {"action": "all"})
        .status_code
        == 403
    )
    assert not RecoveryRecord.objects.exists()


def test_the_rates_page_and_setting_a_rate(signed_in, world, records):
    page = signed_in(None).get("/recovery/rates/").content.decode()
    assert "CHF (Swiss Franc)" in page
    assert "0.9" in page
    assert "/recovery/rates/set/" not in page
    client = signed_in("secretariat")
    assert "/recovery/rates/set/" in client.get("/recovery/rates/").content.decode()
    record_in_eur = RecoveryRecord.objects.create(
        year=2021,
        requesting_state=world.aut,
        requested_state=world.deu,
        measure="frozen",
        amount=Decimal("85"),
        currency="EUR",
        amount_usd=Decimal("100"),
        cases=1,
    )
    response = client.post(
        "/recovery/rates/set/",
        {"currency": "EUR", "year": "2021", "units_per_usd": "0.5", "source": "Table"},
        follow=True,
    )
    assert "1 records were converted again" in response.content.decode()
    record_in_eur.refresh_from_db()
    assert record_in_eur.amount_usd == Decimal("170.00")


def test_rates_are_imported_from_a_file(signed_in, world):
    content = csv_bytes("GBP,2020,0.78,Table 1", header="currency,year,units_per_usd,source")
    response = signed_in("secretariat").post(
        "/recovery/rates/import/", {"file": upload(content, "rates.csv")}
    )
    assert response.status_code == 302
    assert ExchangeRate.objects.get(currency="GBP").units_per_usd == Decimal("0.78")
    bad = csv_bytes("GBP,2021,none,", header="currency,year,units_per_usd,source")
    refused = signed_in("secretariat").post("/recovery/rates/import/", {"file": upload(bad, "rates.csv")})
    assert "line 2: the rate “none” is not a number" in refused.content.decode()


def queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_records_list_reads_a_fixed_number_of_queries(signed_in, world):
    """As many queries for three records as for one (the page's own: the count, then one page of
    records with their States; the shared layout's come on top)."""
    client = signed_in("secretariat")
    record(world.aut, world.che, year=2020)
    one = queries_for(client, "/recovery/records/")
    record(world.aut, world.che, year=2021)
    record(world.che, world.aut, year=2021)
    assert queries_for(client, "/recovery/records/") == one


def test_the_charts_run_right_to_left_in_arabic(signed_in, records, settings):
    client = signed_in(None)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = client.get("/recovery/").content.decode()
    assert 'dir="rtl"' in page
    assert 'direction="rtl"' in page


def test_the_statistics_page_reads_a_fixed_number_of_queries(signed_in, world):
    """The same queries whatever the number of records and years: the States and groups for the
    filters, the total and the table, the total and the years for the charts."""
    client = signed_in(None)
    record(world.aut, world.che, year=2020)
    one = queries_for(client, "/recovery/")
    record(world.aut, world.che, year=2021, measure="returned")
    record(world.nga, world.deu, year=2022, measure="seized")
    assert queries_for(client, "/recovery/") == one
