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

    @property
    def display_name(self) -> str:
        """The full name, or the user name for an account without one."""
        return self.get_full_name() or self.get_username()

    @cached_property
    def role_pairs(self) -> frozenset[tuple[str, int | None, str]]:
        """(organisation kind, State id or None, role) for each membership, fetched once per request."""
        return frozenset(
            (m.organisation.kind, m.organisation.state_id, m.role)
            for m in self.memberships.select_related("organisation")
        )


class Organisation(models.Model):
    """The secretariat, a State's delegation (one per State) or an observer organisation."""

    class UNSystemKind(models.TextChoices):
        """What part of the United Nations system an entity belongs to. Reports that list the UN system
        by kind (COSP7, 2017) follow this order; see meetings/attendance.py."""

        SECRETARIAT = "secretariat", _("Secretariat unit")
        PROGRAMME = "programme", _("United Nations body, fund or programme")
        CONVENTION = "convention", _("Convention secretariat")
        INSTITUTE = "institute", _("Institute of the crime prevention and criminal justice programme network")
        SPECIALIZED_AGENCY = "specialized_agency", _("Specialized agency")
        OTHER = "other", _("Other organization of the United Nations system")

    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    # A stable key for organisations loaded from the project's data files (names change over time).
    code = models.SlugField(_("code"), max_length=60, blank=True)
    name = models.CharField(_("name"), max_length=300)  # translated: see translation.py
    abbreviation = models.CharField(_("abbreviation"), max_length=40, blank=True)
    # The name UN documents used before a change of name (translated), and the last year they used it:
    # a session report of that year or earlier names the organisation so, and sorts it by that name.
    former_name = models.CharField(_("former name"), max_length=300, blank=True)
    former_name_until = models.PositiveSmallIntegerField(
        _("former name used until (year)"), null=True, blank=True
    )
    un_system_kind = models.CharField(
        _("part of the United Nations system"), max_length=20, choices=UNSystemKind.choices, blank=True
    )
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
            ),
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="unique_organisation_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name


def organisation_for_state(state) -> Organisation:
    """The State's delegation as an organisation (one per State), created when first needed."""
    organisation, _ = Organisation.objects.get_or_create(
        kind=OrganisationKind.STATE,
        state=state,
        defaults={"name_en": state.short_name_en, "name_zh_hans": state.short_name_zh_hans},
    )
    return organisation


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
