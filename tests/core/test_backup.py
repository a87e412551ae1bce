import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cosp.core.backup import EXCLUDED
from cosp.core.enums import Role
from cosp.states.models import RegionalGroup

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def snapshot() -> list[dict]:
    out = StringIO()
    call_command("dumpdata", exclude=EXCLUDED, natural_foreign=True, stdout=out, verbosity=0)
    return sorted(json.loads(out.getvalue()), key=lambda row: (row["model"], str(row["pk"])))


@pytest.fixture
def populated(make_user, make_state):
    group = RegionalGroup.objects.create(
        code="WEOG", name_en="Western European and other States", name_zh_hans="西欧"
    )
    make_state("AUT", short_name_en="Austria", short_name_zh_hans="奥地利", regional_group=group)
    make_user(Role.FOCAL_POINT, username="fp", state="AUT")
    make_user(Role.SECRETARIAT_OFFICER, username="sec")


@pytest.mark.parametrize("filename", ["backup.json", "backup.json.gz"])
def test_backup_restored_into_empty_database_gives_the_same_data(populated, tmp_path, filename):
    before = snapshot()
    path = tmp_path / filename
    call_command("backup", str(path), stdout=StringIO())
    call_command("flush", interactive=False, verbosity=0)
    assert not RegionalGroup.objects.exists()

    call_command("restore", str(path), stdout=StringIO())

    assert snapshot() == before
    assert RegionalGroup.objects.get(code="WEOG").name_zh_hans == "西欧"


def test_restore_refuses_a_database_that_is_not_empty(populated, tmp_path):
    path = tmp_path / "backup.json"
    call_command("backup", str(path), stdout=StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(path))


def test_restore_with_replace_swaps_the_data(populated, tmp_path):
    path = tmp_path / "backup.json"
    call_command("backup", str(path), stdout=StringIO())
    before = snapshot()
    RegionalGroup.objects.create(code="AFR", name_en="African States")

    call_command("restore", str(path), replace=True, stdout=StringIO())

    assert snapshot() == before


def test_restore_of_a_broken_file_leaves_the_database_as_it_was(populated, tmp_path):
    before = snapshot()
    path = tmp_path / "broken.json"
    path.write_text('[{"model": "states.regionalgroup", "pk": 99, "fields": {"code": null}}]')

    with pytest.raises(Exception, match=r"regionalgroup|NOT NULL|null"):
        call_command("restore", str(path), replace=True)

    assert snapshot() == before


def test_restore_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(CommandError, match="No backup file"):
        call_command("restore", str(tmp_path / "nope.json"))


def test_backup_keeps_timestamps_to_the_microsecond(populated, tmp_path):
    # Django's stock JSON encoder keeps milliseconds only; a restore must not shift the audit trail.
    RegionalGroup.history.update(history_date=datetime(2024, 5, 6, 7, 8, 9, 123, tzinfo=UTC))
    before = snapshot()
    path = tmp_path / "backup.json"
    call_command("backup", str(path), stdout=StringIO())

    call_command("restore", str(path), replace=True, stdout=StringIO())

    assert snapshot() == before
    assert RegionalGroup.history.first().history_date.microsecond == 123
