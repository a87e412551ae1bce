"""The kinds the statistics are counted by: measures taken on assets, and the offences of chapter III."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Measure(models.TextChoices):
    """What was done to the assets, in the order assets go through (freezing first, return last).

    The four are stages of the same assets, so amounts of different measures are never added up."""

    FROZEN = "frozen", _("Frozen")
    SEIZED = "seized", _("Seized")
    CONFISCATED = "confiscated", _("Confiscated")
    RETURNED = "returned", _("Returned")


class Offence(models.TextChoices):
    """The offences the Convention asks States to establish (chapter III), by their article; "other"
    for offences outside them (a record may name several)."""

    ART_15 = "15", _("Bribery of national public officials (art. 15)")
    ART_16 = "16", _("Bribery of foreign public officials (art. 16)")
    ART_17 = "17", _("Embezzlement by a public official (art. 17)")
    ART_18 = "18", _("Trading in influence (art. 18)")
    ART_19 = "19", _("Abuse of functions (art. 19)")
    ART_20 = "20", _("Illicit enrichment (art. 20)")
    ART_21 = "21", _("Bribery in the private sector (art. 21)")
    ART_22 = "22", _("Embezzlement in the private sector (art. 22)")
    ART_23 = "23", _("Laundering of proceeds of crime (art. 23)")
    ART_24 = "24", _("Concealment (art. 24)")
    ART_25 = "25", _("Obstruction of justice (art. 25)")
    OTHER = "other", _("Other offence")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    IMPORTED = "imported", _("Imported")
    DISCARDED = "discarded", _("Discarded")
