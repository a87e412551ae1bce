"""Fixtures for the documents tests: a registry to ingest into, and our demo documents."""

from pathlib import Path

import pytest

from cosp.meetings.reference import load_bodies_and_sessions

DEMO = Path(__file__).resolve().parents[2] / "cosp" / "documents" / "data" / "demo"


@pytest.fixture
def registry(reference_db, settings, tmp_path):
    """The real States and bodies, with uploads going to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    load_bodies_and_sessions()
