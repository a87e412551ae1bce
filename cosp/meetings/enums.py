"""The vocabularies of the meetings app. The rule modules (speakers, observers, credentials, bureau)
use these values as plain strings; the models use them as choices."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionKind(models.TextChoices):
    REGULAR = "regular", _("Regular session")
    SPECIAL = "special", _("Special session")
    RESUMED = "resumed", _("Resumed session")


class SessionFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")
    ONLINE = "online", _("Online")


class Level(models.TextChoices):
    """A speaker's or delegate's level, highest first (the order is the protocol order)."""

    HEAD_OF_STATE = "head_of_state", _("Head of State or Government")
    VICE_PRESIDENT = "vice_president", _("Vice-President or Deputy Head of Government")
    CABINET_MINISTER = "cabinet_minister", _("Minister (member of the cabinet)")
    MINISTER = "minister", _("Minister (not a member of the cabinet)")
    VICE_MINISTER = "vice_minister", _("Vice-minister or deputy minister")
    AMBASSADOR = "ambassador", _("Ambassador or permanent representative")
    SENIOR_OFFICIAL = "senior_official", _("Senior official")
    EXPERT = "expert", _("Expert")
    OTHER = "other", _("Other")


# Rule 2 of the speakers' list: "ministerial level or above" has priority. A minister outside the
# cabinet is not; a cabinet minister only once cabinet membership is confirmed (rule 3).
MINISTERIAL_LEVELS = frozenset({Level.HEAD_OF_STATE, Level.VICE_PRESIDENT, Level.CABINET_MINISTER})


class AttendanceGroup(models.TextChoices):
    """The paragraphs of a session report's attendance section, in the reports' order."""

    STATE_PARTY = "state_party", _("States parties")
    SIGNATORY = "signatory", _("Signatory States")
    NON_SIGNATORY = "non_signatory", _("Non-signatory States")
    REIO = "reio", _("Regional economic integration organizations")
    UN_ENTITY = "un_entity", _("Secretariat units, United Nations bodies and specialized agencies")
    PERMANENT_OBSERVER = "permanent_observer", _("Entities with a permanent observer office")
    IGO = "igo", _("Intergovernmental organizations")
    NGO_ECOSOC = "ngo_ecosoc", _("Non-governmental organizations in consultative status with ECOSOC")
    NGO_OTHER = "ngo_other", _("Other non-governmental organizations")


class AdmissionRoute(models.TextChoices):
    """How an observer is admitted under rules 14-17."""

    NOTICE = "notice", _("Prior written notice to the Secretary-General (rules 14 and 16)")
    BUREAU = "bureau", _("Application to the bureau (rules 15, 16(2) and 17(1))")
    NGO_LIST = "ngo_list", _("Application, circulated list and no-objection period (rule 17(2))")


class AdmissionStatus(models.TextChoices):
    APPLIED = "applied", _("Applied or notified")
    LISTED = "listed", _("On the circulated list")
    OBJECTED = "objected", _("Objection raised")
    REFERRED = "referred", _("Referred to the Conference")
    ADMITTED = "admitted", _("Admitted")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CredentialsStatus(models.TextChoices):
    NONE = "none", _("Nothing received")
    COPY = "copy", _("Copy received")
    ORIGINAL = "original", _("Original received")


class Office(models.TextChoices):
    PRESIDENT = "president", _("President")
    VICE_PRESIDENT = "vice_president", _("Vice-President")
    RAPPORTEUR = "rapporteur", _("Rapporteur")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Slot(models.TextChoices):
    MORNING = "morning", _("10 a.m.-1 p.m.")
    AFTERNOON = "afternoon", _("3-6 p.m.")
