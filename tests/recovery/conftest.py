"""A small world for the recovery tests: five States, rates for 2020 and 2021, and people in each role
(AUT's and CHE's officials, a third State's focal point, an observer, the secretariat)."""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from cosp.core.enums import Role
from cosp.core.models import User
from cosp.recovery.models import ExchangeRate
from cosp.states.models import RegionalGroup, State
from cosp.states.names import clear_name_cache

HEADER = "year,requesting_state,requested_state,measure,amount,currency,cases,offences,source,notes"


@pytest.fixture(autouse=True)
def fresh_names():
    """Each test builds its own registry: the name index must be rebuilt from it."""
    clear_name_cache()
    yield
    clear_name_cache()


@dataclass
class World:
    aut: State
    che: State
    chn: State
    nga: State
    deu: State
    people: dict[str, User]


@pytest.fixture
def world(make_state, make_user) -> World:
    weog = RegionalGroup.objects.create(
        code="WEOG", name="Western European and other States", abbreviation="WEOG"
    )
    africa = RegionalGroup.objects.create(code="AFR", name="African States", abbreviation="African States")
    asia = RegionalGroup.objects.create(code="APG", name="Asia-Pacific States", abbreviation="Asia-Pacific")
    aut = make_state("AUT", iso2="AT", short_name_en="Austria", regional_group=weog)
    che = make_state("CHE", iso2="CH", short_name_en="Switzerland", regional_group=weog)
    chn = make_state("CHN", iso2="CN", short_name_en="China", short_name_zh_hans="中国", regional_group=asia)
    nga = make_state("NGA", iso2="NG", short_name_en="Nigeria", regional_group=africa)
    deu = make_state("DEU", iso2="DE", short_name_en="Germany", regional_group=weog)
    for currency, year, rate in (
        ("EUR", 2020, "0.80"),
        ("EUR", 2021, "0.85"),
        ("CHF", 2020, "0.90"),
        ("CNY", 2020, "7"),
        ("NGN", 2021, "400"),
    ):
        ExchangeRate.objects.create(currency=currency, year=year, units_per_usd=Decimal(rate))
    people = {
        "secretariat": make_user(Role.SECRETARIAT_OFFICER, username="secretariat"),
        "aut_focal_point": make_user(Role.FOCAL_POINT, username="aut-fp", state="AUT"),
        "aut_delegate": make_user(Role.DELEGATE, username="aut-delegate", state="AUT"),
        "aut_expert": make_user(Role.GOVERNMENTAL_EXPERT, username="aut-expert", state="AUT"),
        "che_central_authority": make_user(Role.CENTRAL_AUTHORITY, username="che-ca", state="CHE"),
        "deu_focal_point": make_user(Role.FOCAL_POINT, username="deu-fp", state="DEU"),
        "deu_central_authority": make_user(Role.CENTRAL_AUTHORITY, username="deu-ca", state="DEU"),
        "observer": make_user(Role.OBSERVER_REPRESENTATIVE, username="observer"),
    }
    return World(aut, che, chn, nga, deu, people)


@pytest.fixture
def signed_in(client, world):
    """A test client signed in as one of the world's people (None: anonymous)."""

    def sign_in(person: str | None):
        if person is not None:
            client.force_login(world.people[person])
        return client

    return sign_in


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()
