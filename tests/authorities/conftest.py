"""Fixtures of the authorities tests: Austria (WEOG) and Kenya (AFR) as States parties, a signatory, and
a user in every role the directory distinguishes."""

import datetime as dt

import pytest

from cosp.authorities.enums import AuthorityKind
from cosp.authorities.models import Authority
from cosp.core.enums import Role
from cosp.states.models import RegionalGroup

# Who the visibility tests walk through: (role, State of the delegation), None for anonymous.
PEOPLE = {
    "anonymous": None,
    "observer": (Role.OBSERVER_REPRESENTATIVE, "AUT"),
    "delegate": (Role.DELEGATE, "AUT"),
    "focal_point": (Role.FOCAL_POINT, "AUT"),
    "expert": (Role.GOVERNMENTAL_EXPERT, "AUT"),
    "central_authority": (Role.CENTRAL_AUTHORITY, "AUT"),
    "third_central_authority": (Role.CENTRAL_AUTHORITY, "KEN"),
    "signatory_delegate": (Role.DELEGATE, "SYR"),
    "secretariat": (Role.SECRETARIAT_OFFICER, "AUT"),
}
# Contact details: officials of any State party and the secretariat.
SEES_CONTACTS = {
    "anonymous": False,
    "observer": False,
    "delegate": True,
    "focal_point": True,
    "expert": True,
    "central_authority": True,
    "third_central_authority": True,
    # A signatory's delegation is a State's delegation, but not a State party's.
    "signatory_delegate": False,
    "secretariat": True,
}


@pytest.fixture
def groups(db):
    weog = RegionalGroup.objects.create(code="WEOG", name_en="Western European and other States")
    afr = RegionalGroup.objects.create(code="AFR", name_en="African States")
    return {"WEOG": weog, "AFR": afr}


@pytest.fixture
def austria(make_state, groups):
    return make_state("AUT", iso2="AT", short_name_en="Austria", regional_group=groups["WEOG"])


@pytest.fixture
def kenya(make_state, groups):
    return make_state("KEN", iso2="KE", short_name_en="Kenya", regional_group=groups["AFR"])


@pytest.fixture
def signatory(make_state, groups):
    return make_state("SYR", iso2="SY", short_name_en="Syria", instrument="", regional_group=groups["AFR"])


@pytest.fixture
def person(make_user, austria, kenya, signatory):
    """The user in the role named (a key of PEOPLE), made once per test; None for anonymous."""
    made = {}

    def get(name: str):
        if PEOPLE[name] is None:
            return None
        if name not in made:
            role, state = PEOPLE[name]
            made[name] = make_user(role, username=name, state=state)
        return made[name]

    return get


@pytest.fixture
def central_authority(austria):
    return Authority.objects.create(
        state=austria,
        kind=AuthorityKind.CENTRAL_AUTHORITY,
        name_en="Federal Ministry of Justice, Department for International Criminal Matters",
        name_zh_hans="联邦司法部国际刑事事务司",
        role_en="Receives and transmits requests for mutual legal assistance.",
        designated_on=dt.date(2006, 1, 11),
        contact_person="Dr Anna Berger",
        email="mla.secret@justice.example",
        phone="+43 1 000 0000",
        address="Museumstrasse 7, 1070 Vienna",
    )
