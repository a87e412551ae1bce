"""The demo: real States parties, idempotent, a report with both notified and missing States."""

import pytest

from cosp.authorities.demo import load_authorities_demo
from cosp.authorities.enums import AuthorityKind, ProposalStatus, Provision, Reservation
from cosp.authorities.models import Authority, Notification, Proposal
from cosp.authorities.queries import not_notified
from cosp.core.demo import create_demo_accounts

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_the_demo_runs_twice_with_the_same_result(reference_db):
    create_demo_accounts()
    first = load_authorities_demo()
    counts = (Authority.objects.count(), Notification.objects.count(), Proposal.objects.count())
    assert load_authorities_demo() == first
    assert (Authority.objects.count(), Notification.objects.count(), Proposal.objects.count()) == counts
    assert "for 40 States parties" in first[0]
    assert any("focalpoint" in line for line in first)

    assert Authority.objects.values("state").distinct().count() == 40
    china = Authority.objects.get(state__iso3="CHN", kind=AuthorityKind.CENTRAL_AUTHORITY)
    assert china.name_zh_hans == "司法部国际合作局"
    assert Notification.objects.get(state__iso3="AUT", provision=Provision.MLA_LANGUAGES).languages == [
        "de",
        "en",
    ]
    reservations = Notification.objects.filter(provision=Provision.RESERVATION)
    assert reservations.filter(reservation=Reservation.MADE).count() >= 2
    assert reservations.filter(reservation=Reservation.WITHDRAWN).count() == 1
    pending = Proposal.objects.get()
    assert pending.status == ProposalStatus.PENDING
    assert pending.proposed_by.username == "focalpoint"
    assert pending.state.iso3 == "AUT"

    report = not_notified()
    complete = [row for row in report.rows if not row.missing]
    incomplete_demo = [row for row in report.rows if row.missing and row.state.authorities.exists()]
    assert complete
    assert incomplete_demo
    assert report.totals.parties > 150  # every State party of the reference data
