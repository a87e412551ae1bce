"""The vocabularies of outcomes: kinds, paragraph kinds, addressees, mandate statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OutcomeKind(models.TextChoices):
    # Resolutions and decisions are numbered in separate series: resolution 7/1 is not decision 7/1.
    RESOLUTION = "resolution", pgettext_lazy("outcome", "Resolution")
    DECISION = "decision", pgettext_lazy("outcome", "Decision")


class ParagraphKind(models.TextChoices):
    PREAMBULAR = "preambular", _("Preambular")
    OPERATIVE = "operative", _("Operative")


class Addressee(models.TextChoices):
    """Who a paragraph asks to act (the classifier's canonical names)."""

    SECRETARIAT = "secretariat", _("The secretariat (UNODC)")
    STATES_PARTIES = "states_parties", _("States parties")
    MEMBER_STATES = "member_states", _("Member States")
    SIGNATORIES = "signatories", _("Signatories")
    CONFERENCE = "conference", _("The Conference")
    IRG = "irg", _("Implementation Review Group")
    WG_PREVENTION = "wg_prevention", _("Working group on prevention")
    WG_ASSET_RECOVERY = "wg_asset_recovery", _("Working group on asset recovery")
    EG_INTERNATIONAL_COOPERATION = (
        "eg_international_cooperation",
        _("Expert meeting on international cooperation"),
    )
    DONORS = "donors", _("Donors")
    EXECUTIVE_DIRECTOR = "executive_director", _("Executive Director of UNODC")
    SECRETARY_GENERAL = "secretary_general", _("Secretary-General")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    OTHER = "other", _("Other")


class MandateStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    REPORTED = "reported", _("Reported")
    COMPLETED = "completed", _("Completed")
    SUPERSEDED = "superseded", _("Superseded")


# A mandate still to be carried out: the tracker's default view.
PENDING_STATUSES = frozenset({MandateStatus.OPEN, MandateStatus.IN_PROGRESS})
