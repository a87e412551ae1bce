"""Models of the knowledge app: a contribution to the repository, its files and its moderation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cosp.core.enums import Language

from .enums import ContributionStatus, ModerationAction


class Contribution(models.Model):
    """What a State party (through its focal point, or the secretariat on its behalf) or an observer
    organisation submits on implementing the Convention and the 2021 political declaration. The text
    stays in the language it was written in; the tags say what it is about."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=ContributionStatus.choices, default=ContributionStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # The secretariat's last decision, kept with the contribution so the submitter reads the reason.
    return_reason = models.TextField(_("reason for returning it"), blank=True)
    articles = models.ManyToManyField(
        "states.Article", verbose_name=_("articles of the Convention"), blank=True, related_name="+"
    )
    declaration_paragraphs = models.ManyToManyField(
        "outcomes.DeclarationParagraph",
        verbose_name=_("paragraphs of the political declaration"),
        blank=True,
        related_name="contributions",
    )
    themes = models.JSONField(_("themes"), default=list, blank=True)  # keys of reviews.findings.THEMES
    # The search tokens of title and text (documents.search.text.index_text), between spaces, so a
    # phrase of tokens is a substring: the same matching as the documents search, Chinese included.
    search_tokens = models.TextField(editable=False, blank=True)
    # Tag changes show in the themes column here; the many-to-many tags get no history tables of
    # their own, which the audit trail could not read (core.audit expects a `history` on each model).
    history = HistoricalRecords(excluded_fields=["search_tokens"])

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-year", "-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "year"])]

    def __str__(self) -> str:
        return self.title


def contribution_upload_to(instance: "ContributionFile", filename: str) -> str:
    # Under a folder of the contribution: never linked from a public media address (see views.FileView).
    return f"knowledge/{instance.contribution_id}/{filename}"


class ContributionFile(models.Model):
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=contribution_upload_to, max_length=300)
    title = models.CharField(_("title"), max_length=300)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Moderation(models.Model):
    """One decision of the secretariat on a submitted contribution: who, when, what, and the note."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="moderations")
    action = models.CharField(_("decision"), max_length=10, choices=ModerationAction.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d})"
