"""Governmental experts (RULES 4.5, services/experts.py and views/experts.py): a State's list of at
most 15, kept by its focal point or the secretariat; public lists without contact details; experts
assigned to a review by their reviewing State's focal point or the secretariat."""

import pytest
from django.core import mail

from cosp.core.enums import Role
from cosp.reviews.models import ExpertAssignment, GovernmentalExpert, Notice
from cosp.reviews.services import ReviewRuleError
from cosp.reviews.services.experts import (
    add_expert,
    assign_expert,
    deactivate_expert,
    unassign_expert,
    update_expert,
)
from cosp.states.models import State

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def austria(review_world):
    return State.objects.get(iso3="AUT")


@pytest.fixture
def germany(review_world):
    return State.objects.get(iso3="DEU")


def fill_list(state, count: int, *, prefix="Expert") -> list[GovernmentalExpert]:
    return GovernmentalExpert.objects.bulk_create(
        GovernmentalExpert(
            state=state, name=f"{prefix} {number}", email=f"{prefix}{number}@example.org".lower()
        )
        for number in range(count)
    )


def active_count(state) -> int:
    return GovernmentalExpert.objects.filter(state=state, active=True).count()


# --- The list and its cap ----------------------------------------------------------------------------


def test_the_sixteenth_expert_is_refused_with_a_clear_message(review_world, austria):
    fill_list(austria, 15 - active_count(austria))
    secretariat = review_world.people["secretariat"]

    with pytest.raises(ReviewRuleError, match="already has 15 governmental experts") as refused:
        add_expert(austria, name="One too many", actor=secretariat)

    assert "Take one off the list first" in refused.value.messages[0]
    assert active_count(austria) == 15
    assert not GovernmentalExpert.objects.filter(name="One too many").exists()


def test_taking_one_off_the_list_makes_room(review_world, austria):
    experts = fill_list(austria, 15 - active_count(austria))
    focal_point = review_world.people["sur_focal_point"]

    deactivate_expert(experts[0], actor=focal_point)
    added = add_expert(austria, name="Newcomer", position="Prosecutor", actor=focal_point)

    assert (added.name, added.position, added.active) == ("Newcomer", "Prosecutor", True)
    assert active_count(austria) == 15
    # Putting the first one back would make sixteen.
    with pytest.raises(ReviewRuleError, match="already has 15"):
        update_expert(experts[0], active=True, actor=focal_point)
    experts[0].refresh_from_db()
    assert experts[0].active is False


def test_the_cap_is_configurable(review_world, austria, settings):
    settings.REVIEW_EXPERTS_PER_STATE = active_count(austria) + 1
    secretariat = review_world.people["secretariat"]

    add_expert(austria, name="The last place", actor=secretariat)
    with pytest.raises(ReviewRuleError, match="already has"):
        add_expert(austria, name="No place left", actor=secretariat)


@pytest.mark.parametrize(
    ("position", "allowed"),
    [
        ("sur_focal_point", True),
        ("secretariat", True),
        ("sur_delegate", False),
        ("sur_expert", False),
        ("reviewing_focal_point", False),  # keeps DEU's list, not AUT's
        ("observer", False),
    ],
)
def test_who_keeps_a_states_list(review_world, austria, position, allowed):
    actor = review_world.people[position]

    if allowed:
        add_expert(austria, name="Listed", actor=actor)
    else:
        with pytest.raises(ReviewRuleError, match="Only the focal point of AUT or the secretariat"):
            add_expert(austria, name="Listed", actor=actor)

    assert GovernmentalExpert.objects.filter(name="Listed").exists() is allowed


def test_an_account_must_be_an_official_of_the_state_and_listed_once(review_world, austria):
    secretariat = review_world.people["secretariat"]

    with pytest.raises(ReviewRuleError, match="official of AUT"):
        add_expert(
            austria, name="Wrong State", user=review_world.people["reviewing_expert"], actor=secretariat
        )
    with pytest.raises(ReviewRuleError, match="already on the list"):
        add_expert(austria, name="Twice", user=review_world.people["sur_expert"], actor=secretariat)
    delegate = review_world.people["sur_delegate"]
    listing = add_expert(austria, name="The delegate", user=delegate, actor=secretariat)

    assert listing.user == delegate
    assert not GovernmentalExpert.objects.filter(name__in=["Wrong State", "Twice"]).exists()


def test_update_changes_the_listing(review_world, austria):
    expert = GovernmentalExpert.objects.get(name="sur_expert")

    update_expert(
        expert, name=" Dr Sur Expert ", expertise="Asset recovery", languages="German, English", actor=None
    )

    expert.refresh_from_db()
    assert (expert.name, expert.expertise, expert.languages) == (
        "Dr Sur Expert",
        "Asset recovery",
        "German, English",
    )
    with pytest.raises(ReviewRuleError, match="Give the expert's name"):
        update_expert(expert, name="  ", actor=None)


