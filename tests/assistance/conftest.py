"""Fixtures for the assistance tests: States parties in three regional groups, three articles, a
review of Kenya (by Germany and France) whose summary is not issued, with a technical-assistance
need among its findings, and people in every position the rules distinguish."""

from dataclasses import dataclass
from datetime import date

import pytest

from cosp.assistance import services
from cosp.core.enums import ObserverCategory, OrganisationKind, Role
from cosp.core.models import Membership, Organisation, User, organisation_for_state
from cosp.reviews.models import CountryReview, Finding, ReviewingState
from cosp.states.models import Article, Chapter, RegionalGroup, State


@pytest.fixture
def party(make_state):
    def make(iso3: str, group: str) -> State:
        regional_group, _ = RegionalGroup.objects.get_or_create(
            code=group, defaults={"name_en": group, "abbreviation_en": group}
        )
        state = make_state(iso3, regional_group=regional_group)
        return state

    return make


@dataclass
class World:
    kenya: State
    austria: State
    poland: State
    review: CountryReview
    finding: Finding
    people: dict[str, User]

    def __getitem__(self, name: str) -> User:
        return self.people[name]


# Who is who: (name, role, State) — None for the roles outside State delegations.
PEOPLE = (
    ("focal_ken", Role.FOCAL_POINT, "KEN"),
    ("delegate_ken", Role.DELEGATE, "KEN"),
    ("expert_ken", Role.GOVERNMENTAL_EXPERT, "KEN"),
    ("central_ken", Role.CENTRAL_AUTHORITY, "KEN"),
    ("focal_pol", Role.FOCAL_POINT, "POL"),
    ("delegate_pol", Role.DELEGATE, "POL"),
    ("expert_pol", Role.GOVERNMENTAL_EXPERT, "POL"),
    ("central_pol", Role.CENTRAL_AUTHORITY, "POL"),
    ("focal_aut", Role.FOCAL_POINT, "AUT"),
    ("observer", Role.OBSERVER_REPRESENTATIVE, None),
    ("secretariat", Role.SECRETARIAT_OFFICER, None),
)


@pytest.fixture
def world(db, party, make_user) -> World:
    kenya, austria, poland = party("KEN", "AFR"), party("AUT", "WEOG"), party("POL", "EEG")
    chapter = Chapter.objects.create(number=2, roman="II", title_en="Preventive measures")
    for number in (9, 36, 52):
        Article.objects.create(number=number, chapter=chapter, title_en=f"Article {number}")
    people = {name: make_user(role, username=name, state=state or "AUT") for name, role, state in PEOPLE}
    igo = Organisation.objects.create(
        kind=OrganisationKind.OBSERVER, name_en="A development bank", observer_category=ObserverCategory.IGO
    )
    people["igo"] = User.objects.create_user(username="igo", password="x-correct-horse-9")
    Membership.objects.create(user=people["igo"], organisation=igo, role=Role.OBSERVER_REPRESENTATIVE)
    people["anonymous"] = None
    review = CountryReview.objects.create(cycle=2, year=1, state=kenya, started_on=date(2026, 1, 5))
    for position, (iso3, group) in enumerate((("DEU", "WEOG"), ("FRA", "WEOG"))):
        ReviewingState.objects.create(review=review, state=party(iso3, group), position=position)
    finding = Finding.objects.create(
        review=review,
        kind="technical_assistance_need",
        article=Article.objects.get(number=9),
        text_en="Training of procurement officers.",
        assistance_type="capacity_building",
    )
    return World(kenya, austria, poland, review, finding, people)


@pytest.fixture
def own_need(world):
    """Kenya's own published need on article 36, entered by its focal point."""
    return services.add_need(
        actor=world["focal_ken"],
        state=world.kenya,
        article=36,
        assistance_type="institution_building",
        priority="high",
        description="A specialised prosecution unit.",
        published=True,
    )


@pytest.fixture
def offer(world):
    """Austria's offer: articles 9 and 36, capacity-building, for the African Group."""
    return services.add_offer(
        actor=world["focal_aut"],
        data=services.OfferData(
            provider=organisation_for_state(world.austria),
            title="Training offer",
            articles=Article.objects.filter(number__in=[9, 36]),
            assistance_types=["capacity_building"],
            regional_groups=RegionalGroup.objects.filter(code="AFR"),
            contact_name="Desk officer",
            contact_email="desk@example.org",
        ),
    )


@pytest.fixture
def as_person(client):
    def sign_in(user: User | None):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
