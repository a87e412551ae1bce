"""The recovery app's rows of the permission matrix (tests/core/test_permissions_matrix.py).

`world(austria)` creates what the paths name and returns the values to format them with; the users
of the matrix are AUT's (see tests/helpers.ROLES)."""

from decimal import Decimal

from cosp.core.enums import Role
from cosp.core.models import Membership, Organisation, User
from cosp.recovery.models import ExchangeRate, ImportBatch, RecoveryRecord
from cosp.states.models import State
from tests.helpers import ROLES

A, OBS, D, F, S = "anonymous", "observer", "delegate", "focal_point", "secretariat"
EVERYONE = dict.fromkeys(ROLES, 200)
SECRETARIAT_ONLY = {A: 302, OBS: 403, D: 403, F: 403, S: 200}
# Records of AUT: the secretariat and AUT's officials see them; its focal point enters and corrects them.
AUT_OFFICIALS = {A: 302, OBS: 403, D: 200, F: 200, S: 200}
AUT_ENTRY = {A: 302, OBS: 403, D: 403, F: 200, S: 200}

ROWS: dict = {
    "recovery:statistics": ("/recovery/", EVERYONE),
    "recovery:statistics_export": ("/recovery/statistics.csv?group_by=requesting_state", EVERYONE),
    "recovery:records": ("/recovery/records/", AUT_OFFICIALS),
    "recovery:record_add": ("/recovery/records/add/", AUT_ENTRY),
    "recovery:record": ("/recovery/records/{recovery_record}/", AUT_OFFICIALS),
    "recovery:record_edit": ("/recovery/records/{recovery_record}/edit/", AUT_ENTRY),
    "recovery:record_delete": ("/recovery/records/{recovery_record}/delete/", AUT_ENTRY),
    "recovery:import": ("/recovery/import/", AUT_ENTRY),
    "recovery:import_template": ("/recovery/import/template.xlsx", EVERYONE),
    # A file uploaded by another official: only the secretariat sees it besides its uploader.
    "recovery:import_preview": ("/recovery/import/{recovery_batch}/", SECRETARIAT_ONLY),
    "recovery:rates": ("/recovery/rates/", EVERYONE),
    "recovery:rate_set": ("/recovery/rates/set/", SECRETARIAT_ONLY),
    "recovery:rate_import": ("/recovery/rates/import/", SECRETARIAT_ONLY),
    "api:recovery_statistics": ("/api/recovery/statistics?group_by=offence", EVERYONE),
    "api:recovery_rates": ("/api/recovery/rates", EVERYONE),
}


def world(austria) -> dict:
    switzerland, _ = State.objects.get_or_create(
        iso3="CHE", defaults={"iso2": "CH", "short_name_en": "Switzerland", "un_status": "member"}
    )
    ExchangeRate.objects.create(currency="CHF", year=2020, units_per_usd=Decimal("0.94"))
    record = RecoveryRecord.objects.create(
        year=2020,
        requesting_state=austria,
        requested_state=switzerland,
        measure="frozen",
        amount=Decimal("940000"),
        currency="CHF",
        amount_usd=Decimal("1000000"),
        cases=1,
        offence_codes="|15|",
    )
    # The uploader is a focal point of Switzerland, not one of the matrix's users.
    uploader = User.objects.create_user(username="recovery-uploader")
    Membership.objects.create(
        user=uploader,
        organisation=Organisation.objects.get_or_create(
            kind="state", state=switzerland, defaults={"name": "Switzerland"}
        )[0],
        role=Role.FOCAL_POINT,
    )
    batch = ImportBatch.objects.create(
        file_name="figures.csv",
        file_format="csv",
        content=b"year,requesting_state,requested_state,measure,amount,currency,cases\n"
        b"2020,CHE,AUT,frozen,10,USD,1\n",
        uploaded_by=uploader,
    )
    return {"recovery_record": record.pk, "recovery_batch": batch.pk}
