"""Choices stored by the knowledge app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContributionStatus(models.TextChoices):
    """The life of a contribution:

    draft ──submit──▶ submitted ──publish (secretariat)──▶ published
      ▲                   │
      └──returned◀────────┘ return with a reason (secretariat); the submitter edits and submits again
    Any of them ──withdraw (submitter or secretariat)──▶ withdrawn
    """

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, awaiting moderation")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned to the submitter")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The submitter may change the contribution only while it is with them.
EDITABLE = frozenset({ContributionStatus.DRAFT, ContributionStatus.RETURNED})


class ModerationAction(models.TextChoices):
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned")
