"""The workflow of one review (services/workflow.py) and its e-mails (notifications.py): the plan from
the records, each change's refusals (nothing saved, nothing sent), and who is told what."""

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction

from cosp.core.enums import Role
from cosp.reviews import notifications
from cosp.reviews.models import CountryReview, ExpertAssignment, GovernmentalExpert, Notice, StepRecord
from cosp.reviews.services import ReviewRuleError, workflow
from cosp.reviews.services.workflow import (
    complete_step,
    nominate_focal_point,
    plan,
    plans,
    set_direct_dialogue,
    set_language,
    skip_direct_dialogue,
    start_review,
)
from cosp.reviews.timeline import Recipient, Status, Step

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

START = dt.date(2026, 1, 5)
TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def world(review_world):
    """The review world with an e-mail address for everyone."""
    for user in review_world.people.values():
        if user is not None:
            user.email = f"{user.username}@example.org"
            user.save(update_fields=["email"])
    return review_world


@pytest.fixture
def secretariat(world):
    return world.people["secretariat"]


def record_steps(review, *steps, on=START):
    for step in steps:
        StepRecord.objects.create(review=review, step=step, completed_on=on)


def status_of(review) -> dict[Step, Status]:
    return {state.step: state.status for state in plan(review)}


def codes_of(error: ReviewRuleError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {item.code for items in error.error_dict.values() for item in items}
    return {item.code for item in error.error_list}


def sent_to() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


# --- The plan -------------------------------------------------------------------------------------------


def test_plan_of_an_unstarted_review_is_empty(make_review):
    assert plan(make_review(started_on=None)) == []


def test_plan_follows_the_records_done_and_skipped(world):
    review = world.review
    record_steps(review, Step.NOTIFICATION, Step.FOCAL_POINT_NOMINATION)
    StepRecord.objects.create(review=review, step=Step.DIRECT_DIALOGUE, completed_on=START, skipped=True)

    states = {state.step: state for state in plan(review)}

    assert states[Step.NOTIFICATION].status is Status.DONE
    assert states[Step.FOCAL_POINT_NOMINATION].completed == START
    assert states[Step.KICK_OFF_CALL].status is Status.IN_PROGRESS
    assert states[Step.KICK_OFF_CALL].due == dt.date(2026, 2, 5)  # one month after the nomination
    assert states[Step.DIRECT_DIALOGUE].status is Status.SKIPPED
    assert states[Step.SELF_ASSESSMENT].status is Status.NOT_STARTED


def test_plan_uses_the_agreed_dates_of_a_visit(world):
    review = world.review
    review.direct_dialogue_kind = "country_visit"
    review.direct_dialogue_starts, review.direct_dialogue_ends = dt.date(2026, 9, 1), dt.date(2026, 9, 3)
    review.save()

    states = {state.step: state for state in plan(review)}

    assert states[Step.DIRECT_DIALOGUE].due == dt.date(2026, 9, 3)


def test_plan_uses_the_configured_durations(world, settings):
    settings.REVIEW_TIMELINE = {"focal_point_nomination": "1 week"}

    states = {state.step: state for state in plan(world.review)}

    assert states[Step.FOCAL_POINT_NOMINATION].due == START + dt.timedelta(weeks=1)


def test_plans_of_many_reviews_take_one_query(world, make_review, django_assert_num_queries):
    record_steps(world.review, Step.NOTIFICATION)
    reviews = [*CountryReview.objects.all(), make_review("ESP", ("ITA", "FRA"), started_on=None)]

    with django_assert_num_queries(1):
        planned = plans(reviews)

    assert planned[world.review.pk] == plan(world.review)
    assert planned[world.other_review.pk][0].status is Status.IN_PROGRESS
    assert planned[reviews[-1].pk] == []


# --- Completing a step ------------------------------------------------------------------------------


def test_complete_step_records_it_and_opens_the_next(world, secretariat, django_capture_on_commit_callbacks):
    review = world.review
    record_steps(review, Step.NOTIFICATION, Step.FOCAL_POINT_NOMINATION)

    with django_capture_on_commit_callbacks(execute=True):
        step_record = complete_step(review, Step.KICK_OFF_CALL, on=dt.date(2026, 2, 1), actor=secretariat)

    assert (step_record.step, step_record.completed_on, step_record.recorded_by) == (
        "kick_off_call",
        dt.date(2026, 2, 1),
        secretariat,
    )
    assert status_of(review)[Step.SELF_ASSESSMENT] is Status.IN_PROGRESS
    # The self-assessment opens: the focal point of the State under review is told, and only they.
    assert sent_to() == {"sur_focal_point@example.org"}
    assert list(Notice.objects.values_list("step", "email")) == [
        ("self_assessment", "sur_focal_point@example.org")
    ]


def test_a_late_step_is_recorded_and_flagged_not_refused(world, secretariat):
    review = world.review
    record_steps(review, Step.NOTIFICATION)

    complete_step(review, Step.FOCAL_POINT_NOMINATION, on=dt.date(2026, 5, 1), actor=secretariat)

    nomination = {state.step: state for state in plan(review)}[Step.FOCAL_POINT_NOMINATION]
    assert nomination.completed_late
    assert nomination.days_late(TODAY) == (dt.date(2026, 5, 1) - dt.date(2026, 1, 26)).days


def test_an_open_overdue_step_is_flagged(world):
    record_steps(world.review, Step.NOTIFICATION)

    nomination = {state.step: state for state in plan(world.review)}[Step.FOCAL_POINT_NOMINATION]

    assert nomination.is_overdue(TODAY)
    assert nomination.days_late(TODAY) == (TODAY - dt.date(2026, 1, 26)).days


@pytest.mark.parametrize(
    ("step", "on", "code"),
    [
        (Step.NOTIFICATION, START, "already_recorded"),
        (Step.SELF_ASSESSMENT, START, "predecessors_open"),
        (Step.FOCAL_POINT_NOMINATION, START - dt.timedelta(days=1), "before_start"),
        (Step.FOCAL_POINT_NOMINATION, TODAY + dt.timedelta(days=1), "future_date"),
        ("not_a_step", START, "unknown_step"),
    ],
)
def test_complete_step_refusals_save_nothing(world, secretariat, step, on, code):
    record_steps(world.review, Step.NOTIFICATION)

    with pytest.raises(ReviewRuleError) as refused:
        complete_step(world.review, step, on=on, actor=secretariat)

    assert code in codes_of(refused.value)
    assert StepRecord.objects.filter(review=world.review).count() == 1
    assert Notice.objects.count() == 0


def test_complete_step_refuses_a_step_of_a_review_not_started(make_review):
    review = make_review(started_on=None)

    with pytest.raises(ReviewRuleError, match="has not started"):
        complete_step(review, Step.NOTIFICATION, on=TODAY, actor=None)


def test_complete_step_refuses_the_draft_report_while_the_visit_is_undecided(world, secretariat):
    review = world.review
    record_steps(review, *list(Step)[: list(Step).index(Step.DIALOGUE) + 1])

    with pytest.raises(ReviewRuleError, match="Country visit or joint meeting"):
        complete_step(review, Step.DRAFT_REPORT, on=TODAY, actor=secretariat)

    assert not StepRecord.objects.filter(review=review, step=Step.DRAFT_REPORT).exists()


@pytest.mark.parametrize(
    ("position", "step", "allowed"),
    [
        ("sur_focal_point", Step.FOCAL_POINT_NOMINATION, True),
        ("sur_focal_point", Step.KICK_OFF_CALL, False),  # the secretariat's step
        ("reviewing_expert", Step.FOCAL_POINT_NOMINATION, False),
        ("sur_delegate", Step.FOCAL_POINT_NOMINATION, False),
        ("other_review_expert", Step.FOCAL_POINT_NOMINATION, False),
        ("secretariat", Step.FOCAL_POINT_NOMINATION, True),
    ],
)
def test_complete_step_asks_who_may_record_it(world, position, step, allowed):
    record_steps(world.review, Step.NOTIFICATION)
    actor = world.people[position]

    if allowed:
        complete_step(world.review, step, on=TODAY, actor=actor)
    else:
        with pytest.raises(ReviewRuleError, match="may not record"):
            complete_step(world.review, step, on=TODAY, actor=actor)

    assert StepRecord.objects.filter(review=world.review, step=step).exists() is allowed


def test_no_mail_leaves_when_the_transaction_rolls_back(
    world, secretariat, django_capture_on_commit_callbacks
):
    record_steps(world.review, Step.NOTIFICATION, Step.FOCAL_POINT_NOMINATION)

    def record_then_fail():
        with transaction.atomic():
            complete_step(world.review, Step.KICK_OFF_CALL, on=TODAY, actor=secretariat)
            raise RuntimeError("something after it failed")

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        record_then_fail()

    assert callbacks == []
    assert mail.outbox == []
    assert Notice.objects.count() == 0


# --- Starting, the focal point, the language, the direct dialogue ---------------------------------------


def test_start_review_sets_the_start_and_tells_the_state(
    make_review, make_user, django_capture_on_commit_callbacks
):
    review = make_review(started_on=None)
    officer = make_user(Role.SECRETARIAT_OFFICER, username="officer")
    focal_point = make_user(Role.FOCAL_POINT, username="aut_focal_point", state="AUT")
    delegate = make_user(Role.DELEGATE, username="aut_delegate", state="AUT")
    other = make_user(Role.FOCAL_POINT, username="deu_focal_point", state="DEU")
    for user in (officer, focal_point, delegate, other):
        user.email = f"{user.username}@example.org"
        user.save()

    with django_capture_on_commit_callbacks(execute=True):
        start_review(review, on=dt.date(2026, 3, 2), actor=officer)

    review.refresh_from_db()
    assert review.started_on == dt.date(2026, 3, 2)
    assert status_of(review)[Step.NOTIFICATION] is Status.DONE
    assert status_of(review)[Step.FOCAL_POINT_NOMINATION] is Status.IN_PROGRESS
    # The State is told through its focal point; not its delegate, not a reviewing State.
    assert sent_to() == {"aut_focal_point@example.org"}
    assert "Nomination of the focal point" in mail.outbox[0].subject


def test_start_review_refusals(world, secretariat):
    with pytest.raises(ReviewRuleError, match="already started"):
        start_review(world.review, on=TODAY, actor=secretariat)
    review = world.other_review
    review.started_on = None
    review.save()
    with pytest.raises(ReviewRuleError, match="Only the secretariat"):
        start_review(review, on=TODAY, actor=world.people["sur_focal_point"])
    with pytest.raises(ReviewRuleError, match="in the future"):
        start_review(review, on=TODAY + dt.timedelta(days=3), actor=secretariat)

    review.refresh_from_db()
    assert review.started_on is None
    assert not StepRecord.objects.filter(review=review).exists()


def test_nominate_focal_point_records_the_step_once(world, make_user, django_capture_on_commit_callbacks):
    review = world.review
    record_steps(review, Step.NOTIFICATION)
    delegate = world.people["sur_delegate"]

    with django_capture_on_commit_callbacks(execute=True):
        nominate_focal_point(review, delegate, on=dt.date(2026, 1, 20), actor=world.people["sur_focal_point"])

    review.refresh_from_db()
    assert review.focal_point == delegate
    assert StepRecord.objects.get(review=review, step=Step.FOCAL_POINT_NOMINATION).completed_on == dt.date(
        2026, 1, 20
    )
    # The kick-off call opens: the secretariat, the new focal point and the assigned experts hear of it.
    assert sent_to() == {
        "secretariat@example.org",
        "sur_delegate@example.org",
        "reviewing_expert@example.org",
    }

    # A later nomination replaces the person; the step stays as recorded.
    successor = make_user(Role.GOVERNMENTAL_EXPERT, username="aut_official", state="AUT")
    nominate_focal_point(review, successor, on=TODAY, actor=world.people["secretariat"])
    review.refresh_from_db()
    assert review.focal_point == successor
    assert StepRecord.objects.filter(review=review, step=Step.FOCAL_POINT_NOMINATION).count() == 1


@pytest.mark.parametrize("position", ["reviewing_expert", "observer", "secretariat"])
def test_nominate_focal_point_refuses_someone_not_of_the_state(world, position):
    record_steps(world.review, Step.NOTIFICATION)

    with pytest.raises(ReviewRuleError, match="must be an official of"):
        nominate_focal_point(
            world.review, world.people[position], on=TODAY, actor=world.people["secretariat"]
        )

    world.review.refresh_from_db()
    assert world.review.focal_point == world.people["sur_focal_point"]
    assert not StepRecord.objects.filter(step=Step.FOCAL_POINT_NOMINATION).exists()


def test_nominate_focal_point_refuses_an_actor_of_another_state(world):
    record_steps(world.review, Step.NOTIFICATION)

    with pytest.raises(ReviewRuleError, match="Only the State under review"):
        nominate_focal_point(
            world.review, world.people["sur_delegate"], on=TODAY, actor=world.people["reviewing_focal_point"]
        )


def test_set_language(world, secretariat):
    set_language(world.review, "fr", actor=secretariat)
    world.review.refresh_from_db()
    assert world.review.language == "fr"

    with pytest.raises(ReviewRuleError):
        set_language(world.review, "de", actor=secretariat)
    with pytest.raises(ReviewRuleError, match="Only the secretariat"):
        set_language(world.review, "es", actor=world.people["sur_focal_point"])
    world.review.refresh_from_db()
    assert world.review.language == "fr"


def test_skip_direct_dialogue_lets_the_draft_report_wait_for_the_dialogue_only(
    world, secretariat, django_capture_on_commit_callbacks
):
    review = world.review
    record_steps(review, *list(Step)[: list(Step).index(Step.DIALOGUE) + 1])

    with django_capture_on_commit_callbacks(execute=True):
        skip_direct_dialogue(review, actor=secretariat)

    assert status_of(review)[Step.DIRECT_DIALOGUE] is Status.SKIPPED
    assert status_of(review)[Step.DRAFT_REPORT] is Status.IN_PROGRESS
    assert sent_to() == {"reviewing_expert@example.org", "secretariat@example.org"}
    with pytest.raises(ReviewRuleError, match="already skipped"):
        skip_direct_dialogue(review, actor=secretariat)


def test_set_direct_dialogue_reopens_a_skipped_visit(world, secretariat):
    review = world.review
    StepRecord.objects.create(review=review, step=Step.DIRECT_DIALOGUE, completed_on=START, skipped=True)

    set_direct_dialogue(
        review, "joint_meeting_vienna", dt.date(2026, 9, 7), dt.date(2026, 9, 9), actor=secretariat
    )

    review.refresh_from_db()
    assert (review.direct_dialogue_kind, review.direct_dialogue_ends) == (
        "joint_meeting_vienna",
        dt.date(2026, 9, 9),
    )
    assert not StepRecord.objects.filter(review=review, step=Step.DIRECT_DIALOGUE).exists()
    assert {state.step: state for state in plan(review)}[Step.DIRECT_DIALOGUE].due == dt.date(2026, 9, 9)


@pytest.mark.parametrize(
    ("kind", "starts", "ends", "match"),
    [
        ("country_visit", dt.date(2026, 9, 9), dt.date(2026, 9, 7), "cannot end before it starts"),
        ("a_picnic", dt.date(2026, 9, 7), dt.date(2026, 9, 9), "country visit or a joint meeting"),
        ("country_visit", dt.date(2025, 12, 1), dt.date(2025, 12, 3), "cannot start before"),
    ],
)
def test_set_direct_dialogue_refusals_save_nothing(world, secretariat, kind, starts, ends, match):
    with pytest.raises(ReviewRuleError, match=match):
        set_direct_dialogue(world.review, kind, starts, ends, actor=secretariat)

    world.review.refresh_from_db()
    assert (world.review.direct_dialogue_kind, world.review.direct_dialogue_starts) == ("", None)


def test_skip_clears_the_dates_and_a_held_visit_cannot_be_skipped(world, secretariat):
    review = world.review
    set_direct_dialogue(review, "country_visit", dt.date(2026, 2, 2), dt.date(2026, 2, 4), actor=secretariat)
    skip_direct_dialogue(review, actor=secretariat)
    review.refresh_from_db()
    assert (review.direct_dialogue_kind, review.direct_dialogue_ends) == ("", None)

    StepRecord.objects.filter(review=review).delete()
    record_steps(review, Step.DIRECT_DIALOGUE)
    with pytest.raises(ReviewRuleError, match="recorded as held"):
        skip_direct_dialogue(review, actor=secretariat)


def test_a_visit_cannot_be_added_after_the_draft_report(world, secretariat):
    review = world.review
    StepRecord.objects.create(review=review, step=Step.DIRECT_DIALOGUE, completed_on=START, skipped=True)
    record_steps(review, Step.DRAFT_REPORT)

    with pytest.raises(ReviewRuleError, match="already recorded without a visit"):
        set_direct_dialogue(
            review, "country_visit", dt.date(2026, 7, 1), dt.date(2026, 7, 2), actor=secretariat
        )

    assert StepRecord.objects.filter(review=review, step=Step.DIRECT_DIALOGUE, skipped=True).exists()


# --- Whom the notices reach -------------------------------------------------------------------------------


def addresses(review, *roles) -> set[str]:
    return {person.email for person in notifications.addressees(review, roles)}


def test_focal_point_role_means_the_named_one_else_the_states_focal_points(world, make_user):
    review = world.review
    second = make_user(Role.FOCAL_POINT, username="second_focal_point", state="AUT")
    second.email = "second@example.org"
    second.save()

    assert addresses(review, Recipient.FOCAL_POINT) == {"sur_focal_point@example.org"}
    assert addresses(review, Recipient.STATE_UNDER_REVIEW) == {
        "sur_focal_point@example.org",
        "second@example.org",
    }
    review.focal_point = None
    review.save()
    assert addresses(review, Recipient.FOCAL_POINT) == {"sur_focal_point@example.org", "second@example.org"}


def test_reviewing_experts_are_the_assigned_active_ones(world, make_party):
    review = world.review
    listed_only = GovernmentalExpert.objects.create(
        state=make_party("FRA"), name="No account", email="x@fr.example"
    )
    ExpertAssignment.objects.create(review=review, expert=listed_only)
    gone = GovernmentalExpert.objects.create(
        state=make_party("FRA"), name="Off the list", email="gone@fr.example", active=False
    )
    ExpertAssignment.objects.create(review=review, expert=gone)

    # Not the unassigned expert of a reviewing State, not the expert of another review.
    assert addresses(review, Recipient.REVIEWING_EXPERTS) == {"reviewing_expert@example.org", "x@fr.example"}


def test_secretariat_role_is_every_active_officer_with_an_address(world, make_user):
    inactive = make_user(Role.SECRETARIAT_OFFICER, username="retired")
    inactive.email, inactive.is_active = "retired@example.org", False
    inactive.save()
    make_user(Role.SECRETARIAT_OFFICER, username="no_address")

    assert addresses(world.review, Recipient.SECRETARIAT) == {"secretariat@example.org"}


def test_people_outside_the_circle_are_never_written_to(world, settings):
    # Were the focal point of the State under review outside the circle by configuration, they would
    # hear nothing.
    settings.REVIEW_VISIBILITY = {"state_under_review_roles": ["governmental_expert"]}

    assert addresses(world.review, Recipient.FOCAL_POINT, Recipient.STATE_UNDER_REVIEW) == set()


def test_a_notice_names_the_review_and_the_step_only(world, secretariat, django_capture_on_commit_callbacks):
    review = world.review
    record_steps(review, *list(Step)[: list(Step).index(Step.SELF_ASSESSMENT)])

    with django_capture_on_commit_callbacks(execute=True):
        complete_step(
            review,
            Step.SELF_ASSESSMENT,
            on=TODAY,
            actor=secretariat,
            note="Confidential: answers on article 9",
        )

    message = mail.outbox[0]
    assert message.subject == "Review of AUT, cycle 2: Circulation to the reviewing experts is open"
    assert "/reviews/2-AUT/" in message.body
    assert "Confidential" not in message.body
    assert Notice.objects.get().subject == message.subject


# --- Deferral (DL-9) ------------------------------------------------------------------------------------


def test_a_review_not_started_is_deferred_to_a_later_year_keeping_the_year_it_was_drawn_for(review_world):
    review = review_world.review
    review.started_on = None
    review.save()
    workflow.defer_review(
        review, to_year=3, reason="Elections this year.", actor=review_world.people["secretariat"]
    )
    review.refresh_from_db()
    assert (review.year, review.deferred_from_year) == (3, 1)
    workflow.defer_review(review, to_year=4, reason="Again.", actor=None)
    review.refresh_from_db()
    assert (review.year, review.deferred_from_year) == (4, 1)
    assert review.history.first().history_change_reason == "reviews.review.deferred: Again."


@pytest.mark.parametrize(
    ("to_year", "reason", "started", "code"),
    [
        (1, "A reason.", False, "not_a_later_year"),
        (6, "A reason.", False, "not_a_later_year"),
        (2, "  ", False, "no_reason"),
        (2, "A reason.", True, "already_started"),
    ],
)
def test_a_deferral_the_rules_refuse_changes_nothing(review_world, to_year, reason, started, code):
    review = review_world.review
    if not started:
        review.started_on = None
        review.save()
    with pytest.raises(ReviewRuleError) as refusal:
        workflow.defer_review(
            review, to_year=to_year, reason=reason, actor=review_world.people["secretariat"]
        )
    assert [error.code for errors in refusal.value.error_dict.values() for error in errors] == [code]
    review.refresh_from_db()
    assert (review.year, review.deferred_from_year) == (1, None)


def test_only_the_secretariat_defers_a_review(review_world):
    review = review_world.review
    review.started_on = None
    review.save()
    with pytest.raises(ReviewRuleError):
        workflow.defer_review(
            review, to_year=2, reason="A reason.", actor=review_world.people["sur_focal_point"]
        )


def test_the_secretariat_defers_a_review_on_its_settings_page(review_world, as_person):
    review = review_world.review
    review.started_on = None
    review.save()
    client = as_person("secretariat")
    page = client.get("/reviews/2-AUT/settings/")
    assert "Defer the review" in page.content.decode()
    response = client.post(
        "/reviews/2-AUT/settings/", {"action": "defer", "defer-to_year": "2", "defer-reason": "Elections."}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.year, review.deferred_from_year) == (2, 1)
