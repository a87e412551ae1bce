"""Choices stored by the cooperation app. The statuses and reasons are the rule module's values
(workflow.py), so a stored value is a rule value."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import workflow


class RequestKind(models.TextChoices):
    MUTUAL_LEGAL_ASSISTANCE = "mla", _("Mutual legal assistance")
    EXTRADITION = "extradition", _("Extradition")
    ASSET_RECOVERY = "asset_recovery", _("Asset recovery")


class AssetRecoveryStep(models.TextChoices):
    """What an asset-recovery request asks for (chapter V)."""

    TRACING = "tracing", _("Identifying and tracing")
    FREEZING = "freezing", _("Freezing or seizure")
    CONFISCATION = "confiscation", _("Confiscation")
    RETURN = "return", _("Return of assets")


class LegalBasis(models.TextChoices):
    CONVENTION = "convention", _("The Convention")
    TREATY = "treaty", _("A treaty")
    RECIPROCITY = "reciprocity", _("Reciprocity")
    DOMESTIC_LAW = "domestic_law", _("Domestic law")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")


class Status(models.TextChoices):
    DRAFT = workflow.Status.DRAFT, _("Draft")
    SENT = workflow.Status.SENT, _("Sent")
    RECEIVED = workflow.Status.RECEIVED, _("Received")
    ACKNOWLEDGED = workflow.Status.ACKNOWLEDGED, _("Acknowledged")
    IN_EXECUTION = workflow.Status.IN_EXECUTION, _("In execution")
    EXECUTED = workflow.Status.EXECUTED, _("Executed")
    PARTIALLY_EXECUTED = workflow.Status.PARTIALLY_EXECUTED, _("Partially executed")
    REFUSED = workflow.Status.REFUSED, _("Refused")
    WITHDRAWN = workflow.Status.WITHDRAWN, _("Withdrawn")


class Reason(models.TextChoices):
    DUAL_CRIMINALITY = workflow.Reason.DUAL_CRIMINALITY, _("Absence of dual criminality")
    INSUFFICIENT_INFORMATION = workflow.Reason.INSUFFICIENT_INFORMATION, _("Insufficient information")
    BANK_SECRECY = workflow.Reason.BANK_SECRECY, _("Bank secrecy")
    STATUTE_OF_LIMITATIONS = workflow.Reason.STATUTE_OF_LIMITATIONS, _("Statute of limitations")
    POLITICAL_OFFENCE = workflow.Reason.POLITICAL_OFFENCE, _("Political offence")
    FISCAL_MATTERS = workflow.Reason.FISCAL_MATTERS, _("Fiscal matters")
    NE_BIS_IN_IDEM = workflow.Reason.NE_BIS_IN_IDEM, _("Ne bis in idem (already tried)")
    ESSENTIAL_INTERESTS = (
        workflow.Reason.ESSENTIAL_INTERESTS,
        _("Sovereignty, security, public order or other essential interests"),
    )
    ONGOING_PROCEEDINGS = (
        workflow.Reason.ONGOING_PROCEEDINGS,
        _("Interference with ongoing investigation or proceedings"),
    )
    DE_MINIMIS = workflow.Reason.DE_MINIMIS, _("Matter of a de minimis nature")
    NATIONALITY = workflow.Reason.NATIONALITY, _("Person sought is a national")
    DISCRIMINATION = workflow.Reason.DISCRIMINATION, _("Risk of prosecution on discriminatory grounds")
    LANGUAGE = workflow.Reason.LANGUAGE, _("Language or translation of the request")
    OTHER = workflow.Reason.OTHER, _("Other")


class ReasonPurpose(models.TextChoices):
    REFUSAL = "refusal", _("Refusal")
    DELAY = "delay", _("Delay")


class Step(models.TextChoices):
    ACKNOWLEDGE = workflow.Step.ACKNOWLEDGE, _("Acknowledgement")
    EXECUTE = workflow.Step.EXECUTE, _("Execution")


class Side(models.TextChoices):
    REQUESTING = workflow.Side.REQUESTING, _("Requesting State")
    REQUESTED = workflow.Side.REQUESTED, _("Requested State")
