"""The cooperation demo on the reference data: Kenya's central authority with a request at every
status (one overdue, a refusal after consultation), two counterpart accounts, older anonymous requests
for the statistics; running it again changes nothing."""

import pytest
from django.utils import timezone

from cosp.cooperation import access, queries
from cosp.cooperation.demo import load_cooperation_demo
from cosp.cooperation.enums import Status
from cosp.cooperation.models import Request
from cosp.core.demo import DEMO_PASSWORD, create_demo_accounts
from cosp.core.models import User

pytestmark = [pytest.mark.integration]


@pytest.mark.django_db
def test_the_demo_has_every_status_and_runs_again_unchanged(reference_db):
    create_demo_accounts()
    lines = load_cooperation_demo()
    assert "centralauthority.gbr (GBR)" in lines[0]
    assert DEMO_PASSWORD in lines[0]
    counts = (Request.objects.count(), sum(r.changes.count() for r in Request.objects.all()))

    kenya = User.objects.get(username="centralauthority")
    rows = queries.my_requests(kenya, timezone.localdate())
    assert {row.request.status for row in rows} == set(Status.values)
    assert [row.request.requesting_reference for row in rows if row.overdue] == ["KEN-DEMO-10"]
    assert rows[0].overdue  # overdue first
    refused = Request.objects.get(requesting_reference="KEN-DEMO-08")
    assert refused.consultations.exists()
    assert set(refused.reasons.values_list("reason", flat=True)) == {"dual_criminality", "bank_secrecy"}

    for username in ("centralauthority.gbr", "centralauthority.che"):
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD)
        assert access.is_central_authority(user)
    # The British official sees Kenya's requests to the United Kingdom once sent, never the draft.
    british = {
        r.requesting_reference
        for r in access.visible_requests(User.objects.get(username="centralauthority.gbr"))
    }
    assert "KEN-DEMO-04" in british
    assert "KEN-DEMO-01" not in british
    assert "KEN-DEMO-02" not in british  # to Switzerland

    report = queries.statistics_report()
    assert report.total > 60
    assert all(count is None or count >= 3 or count == 0 for _, count in report.by_kind)

    assert load_cooperation_demo() == lines
    assert counts == (Request.objects.count(), sum(r.changes.count() for r in Request.objects.all()))