# --- Assignments ---------------------------------------------------------------------------------------


@pytest.fixture
def deu_expert(germany):
    return GovernmentalExpert.objects.create(state=germany, name="Erika", email="erika@example.org")


@pytest.fixture
def fra_expert(review_world):
    return GovernmentalExpert.objects.create(state=State.objects.get(iso3="FRA"), name="Amélie")


def test_a_reviewing_focal_point_assigns_its_own_expert_who_is_told(
    review_world, deu_expert, django_capture_on_commit_callbacks
):
    review = review_world.review

    with django_capture_on_commit_callbacks(execute=True):
        assignment = assign_expert(review, deu_expert, actor=review_world.people["reviewing_focal_point"])

    assert (assignment.review, assignment.expert) == (review, deu_expert)
    assert [message.to for message in mail.outbox] == [["erika@example.org"]]
    assert mail.outbox[0].subject == "Review of AUT, cycle 2: you are assigned as a governmental expert"
    assert Notice.objects.get().email == "erika@example.org"


def test_a_reviewing_focal_point_does_not_assign_another_states_expert(review_world, fra_expert):
    with pytest.raises(ReviewRuleError, match="assigns its own experts only"):
        assign_expert(review_world.review, fra_expert, actor=review_world.people["reviewing_focal_point"])

    assert not ExpertAssignment.objects.filter(expert=fra_expert).exists()


def test_the_secretariat_assigns_experts_of_the_reviewing_states_and_of_the_state_under_review(
    review_world, fra_expert
):
    secretariat = review_world.people["secretariat"]
    sur_listing = GovernmentalExpert.objects.get(name="sur_expert")

    assign_expert(review_world.review, fra_expert, actor=secretariat)
    assign_expert(review_world.review, sur_listing, actor=secretariat)

    assert set(review_world.review.assignments.values_list("expert__name", flat=True)) == {
        "reviewing_expert",
        "Amélie",
        "sur_expert",
    }


def test_an_expert_of_a_state_outside_the_review_is_refused(review_world):
    spanish = GovernmentalExpert.objects.get(name="other_review_expert")  # ESP reviews ITA, not AUT

    with pytest.raises(ReviewRuleError, match="neither reviews AUT nor is under review"):
        assign_expert(review_world.review, spanish, actor=review_world.people["secretariat"])

    assert not ExpertAssignment.objects.filter(review=review_world.review, expert=spanish).exists()


def test_an_expert_off_the_list_or_already_assigned_is_refused(review_world, deu_expert):
    secretariat = review_world.people["secretariat"]
    assigned = GovernmentalExpert.objects.get(name="reviewing_expert")
    with pytest.raises(ReviewRuleError, match="already assigned"):
        assign_expert(review_world.review, assigned, actor=secretariat)

    deactivate_expert(deu_expert, actor=secretariat)
    with pytest.raises(ReviewRuleError, match="no longer on the list"):
        assign_expert(review_world.review, deu_expert, actor=secretariat)

    assert review_world.review.assignments.count() == 1


def test_unassign(review_world, deu_expert):
    review = review_world.review
    assigned = GovernmentalExpert.objects.get(name="reviewing_expert")

    with pytest.raises(ReviewRuleError, match="assigns its own experts only"):
        unassign_expert(review, assigned, actor=review_world.people["sur_focal_point"])
    with pytest.raises(ReviewRuleError, match="not assigned"):
        unassign_expert(review, deu_expert, actor=review_world.people["reviewing_focal_point"])
    unassign_expert(review, assigned, actor=review_world.people["reviewing_focal_point"])

    assert not review.assignments.exists()


# --- Pages ----------------------------------------------------------------------------------------------


@pytest.fixture
def listed(austria):
    return GovernmentalExpert.objects.create(
        state=austria,
        name="Anna Listed",
        email="anna@secret.example",
        position="Judge",
        expertise="Procurement",
    )


@pytest.mark.parametrize("position", ["anonymous", "observer", "sur_delegate", "reviewing_focal_point"])
def test_public_lists_show_names_never_e_mails(as_person, listed, position):
    for address in ("/reviews/experts/", "/reviews/experts/AUT/"):
        response = as_person(position).get(address)

        content = response.content.decode()
        assert response.status_code == 200
        assert "Anna Listed" in content
        assert "Judge" in content
        assert "Procurement" in content
        assert "anna@secret.example" not in content


