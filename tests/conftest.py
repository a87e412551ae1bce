"""Fixtures shared by every test: users in each role, and the rule that CI skips nothing."""

import pytest

from cosp.core.enums import ObserverCategory, OrganisationKind, Role
from cosp.core.models import Membership, Organisation, User
from cosp.states.models import State
from tests.helpers import ROLES


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
