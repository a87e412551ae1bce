"""Background ingestion of uploaded files (thin: re-fetch, then call the service)."""

import logging
from pathlib import Path

from django_tasks import task

from .enums import IngestionStatus
from .models import Ingestion
from .services import IngestError, ingest_file

logger = logging.getLogger(__name__)


@task()
def ingest_upload(*, ingestion_id: int) -> str:
    ingestion = Ingestion.objects.filter(pk=ingestion_id).first()
    if ingestion is None:
        logger.warning("Ingestion %s vanished before it could run", ingestion_id)
        return IngestionStatus.FAILED

    def progress(percent: int, step: str) -> None:
        Ingestion.objects.filter(pk=ingestion_id).update(progress=percent, message=step)

    Ingestion.objects.filter(pk=ingestion_id).update(status=IngestionStatus.RUNNING)
    try:
        result = ingest_file(
            Path(ingestion.uploaded_file.path),
            symbol=ingestion.symbol or None,
            language=ingestion.language or None,
            actor=ingestion.created_by,
            progress=progress,
        )
    except IngestError as error:
        message = str(error).replace(ingestion.uploaded_file.path, ingestion.original_name)
        Ingestion.objects.filter(pk=ingestion_id).update(status=IngestionStatus.FAILED, message=message)
        return IngestionStatus.FAILED
    Ingestion.objects.filter(pk=ingestion_id).update(
        status=IngestionStatus.DONE, progress=100, message="", version=result.version
    )
    return IngestionStatus.DONE
