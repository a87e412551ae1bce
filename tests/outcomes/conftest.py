"""Fixtures for the outcomes tests that go through the real ingestion pipeline.

Ingesting the seventh session's report takes seconds, so each module ingests the samples once: the
module's writes happen inside one transaction that is rolled back after its last test (as Django's
`setUpTestData` does), and each test runs in a savepoint inside it, so what a test changes is undone
after it and the next test sees the samples as ingested.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings

from cosp.documents.models import Document
from cosp.documents.services import ingest_file
from cosp.meetings.reference import load_bodies_and_sessions
from tests.helpers import SHARED, skip_or_fail

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = SHARED / "samples"

# The symbols the demo gives the samples, whose PDF-to-text conversion lost them (cosp/documents/demo.py).
COSP7_SYMBOL = "CAC/COSP/2017/14"
SPECIAL_SESSION_SYMBOL = "CAC/COSP/S/2021/2"


def sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.exists():
        skip_or_fail(f"../shared is absent: {path} not found")
    return path


@pytest.fixture(scope="module")
def ingestion_registry(reference_db, django_db_blocker, tmp_path_factory) -> Iterator[None]:
    """The real States, bodies and sessions, uploads in a temporary folder, and one transaction for
    the module that is rolled back at its end."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    media.enable()
    module_transaction = transaction.atomic()
    with django_db_blocker.unblock():
        module_transaction.__enter__()
    try:
        with django_db_blocker.unblock():
            load_bodies_and_sessions()
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)
        media.disable()


@pytest.fixture(scope="module")
def cosp7_report(ingestion_registry, django_db_blocker) -> Document:
    """The report of the seventh session (Chinese), ingested as the demo ingests it."""
    path = sample("cosp7-report-2017.zh.txt")
    with django_db_blocker.unblock():
        return ingest_file(path, symbol=COSP7_SYMBOL, language="zh").version.document


@pytest.fixture(scope="module")
def special_session_report(ingestion_registry, django_db_blocker) -> Document:
    """The report of the 2021 special session (Chinese), with the political declaration."""
    path = sample("cosp-special-session-2021.zh.txt")
    with django_db_blocker.unblock():
        return ingest_file(path, symbol=SPECIAL_SESSION_SYMBOL, language="zh").version.document
