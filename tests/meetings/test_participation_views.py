import pytest
from django.test import Client

from cosp.core.models import organisation_for_state
from cosp.meetings.enums import Level, RegistrationStatus
from cosp.meetings.models import Delegate
from cosp.meetings.services import register_delegate

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def register(client, session, name="Anna Berger", level=Level.EXPERT):
    return client.post(
        f"/meetings/{session.slug}/register/", {"name": name, "title": "Ministry of Justice", "level": level}
    )


def test_a_focal_point_registers_a_delegate_who_awaits_approval(client_as, upcoming, make_state):
    make_state("AUT", short_name_en="Austria")
    response = register(client_as("focal_point"), upcoming)
    delegate = Delegate.objects.get()
    assert response.status_code == 302
    assert delegate.status == RegistrationStatus.PENDING
    assert delegate.delegation.organisation.state.iso3 == "AUT"
    assert delegate.registered_by.username == "focal_point"


def test_a_pending_delegate_is_listed_to_their_own_focal_point_only(client_as, upcoming, make_state):
    make_state("AUT", short_name_en="Austria")
    focal_point = client_as("focal_point")
    register(focal_point, upcoming)
    url = f"/meetings/{upcoming.slug}/participants/"
    assert "Anna Berger" in focal_point.get(url).content.decode()
    assert "Anna Berger" not in Client().get(url).content.decode()


def test_the_secretariat_approves_and_the_delegate_appears_in_the_public_list(
    client_as, upcoming, make_state
):
    make_state("AUT", short_name_en="Austria")
    register(client_as("focal_point"), upcoming)
    delegate = Delegate.objects.get()
    secretariat = client_as("secretariat")
    assert "Anna Berger" in secretariat.get(f"/meetings/{upcoming.slug}/registrations/").content.decode()
    secretariat.post(
        f"/meetings/{upcoming.slug}/registrations/", {"delegate": delegate.pk, "decision": "approve"}
    )
    delegate.refresh_from_db()
    assert delegate.status == RegistrationStatus.APPROVED
    assert (
        "Anna Berger"
        in client_as("anonymous").get(f"/meetings/{upcoming.slug}/participants/").content.decode()
    )


def test_an_observer_must_apply_before_registering_people(client_as, upcoming):
    response = register(client_as("observer"), upcoming)
    assert response.status_code == 200
    assert "must apply or notify for observer status first" in response.content.decode()
    assert not Delegate.objects.exists()


@pytest.mark.parametrize("role", ["anonymous", "observer", "delegate", "focal_point"])
def test_only_the_secretariat_decides_on_registrations(client_as, upcoming, make_state, role):
    delegate = register_delegate(
        session=upcoming,
        organisation=organisation_for_state(make_state("AUT", short_name_en="Austria")),
        name="Anna Berger",
        title="",
        level=Level.EXPERT,
        is_head=False,
        actor=None,
    )
    client_as(role).post(
        f"/meetings/{upcoming.slug}/registrations/", {"delegate": delegate.pk, "decision": "approve"}
    )
    delegate.refresh_from_db()
    assert delegate.status == RegistrationStatus.PENDING


def test_a_registration_without_a_name_is_refused_and_nothing_saved(client_as, upcoming, make_state):
    make_state("AUT", short_name_en="Austria")
    response = register(client_as("focal_point"), upcoming, name="")
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not Delegate.objects.exists()
