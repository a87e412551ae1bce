from django.db import models
from django.utils.translation import gettext_lazy as _


class StateKind(models.TextChoices):
    STATE = "state", _("State")
    REIO = "reio", _("Regional economic integration organization")


class UNStatus(models.TextChoices):
    MEMBER = "member", _("Member State of the United Nations")
    OBSERVER_STATE = "observer_state", _("Non-member observer State")
    NON_MEMBER = "non_member", _("State not a member of the United Nations")
    ORGANIZATION = "organization", _("Organization")


class Instrument(models.TextChoices):
    """How a State became bound by the Convention (art. 67)."""

    RATIFICATION = "ratification", _("Ratification")
    ACCESSION = "accession", _("Accession")
    ACCEPTANCE = "acceptance", _("Acceptance")
    APPROVAL = "approval", _("Approval")
    SUCCESSION = "succession", _("Succession")
    FORMAL_CONFIRMATION = "formal_confirmation", _("Formal confirmation")


class ConventionStatus(models.TextChoices):
    """Derived, never stored: see State.convention_status."""

    PARTY = "party", _("State party")
    SIGNATORY = "signatory", _("Signatory")
    NON_SIGNATORY = "non_signatory", _("Neither signatory nor party")