def test_the_keeper_of_the_list_sees_e_mails_and_experts_off_it(as_person, listed, austria):
    GovernmentalExpert.objects.create(
        state=austria, name="Former One", email="former@example.org", active=False
    )

    content = as_person("sur_focal_point").get("/reviews/experts/AUT/").content.decode()
    public = as_person("anonymous").get("/reviews/experts/AUT/").content.decode()

    assert "anna@secret.example" in content
    assert "Former One" in content
    assert "Former One" not in public


def test_the_focal_point_adds_an_expert_through_the_page(as_person, austria):
    response = as_person("sur_focal_point").post(
        "/reviews/experts/AUT/add/",
        {"name": "Added Expert", "position": "Auditor", "email": "added@example.org", "languages": "German"},
    )

    assert response.status_code == 302
    assert GovernmentalExpert.objects.get(name="Added Expert").email == "added@example.org"


def test_the_sixteenth_through_the_page_is_shown_on_the_form(as_person, austria):
    fill_list(austria, 15 - active_count(austria))

    response = as_person("secretariat").post("/reviews/experts/AUT/add/", {"name": "Sixteenth"})

    assert response.status_code == 200
    assert "already has 15 governmental experts" in response.content.decode()
    assert not GovernmentalExpert.objects.filter(name="Sixteenth").exists()


def test_the_focal_point_takes_an_expert_off_the_list_through_the_page(as_person, listed):
    response = as_person("sur_focal_point").post(
        f"/reviews/experts/AUT/{listed.pk}/", {"name": "Anna Listed", "position": "Judge"}
    )

    assert response.status_code == 302
    listed.refresh_from_db()
    assert listed.active is False


@pytest.mark.parametrize(
    ("position", "status"),
    [
        ("anonymous", 302),
        ("observer", 403),
        ("sur_delegate", 403),
        ("sur_expert", 403),
        ("reviewing_focal_point", 403),
        ("other_review_expert", 403),
    ],
)
def test_only_the_keeper_edits_a_list(as_person, listed, position, status):
    client = as_person(position)

    assert client.get("/reviews/experts/AUT/add/").status_code == status
    response = client.post(f"/reviews/experts/AUT/{listed.pk}/", {"name": "Changed"})

    assert response.status_code == status
    listed.refresh_from_db()
    assert listed.name == "Anna Listed"


def test_an_expert_of_another_state_is_not_found_under_this_one(as_person, review_world):
    german = GovernmentalExpert.objects.get(name="reviewing_expert")

    assert as_person("secretariat").get(f"/reviews/experts/AUT/{german.pk}/").status_code == 404


def test_the_assign_page_offers_a_reviewing_focal_point_its_own_experts(as_person, deu_expert, fra_expert):
    content = as_person("reviewing_focal_point").get("/reviews/2-AUT/experts/").content.decode()

    assert "Erika" in content
    assert "Amélie" not in content


def test_assign_and_remove_through_the_page(as_person, review_world, deu_expert):
    client = as_person("reviewing_focal_point")

    response = client.post("/reviews/2-AUT/experts/", {"expert": deu_expert.pk})
    assert response.status_code == 302
    assert review_world.review.assignments.filter(expert=deu_expert).exists()

    response = client.post("/reviews/2-AUT/experts/", {"unassign": deu_expert.pk})
    assert response.status_code == 302
    assert not review_world.review.assignments.filter(expert=deu_expert).exists()


def test_assigning_another_states_expert_through_the_page_is_refused(as_person, review_world, fra_expert):
    response = as_person("reviewing_focal_point").post("/reviews/2-AUT/experts/", {"expert": fra_expert.pk})

    assert response.status_code == 200  # the form says the choice is not one offered
    assert not review_world.review.assignments.filter(expert=fra_expert).exists()


@pytest.mark.parametrize(
    ("position", "status"),
    [
        ("anonymous", 302),
        ("observer", 403),
        ("sur_delegate", 403),
        ("sur_focal_point", 403),
        ("reviewing_expert", 403),
        ("other_review_expert", 403),
    ],
)
def test_who_may_not_assign_experts(as_person, review_world, deu_expert, position, status):
    client = as_person(position)

    assert client.get("/reviews/2-AUT/experts/").status_code == status
    assert client.post("/reviews/2-AUT/experts/", {"expert": deu_expert.pk}).status_code == status
    assert not review_world.review.assignments.filter(expert=deu_expert).exists()


def test_a_focal_point_of_a_state_taking_no_part_may_not_assign(client, review_world, make_user, deu_expert):
    client.force_login(make_user(Role.FOCAL_POINT, username="ita_focal_point", state="ITA"))

    assert client.get("/reviews/2-AUT/experts/").status_code == 403
