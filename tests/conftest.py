"""Fixtures shared by every test: users in each role, and the rule that CI skips nothing."""

import os
from pathlib import Path

import pytest

from cosp.core.enums import ObserverCategory, OrganisationKind, Role
from cosp.core.models import Membership, Organisation, User
from cosp.states.models import Article, Chapter, RegionalGroup, State
from cosp.states.names import clear_name_cache
from cosp.states.reference import load_reference_data
from tests.helpers import ROLES, SHARED, skip_or_fail


def pytest_configure(config):
    """Under pytest-xdist each worker has its own test database (pytest-django names them), so it
    gets its own search index and uploads folder too."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        from django.conf import settings

        settings.COSP_SEARCH_INDEX_DIR = str(Path(settings.DATA_DIR) / f"search-index-{worker}")
        settings.MEDIA_ROOT = Path(settings.DATA_DIR) / f"media-{worker}"


def pytest_collection_modifyitems(config, items):
    """Tests of the PostgreSQL backend itself run in the suite's PostgreSQL pass (`./dev test` runs
    both); on SQLite they are deselected, so a skip never hides a missing database in CI."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    chosen = [item for item in items if item.get_closest_marker("postgres_only") is None]
    if len(chosen) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in chosen])
        items[:] = chosen


@pytest.fixture
def make_state(db):
    def make(iso3: str = "AUT", **fields) -> State:
        defaults = {
            "iso2": iso3[:2],
            "short_name_en": iso3,
            "un_status": "member",
            "instrument": "ratification",
        }
        state, _ = State.objects.get_or_create(iso3=iso3, defaults={**defaults, **fields})
        return state

    return make


@pytest.fixture
def make_user(db, make_state):
    """A user with one role; State roles get a delegation of `state` (an ISO3 code)."""

    def make(role: Role | None, *, username: str | None = None, state: str = "AUT") -> User:
        user = User.objects.create_user(
            username=username or f"user-{role or 'plain'}", password="correct-horse-9"
        )
        if role is None:
            return user
        if role == Role.SECRETARIAT_OFFICER:
            organisation, _ = Organisation.objects.get_or_create(
                kind=OrganisationKind.SECRETARIAT, name="Secretariat"
            )
        elif role == Role.OBSERVER_REPRESENTATIVE:
            organisation, _ = Organisation.objects.get_or_create(
                kind=OrganisationKind.OBSERVER, name="An NGO", observer_category=ObserverCategory.NGO_ECOSOC
            )
        else:
            delegation_state = make_state(state)
            organisation, _ = Organisation.objects.get_or_create(
                kind=OrganisationKind.STATE,
                state=delegation_state,
                defaults={"name": delegation_state.short_name_en},
            )
        Membership.objects.create(user=user, organisation=organisation, role=role)
        return user

    return make


@pytest.fixture
def client_as(client, make_user):
    """A test client signed in as someone in `role_name` (a key of ROLES), or anonymous."""

    def sign_in(role_name: str):
        role = ROLES[role_name]
        if role is not None:
            client.force_login(make_user(role, username=role_name))
        return client

    return sign_in


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
