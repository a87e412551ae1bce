"""The repository's demo on the reference data and the core demo accounts: run twice, same result."""

import pytest

from cosp.core.demo import create_demo_accounts
from cosp.knowledge.demo import CONTRIBUTIONS, load_knowledge_demo
from cosp.knowledge.enums import ContributionStatus
from cosp.knowledge.models import Contribution
from cosp.knowledge.queries import search

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_demo_runs_twice_with_the_same_result(reference_db):
    create_demo_accounts()
    first = load_knowledge_demo()
    count = Contribution.objects.count()
    assert load_knowledge_demo() == first
    assert Contribution.objects.count() == count == len(CONTRIBUTIONS) == 12
    assert (
        first[0]
        == "repository of contributions: Austria (focalpoint): 1 draft, 1 submitted, 3 published, 1 returned"
    )
    assert Contribution.objects.filter(status=ContributionStatus.SUBMITTED).count() == 1
    assert Contribution.objects.filter(status=ContributionStatus.RETURNED).get().return_reason
    chinese = Contribution.objects.filter(language="zh", status=ContributionStatus.PUBLISHED)
    assert chinese.count() == 3
    assert Contribution.objects.filter(
        organisation__memberships__user__username="observer", language="zh"
    ).exists()
    tagged = Contribution.objects.get(title="Results of the asset recovery agency")
    assert sorted(a.number for a in tagged.articles.all()) == [31, 54]
    assert {c.title for c in search("追回", None)[0]} == {"追逃追赃工作的经验", "奥地利建立受益所有人登记簿"}
