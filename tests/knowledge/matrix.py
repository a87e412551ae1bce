"""The knowledge app's rows of the permission matrix (tests/core/test_permissions_matrix.py).

`world(austria)` creates what the paths name and returns the values to format them with; the users
of the matrix are AUT's (see tests/helpers.ROLES)."""

from django.core.files.base import ContentFile
from django.utils import timezone

from cosp.core.models import organisation_for_state
from cosp.knowledge.enums import ContributionStatus
from cosp.knowledge.models import Contribution, ContributionFile

A, OBS, D, F, S = "anonymous", "observer", "delegate", "focal_point", "secretariat"
EVERYONE = {A: 200, OBS: 200, D: 200, F: 200, S: 200}
SECRETARIAT_ONLY = {A: 302, OBS: 403, D: 403, F: 403, S: 200}
# A State's focal point, an observer organisation's representative and the secretariat submit.
SUBMITTERS = {A: 302, OBS: 200, D: 403, F: 200, S: 200}
# Austria's draft: its delegation's members and the secretariat see it; its focal point and the
# secretariat change it.
AUSTRIA_SEES = {A: 302, OBS: 403, D: 200, F: 200, S: 200}
AUSTRIA_CHANGES = {A: 302, OBS: 403, D: 403, F: 200, S: 200}

ROWS: dict = {
    "knowledge:list": ("/knowledge/", EVERYONE),
    "knowledge:counts": ("/knowledge/counts/", EVERYONE),
    "knowledge:add": ("/knowledge/submit/", SUBMITTERS),
    "knowledge:mine": ("/knowledge/mine/", SUBMITTERS),
    "knowledge:queue": ("/knowledge/moderation/", SECRETARIAT_ONLY),
    "knowledge:detail": ("/knowledge/{knowledge_draft}/", AUSTRIA_SEES),
    "knowledge:edit": ("/knowledge/{knowledge_draft}/edit/", AUSTRIA_CHANGES),
    "knowledge:submit": ("/knowledge/{knowledge_draft}/submit/", AUSTRIA_CHANGES),
    "knowledge:withdraw": ("/knowledge/{knowledge_draft}/withdraw/", AUSTRIA_CHANGES),
    "knowledge:moderate": ("/knowledge/{knowledge_submitted}/moderate/", SECRETARIAT_ONLY),
    # A published contribution's file is public.
    "knowledge:file": ("/knowledge/{knowledge_published}/files/{knowledge_file}/", EVERYONE),
    # The API gives published contributions only, to everyone.
    "api:list_contributions": ("/api/contributions", EVERYONE),
    "api:get_contribution": ("/api/contributions/{knowledge_published}", EVERYONE),
}


def world(austria) -> dict:
    delegation = organisation_for_state(austria)
    common = {"organisation": delegation, "language": "en", "year": 2024, "text": "On procurement."}
    draft = Contribution.objects.create(title="Draft", **common)
    submitted = Contribution.objects.create(
        title="Submitted", status=ContributionStatus.SUBMITTED, submitted_at=timezone.now(), **common
    )
    published = Contribution.objects.create(
        title="Published", status=ContributionStatus.PUBLISHED, published_at=timezone.now(), **common
    )
    stored = ContributionFile(contribution=published, title="Report", size=20)
    stored.file.save("report.txt", ContentFile(b"A published report."), save=True)
    return {
        "knowledge_draft": draft.pk,
        "knowledge_submitted": submitted.pk,
        "knowledge_published": published.pk,
        "knowledge_file": stored.pk,
    }
