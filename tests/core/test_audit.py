import pytest
from django.test import Client

from cosp.core import audit
from cosp.core.enums import Role
from cosp.states.models import RegionalGroup

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_change_through_the_admin_is_recorded_with_its_author(make_user):
    group = RegionalGroup.objects.create(
        code="AFR", name_en="African States", abbreviation_en="African Group"
    )
    officer = make_user(Role.SECRETARIAT_OFFICER, username="officer")
    client = Client()
    client.force_login(officer)

    response = client.post(
        f"/admin/states/regionalgroup/{group.pk}/change/",
        {"code": "AFR", "name_en": "African States", "abbreviation_en": "Africa Group"},
    )

    assert response.status_code == 302
    newest = audit.recent_changes(model="states.regionalgroup", limit=1)[0]
    assert (newest.actor, newest.action, newest.object_id) == ("officer", "changed", str(group.pk))
    assert "abbreviation_en" in newest.changed_fields


def test_audit_trail_lists_changes_newest_first_across_models(make_user):
    group = RegionalGroup.objects.create(code="EEG", name_en="Eastern European States")
    make_user(Role.FOCAL_POINT, username="fp")
    group.name_en = "Eastern European States (EEG)"
    group.save()

    entries = audit.recent_changes(limit=50)

    assert entries == sorted(entries, key=lambda e: e.at, reverse=True)
    assert entries[0].model == "states.regionalgroup"
    assert entries[0].action == "changed"
    assert {e.model for e in entries} >= {
        "states.regionalgroup",
        "core.user",
        "core.membership",
        "states.state",
    }


def test_audit_trail_page_shows_changes_to_the_secretariat_only(client_as):
    RegionalGroup.objects.create(code="APG", name_en="Asia-Pacific States")

    denied = client_as("focal_point").get("/audit/")
    page = client_as("secretariat").get("/audit/?model=states.regionalgroup")

    assert denied.status_code == 403
    assert page.status_code == 200
    assert "Asia-Pacific States" in page.content.decode()


def test_passwords_never_enter_the_history(make_user):
    user = make_user(None, username="someone")
    user.set_password("another-secret-1")
    user.save()

    assert not hasattr(user.history.model, "password")


def test_logging_in_adds_nothing_to_the_audit_trail(make_user):
    make_user(None, username="someone")
    before = audit.recent_changes(model="core.user")

    Client().post("/accounts/login/", {"username": "someone", "password": "correct-horse-9"})

    assert audit.recent_changes(model="core.user") == before


def test_audit_trail_queries_do_not_grow_with_the_changes(django_assert_num_queries):
    def changes_to_groups(count: int) -> None:
        RegionalGroup.objects.all().delete()
        RegionalGroup.history.all().delete()
        for number in range(count):
            group = RegionalGroup.objects.create(code=f"G{number}", name_en="Group")
            group.name_en = "Group renamed"
            group.save()

    for count in (1, 4):
        changes_to_groups(count)
        # newest rows with their authors, then the records before the changed ones
        with django_assert_num_queries(2):
            entries = audit.recent_changes(model="states.regionalgroup", limit=50)
        changed = [e.changed_fields for e in entries if e.action == "changed"]
        assert len(changed) == count
        assert all("name_en" in fields for fields in changed)


def test_through_tables_of_tracked_many_to_many_fields_are_not_listed_on_their_own(client_as, monkeypatch):
    # simple-history registers the through table of a tracked many-to-many field without a `history`
    # manager of its own (its changes are kept with the model's history).
    from simple_history.models import registered_models

    through = type("Offer_articles", (), {"_meta": RegionalGroup._meta})
    monkeypatch.setitem(registered_models, "through-table", through)
    assert list(audit.audited_models()).count("states.regionalgroup") == 1
    assert client_as("secretariat").get("/audit/").status_code == 200
