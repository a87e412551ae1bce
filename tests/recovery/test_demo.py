"""The recovery demo on the reference data: rates and a few hundred records between real States parties;
a second run changes nothing and says the same."""

import pytest

from cosp.core.demo import create_demo_accounts
from cosp.core.models import User
from cosp.recovery.demo import DEMO_SOURCE, DEMO_USER, load_recovery_demo
from cosp.recovery.models import ExchangeRate, RecoveryRecord

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def snapshot() -> tuple:
    return (
        sorted(ExchangeRate.objects.values_list("currency", "year", "units_per_usd")),
        sorted(RecoveryRecord.objects.values_list("pk", "year", "requesting_state__iso3", "amount_usd")),
        RecoveryRecord.history.count(),
        User.objects.get(username=DEMO_USER).password,
    )


def test_the_demo_loads_once_and_again_changes_nothing(reference_db):
    create_demo_accounts()
    first = load_recovery_demo()
    before = snapshot()
    assert load_recovery_demo() == first
    assert snapshot() == before
    assert ExchangeRate.objects.count() == 5 * 11
    records = RecoveryRecord.objects.filter(source=DEMO_SOURCE)
    assert 250 <= records.count() <= 300
    assert not records.filter(requesting_state__instrument="").exists()
    assert not records.filter(requested_state__instrument="").exists()
    # The demo accounts have rows to see: Austria's focal point, Kenya's central authority.
    assert records.filter(requested_state__iso3="AUT").exists()
    assert records.filter(requesting_state__iso3="KEN").exists()
    assert "recovery.che" in " ".join(first)
    user = User.objects.get(username=DEMO_USER)
    assert user.has_perm("recovery.edit_record", records.filter(requested_state__iso3="CHE").first())
