"""Choices stored by the reviews app. The rule modules keep their own StrEnums (timeline.Step,
findings.FindingType ...); these TextChoices reuse their values so a stored value is a rule value."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import findings, timeline


class DrawAction(models.TextChoices):
    DRAW = "draw", _("Drawing of lots for the cycle")
    REDRAW = "redraw", _("Redraw of one State's reviewers")


class Step(models.TextChoices):
    NOTIFICATION = timeline.Step.NOTIFICATION, _("Notification of the review")
    FOCAL_POINT_NOMINATION = timeline.Step.FOCAL_POINT_NOMINATION, _("Nomination of the focal point")
    KICK_OFF_CALL = timeline.Step.KICK_OFF_CALL, _("Kick-off call")
    SELF_ASSESSMENT = timeline.Step.SELF_ASSESSMENT, _("Self-assessment checklist")
    CIRCULATION = timeline.Step.CIRCULATION, _("Circulation to the reviewing experts")
    DESK_REVIEW = timeline.Step.DESK_REVIEW, _("Desk review")
    DESK_REVIEW_CALL = timeline.Step.DESK_REVIEW_CALL, _("Call on the desk review")
    DIALOGUE = timeline.Step.DIALOGUE, _("Active dialogue")
    DIRECT_DIALOGUE = timeline.Step.DIRECT_DIALOGUE, _("Country visit or joint meeting")
    DRAFT_REPORT = timeline.Step.DRAFT_REPORT, _("Draft country review report")
    DRAFT_COMMENTS = timeline.Step.DRAFT_COMMENTS, _("Comments on the draft")
    AGREEMENT = timeline.Step.AGREEMENT, _("Agreement on the report")
    EXECUTIVE_SUMMARY = timeline.Step.EXECUTIVE_SUMMARY, _("Executive summary")
    TRANSLATION = timeline.Step.TRANSLATION, _("Translation")
    PUBLICATION = timeline.Step.PUBLICATION, _("Publication")


class DirectDialogueKind(models.TextChoices):
    COUNTRY_VISIT = timeline.DirectDialogueKind.COUNTRY_VISIT, _("Country visit")
    JOINT_MEETING_VIENNA = timeline.DirectDialogueKind.JOINT_MEETING_VIENNA, _("Joint meeting in Vienna")


class ChecklistStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    LOCKED = "locked", _("Locked")  # circulated to the experts: no further change


class Implementation(models.TextChoices):
    """A State's own answer to "is the provision implemented?" (RULES.md 4.7, question 1)."""

    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class AssistanceType(models.TextChoices):
    """Kinds of technical assistance, as the checklist and the reports name them (our list)."""

    LEGAL_ADVICE = "legal_advice", _("Legal advice or legislative drafting")
    CAPACITY_BUILDING = "capacity_building", _("Capacity-building and training")
    INSTITUTION_BUILDING = "institution_building", _("Institution-building")
    POLICY = "policy", _("Policy-making and strategy")
    GOOD_PRACTICES = "good_practices", _("Summary of good practices and lessons learned")
    DATA = "data", _("Data collection and statistics")
    TECHNOLOGY = "technology", _("Technology and equipment")
    COOPERATION = "cooperation", _("International cooperation arrangements")
    OTHER = "other", _("Other assistance")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class ReportKind(models.TextChoices):
    REPORT = "report", _("Country review report")
    SUMMARY = "summary", _("Executive summary")


class ReportStatus(models.TextChoices):
    DRAFTING = "drafting", _("Being drafted")
    WITH_STATE = "with_state", _("Sent to the State under review")
    AGREED = "agreed", _("Agreed")


class FindingType(models.TextChoices):
    GOOD_PRACTICE = findings.FindingType.GOOD_PRACTICE, _("Good practice")
    CHALLENGE = findings.FindingType.CHALLENGE, _("Challenge")
    RECOMMENDATION = findings.FindingType.RECOMMENDATION, _("Recommendation")
    TECHNICAL_ASSISTANCE_NEED = findings.FindingType.TECHNICAL_ASSISTANCE_NEED, _("Technical-assistance need")
    OBSERVATION = findings.FindingType.OBSERVATION, _("Observation")


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = findings.ImplementationStatus.NOT_STARTED, _("Not started")
    PARTLY = findings.ImplementationStatus.PARTLY, _("Partly implemented")
    FULLY = findings.ImplementationStatus.FULLY, _("Fully implemented")


class FollowUpSource(models.TextChoices):
    REVIEW = findings.FollowUpSource.REVIEW, _("The review")
    LATER_REVIEW = findings.FollowUpSource.LATER_REVIEW, _("A later review")
    STATE_REPORT = findings.FollowUpSource.STATE_REPORT, _("The State's own report")
