"""Requests between two States' central authorities and what happens to them.

Strictly confidential: only the central-authority officials of the two States see a request (access.py).
That is why these models keep no simple-history table (the secretariat's audit trail merges every
history table) and have no admin page: the request's own log (StatusChange, Consultation, ReasonGiven,
Attachment, Message, each with who and when) is its history, shown only to the two authorities.

A request's status and dates are the result of its StatusChange log; services.move writes both in one
transaction, and nothing else changes them.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import workflow
from .enums import (
    AssetRecoveryStep,
    LegalBasis,
    Reason,
    ReasonPurpose,
    RequestKind,
    Side,
    Status,
    Step,
    Urgency,
)


class Request(models.Model):
    requesting_state = models.ForeignKey(
        "states.State", verbose_name=_("requesting State"), on_delete=models.PROTECT, related_name="+"
    )
    requested_state = models.ForeignKey(
        "states.State", verbose_name=_("requested State"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("type"), max_length=20, choices=RequestKind.choices)
    asset_recovery_step = models.CharField(
        _("asset-recovery measure sought"), max_length=20, choices=AssetRecoveryStep.choices, blank=True
    )
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis.choices)
    treaty = models.CharField(_("treaty"), max_length=300, blank=True)
    offences = models.ManyToManyField(
        "states.Article",
        verbose_name=_("offences (articles of the Convention)"),
        blank=True,
        related_name="+",
    )
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    requesting_reference = models.CharField(_("requesting State's reference"), max_length=100, blank=True)
    requested_reference = models.CharField(_("requested State's reference"), max_length=100, blank=True)
    subject = models.TextField(_("subject"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    execution_started_on = models.DateField(_("execution started on"), null=True, blank=True)
    executed_on = models.DateField(_("executed on"), null=True, blank=True)
    refused_on = models.DateField(_("refused on"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(requesting_state=models.F("requested_state")),
                name="cooperation_request_two_states",
            ),
            models.UniqueConstraint(
                fields=["requesting_state", "requesting_reference"],
                condition=~models.Q(requesting_reference=""),
                name="cooperation_unique_requesting_reference",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """The requesting State's reference, or the platform's number before it has one."""
        return self.requesting_reference or f"#{self.pk}"

    @property
    def urgent(self) -> bool:
        return self.urgency == Urgency.URGENT

    def dates(self) -> workflow.Dates:
        return workflow.Dates(workflow.Status(self.status), self.urgent, self.sent_on, self.acknowledged_on)


class StatusChange(models.Model):
    """One move of a request: to which status, on which day, who recorded it and why."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    on = models.DateField(_("on"))
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.on})"


class Consultation(models.Model):
    """A consultation between the two States on a request (art. 46(26): before refusing or postponing)."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="consultations")
    held_on = models.DateField(_("held on"))
    note = models.TextField(_("what was discussed"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return str(self.held_on)


class ReasonGiven(models.Model):
    """One reason the requested State gave for refusing or delaying a request."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="reasons")
    purpose = models.CharField(_("for"), max_length=10, choices=ReasonPurpose.choices)
    reason = models.CharField(_("reason"), max_length=30, choices=Reason.choices)
    note = models.TextField(_("explanation"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return self.get_reason_display()

    @property
    def not_a_ground(self) -> str:
        """The paragraph of the Convention that excludes this reason as a ground for refusal, if any."""
        return workflow.NOT_A_GROUND.get(workflow.Reason(self.reason), "")


def attachment_path(instance: "Attachment", filename: str) -> str:
    # A random name: the stored file's path says nothing of the request or its contents.
    return f"cooperation/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Attachment(models.Model):
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    title = models.CharField(_("title"), max_length=300)
    side = models.CharField(_("added by"), max_length=12, choices=Side.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Message(models.Model):
    """A message between the two authorities about the request."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="messages")
    side = models.CharField(_("from"), max_length=12, choices=Side.choices)
    text = models.TextField(_("message"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_side_display()} {self.recorded_at:%Y-%m-%d}"


class Reminder(models.Model):
    """A reminder sent for an overdue step: kept so the same step is never reminded twice on a day."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="reminders")
    step = models.CharField(max_length=12, choices=Step.choices)
    due = models.DateField()
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["request", "step", "sent_on"], name="cooperation_one_reminder_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.step} {self.sent_on}"
