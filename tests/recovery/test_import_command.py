"""cosp import_recovery FILE --user NAME: the same checks as the web import, all or nothing unless
--good-rows-only, every bad row printed with its line."""

import pytest
from django.core.management import CommandError, call_command

from cosp.recovery.models import ImportBatch, RecoveryRecord

from .conftest import csv_bytes

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def mixed_file(tmp_path):
    path = tmp_path / "figures.csv"
    path.write_bytes(
        csv_bytes("2020,Austria,Switzerland,frozen,900,CHF,1,,,", "2020,Austria,Narnia,frozen,900,CHF,1,,,")
    )
    return path


def test_a_file_with_errors_is_refused_and_its_bad_rows_printed(world, mixed_file, capsys):
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_recovery", str(mixed_file), user="aut-fp", no_progress=True)
    assert "line 3: unknown State “Narnia” (requested State)" in capsys.readouterr().err
    assert not RecoveryRecord.objects.exists()
    assert not ImportBatch.objects.exists()


def test_the_good_rows_only_when_asked(world, mixed_file, capsys):
    call_command("import_recovery", str(mixed_file), user="aut-fp", good_rows_only=True)
    assert "1 records imported, 1 rows left out." in capsys.readouterr().out
    assert RecoveryRecord.objects.get().entered_by.username == "aut-fp"


def test_the_permissions_of_the_account_apply(world, mixed_file):
    with pytest.raises(CommandError, match="Only the secretariat"):
        call_command("import_recovery", str(mixed_file), user="aut-delegate", good_rows_only=True)
    with pytest.raises(CommandError, match="No account"):
        call_command("import_recovery", str(mixed_file), user="nobody")
