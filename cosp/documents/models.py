"""Documents with UN symbols, their language versions and the structure read from them.

A Document is one symbol (CAC/COSP/2017/14); a DocumentVersion is its text in one of the six
languages; Blocks are the version's headings, numbered paragraphs, footnotes and table rows, in
reading order, and are what search indexes; References are what a version cites.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .enums import BlockKind, Distribution, DocumentType, IngestionStatus, Language, ReferenceKind


class Document(models.Model):
    symbol = models.CharField(_("symbol"), max_length=100, unique=True)
    # The symbol without /Rev., /Corr. and /Add.: drafts, revisions and corrigenda share it.
    base_symbol = models.CharField(_("base symbol"), max_length=100, db_index=True)
    doc_type = models.CharField(
        _("type"), max_length=30, choices=DocumentType.choices, default=DocumentType.OTHER
    )
    distribution = models.CharField(
        _("distribution"), max_length=12, choices=Distribution.choices, blank=True
    )
    date = models.DateField(_("date"), null=True, blank=True)
    original_language = models.CharField(
        _("original language"), max_length=2, choices=Language.choices, blank=True
    )
    body = models.ForeignKey(
        "meetings.Body",
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    session = models.ForeignKey(
        "meetings.Session",
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    agenda_items = models.JSONField(_("agenda items"), default=list, blank=True)
    # A draft points to the document it became (e.g. L.5 → the report that contains the resolution).
    became = models.ForeignKey(
        "self",
        verbose_name=_("became"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="drafts",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-date", "symbol"]

    def __str__(self) -> str:
        return self.symbol


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    title = models.TextField(_("title"), blank=True)
    source_file = models.FileField(_("source file"), upload_to="documents/%Y/", blank=True)
    source_format = models.CharField(_("source format"), max_length=10, blank=True)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    # The whole extraction (the JSON `cosp inspect` prints), for tables and what has no column.
    structure = models.JSONField(_("structure"), default=dict, blank=True)
    ingested_at = models.DateTimeField(_("ingested at"), auto_now=True)
    ingested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["structure"])

    class Meta:
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        ordering = ["document", "language"]
        constraints = [
            models.UniqueConstraint(fields=["document", "language"], name="one_version_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.document.symbol} ({self.language})"


class Block(models.Model):
    """A heading, numbered paragraph, footnote or table row of a version, in reading order."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=12, choices=BlockKind.choices)
    number = models.CharField(_("number"), max_length=20, blank=True)  # "12", footnote "3", heading "一."
    section = models.CharField(_("section"), max_length=40, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), null=True, blank=True)  # headings only
    annex = models.CharField(_("annex"), max_length=20, blank=True)
    # A text set out inside the document (a resolution, a declaration) numbers its paragraphs anew.
    part = models.CharField(_("part"), max_length=200, blank=True)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "position"], name="one_block_per_position")]

    def __str__(self) -> str:
        return f"{self.version} {self.kind} {self.number}".strip()

    @property
    def anchor(self) -> str:
        """The stable fragment of this block on the document page (#para-12, #fn-3, #block-40)."""
        if self.kind == BlockKind.PARAGRAPH and self.number and not (self.annex or self.part):
            return f"para-{self.number}"
        if self.kind == BlockKind.FOOTNOTE and self.number:
            return f"fn-{self.number}"
        return f"block-{self.position}"


class Reference(models.Model):
    """Something a version cites: a document, an article, an outcome, a rule, a State or organisation."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="references")
    block = models.ForeignKey(
        Block, null=True, blank=True, on_delete=models.CASCADE, related_name="references"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=ReferenceKind.choices)
    text = models.CharField(_("text cited"), max_length=300, blank=True)
    symbol = models.CharField(_("symbol"), max_length=100, blank=True, db_index=True)
    article = models.PositiveSmallIntegerField(_("article"), null=True, blank=True, db_index=True)
    article_paragraph = models.PositiveSmallIntegerField(_("paragraph"), null=True, blank=True)
    subparagraph = models.CharField(_("subparagraph"), max_length=5, blank=True)
    outcome_body = models.CharField(_("outcome body"), max_length=20, blank=True)
    outcome_kind = models.CharField(_("outcome kind"), max_length=10, blank=True)
    outcome_number = models.CharField(_("outcome number"), max_length=20, blank=True)
    rule = models.PositiveSmallIntegerField(_("rule"), null=True, blank=True)
    state = models.ForeignKey(
        "states.State", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("reference")
        verbose_name_plural = _("references")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text}"


class Ingestion(models.Model):
    """One upload through the web interface, processed by a background task; its progress is shown."""

    uploaded_file = models.FileField(_("file"), upload_to="uploads/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    symbol = models.CharField(_("symbol"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=IngestionStatus.choices, default=IngestionStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.TextField(_("message"), blank=True)
    version = models.ForeignKey(
        DocumentVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ingestion")
        verbose_name_plural = _("ingestions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"


class SearchIndexChange(models.Model):
    """The outbox of an index kept outside the database (Tantivy, cosp/documents/search/tantivy_backend.py).

    A row is written in the same transaction as the blocks it describes ("index": make the index hold
    this version's blocks as they are in the database; "remove": drop them from the index), and deleted
    once the index has applied it, so after a crash the index catches up from the rows left. One row
    with action "epoch" identifies this database to the index (its token sits in `version_id`): an index
    built from another database, or from one that was emptied, is rebuilt.
    """

    version_id = models.BigIntegerField("version", db_index=True)  # no foreign key: versions go away
    action = models.CharField("action", max_length=6)
    created_at = models.DateTimeField("created at", auto_now_add=True)

    class Meta:
        verbose_name = "search index change"  # internal: never shown, not translated
        verbose_name_plural = "search index changes"

    def __str__(self) -> str:
        return f"{self.action} {self.version_id}"
