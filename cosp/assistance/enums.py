"""Choices stored by the assistance app. Types of assistance and priorities are the reviews app's own
(cosp.reviews.enums.AssistanceType, Priority), so a need from a checklist or a finding and a State's
own entry speak the same language."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NeedSource(models.TextChoices):
    FINDING = "finding", _("Country review (finding)")
    CHECKLIST = "checklist", _("Self-assessment checklist")
    STATE = "state", _("The State's own entry")


# Needs mirrored from a country review: their text and article come from the review, and they are
# as public as the review material that holds them.
REVIEW_SOURCES = (NeedSource.FINDING, NeedSource.CHECKLIST)


class NeedStatus(models.TextChoices):
    UNMET = "unmet", _("Unmet")
    IN_PROGRESS = "in_progress", _("In progress")
    MET = "met", _("Met")
