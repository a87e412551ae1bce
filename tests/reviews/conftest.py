"""Fixtures for the reviews app's database tests: the Convention's chapters under review in cycle 2, a
few States in two regional groups, and `review_world`, a review with one person in every position the
confidentiality rules distinguish."""

import string
from dataclasses import dataclass
from datetime import date

import pytest

from cosp.core.enums import Role
from cosp.core.models import User
from cosp.reviews.models import CountryReview, ExpertAssignment, GovernmentalExpert, ReviewingState
from cosp.states.models import Article, Chapter, RegionalGroup

GROUPS = ("AFR", "APG", "EEG", "GRULAC", "WEOG")
# Cycle 2 reviews chapters II (articles 5-14) and V (articles 51-59).
CHAPTERS = {2: ("II", "Preventive measures", range(5, 15)), 5: ("V", "Asset recovery", range(51, 60))}


@pytest.fixture
def convention(db):
    """Chapters II and V with their articles (titles are placeholders: the tests need numbers)."""
    for number, (roman, title, articles) in CHAPTERS.items():
        chapter = Chapter.objects.create(number=number, roman=roman, title_en=title)
        Article.objects.bulk_create(
            Article(number=article, chapter=chapter, title_en=f"Article {article}") for article in articles
        )


@pytest.fixture
def make_party(make_state):
    """A State party in a regional group (created when first needed)."""

    def make(iso3: str, group: str = "WEOG", **fields):
        regional_group, _ = RegionalGroup.objects.get_or_create(
            code=group, defaults={"name_en": group, "abbreviation_en": group}
        )
        return make_state(iso3, regional_group=regional_group, **fields)

    return make


@pytest.fixture
def registry(make_party):
    """`count` made-up States parties (ZXA, ZXB ...) dealt round the five regional groups."""

    def make(count: int = 30) -> list[str]:
        codes = []
        for index in range(count):
            iso2 = "XYW"[index // 26] + string.ascii_uppercase[index % 26]
            codes.append(make_party(f"Z{iso2}", GROUPS[index % len(GROUPS)], iso2=iso2).iso3)
        return codes

    return make


@pytest.fixture
def make_review(make_party):
    """A cycle-2 review of `state` by `reviewers`, started on `started_on` (None: not started)."""

    def make(
        state: str = "AUT",
        reviewers: tuple[str, str] = ("DEU", "FRA"),
        *,
        cycle: int = 2,
        year: int = 1,
        started_on: date | None = date(2026, 1, 5),
        **fields,
    ) -> CountryReview:
        review = CountryReview.objects.create(
            cycle=cycle, year=year, state=make_party(state), started_on=started_on, **fields
        )
        for position, iso3 in enumerate(reviewers):
            ReviewingState.objects.create(
                review=review, state=make_party(iso3), same_group=position == 0, position=position
            )
        return review

    return make


@dataclass
class ReviewWorld:
    review: CountryReview  # of AUT, reviewed by DEU and FRA
    other_review: CountryReview  # of ITA, reviewed by FRA and ESP
    people: dict[str, User | None]  # position → user (None: anonymous)


# Who sees a review's confidential material (RULES 4.9, access.py): True for its circle.
IN_CIRCLE = {
    "anonymous": False,
    "observer": False,
    "secretariat": True,
    "sur_focal_point": True,
    "sur_expert": True,
    "sur_delegate": False,
    "reviewing_expert": True,
    "unassigned_expert": False,  # of a reviewing State, not assigned to this review
    "reviewing_focal_point": False,  # assigns experts, but is not one
    "other_review_expert": False,  # reviews another country
}


@pytest.fixture
def review_world(convention, make_review, make_user) -> ReviewWorld:
    review = make_review("AUT", ("DEU", "FRA"))
    other_review = make_review("ITA", ("FRA", "ESP"))

    def expert(username: str, state: str, *, assign_to: CountryReview | None = None) -> User:
        user = make_user(Role.GOVERNMENTAL_EXPERT, username=username, state=state)
        listing = GovernmentalExpert.objects.create(
            state=user.memberships.get().organisation.state, user=user, name=username
        )
        if assign_to is not None:
            ExpertAssignment.objects.create(review=assign_to, expert=listing)
        return user

    people = {
        "anonymous": None,
        "observer": make_user(Role.OBSERVER_REPRESENTATIVE, username="observer"),
        "secretariat": make_user(Role.SECRETARIAT_OFFICER, username="secretariat"),
        "sur_focal_point": make_user(Role.FOCAL_POINT, username="sur_focal_point", state="AUT"),
        "sur_expert": expert("sur_expert", "AUT"),
        "sur_delegate": make_user(Role.DELEGATE, username="sur_delegate", state="AUT"),
        "reviewing_expert": expert("reviewing_expert", "DEU", assign_to=review),
        "unassigned_expert": expert("unassigned_expert", "DEU"),
        "reviewing_focal_point": make_user(Role.FOCAL_POINT, username="reviewing_focal_point", state="DEU"),
        "other_review_expert": expert("other_review_expert", "ESP", assign_to=other_review),
    }
    review.focal_point = people["sur_focal_point"]
    review.save(update_fields=["focal_point"])
    return ReviewWorld(review, other_review, people)


@pytest.fixture
def as_person(client, review_world):
    """A test client signed in as the person in `position` of the review world."""

    def sign_in(position: str):
        user = review_world.people[position]
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
