"""The assistance services: what they save, with whom and when, and what they refuse (saving
nothing then)."""

import datetime as dt
import importlib

import pytest

from cosp.assistance import services
from cosp.assistance.enums import NeedSource, NeedStatus
from cosp.assistance.models import Engagement, Need, Offer
from cosp.core.models import organisation_for_state
from cosp.reviews.models import Checklist, ChecklistAnswer
from cosp.states.models import Article

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _need_fields(world, **changes):
    return {
        "state": world.kenya,
        "article": 52,
        "assistance_type": "data",
        "priority": "medium",
        "description": "Statistics on beneficial ownership.",
        "language": "en",
        **changes,
    }


# --- A State's own entries ------------------------------------------------------------------------------


def test_the_focal_point_enters_a_need_of_its_state_kept_with_its_history(world):
    need = services.add_need(actor=world["focal_ken"], **_need_fields(world, language="zh-hans"))

    assert (need.source, need.state, need.article.number, need.status) == (
        NeedSource.STATE,
        world.kenya,
        52,
        NeedStatus.UNMET,
    )
    assert need.language == "zh"  # stored as the UN code, whatever spelling the caller used
    assert not need.published
    assert need.history.get().history_user == world["focal_ken"]


def test_the_migration_stores_the_un_code_for_chinese_needs_and_offers_and_their_history(world):
    from django.apps import apps

    migration = importlib.import_module("cosp.assistance.migrations.0003_un_language_codes")
    need = services.add_need(actor=world["focal_ken"], **_need_fields(world, language="zh"))
    Need.objects.filter(pk=need.pk).update(language="zh-hans")  # as stored before the migration
    need.history.update(language="zh-hans")

    migration.to_un_codes(apps, None)

    assert Need.objects.get(pk=need.pk).language == "zh"
    assert set(need.history.values_list("language", flat=True)) == {"zh"}


def test_the_secretariat_enters_a_need_on_a_states_behalf(world):
    need = services.add_need(actor=world["secretariat"], **_need_fields(world))

    assert need.created_by == world["secretariat"]


@pytest.mark.parametrize(
    "name", ["focal_pol", "delegate_ken", "expert_ken", "central_ken", "observer", "igo"]
)
def test_no_one_else_enters_a_states_needs_and_nothing_is_saved(world, name):
    with pytest.raises(services.AssistanceError, match="Only the focal point of KEN"):
        services.add_need(actor=world[name], **_need_fields(world))

    assert not Need.objects.filter(source=NeedSource.STATE).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"description": "  "}, "Describe the need"),
        ({"article": 99}, "no article 99"),
        ({"assistance_type": "money"}, "“money” is not a type of assistance"),
        ({"priority": "urgent"}, "“urgent” is not a priority"),
        ({"language": "de"}, "“de” is not one of the six UN languages"),
    ],
)
def test_a_bad_entry_is_refused_naming_the_field_and_nothing_is_saved(world, changes, message):
    with pytest.raises(services.AssistanceError, match=message):
        services.add_need(actor=world["focal_ken"], **_need_fields(world, **changes))

    assert not Need.objects.filter(source=NeedSource.STATE).exists()


def test_a_state_not_party_enters_no_need(world, make_state):
    outsider = make_state("XXX", instrument="")

    with pytest.raises(services.AssistanceError, match="not a State party"):
        services.add_need(actor=world["secretariat"], **_need_fields(world, state=outsider))


def test_editing_an_own_entry_keeps_each_version(world, own_need):
    services.update_need(
        own_need,
        actor=world["secretariat"],
        article=9,
        assistance_type="capacity_building",
        description="Training instead.",
        published=False,
    )

    own_need.refresh_from_db()
    assert (own_need.article.number, own_need.description, own_need.published) == (
        9,
        "Training instead.",
        False,
    )
    assert [record.history_user for record in own_need.history.order_by("history_date")] == [
        world["focal_ken"],
        world["secretariat"],
    ]


def test_a_need_from_a_review_is_not_edited_here(world):
    need = world.finding.assistance_need

    with pytest.raises(services.AssistanceError, match="comes from a country review"):
        services.update_need(
            need, actor=world["secretariat"], article=36, assistance_type="data", description="Changed."
        )

    need.refresh_from_db()
    assert need.article.number == 9


# --- Status -------------------------------------------------------------------------------------------


def test_status_changes_record_who_and_when(world, own_need):
    services.set_status(own_need, actor=world["focal_ken"], status="in_progress", note="Talks started")
    services.set_status(own_need, actor=world["secretariat"], status="met")

    own_need.refresh_from_db()
    assert own_need.status == NeedStatus.MET
    assert own_need.status_changed_by == world["secretariat"]
    statuses = [
        (record.status, record.history_user, record.history_change_reason)
        for record in own_need.history.order_by("history_date", "history_id")
    ]
    assert statuses[1:] == [
        ("in_progress", world["focal_ken"], "Talks started"),
        ("met", world["secretariat"], "status: met"),
    ]


@pytest.mark.parametrize("name", ["focal_pol", "delegate_ken", "focal_aut", "observer"])
def test_only_the_states_focal_point_or_the_secretariat_changes_the_status(world, own_need, name):
    with pytest.raises(services.AssistanceError, match="Only the focal point of KEN"):
        services.set_status(own_need, actor=world[name], status="met")

    own_need.refresh_from_db()
    assert own_need.status == NeedStatus.UNMET


def test_the_same_status_again_is_refused(world, own_need):
    with pytest.raises(services.AssistanceError, match="already “Unmet”"):
        services.set_status(own_need, actor=world["focal_ken"], status="unmet")


