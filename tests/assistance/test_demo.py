"""The assistance demo on the real States parties, after the review demo (as `cosp demo` runs them):
needs mirrored from the demo reviews, States' own entries (one in Chinese), offers from two States
and UNODC, one need in progress and one met; running it again changes nothing."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from cosp.assistance import queries
from cosp.assistance.demo import load_assistance_demo
from cosp.assistance.enums import NeedSource, NeedStatus
from cosp.assistance.models import Engagement, Need, Offer
from cosp.core.demo import create_demo_accounts
from cosp.reviews.demo import load_review_demo
from cosp.reviews.enums import FindingType
from cosp.reviews.models import Finding

pytestmark = [pytest.mark.integration]

TODAY = dt.date(2026, 11, 22)


# First in the module: the reference data (`reference_db`, module-scoped) is not loaded yet.
@pytest.mark.django_db
def test_without_states_parties_the_demo_says_so_and_makes_nothing():
    assert load_assistance_demo(TODAY) == [
        "No States parties in the database: load the reference data first."
    ]
    assert not Need.objects.exists()


@pytest.mark.django_db
def test_the_demo_has_needs_offers_and_work_and_runs_again_unchanged(reference_db):
    create_demo_accounts()
    load_review_demo(TODAY)

    lines = load_assistance_demo(TODAY)

    findings = Finding.objects.filter(kind=FindingType.TECHNICAL_ASSISTANCE_NEED).count()
    assert findings > 0
    assert Need.objects.filter(source=NeedSource.FINDING).count() == findings
    assert Need.objects.filter(source=NeedSource.CHECKLIST).exists()
    own = Need.objects.filter(source=NeedSource.STATE)
    assert sorted(own.values_list("state__iso3", flat=True)) == ["CHN", "KEN", "PER"]
    assert own.get(state__iso3="CHN").language == "zh"
    assert "演示条目" in own.get(state__iso3="CHN").description
    providers = sorted(str(offer.provider) for offer in Offer.objects.select_related("provider"))
    assert len(providers) == 3
    assert any("UNODC" in name for name in providers)
    assert Need.objects.filter(status=NeedStatus.IN_PROGRESS).count() == 1
    met = Need.objects.get(status=NeedStatus.MET)
    assert met.source == NeedSource.FINDING
    assert met.review.summary_issued_on is not None  # the met one is public
    assert Engagement.objects.count() == 2
    # Needs of reviews whose summary is not issued stay with their circle.
    public = queries.visible_needs(AnonymousUser())
    assert public.filter(source=NeedSource.FINDING).count() < findings
    assert not public.filter(source=NeedSource.FINDING, review__summary_issued_on__isnull=True).exists()
    assert lines[0].startswith(f"Technical assistance: {findings} needs from review findings")

    counts = (Need.objects.count(), Offer.objects.count(), Engagement.objects.count())
    assert load_assistance_demo(TODAY) == lines
    assert (Need.objects.count(), Offer.objects.count(), Engagement.objects.count()) == counts
