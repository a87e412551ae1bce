"""Users, the organisations they belong to, and their roles (the shared layer's accounts)."""

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .enums import ROLES_BY_KIND, ObserverCategory, OrganisationKind, Role


class User(AbstractUser):
    """A person who signs in. What they may do follows from their memberships (see rules.py)."""

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    @cached_property
    def role_pairs(self) -> frozenset[tuple[str, int | None, str]]:
        """(organisation kind, State id or None, role) for each membership, fetched once per request."""
        return frozenset(
            (m.organisation.kind, m.organisation.state_id, m.role)
            for m in self.memberships.select_related("organisation")
        )


class Organisation(models.Model):
    """The secretariat, a State's delegation (one per State) or an observer organisation."""

    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=300)  # translated: see translation.py
    abbreviation = models.CharField(_("abbreviation"), max_length=40, blank=True)
    state = models.OneToOneField(
        "states.State",
        verbose_name=_("State"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegation",
    )
    observer_category = models.CharField(
        _("observer category"), max_length=20, choices=ObserverCategory.choices, blank=True
    )

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=OrganisationKind.STATE, state__isnull=False)
                | (~models.Q(kind=OrganisationKind.STATE) & models.Q(state__isnull=True)),
                name="state_delegation_has_state",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """One role of one user in one organisation; a user may hold several (focal point and expert)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_membership_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.organisation})"

    def clean(self) -> None:
        if self.organisation_id and self.role not in ROLES_BY_KIND[self.organisation.kind]:
            raise ValidationError(
                {
                    "role": _("A %(kind)s cannot have this role.")
                    % {"kind": self.organisation.get_kind_display()}
                }
            )
