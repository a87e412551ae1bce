"""The repository's services: creating, editing, submitting, moderating and withdrawing, each refusal
saving nothing, and who hears of the secretariat's decisions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cosp.core.enums import Role
from cosp.core.models import Membership
from cosp.knowledge import services
from cosp.knowledge.enums import ContributionStatus, ModerationAction
from cosp.knowledge.models import Contribution, ContributionFile, Moderation
from cosp.knowledge.services import KnowledgeRuleError

from .conftest import CHINESE, ENGLISH, pdf

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def create(people, actor, organisation, **fields):
    values = {"title": "A title", "text": ENGLISH, "language": "en", "year": 2023, **fields}
    return services.create_contribution(actor=actor, organisation=organisation, **values)


def test_focal_point_creates_a_draft_with_tags_and_a_file(people):
    contribution = create(
        people,
        people.focal_point,
        people.austria,
        articles=[9],
        paragraphs=[20],
        themes=["public_procurement"],
        files=[pdf()],
    )
    assert contribution.status == ContributionStatus.DRAFT
    assert contribution.created_by == people.focal_point
    assert [a.number for a in contribution.articles.all()] == [9]
    assert [p.number for p in contribution.declaration_paragraphs.all()] == [20]
    assert contribution.themes == ["public_procurement"]
    assert contribution.files.get().title == "report"
    assert " procurement " in contribution.search_tokens
    assert contribution.history.first().history_change_reason == "knowledge.created"


def test_chinese_text_is_stored_with_its_search_tokens(people):
    contribution = create(people, people.focal_point, people.austria, text=CHINESE, language="zh")
    assert " 资产 产追 追回 " in contribution.search_tokens


@pytest.mark.parametrize("who", ["delegate", "expert", "central_authority", "kenya_focal_point", "observer"])
def test_only_the_focal_point_submits_for_a_state(people, who):
    with pytest.raises(KnowledgeRuleError, match="Only the focal point of Austria"):
        create(people, getattr(people, who), people.austria)
    assert not Contribution.objects.exists()


def test_observer_submits_for_its_own_organisation_only(people):
    assert create(people, people.observer, people.ti).organisation == people.ti
    with pytest.raises(KnowledgeRuleError, match="Only a representative of Another NGO"):
        create(people, people.observer, people.other_ngo)
    with pytest.raises(KnowledgeRuleError):  # the secretariat enters on behalf of States only
        create(people, people.secretariat, people.ti)


def test_secretariat_enters_a_contribution_on_behalf_of_a_state(people):
    contribution = create(people, people.secretariat, people.kenya)
    assert contribution.organisation == people.kenya
    assert contribution.created_by == people.secretariat


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": " "}, "title"),
        ({"text": ""}, "no text"),
        ({"language": "de"}, "six UN languages"),
        ({"year": 1999}, "year must be between"),
        ({"articles": [72]}, "no article 72"),
        ({"paragraphs": [99]}, "no paragraph 99"),
        ({"themes": ["astrology"]}, "Unknown theme: astrology"),
        ({"files": [SimpleUploadedFile("x.exe", b"MZ")]}, "cannot be attached"),
        ({"files": [SimpleUploadedFile("fake.pdf", b"hello")]}, "not one"),
        ({"files": [SimpleUploadedFile("empty.txt", b"")]}, "empty"),
    ],
)
def test_refused_content_saves_nothing(people, fields, message):
    with pytest.raises(KnowledgeRuleError, match=message):
        create(people, people.focal_point, people.austria, **fields)
    assert not Contribution.objects.exists()
    assert not ContributionFile.objects.exists()


def test_submit_publish_notifies_and_records_the_moderation(
    people, make_contribution, django_capture_on_commit_callbacks
):
    contribution = make_contribution(ContributionStatus.DRAFT)
    # A secretariat officer's role held in another organisation (data the admin form would refuse)
    # does not make its holder the secretariat: they hear nothing of a contribution not yet public.
    Membership.objects.create(user=people.observer, organisation=people.ti, role=Role.SECRETARIAT_OFFICER)
    with django_capture_on_commit_callbacks() as callbacks:
        services.submit(contribution, actor=people.focal_point)
    assert [c.keywords["user_ids"] for c in callbacks] == [[people.secretariat.pk]]
    with django_capture_on_commit_callbacks() as callbacks:
        contribution = services.publish(contribution, actor=people.secretariat, note="Thank you.")
    assert contribution.status == ContributionStatus.PUBLISHED
    assert contribution.published_at
    assert callbacks[0].keywords["user_ids"] == [people.focal_point.pk]
    assert "published" in callbacks[0].keywords["subject"]
    moderation = Moderation.objects.get()
    assert (moderation.action, moderation.by, moderation.note) == (
        ModerationAction.PUBLISHED,
        people.secretariat,
        "Thank you.",
    )


def test_returned_contribution_is_edited_and_submitted_again(
    people, make_contribution, django_capture_on_commit_callbacks
):
    contribution = make_contribution(ContributionStatus.SUBMITTED)
    with pytest.raises(KnowledgeRuleError, match="Say why"):
        services.return_contribution(contribution, actor=people.secretariat, reason="  ")
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.SUBMITTED
    assert not Moderation.objects.exists()
    with django_capture_on_commit_callbacks() as callbacks:
        contribution = services.return_contribution(
            contribution, actor=people.secretariat, reason="Add a date."
        )
    assert "Add a date." in callbacks[0].keywords["body"]
    assert contribution.status == ContributionStatus.RETURNED
    assert contribution.return_reason == "Add a date."
    contribution = services.update_contribution(
        contribution,
        actor=people.focal_point,
        title="Procurement reform of 2022",
        text=ENGLISH,
        language="en",
        year=2022,
        themes=["public_procurement", "beneficial_ownership"],
    )
    assert contribution.year == 2022
    assert contribution.themes == ["public_procurement", "beneficial_ownership"]
    assert (
        list(contribution.articles.all()) == []
    )  # tags are what the person confirmed, nothing kept silently
    assert services.submit(contribution, actor=people.focal_point).status == ContributionStatus.SUBMITTED


def test_submitted_and_published_contributions_cannot_be_edited(people, make_contribution):
    for status in (ContributionStatus.SUBMITTED, ContributionStatus.PUBLISHED):
        contribution = make_contribution(status)
        with pytest.raises(KnowledgeRuleError, match="can be changed only as a draft"):
            services.update_contribution(
                contribution, actor=people.focal_point, title="New", text="New", language="en", year=2023
            )
        contribution.refresh_from_db()
        assert contribution.title == "Procurement reform"


def test_only_the_secretariat_moderates_and_only_submitted_ones(people, make_contribution):
    contribution = make_contribution(ContributionStatus.SUBMITTED)
    with pytest.raises(KnowledgeRuleError, match="Only the secretariat"):
        services.publish(contribution, actor=people.focal_point)
    draft = make_contribution(ContributionStatus.DRAFT)
    with pytest.raises(KnowledgeRuleError, match="only a submitted contribution"):
        services.publish(draft, actor=people.secretariat)
    assert not Moderation.objects.exists()


def test_other_states_and_organisations_cannot_change_a_contribution(people, make_contribution):
    contribution = make_contribution(ContributionStatus.DRAFT)
    for actor in (people.kenya_focal_point, people.delegate, people.observer):
        with pytest.raises(KnowledgeRuleError, match="Only those who submit for Austria"):
            services.submit(contribution, actor=actor)
        with pytest.raises(KnowledgeRuleError):
            services.withdraw(contribution, actor=actor)
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.DRAFT


def test_withdrawing_a_published_contribution_takes_it_out(people, make_contribution):
    contribution = make_contribution(ContributionStatus.PUBLISHED)
    assert services.withdraw(contribution, actor=people.focal_point).status == ContributionStatus.WITHDRAWN
    with pytest.raises(KnowledgeRuleError, match="already withdrawn"):
        services.withdraw(contribution, actor=people.focal_point)


def test_update_adds_and_removes_files(people, make_contribution, django_capture_on_commit_callbacks):
    contribution = make_contribution(ContributionStatus.DRAFT, files=[pdf("first.pdf")])
    first = contribution.files.get()
    name, storage = first.file.name, first.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        services.update_contribution(
            contribution,
            actor=people.focal_point,
            title="t",
            text="x",
            language="en",
            year=2023,
            files=[SimpleUploadedFile("notes.txt", "说明".encode())],
            remove_files=[first.pk],
        )
    assert [f.title for f in contribution.files.all()] == ["notes"]
    assert not storage.exists(name)
