"""Kinds of authority, the provisions a State notifies under, and the states of a proposed change."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuthorityKind(models.TextChoices):
    PREVENTION = "prevention", _("Prevention authority (art. 6(3))")
    CENTRAL_AUTHORITY = "central_authority", _("Central authority for mutual legal assistance (art. 46(13))")
    ASSET_RECOVERY = "asset_recovery", _("Asset-recovery focal point")
    OTHER = "other", _("Other competent authority")


class Provision(models.TextChoices):
    """The notifications of RULES.md section 2, plus the asset-recovery focal points the conference
    room papers list beside them. Keys are stable: they are stored and used in addresses."""

    PREVENTION = "6-3", _("Art. 6(3): prevention authorities")
    MONEY_LAUNDERING_LAWS = "23-2-d", _("Art. 23(2)(d): anti-money-laundering laws")
    EXTRADITION_BASIS = "44-6-a", _("Art. 44(6)(a): the Convention as legal basis for extradition")
    CENTRAL_AUTHORITY = "46-13", _("Art. 46(13): central authority for mutual legal assistance")
    MLA_LANGUAGES = "46-14", _("Art. 46(14): languages accepted for mutual legal assistance requests")
    CONFISCATION_LAWS = "55-5", _("Art. 55(5): laws on international cooperation for confiscation")
    RESERVATION = "66-3", _("Art. 66(3) and (4): reservation on dispute settlement and its withdrawal")
    ASSET_RECOVERY = "asset-recovery", _("Asset-recovery focal points")


class Timing(models.TextChoices):
    AT_DEPOSIT = "at_deposit", _("At the deposit of the instrument of ratification or accession")
    NO_DEADLINE = "no_deadline", _("No deadline; kept up to date")
    ANY_TIME = "any_time", _("At signature or deposit (reservation); withdrawal at any time")
    CONFERENCE_REQUEST = "conference_request", _("Asked by the Conference; no deadline")


class Reservation(models.TextChoices):
    MADE = "made", _("Reservation made")
    WITHDRAWN = "withdrawn", _("Reservation withdrawn")


class Status(models.TextChoices):
    """What the report says of one provision for one State."""

    NOTIFIED = "notified", _("Notified")
    MISSING = "missing", _("Not notified")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
    NONE_MADE = "none_made", _("None made")


class ProposalAction(models.TextChoices):
    CREATE = "create", _("New entry")
    CHANGE = "change", _("Change")
    REMOVE = "remove", _("Removal")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
