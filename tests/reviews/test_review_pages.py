"""The pages of one review (views/review.py): the public timetable and what only the circle sees,
recording a step, the secretariat's settings, and "my reviews" — each with who is refused."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from cosp.reviews.models import CountryReview, ExpertAssignment, GovernmentalExpert, Notice, StepRecord
from cosp.reviews.queries import review_overview
from cosp.reviews.timeline import Step
from tests.reviews.conftest import IN_CIRCLE

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

START = dt.date(2026, 1, 5)
TODAY = dt.date(2026, 6, 1)
PAGE = "/reviews/2-AUT/"


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def confidential(review_world):
    """What only the circle may see on the page: a notice sent, and an assigned expert."""
    review = review_world.review
    StepRecord.objects.create(review=review, step=Step.NOTIFICATION, completed_on=START)
    Notice.objects.create(
        review=review,
        step=Step.FOCAL_POINT_NOMINATION,
        email="private-address@example.org",
        subject="A subject of a notice",
    )
    return review_world


def record_steps(review, *steps, on=START):
    for step in steps:
        StepRecord.objects.create(review=review, step=step, completed_on=on)


# --- The review's page ---------------------------------------------------------------------------------


def test_the_public_page_shows_the_timetable(as_person, confidential):
    content = as_person("anonymous").get(PAGE).content.decode()

    assert "Review of AUT, cycle 2" in content
    assert "DEU" in content
    assert "FRA" in content
    assert "Nomination of the focal point" in content
    assert "The State under review" in content  # who acts
    # Due three weeks after the notification, and late by now.
    assert "26 January 2026" in content
    assert str((TODAY - dt.date(2026, 1, 26)).days) in content


@pytest.mark.parametrize(("position", "in_circle"), IN_CIRCLE.items())
def test_notices_and_experts_are_for_the_circle_only(as_person, confidential, position, in_circle):
    content = as_person(position).get(PAGE).content.decode()

    assert ("private-address@example.org" in content) is in_circle
    assert ("A subject of a notice" in content) is in_circle
    assert ("Governmental experts assigned" in content) is in_circle


def test_an_expert_of_another_review_sees_only_the_public_page(as_person, confidential):
    client = as_person("other_review_expert")

    content = client.get(PAGE).content.decode()

    assert "Nomination of the focal point" in content
    assert "reviewing_expert" not in content  # the name of the assigned expert
    assert client.get(f"{PAGE}steps/desk_review/").status_code == 403
    assert client.get(f"{PAGE}settings/").status_code == 403


def test_the_page_links_the_issued_summary(as_person, review_world):
    review = review_world.review
    review.summary_issued_on, review.summary_symbol = dt.date(2026, 5, 4), "CAC/COSP/IRG/II/1/1/Add.9"
    review.save()

    content = as_person("anonymous").get(PAGE).content.decode()

    assert "/reviews/2-AUT/summary/" in content
    assert "CAC/COSP/IRG/II/1/1/Add.9" in content


def test_the_navigation_shows_the_checklist_to_the_circle_only(as_person, review_world):
    assert "/reviews/2-AUT/checklist/" in as_person("sur_focal_point").get(PAGE).content.decode()
    assert "/reviews/2-AUT/checklist/" not in as_person("anonymous").get(PAGE).content.decode()


def test_a_review_not_started_lists_its_steps_without_dates(as_person, make_review):
    make_review("ESP", ("ITA", "FRA"), started_on=None)

    content = as_person("anonymous").get("/reviews/2-ESP/").content.decode()

    assert "Not started yet" in content
    assert "Publication" in content


def test_an_unknown_review_is_not_found(as_person):
    assert as_person("anonymous").get("/reviews/2-XXX/").status_code == 404


def test_the_circle_sees_a_link_to_record_the_steps_it_may(as_person, confidential):
    assert f"{PAGE}steps/focal_point_nomination/" in as_person("sur_focal_point").get(PAGE).content.decode()
    assert (
        f"{PAGE}steps/focal_point_nomination/" not in as_person("reviewing_expert").get(PAGE).content.decode()
    )


# --- Recording a step ------------------------------------------------------------------------------------


def test_the_secretariat_records_a_step(as_person, confidential):
    record_steps(confidential.review, Step.FOCAL_POINT_NOMINATION)

    response = as_person("secretariat").post(f"{PAGE}steps/kick_off_call/", {"on": "2026-02-03", "note": ""})

    assert response.status_code == 302
    assert StepRecord.objects.get(step=Step.KICK_OFF_CALL).completed_on == dt.date(2026, 2, 3)


def test_the_focal_point_nominates_through_the_step_page(as_person, confidential):
    delegate = confidential.people["sur_delegate"]

    response = as_person("sur_focal_point").post(
        f"{PAGE}steps/focal_point_nomination/", {"user": delegate.pk, "on": "2026-01-20"}
    )

    assert response.status_code == 302
    confidential.review.refresh_from_db()
    assert confidential.review.focal_point == delegate
    assert StepRecord.objects.filter(step=Step.FOCAL_POINT_NOMINATION).exists()


def test_the_focal_point_cannot_name_an_official_of_another_state(as_person, confidential):
    response = as_person("sur_focal_point").post(
        f"{PAGE}steps/focal_point_nomination/",
        {"user": confidential.people["reviewing_expert"].pk, "on": "2026-01-20"},
    )

    assert response.status_code == 200  # not offered: the form refuses it
    assert not StepRecord.objects.filter(step=Step.FOCAL_POINT_NOMINATION).exists()


def test_a_refused_step_is_said_on_the_form_and_saves_nothing(as_person, confidential):
    response = as_person("secretariat").post(f"{PAGE}steps/self_assessment/", {"on": "2026-02-03"})

    assert response.status_code == 200
    assert "waits for" in response.content.decode()
    assert not StepRecord.objects.filter(step=Step.SELF_ASSESSMENT).exists()


def test_a_day_in_the_future_is_refused_on_the_date_field(as_person, confidential):
    record_steps(confidential.review, Step.FOCAL_POINT_NOMINATION)

    response = as_person("secretariat").post(f"{PAGE}steps/kick_off_call/", {"on": "2026-06-02"})

    assert response.status_code == 200
    assert "in the future" in response.content.decode()
    assert not StepRecord.objects.filter(step=Step.KICK_OFF_CALL).exists()


@pytest.mark.parametrize(
    ("position", "step", "status"),
    [
        ("anonymous", "focal_point_nomination", 302),
        ("observer", "focal_point_nomination", 403),
        ("sur_delegate", "focal_point_nomination", 403),  # not in the circle
        ("reviewing_expert", "focal_point_nomination", 403),  # the State's own step
        ("sur_focal_point", "kick_off_call", 403),  # the secretariat's step
        ("unassigned_expert", "desk_review", 403),
        ("reviewing_focal_point", "desk_review", 403),
        ("other_review_expert", "desk_review", 403),
    ],
)
def test_who_may_not_record_a_step(as_person, confidential, position, step, status):
    client = as_person(position)

    assert client.get(f"{PAGE}steps/{step}/").status_code == status
    assert client.post(f"{PAGE}steps/{step}/", {"on": "2026-02-03"}).status_code == status
    assert not StepRecord.objects.filter(step=step).exists()


def test_the_assigned_expert_may_record_the_desk_review(as_person, confidential):
    assert as_person("reviewing_expert").get(f"{PAGE}steps/desk_review/").status_code == 200


def test_an_unknown_step_is_not_found(as_person, confidential):
    assert as_person("secretariat").get(f"{PAGE}steps/lunch/").status_code == 404


# --- Settings --------------------------------------------------------------------------------------


def test_the_secretariat_starts_a_review(as_person, make_review, review_world):
    review = make_review("ESP", ("ITA", "FRA"), started_on=None)

    response = as_person("secretariat").post(
        "/reviews/2-ESP/settings/", {"action": "start", "start-on": "2026-03-02"}
    )

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.started_on == dt.date(2026, 3, 2)
    assert StepRecord.objects.filter(review=review, step=Step.NOTIFICATION).exists()


def test_the_secretariat_sets_language_and_visit(as_person, review_world):
    client = as_person("secretariat")

    client.post(f"{PAGE}settings/", {"action": "language", "language-language": "fr"})
    client.post(
        f"{PAGE}settings/",
        {
            "action": "direct_dialogue",
            "direct_dialogue-kind": "country_visit",
            "direct_dialogue-starts": "2026-09-01",
            "direct_dialogue-ends": "2026-09-03",
        },
    )

    review = CountryReview.objects.get(pk=review_world.review.pk)
    assert (review.language, review.direct_dialogue_kind, review.direct_dialogue_ends) == (
        "fr",
        "country_visit",
        dt.date(2026, 9, 3),
    )


def test_a_refused_setting_is_said_on_its_form(as_person, review_world):
    response = as_person("secretariat").post(
        f"{PAGE}settings/",
        {
            "action": "direct_dialogue",
            "direct_dialogue-kind": "country_visit",
            "direct_dialogue-starts": "2026-09-03",
            "direct_dialogue-ends": "2026-09-01",
        },
    )

    assert response.status_code == 200
    assert "cannot end before it starts" in response.content.decode()
    review_world.review.refresh_from_db()
    assert review_world.review.direct_dialogue_kind == ""


def test_the_secretariat_skips_the_visit(as_person, review_world):
    response = as_person("secretariat").post(f"{PAGE}settings/", {"action": "skip"})

    assert response.status_code == 302
    assert StepRecord.objects.get(step=Step.DIRECT_DIALOGUE).skipped


def test_the_secretariat_names_the_focal_point(as_person, confidential):
    review_world = confidential
    delegate = review_world.people["sur_delegate"]

    as_person("secretariat").post(
        f"{PAGE}settings/",
        {"action": "focal_point", "focal_point-user": delegate.pk, "focal_point-on": "2026-01-10"},
    )

    review_world.review.refresh_from_db()
    assert review_world.review.focal_point == delegate


@pytest.mark.parametrize(
    ("position", "status"),
    [
        ("anonymous", 302),
        ("observer", 403),
        ("sur_focal_point", 403),
        ("sur_delegate", 403),
        ("reviewing_expert", 403),
        ("reviewing_focal_point", 403),
    ],
)
def test_only_the_secretariat_changes_the_settings(as_person, review_world, position, status):
    client = as_person(position)

    assert client.get(f"{PAGE}settings/").status_code == status
    assert (
        client.post(f"{PAGE}settings/", {"action": "language", "language-language": "fr"}).status_code
        == status
    )
    review_world.review.refresh_from_db()
    assert review_world.review.language == ""


# --- My reviews ----------------------------------------------------------------------------------------


def test_my_reviews_lists_the_reviews_of_my_circle_and_what_is_due_from_me(as_person, review_world):
    record_steps(review_world.review, *list(Step)[: list(Step).index(Step.DESK_REVIEW)])

    content = as_person("reviewing_expert").get("/reviews/mine/").content.decode()

    assert "/reviews/2-AUT/" in content
    assert "/reviews/2-ITA/" not in content
    assert f"{PAGE}steps/desk_review/" in content


@pytest.mark.parametrize("position", ["sur_delegate", "unassigned_expert", "observer"])
def test_my_reviews_is_empty_outside_every_circle(as_person, review_world, position):
    content = as_person(position).get("/reviews/mine/").content.decode()

    assert "You take part in no country review." in content


def test_my_reviews_asks_to_sign_in(as_person, review_world):
    assert as_person("anonymous").get("/reviews/mine/").status_code == 302


@pytest.mark.parametrize("extra", [0, 2])
def test_my_reviews_costs_the_same_queries_for_more_reviews(
    as_person, review_world, make_review, django_assert_num_queries, extra
):
    for iso3 in ["ESP", "POL"][:extra]:
        review = make_review(iso3, ("DEU", "FRA"))
        record_steps(review, Step.NOTIFICATION)
        listing = GovernmentalExpert.objects.get(name="reviewing_expert")
        ExpertAssignment.objects.create(review=review, expert=listing)
    client = as_person("reviewing_expert")
    client.get("/reviews/mine/")  # warm the session

    # The same count whatever the number of reviews: their plans come from one query, and the open
    # steps of these reviews are the State's, so no assignment is looked up per review.
    with django_assert_num_queries(9):
        client.get("/reviews/mine/")


def test_only_open_steps_are_flagged_late(review_world, confidential):
    rows = {row.step: row for row in review_overview(review_world.review, AnonymousUser(), TODAY).rows}

    assert rows[Step.FOCAL_POINT_NOMINATION].overdue
    assert rows[Step.FOCAL_POINT_NOMINATION].days_late == (TODAY - dt.date(2026, 1, 26)).days
    # The kick-off call's planned date has passed too, but it cannot start before the nomination.
    assert not rows[Step.KICK_OFF_CALL].overdue
    assert rows[Step.KICK_OFF_CALL].days_late == 0
