"""The services: one record by form, whole files (all or nothing, or the good rows only), and rates
(setting one converts its records again). A refusal leaves the database as it was."""

from decimal import Decimal

import pytest

from cosp.recovery import services
from cosp.recovery.enums import ImportStatus
from cosp.recovery.models import ExchangeRate, ImportBatch, RecoveryRecord
from cosp.recovery.services import RecoveryError

from .conftest import csv_bytes

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

GOOD = "2020,Austria,Switzerland,frozen,900,CHF,1,15,,"
ALSO_GOOD = "2021,Nigeria,Austria,returned,850,EUR,2,,,"
BAD = "2020,Austria,Atlantis,frozen,900,CHF,1,,,"


def form_data(world, **changes) -> dict:
    data = {
        "year": 2020,
        "requesting_state": world.aut,
        "requested_state": world.che,
        "measure": "frozen",
        "amount": Decimal("900"),
        "currency": "CHF",
        "cases": 1,
        "offences": ["15", "23"],
        "source": "Annual report",
        "notes": "",
    }
    return {**data, **changes}


def test_a_focal_point_enters_a_record_of_its_state(world):
    actor = world.people["aut_focal_point"]
    record = services.add_record(actor=actor, **form_data(world))
    assert (record.amount_usd, record.offences, record.entered_by) == (
        Decimal("1000.00"),
        ["15", "23"],
        actor,
    )
    assert record.history.get().history_user == actor


@pytest.mark.parametrize(
    ("person", "changes", "message"),
    [
        ("deu_focal_point", {}, "only for your own State"),
        ("aut_delegate", {}, "Only the secretariat and the focal points"),
        ("observer", {}, "Only the secretariat and the focal points"),
        ("aut_focal_point", {"year": 2021}, "exchange rate is stored for CHF in 2021"),
        ("aut_focal_point", {"notes": "Call +43 1 234 5678"}, "telephone number"),
        ("aut_focal_point", {"requested_state": "aut"}, "the same"),
    ],
)
def test_refused_records_save_nothing(world, person, changes, message):
    if changes.get("requested_state") == "aut":
        changes["requested_state"] = world.aut
    with pytest.raises(RecoveryError, match=message):
        services.add_record(actor=world.people[person], **form_data(world, **changes))
    assert not RecoveryRecord.objects.exists()


def test_the_same_record_twice_is_refused(world):
    services.add_record(actor=world.people["secretariat"], **form_data(world))
    with pytest.raises(RecoveryError, match="already stored"):
        services.add_record(actor=world.people["che_central_authority"], **form_data(world))
    assert RecoveryRecord.objects.count() == 1


def test_a_record_is_corrected_by_its_states_and_not_by_a_third(world):
    record = services.add_record(actor=world.people["che_central_authority"], **form_data(world))
    with pytest.raises(RecoveryError, match="only the records of your own State"):
        services.update_record(
            record, actor=world.people["deu_central_authority"], **form_data(world, amount=1)
        )
    services.update_record(
        record, actor=world.people["aut_focal_point"], **form_data(world, amount=Decimal("45"))
    )
    record.refresh_from_db()
    assert record.amount_usd == Decimal("50.00")
    with pytest.raises(RecoveryError):
        services.delete_record(record, actor=world.people["deu_focal_point"])
    services.delete_record(record, actor=world.people["secretariat"])
    assert not RecoveryRecord.objects.exists()


def test_a_file_with_errors_imports_nothing(world):
    content = csv_bytes(GOOD, BAD, ALSO_GOOD)
    with pytest.raises(
        RecoveryError, match="1 of the 3 rows have errors \\(first at line 3\\): nothing was imported"
    ):
        services.import_file(content, "figures.csv", actor=world.people["secretariat"])
    assert not RecoveryRecord.objects.exists()
    assert not ImportBatch.objects.exists()


def test_the_good_rows_only_when_the_importer_chooses_so(world):
    batch, stored = services.import_file(
        csv_bytes(GOOD, BAD, ALSO_GOOD), "figures.csv", actor=world.people["secretariat"], good_rows_only=True
    )
    assert (stored, batch.rows_imported, batch.rows_refused) == (2, 2, 1)
    assert sorted(RecoveryRecord.objects.values_list("amount_usd", flat=True)) == [Decimal("1000.00")] * 2
    assert set(RecoveryRecord.objects.values_list("batch", flat=True)) == {batch.pk}


def test_a_file_of_bad_rows_only_imports_nothing_even_so(world):
    with pytest.raises(RecoveryError, match="no row that can be imported"):
        services.import_file(
            csv_bytes(BAD), "figures.csv", actor=world.people["secretariat"], good_rows_only=True
        )


