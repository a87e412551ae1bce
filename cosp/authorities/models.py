"""Competent national authorities, the notifications States parties make, and the changes they propose.

Names and roles are public; contact details (person, e-mail, phone, address) are shown only to
officials of States parties and the secretariat (queries.may_see_contacts). History: translated models
register theirs in translation.py, the others here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .enums import AuthorityKind, ProposalAction, ProposalStatus, Provision, Reservation

# The fields of an authority nobody but officials of States parties and the secretariat may read.
CONTACT_FIELDS = ("contact_person", "email", "phone", "address")
# The fields of an authority a proposal may set (translated fields in English and Chinese, the
# languages the platform's content is kept in first; the others through the admin).
AUTHORITY_FIELDS = (
    "kind",
    "name_en",
    "name_zh_hans",
    "role_en",
    "role_zh_hans",
    "territory",
    "website",
    "designated_on",
    *CONTACT_FIELDS,
)
NOTIFICATION_FIELDS = (
    "provision",
    "notified_on",
    "languages",
    "treaty_required",
    "convention_as_basis",
    "reservation",
    "description",
    "notes",
)


class AuthorityQuerySet(models.QuerySet):
    def current(self) -> "AuthorityQuerySet":
        return self.filter(removed_on__isnull=True)


class Authority(models.Model):
    """An authority a State designated (art. 6(3), art. 46(13), asset-recovery focal point, other)."""

    state = models.ForeignKey(
        "states.State", verbose_name=_("State"), on_delete=models.PROTECT, related_name="authorities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AuthorityKind.choices)
    name = models.CharField(_("name"), max_length=300)  # translated
    role = models.TextField(_("role"), blank=True)  # translated: what it does for other States
    # Art. 46(13), second sentence: a region or territory with its own system of mutual legal assistance.
    territory = models.CharField(
        _("territory"),
        max_length=200,
        blank=True,
        help_text=_("Only for a region or territory with its own system of mutual legal assistance."),
    )
    website = models.URLField(_("website"), blank=True)
    designated_on = models.DateField(_("notified on"), null=True, blank=True)
    # Contact details: never public (see CONTACT_FIELDS).
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=100, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AuthorityQuerySet.as_manager()

    class Meta:
        verbose_name = _("competent authority")
        verbose_name_plural = _("competent authorities")
        ordering = ["state__short_name_en", "kind", "territory", "name_en"]

    def __str__(self) -> str:
        return self.name


class Notification(models.Model):
    """One notification of a State under one provision; a later one of the same provision supersedes it
    (laws: a new version; languages: the new list; reservation: made, then withdrawn)."""

    state = models.ForeignKey(
        "states.State", verbose_name=_("State"), on_delete=models.PROTECT, related_name="notifications"
    )
    provision = models.CharField(_("provision"), max_length=20, choices=Provision.choices)
    notified_on = models.DateField(_("notified on"))
    languages = models.JSONField(_("languages accepted"), default=list, blank=True)  # ISO 639-1 codes
    treaty_required = models.BooleanField(_("extradition conditional on a treaty"), null=True, blank=True)
    convention_as_basis = models.BooleanField(
        _("the Convention as legal basis for extradition"), null=True, blank=True
    )
    reservation = models.CharField(_("reservation"), max_length=10, choices=Reservation.choices, blank=True)
    description = models.TextField(_("description of the laws"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["state__short_name_en", "provision", "-notified_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.state} · {self.get_provision_display()} · {self.notified_on}"


class Proposal(models.Model):
    """A change a State's official proposes; the directory changes only when the secretariat approves.

    `data` holds the proposed values (AUTHORITY_FIELDS or NOTIFICATION_FIELDS, dates as ISO text)."""

    state = models.ForeignKey(
        "states.State", verbose_name=_("State"), on_delete=models.PROTECT, related_name="authority_proposals"
    )
    action = models.CharField(_("action"), max_length=10, choices=ProposalAction.choices)
    authority = models.ForeignKey(
        Authority,
        verbose_name=_("authority"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    notification = models.ForeignKey(
        Notification,
        verbose_name=_("notification"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    is_notification = models.BooleanField(_("a notification"), default=False)
    data = models.JSONField(_("proposed values"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="authority_proposals"
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        ordering = ["-proposed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.state} · {self.get_action_display()} · {self.get_status_display()}"


class LawFile(models.Model):
    """A copy of a law (art. 23(2)(d), 55(5)): attached to a proposal, then to the notification."""

    notification = models.ForeignKey(
        Notification, null=True, blank=True, on_delete=models.CASCADE, related_name="files"
    )
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="files"
    )
    file = models.FileField(_("file"), upload_to="authorities/laws/%Y/")
    title = models.CharField(_("title"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("copy of a law")
        verbose_name_plural = _("copies of laws")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title
