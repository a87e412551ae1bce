from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionKind(models.TextChoices):
    REGULAR = "regular", _("Regular session")
    SPECIAL = "special", _("Special session")
    RESUMED = "resumed", _("Resumed session")
