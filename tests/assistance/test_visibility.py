"""Who sees which need: a need from a country review is exactly as visible as the review material
holding it (the reviews app decides), a State's own entry once published; on every page, in the
exports and in the API alike."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from cosp.assistance import queries
from cosp.assistance.models import Engagement
from cosp.reviews.models import Checklist, ChecklistAnswer, ExpertAssignment, GovernmentalExpert
from cosp.states.models import Article, State

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

EVERYONE = (
    "anonymous",
    "observer",
    "igo",
    "focal_ken",
    "delegate_ken",
    "expert_ken",
    "central_ken",
    "focal_pol",
    "delegate_pol",
    "expert_pol",
    "central_pol",
    "focal_aut",
    "secretariat",
)
# The review's circle: the secretariat, Kenya's focal point and governmental experts (RULES 4.9).
CIRCLE = {"secretariat", "focal_ken", "expert_ken"}
# A State's unpublished entry: its officials, whatever their role, and the secretariat.
KENYA_AND_SECRETARIAT = {"secretariat", "focal_ken", "delegate_ken", "expert_ken", "central_ken"}


def _user(world, name):
    return world[name] or AnonymousUser()


def _sees(world, name, need) -> bool:
    user = _user(world, name)
    listed = queries.visible_needs(user).filter(pk=need.pk).exists()
    assert listed == queries.can_see_need(user, need), f"list and page disagree for {name}"
    return listed


@pytest.mark.parametrize("name", EVERYONE)
def test_a_need_from_an_unpublished_review_is_seen_by_its_circle_only(world, name):
    need = world.finding.assistance_need

    assert _sees(world, name, need) is (name in CIRCLE)
    # The reviews app's own rule for the findings, asked directly.
    assert _user(world, name).has_perm("reviews.view_findings", world.review) is (name in CIRCLE)


@pytest.mark.parametrize("name", EVERYONE)
def test_once_the_summary_is_issued_everyone_sees_it(world, name):
    world.review.summary_issued_on = date(2026, 9, 1)
    world.review.save()

    assert _sees(world, name, world.finding.assistance_need)


def test_an_expert_of_a_reviewing_state_sees_it_only_when_assigned(world, make_user):
    expert = make_user("governmental_expert", username="expert_deu", state="DEU")
    need = world.finding.assistance_need
    world.people["expert_deu"] = expert
    assert not _sees(world, "expert_deu", need)

    listing = GovernmentalExpert.objects.create(state=State.objects.get(iso3="DEU"), user=expert, name="E")
    ExpertAssignment.objects.create(review=world.review, expert=listing)
    expert = type(expert).objects.get(pk=expert.pk)  # role_pairs are cached per instance
    world.people["expert_deu"] = expert
    assert _sees(world, "expert_deu", need)


@pytest.mark.parametrize("name", EVERYONE)
def test_a_need_from_the_checklist_is_public_once_the_state_publishes_it(world, name):
    checklist = Checklist.objects.create(review=world.review)
    answer = ChecklistAnswer.objects.create(
        checklist=checklist, article=Article.objects.get(number=52), assistance_needed="Software."
    )
    need = answer.assistance_need
    assert _sees(world, name, need) is (name in CIRCLE)

    checklist.published_at = "2026-03-01T10:00Z"
    checklist.save()
    assert _sees(world, name, type(need).objects.get(pk=need.pk))


@pytest.mark.parametrize("name", EVERYONE)
def test_a_states_own_entry_is_public_once_published(world, own_need, name):
    own_need.published = False
    own_need.save()
    assert _sees(world, name, own_need) is (name in KENYA_AND_SECRETARIAT)

    own_need.published = True
    own_need.save()
    assert _sees(world, name, own_need)


# --- The same on the pages, the exports and the API -------------------------------------------------


THIRD_PARTIES = (
    "anonymous",
    "observer",
    "focal_pol",
    "expert_pol",
    "central_pol",
    "delegate_ken",
    "focal_aut",
)


@pytest.mark.parametrize("name", THIRD_PARTIES)
def test_third_parties_find_the_hidden_need_nowhere(world, own_need, offer, as_person, name):
    hidden = world.finding.assistance_need
    Engagement.objects.create(need=hidden, offer=offer, started_on=date(2026, 3, 1))
    client = as_person(world[name])
    text = "Training of procurement officers"

    for path in ("/assistance/", "/assistance/matching/", "/assistance/needs.csv", "/api/assistance/needs"):
        response = client.get(path)
        assert response.status_code == 200
        body = response.content.decode()
        assert text not in body, path
        assert "A specialised prosecution unit" in body, path  # the public entry is there
    # Not counted either: the counts and charts are of the public entry alone.
    assert client.get("/assistance/").context["counts"].total == 1

    # As if it did not exist (the anonymous are asked to sign in).
    assert client.get(f"/assistance/needs/{hidden.pk}/").status_code == (302 if name == "anonymous" else 404)
    assert client.get(f"/api/assistance/needs/{hidden.pk}").status_code == 404
    # The offer working on it does not name it.
    offer_page = client.get(f"/assistance/offers/{offer.pk}/").content.decode()
    assert f"/assistance/needs/{hidden.pk}/" not in offer_page
    assert text not in offer_page


@pytest.mark.parametrize("name", sorted(CIRCLE))
def test_the_circle_finds_it_everywhere(world, offer, as_person, name):
    hidden = world.finding.assistance_need
    Engagement.objects.create(need=hidden, offer=offer, started_on=date(2026, 3, 1))
    client = as_person(world[name])

    for path in ("/assistance/", "/assistance/matching/", "/assistance/needs.csv", "/api/assistance/needs"):
        assert "Training of procurement officers" in client.get(path).content.decode(), path
    assert client.get("/assistance/").context["counts"].total == 1
    assert f"/assistance/needs/{hidden.pk}/" in client.get(f"/assistance/offers/{offer.pk}/").content.decode()
    page = client.get(f"/assistance/needs/{hidden.pk}/")
    assert page.status_code == 200
    assert "confidential to the review" in page.content.decode()
    assert client.get(f"/api/assistance/needs/{hidden.pk}").json()["review"] == "2-KEN"
