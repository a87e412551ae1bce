from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cosp.core.enums import Language  # noqa: F401  (kept importable from here for the documents app)


class DocumentType(models.TextChoices):
    REPORT = "report", _("Report of a session")
    PROVISIONAL_AGENDA = "provisional_agenda", _("Provisional agenda")
    SECRETARIAT_NOTE = "secretariat_note", _("Note by the Secretariat")
    SECRETARIAT_REPORT = "secretariat_report", _("Report of the Secretariat")
    DRAFT = "draft", _("Draft (limited distribution)")
    CONFERENCE_ROOM_PAPER = "crp", _("Conference room paper")
    INFORMATION = "inf", _("Information document")
    NGO_STATEMENT = "ngo", _("Statement by a non-governmental organization")
    EXECUTIVE_SUMMARY = "executive_summary", _("Executive summary")
    RESOLUTION = "resolution", pgettext_lazy("document type", "Resolution")
    OTHER = "other", _("Other")


class Distribution(models.TextChoices):
    GENERAL = "General", pgettext_lazy("distribution", "General")
    LIMITED = "Limited", pgettext_lazy("distribution", "Limited")
    RESTRICTED = "Restricted", pgettext_lazy("distribution", "Restricted")


class BlockKind(models.TextChoices):
    TITLE = "title", _("Title")
    HEADING = "heading", _("Heading")
    PARAGRAPH = "paragraph", _("Paragraph")
    FOOTNOTE = "footnote", _("Footnote")
    TABLE_ROW = "table_row", _("Table row")


class ReferenceKind(models.TextChoices):
    SYMBOL = "symbol", _("Document")
    ARTICLE = "article", _("Article of the Convention")
    OUTCOME = "outcome", _("Resolution or decision")
    RULE = "rule", _("Rule of procedure")
    STATE = "state", _("State")
    ORGANISATION = "organisation", _("Organization")


class IngestionStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("ingestion", "Queued")
    RUNNING = "running", pgettext_lazy("ingestion", "Running")
    DONE = "done", pgettext_lazy("ingestion", "Done")
    FAILED = "failed", pgettext_lazy("ingestion", "Failed")
