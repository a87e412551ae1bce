"""Fixtures for the reference-data tests: the real registry, and the shared reference files."""

from pathlib import Path

import pytest

from cosp.states.models import Article, Chapter, RegionalGroup, State
from cosp.states.names import clear_name_cache
from cosp.states.reference import load_reference_data
from tests.helpers import SHARED, skip_or_fail


@pytest.fixture(scope="module")
def reference_db(django_db_setup, django_db_blocker):
    """The project's reference data, loaded once per module and removed afterwards.

    Module-scoped rather than session-scoped so that the 198 real States never leak into other test
    modules, which build small registries of their own (a State "AUT", a group "WEOG").
    """
    with django_db_blocker.unblock():
        counts = load_reference_data()
    yield counts
    with django_db_blocker.unblock():
        for model in (Article, Chapter, State, RegionalGroup):
            model.objects.all().delete()
            model.history.all().delete()
        clear_name_cache()


@pytest.fixture
def shared_file():
    """Locate a file under ../shared; skip when it is absent, except in CI, where it must be there."""

    def locate(*parts: str) -> Path:
        path = SHARED.joinpath(*parts)
        if not path.exists():
            skip_or_fail(f"../shared is absent: {path} not found")
        return path

    return locate
