"""Signals other apps listen to, so the documents app needs to know none of them."""

from django.dispatch import Signal

# Sent inside the ingestion's transaction once a version's blocks and references are stored, with
# `version` (DocumentVersion) and `extracted` (extraction.model.ExtractedDocument). A receiver that
# raises undoes the whole ingestion of the file, as any other failure does.
version_ingested = Signal()
