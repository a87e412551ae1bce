import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from cosp.documents.enums import IngestionStatus
from cosp.documents.models import Ingestion
from cosp.meetings.reference import load_bodies_and_sessions
from tests.documents.conftest import DEMO

# Transactional: the upload queues its task on commit, and the real worker then runs it.
pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_upload_is_ingested_in_the_background_with_progress(client_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_bodies_and_sessions()
    client = client_as("secretariat")
    upload = SimpleUploadedFile("note.txt", (DEMO / "CAC-COSP-WG.2-2025-3.en.txt").read_bytes())

    response = client.post("/documents/upload/", {"file": upload, "symbol": "", "language": ""})
    queued = client.get(response.url).content.decode()
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    done = client.get(response.url).content.decode()

    ingestion = Ingestion.objects.get()
    assert response.status_code == 302
    assert 'http-equiv="refresh"' in queued
    assert ingestion.status == IngestionStatus.DONE, ingestion.message
    assert "/documents/CAC/COSP/WG.2/2025/3/" in done


def test_a_failed_upload_shows_what_is_wrong(client_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = client_as("secretariat")
    upload = SimpleUploadedFile("note.txt", b"1. A paragraph that names no symbol.\n")

    response = client.post("/documents/upload/", {"file": upload, "symbol": "", "language": ""})
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    page = client.get(response.url).content.decode()

    assert Ingestion.objects.get().status == IngestionStatus.FAILED
    assert "does not state its document symbol" in page
    assert "note.txt" in page
