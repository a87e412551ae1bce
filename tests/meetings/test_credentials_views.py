"""The credentials page: seen by the secretariat and the session's bureau, kept by the secretariat."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cosp.core.enums import ObserverCategory
from cosp.meetings.enums import AdmissionRoute, AttendanceGroup, CredentialsStatus, Office
from cosp.meetings.models import Delegation, Objection, Officer

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = timezone.localdate()


@pytest.fixture
def opened(make_session, make_party, present):
    """A session that opened yesterday with three States parties; Chile's seating is objected to."""
    session = make_session(-1)
    delegations = {
        iso3: present(session, make_party(iso3, name=name, name_zh=name_zh))
        for iso3, name, name_zh in [
            ("CHL", "Chile", "智利"),
            ("AUT", "Austria", "奥地利"),
            ("FRA", "France", "法国"),
        ]
    }
    Delegation.objects.filter(pk=delegations["AUT"].pk).update(
        credentials=CredentialsStatus.ORIGINAL, original_received_on=TODAY - timedelta(days=2)
    )
    Objection.objects.create(
        delegation=delegations["CHL"],
        subject=Objection.Subject.CREDENTIALS,
        by_state=make_party("OBJ", name="Objectorland"),
        raised_on=TODAY,
    )
    return {"session": session, **delegations}


def url(session, suffix="") -> str:
    return f"/meetings/{session.slug}/credentials/{suffix}"


def test_the_secretariat_sees_every_delegation_the_objections_and_the_report(client_as, opened):
    session = opened["session"]

    text = client_as("secretariat").get(url(session)).content.decode()

    assert text.index("Austria") < text.index("Chile") < text.index("France")
    assert "Objectorland" in text
    assert "provisional" in text
    assert (
        "Of the 3 States parties represented at the session, 1 had submitted credentials in due form; "
        "the following had not: Chile and France."
    ) in text
    assert "下列缔约国尚未递交：智利和法国。" in text
    assert url(session, f"{opened['CHL'].pk}/receipt/") in text


def test_a_bureau_member_reads_the_credentials_without_the_secretariats_actions(client_as, opened):
    session = opened["session"]
    client = client_as("delegate")  # a delegate of Austria
    Officer.objects.create(session=session, office=Office.RAPPORTEUR, state=opened["AUT"].organisation.state)

    response = client.get(url(session))
    overview = client.get(f"/meetings/{session.slug}/").content.decode()

    assert response.status_code == 200
    assert "Objectorland" in response.content.decode()
    assert "/receipt/" not in response.content.decode()
    assert url(session) in overview  # the session's menu offers the page


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("observer", 403), ("delegate", 403), ("focal_point", 403)]
)
def test_the_credentials_are_closed_to_everyone_outside_the_bureau(client_as, opened, role, status):
    session = opened["session"]
    client = client_as(role)

    response = client.get(url(session))

    assert response.status_code == status
    if role != "anonymous":
        assert url(session) not in client.get(f"/meetings/{session.slug}/").content.decode()


def test_the_secretariat_records_a_copy_received(client_as, opened):
    session, chile = opened["session"], opened["CHL"]

    response = client_as("secretariat").post(
        url(session, f"{chile.pk}/receipt/"), {"kind": "copy", "received_on": TODAY.isoformat()}
    )

    assert response.status_code == 302
    chile.refresh_from_db()
    assert (chile.credentials, chile.copy_received_on) == (CredentialsStatus.COPY, TODAY)


def test_an_original_received_twice_is_refused_on_the_form(client_as, opened):
    session, austria = opened["session"], opened["AUT"]

    response = client_as("secretariat").post(
        url(session, f"{austria.pk}/receipt/"), {"kind": "original", "received_on": TODAY.isoformat()}
    )

    assert response.status_code == 200
    assert "already recorded as received" in response.content.decode()
    austria.refresh_from_db()
    assert austria.original_received_on == TODAY - timedelta(days=2)


def test_the_secretariat_records_an_objection_to_credentials(client_as, opened):
    session, france = opened["session"], opened["FRA"]
    objecting = opened["AUT"].organisation.state

    response = client_as("secretariat").post(
        url(session, f"{france.pk}/object/"), {"by_state": objecting.pk, "raised_on": TODAY.isoformat()}
    )

    assert response.status_code == 302
    assert france.objections.get().by_state == objecting


def test_a_state_cannot_object_to_its_own_credentials(client_as, opened):
    session, france = opened["session"], opened["FRA"]

    response = client_as("secretariat").post(
        url(session, f"{france.pk}/object/"),
        {"by_state": france.organisation.state.pk, "raised_on": TODAY.isoformat()},
    )

    assert "cannot object to the credentials of its own delegation" in response.content.decode()
    assert not france.objections.exists()


@pytest.mark.parametrize("role", ["observer", "delegate", "focal_point"])
@pytest.mark.parametrize("action", ["receipt", "object"])
def test_only_the_secretariat_records_credentials(client_as, opened, role, action):
    session, chile = opened["session"], opened["CHL"]
    client = client_as(role)
    if role == "delegate":  # even a bureau member only reads
        Officer.objects.create(
            session=session, office=Office.RAPPORTEUR, state=opened["AUT"].organisation.state
        )

    response = client.post(
        url(session, f"{chile.pk}/{action}/"),
        {
            "kind": "copy",
            "received_on": TODAY.isoformat(),
            "by_state": opened["AUT"].organisation.state.pk,
            "raised_on": TODAY.isoformat(),
        },
    )

    assert response.status_code == 403
    chile.refresh_from_db()
    assert chile.credentials == CredentialsStatus.NONE
    assert chile.objections.count() == 1


def test_an_observer_delegation_has_no_credentials_page(client_as, opened, make_observer_org):
    session = opened["session"]
    observer = Delegation.objects.create(
        session=session,
        organisation=make_observer_org("UN body", ObserverCategory.UN_BODY),
        group=AttendanceGroup.UN_ENTITY,
        admission_route=AdmissionRoute.NOTICE,
    )

    response = client_as("secretariat").get(url(session, f"{observer.pk}/receipt/"))

    assert response.status_code == 404


def test_the_credentials_page_takes_as_many_queries_for_three_delegations_as_for_one(
    client_as, make_session, make_party, present
):
    session = make_session(-1)
    client = client_as("secretariat")
    present(session, make_party("AAA"))
    one = queries_for(client, url(session))
    for iso3 in ("BBB", "CCC"):
        present(session, make_party(iso3))

    assert queries_for(client, url(session)) == one


def queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_secretariat_records_the_adoption_of_the_report(client_as, opened):
    session = opened["session"]
    client = client_as("secretariat")
    response = client.post(url(session, "adopted/"), {"on": session.start.isoformat()})
    assert response.status_code == 302
    page = client.get(url(session)).content.decode()
    assert "report on credentials on" in page
    # Chile's seating is objected to: it sits provisionally until the Conference decides (rule 20).
    assert page.split("States parties")[1].count("<td>provisional</td>") == 1


@pytest.mark.parametrize("role", ["anonymous", "observer", "delegate", "focal_point"])
def test_only_the_secretariat_records_the_adoption(client_as, opened, role):
    session = opened["session"]
    client_as(role).post(url(session, "adopted/"), {"on": session.start.isoformat()})
    session.refresh_from_db()
    assert session.credentials_report_adopted_on is None