def test_the_status_of_a_need_from_a_review_is_kept_on_its_mirror(world):
    need = world.finding.assistance_need

    services.set_status(need, actor=world["focal_ken"], status="met")

    assert Need.objects.get(finding=world.finding).status == NeedStatus.MET


# --- Offers and work on needs ---------------------------------------------------------------------------


def test_an_offer_keeps_its_articles_types_and_regions(world, offer):
    assert offer.provider == organisation_for_state(world.austria)
    assert sorted(article.number for article in offer.articles.all()) == [9, 36]
    assert offer.assistance_types == ["capacity_building"]
    assert [group.code for group in offer.regional_groups.all()] == ["AFR"]
    assert {record.history_user for record in offer.history.all()} == {world["focal_aut"]}


@pytest.mark.parametrize("name", ["focal_ken", "delegate_ken", "observer", "igo"])
def test_only_the_provider_or_the_secretariat_offers_for_it(world, name):
    data = services.OfferData(provider=organisation_for_state(world.austria), title="Not mine")

    with pytest.raises(services.AssistanceError, match="You do not act for AUT"):
        services.add_offer(actor=world[name], data=data)

    assert not Offer.objects.exists()


def test_an_intergovernmental_organisation_offers_for_itself(world):
    igo = world["igo"].memberships.get().organisation

    offer = services.add_offer(actor=world["igo"], data=services.OfferData(provider=igo, title="Loans"))

    assert offer.provider == igo


def test_an_offer_ending_before_it_starts_is_refused(world):
    data = services.OfferData(
        provider=organisation_for_state(world.austria),
        title="Backwards",
        starts_on=dt.date(2026, 5, 1),
        ends_on=dt.date(2026, 4, 1),
    )

    with pytest.raises(services.AssistanceError, match=r"ends .* before it starts"):
        services.add_offer(actor=world["focal_aut"], data=data)

    assert not Offer.objects.exists()


def test_a_provider_working_on_a_need_puts_it_in_progress(world, own_need, offer):
    engagement = services.engage(own_need, actor=world["focal_aut"], offer=offer, note="Course planned")

    own_need.refresh_from_db()
    assert own_need.status == NeedStatus.IN_PROGRESS
    assert own_need.status_changed_by == world["focal_aut"]
    assert (engagement.need, engagement.offer, engagement.note) == (own_need, offer, "Course planned")


def test_a_provider_works_on_a_need_once_per_offer(world, own_need, offer):
    services.engage(own_need, actor=world["focal_aut"], offer=offer)

    with pytest.raises(services.AssistanceError, match="already works on this need"):
        services.engage(own_need, actor=world["focal_aut"], offer=offer)

    assert Engagement.objects.count() == 1


def test_no_one_works_on_a_met_need_or_through_another_providers_offer(world, own_need, offer):
    with pytest.raises(services.AssistanceError, match="You do not act for AUT"):
        services.engage(own_need, actor=world["focal_pol"], offer=offer)
    services.set_status(own_need, actor=world["focal_ken"], status="met")
    with pytest.raises(services.AssistanceError, match="met already"):
        services.engage(own_need, actor=world["focal_aut"], offer=offer)

    assert not Engagement.objects.exists()


def test_a_provider_cannot_work_on_a_need_it_may_not_see(world, offer):
    hidden = world.finding.assistance_need  # the review's summary is not issued

    with pytest.raises(services.AssistanceError, match="not open to you"):
        services.engage(hidden, actor=world["focal_aut"], offer=offer)

    hidden.refresh_from_db()
    assert hidden.status == NeedStatus.UNMET


# --- Needs mirrored from the reviews --------------------------------------------------------------------


def test_a_finding_of_technical_assistance_is_mirrored_as_it_changes(world):
    need = Need.objects.get(finding=world.finding)
    assert (need.source, need.review, need.state, need.assistance_type) == (
        NeedSource.FINDING,
        world.review,
        world.kenya,
        "capacity_building",
    )

    world.finding.article = Article.objects.get(number=36)
    world.finding.assistance_type = "legal_advice"
    world.finding.save()
    need.refresh_from_db()
    assert (need.article.number, need.assistance_type) == (36, "legal_advice")

    world.finding.kind = "recommendation"
    world.finding.save()
    assert not Need.objects.filter(finding=world.finding).exists()


def test_a_deleted_finding_takes_its_need_with_it(world):
    world.finding.delete()

    assert not Need.objects.exists()


def test_checklist_answers_naming_assistance_are_mirrored_with_their_priority(world):
    checklist = Checklist.objects.create(review=world.review)
    answer = ChecklistAnswer.objects.create(
        checklist=checklist,
        article=Article.objects.get(number=52),
        assistance_needed="A registry of beneficial owners.",
        assistance_type="technology",
        assistance_priority="high",
    )

    need = Need.objects.get(checklist_answer=answer)
    assert (need.source, need.priority, need.assistance_type) == (NeedSource.CHECKLIST, "high", "technology")

    answer.assistance_needed = ""
    answer.save()
    assert not Need.objects.filter(source=NeedSource.CHECKLIST).exists()


def test_the_sync_catches_up_with_bulk_writes_and_runs_again_unchanged(world):
    from cosp.reviews.models import Finding

    Need.objects.all().delete()
    Finding.objects.bulk_create(
        [
            Finding(
                review=world.review,
                kind="technical_assistance_need",
                article=Article.objects.get(number=52),
                text_en="Data.",
            )
        ]
    )

    first = services.sync_review_needs()
    statuses_before = list(Need.objects.values_list("pk", "status"))
    second = services.sync_review_needs()

    assert (first.needs, first.removed) == (2, 0)
    assert (second.needs, second.removed) == (2, 0)
    assert list(Need.objects.values_list("pk", "status")) == statuses_before
