"""Who is in a review's circle, read from the database (access.py over visibility.py, RULES 4.9)."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from cosp.reviews import access
from cosp.reviews.models import Checklist
from cosp.reviews.visibility import Item

from .conftest import IN_CIRCLE

pytestmark = pytest.mark.django_db


def person(world, position):
    return world.people[position] or AnonymousUser()


@pytest.mark.parametrize("position", list(IN_CIRCLE))
def test_circle_of_a_review(review_world, position):
    user = person(review_world, position)
    assert access.in_circle(user, review_world.review) is IN_CIRCLE[position]
    in_list = access.reviews_in_circle(user).filter(pk=review_world.review.pk).exists()
    assert in_list is IN_CIRCLE[position]


@pytest.mark.parametrize("position", list(IN_CIRCLE))
def test_published_items_are_seen_by_everyone_and_drafts_never(review_world, position):
    review = review_world.review
    user = person(review_world, position)
    assert bool(access.can_see(user, review, Item.EXECUTIVE_SUMMARY)) is IN_CIRCLE[position]
    Checklist.objects.create(review=review, published_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    review.summary_issued_on = dt.date(2026, 9, 1)
    assert access.can_see(user, review, Item.EXECUTIVE_SUMMARY)
    assert access.can_see(user, review, Item.SELF_ASSESSMENT)
    assert bool(access.can_see(user, review, Item.FULL_REPORT)) is IN_CIRCLE[position]
    assert bool(access.can_see(user, review, Item.DRAFT)) is IN_CIRCLE[position]


def test_the_reviewing_expert_of_one_review_is_outside_another(review_world):
    expert = review_world.people["reviewing_expert"]
    assert access.in_circle(expert, review_world.review)
    assert not access.in_circle(expert, review_world.other_review)
    assert list(access.reviews_in_circle(expert)) == [review_world.review]


def test_only_the_focal_point_and_the_secretariat_record_the_state_steps(review_world):
    review, people = review_world.review, review_world.people
    assert access.may_record_step(people["sur_focal_point"], review, "self_assessment")
    assert not access.may_record_step(people["sur_delegate"], review, "self_assessment")
    assert not access.may_record_step(people["reviewing_expert"], review, "self_assessment")
    assert access.may_record_step(people["reviewing_expert"], review, "desk_review")
    assert not access.may_record_step(people["unassigned_expert"], review, "desk_review")
    assert access.may_record_step(people["secretariat"], review, "desk_review")


def test_full_report_is_published_by_the_focal_point_or_by_the_secretariat_once_agreed(review_world):
    review, people = review_world.review, review_world.people
    assert access.may_publish(people["sur_focal_point"], review, Item.FULL_REPORT)
    assert not access.may_publish(people["secretariat"], review, Item.FULL_REPORT)
    review.report_publication_agreed_on = dt.date(2026, 8, 1)
    assert access.may_publish(people["secretariat"], review, Item.FULL_REPORT)
    assert not access.may_publish(people["reviewing_expert"], review, Item.FULL_REPORT)
