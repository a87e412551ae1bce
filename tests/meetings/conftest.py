"""Fixtures for the meetings tests: the real bodies and sessions, and a small upcoming session."""

from datetime import date, timedelta

import pytest

from cosp.meetings.models import Body, Session
from cosp.meetings.reference import load_bodies_and_sessions


@pytest.fixture
def sessions(reference_db):
    """The real States, bodies and Conference sessions with COSP7's and COSP8's agendas and bureaus."""
    load_bodies_and_sessions()
    return {s.slug: s for s in Session.objects.all()}


@pytest.fixture
def upcoming(db):
    """A Conference session four weeks from now, without reference data."""
    body, _ = Body.objects.get_or_create(
        code="COSP", defaults={"name_en": "Conference", "symbol_prefix": "CAC/COSP"}
    )
    start = date.today() + timedelta(days=28)
    return Session.objects.create(body=body, number=99, start=start, end=start + timedelta(days=4))
