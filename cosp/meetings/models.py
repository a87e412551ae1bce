"""The Conference and its subsidiary bodies, and their sessions (the meetings issue adds the rest)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import SessionKind


class Body(models.Model):
    """The Conference, the Implementation Review Group, a working group or an expert meeting."""

    code = models.CharField(_("code"), max_length=20, unique=True)  # COSP, IRG, WG-PREV ...
    name = models.CharField(_("name"), max_length=300)  # translated
    abbreviation = models.CharField(_("abbreviation"), max_length=60, blank=True)  # translated
    symbol_prefix = models.CharField(_("document symbol prefix"), max_length=40, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.abbreviation or self.name


class Session(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)  # none for special ones
    kind = models.CharField(
        _("kind"), max_length=10, choices=SessionKind.choices, default=SessionKind.REGULAR
    )
    place = models.CharField(_("place"), max_length=200, blank=True)  # translated
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["body", "start"]
        constraints = [
            models.UniqueConstraint(fields=["body", "start"], name="one_session_per_body_and_start"),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        if self.kind == SessionKind.SPECIAL:
            label = _("special session")
            return f"{self.body} {label} {self.start:%Y}"
        return f"{self.body} {self.number} ({self.start:%Y})"