def test_an_upload_is_previewed_then_imported_once(world):
    actor = world.people["aut_focal_point"]
    batch = services.start_import(actor=actor, file_name="figures.csv", content=csv_bytes(GOOD, ALSO_GOOD))
    assert services.check_batch(batch, actor=actor).total == 2
    assert not RecoveryRecord.objects.exists()
    assert services.import_batch(batch, actor=actor, good_rows_only=False) == 2
    batch.refresh_from_db()
    assert (batch.status, bytes(batch.content)) == (ImportStatus.IMPORTED, b"")
    with pytest.raises(RecoveryError, match="already imported or discarded"):
        services.import_batch(batch, actor=actor, good_rows_only=False)
    assert RecoveryRecord.objects.count() == 2


def test_a_previewed_file_is_checked_again_at_import(world):
    actor = world.people["secretariat"]
    batch = services.start_import(actor=actor, file_name="figures.csv", content=csv_bytes(GOOD, ALSO_GOOD))
    ExchangeRate.objects.filter(currency="EUR", year=2021).delete()  # the rate went away meanwhile
    with pytest.raises(RecoveryError, match="first at line 3"):
        services.import_batch(batch, actor=actor, good_rows_only=False)
    assert not RecoveryRecord.objects.exists()
    assert ImportBatch.objects.get().status == ImportStatus.PENDING


def test_a_discarded_file_is_not_kept(world):
    actor = world.people["secretariat"]
    batch = services.start_import(actor=actor, file_name="figures.csv", content=csv_bytes(GOOD))
    services.discard_import(batch, actor=actor)
    batch.refresh_from_db()
    assert (batch.status, bytes(batch.content)) == (ImportStatus.DISCARDED, b"")


@pytest.mark.parametrize(
    ("file_name", "content", "message"),
    [
        ("figures.ods", b"x", "Only CSV and XLSX"),
        ("figures.csv", b"year,amount\n2020,1\n", "no column"),
    ],
)
def test_an_unreadable_upload_is_refused_at_once(world, file_name, content, message):
    with pytest.raises(RecoveryError, match=message):
        services.start_import(actor=world.people["secretariat"], file_name=file_name, content=content)
    assert not ImportBatch.objects.exists()


def test_people_who_enter_nothing_cannot_upload(world):
    with pytest.raises(RecoveryError, match="Only the secretariat"):
        services.start_import(actor=world.people["aut_delegate"], file_name="f.csv", content=csv_bytes(GOOD))


def test_setting_a_rate_converts_its_records_again(world):
    secretariat = world.people["secretariat"]
    services.import_file(
        csv_bytes(GOOD, "2020,Austria,Germany,seized,800,EUR,1,,,"), "f.csv", actor=secretariat
    )
    changed = services.set_rate(
        actor=secretariat, currency="chf", year=2020, units_per_usd="0.5", source="Table 3"
    )
    assert changed == 1
    usd = dict(RecoveryRecord.objects.values_list("currency", "amount_usd"))
    assert usd == {"CHF": Decimal("1800.00"), "EUR": Decimal("1000.00")}
    record = RecoveryRecord.objects.get(currency="CHF")
    assert record.history.first().history_change_reason == "rate CHF 2020"
    assert ExchangeRate.objects.get(currency="CHF", year=2020).source == "Table 3"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"currency": "USD"}, "always 1"),
        ({"currency": "QQQ"}, "not an ISO 4217"),
        ({"units_per_usd": "-2"}, "not a positive number"),
        ({"year": 1990}, "out of range"),
    ],
)
def test_bad_rates_are_refused(world, fields, message):
    data = {"currency": "GBP", "year": 2020, "units_per_usd": "0.8", **fields}
    with pytest.raises(RecoveryError, match=message):
        services.set_rate(actor=world.people["secretariat"], **data)
    assert not ExchangeRate.objects.filter(currency="GBP").exists()


def test_only_the_secretariat_sets_rates(world):
    with pytest.raises(RecoveryError, match="Only the secretariat"):
        services.set_rate(
            actor=world.people["aut_focal_point"], currency="GBP", year=2020, units_per_usd="0.8"
        )


def test_rates_import_all_or_nothing_with_each_bad_line_named(world):
    secretariat = world.people["secretariat"]
    header = "currency,year,units_per_usd,source"
    bad = csv_bytes("GBP,2020,0.78,Table 1", "XYZ,2020,1,", "GBP,2020,0.79,", "GBP,2021,zero,", header=header)
    with pytest.raises(RecoveryError) as refusal:
        services.import_rates(bad, "rates.csv", actor=secretariat)
    message = " ".join(refusal.value.messages)
    assert "line 3: “XYZ” is not an ISO 4217 currency code" in message
    assert "line 4: GBP 2020 is already on line 2" in message
    assert "line 5: the rate “zero” is not a number" in message
    assert not ExchangeRate.objects.filter(currency="GBP").exists()
    stored, converted = services.import_rates(
        csv_bytes("GBP,2020,0.78,Table 1", "EUR,2020,0.5,", header=header), "rates.csv", actor=secretariat
    )
    assert (stored, converted) == (2, 0)
    assert ExchangeRate.objects.get(currency="EUR", year=2020).units_per_usd == Decimal("0.5")
