"""Reads that encode rules: what a State has on record, and the report's counts under its filters."""

import pytest

from cosp.authorities import queries
from cosp.authorities.enums import AuthorityKind, Provision
from cosp.authorities.models import Authority

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_a_territorys_central_authority_does_not_notify_art_46_13_for_the_state(kenya):
    # Art. 46(13): one central authority for the State, and optionally one per territory beside it.
    Authority.objects.create(
        state=kenya, kind=AuthorityKind.CENTRAL_AUTHORITY, name_en="Office for Zanzibar", territory="Zanzibar"
    )
    assert Provision.CENTRAL_AUTHORITY.value in queries.not_notified().rows[0].missing
    Authority.objects.create(state=kenya, kind=AuthorityKind.CENTRAL_AUTHORITY, name_en="Attorney General")
    assert Provision.CENTRAL_AUTHORITY.value not in queries.not_notified().rows[0].missing


def test_a_removed_authority_no_longer_counts(austria, central_authority):
    assert Provision.CENTRAL_AUTHORITY.value not in queries.not_notified().rows[0].missing
    central_authority.removed_on = central_authority.designated_on
    central_authority.save()
    assert Provision.CENTRAL_AUTHORITY.value in queries.not_notified().rows[0].missing


def test_the_row_filters_leave_the_counts_whole(austria, kenya, central_authority):
    report = queries.not_notified(provision=Provision.CENTRAL_AUTHORITY.value)
    assert [row.state.iso3 for row in report.rows] == ["KEN"]
    assert report.totals.parties == 2
    assert report.totals.missing[Provision.CENTRAL_AUTHORITY.value] == 1
    assert report.totals.missing[Provision.PREVENTION.value] == 2
    assert queries.not_notified(only_missing=True).totals.complete == 0
