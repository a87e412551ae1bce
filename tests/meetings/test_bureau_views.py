"""The bureau page: public officers, the checks of rule 22 and the rotation; the secretariat records
elections and replacements, refused with the rule when they break it."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cosp.meetings.enums import Office
from cosp.meetings.models import Officer, Session

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = timezone.localdate()


@pytest.fixture
def opening(make_session, make_party, present):
    """A session that opened today, with two States parties present from WEOG and one from GRULAC."""
    session = make_session(0)
    states = {
        "ESP": make_party("ESP", group="WEOG", name="Spain"),
        "FRA": make_party("FRA", group="WEOG", name="France"),
        "GTM": make_party("GTM", group="GRULAC", name="Guatemala"),
    }
    for state in states.values():
        present(session, state)
    return {"session": session, **states}


def url(session, suffix="") -> str:
    return f"/meetings/{session.slug}/bureau/{suffix}"


def elect(client, session, office, state, person="A. Representative"):
    return client.post(
        url(session, "elect/"),
        {"office": office, "state": state.pk, "person": person, "elected_on": TODAY.isoformat()},
    )


@pytest.mark.parametrize("role", ["anonymous", "observer", "delegate", "focal_point", "secretariat"])
def test_everyone_sees_the_officers_the_checks_and_the_rotation(client_as, opening, role):
    session = opening["session"]
    Officer.objects.create(
        session=session, office=Office.PRESIDENT, state=opening["GTM"], person="Ms. Presidenta"
    )

    text = client_as(role).get(url(session)).content.decode()

    assert "Ms. Presidenta" in text
    assert "Vice-President: 0 of 3 elected." in text
    assert "Rotation of the President and the Rapporteur" in text
    assert (url(session, "elect/") in text) == (role == "secretariat")


def test_the_secretariat_elects_an_officer(client_as, opening):
    session = opening["session"]

    response = elect(
        client_as("secretariat"), session, Office.VICE_PRESIDENT, opening["ESP"], person="Sr. Vice"
    )

    assert response.status_code == 302
    assert Officer.objects.get(session=session).person == "Sr. Vice"


def test_a_second_officer_from_the_same_group_is_refused_with_the_rule(client_as, opening):
    session = opening["session"]
    client = client_as("secretariat")
    elect(client, session, Office.VICE_PRESIDENT, opening["ESP"])

    response = elect(client, session, Office.RAPPORTEUR, opening["FRA"])

    assert response.status_code == 200
    assert "The regional group WEOG has 2 officers (ESP, FRA); it may have 1." in response.content.decode()
    assert Officer.objects.filter(session=session).count() == 1


def test_a_state_not_present_cannot_be_elected(client_as, opening, make_party):
    session = opening["session"]

    response = elect(client_as("secretariat"), session, Office.PRESIDENT, make_party("PER", group="GRULAC"))

    assert "is not a State party present at the session" in response.content.decode()
    assert not Officer.objects.exists()


def test_a_repeat_in_the_rotation_is_elected_with_a_warning(client_as, opening):
    session = opening["session"]
    previous = Session.objects.create(
        body=session.body, number=97, start=date(2023, 12, 11), end=date(2023, 12, 15)
    )
    Officer.objects.create(session=previous, office=Office.PRESIDENT, state=opening["GTM"])

    client = client_as("secretariat")

    response = client.post(
        url(session, "elect/"),
        {
            "office": Office.PRESIDENT,
            "state": opening["GTM"].pk,
            "person": "",
            "elected_on": TODAY.isoformat(),
        },
        follow=True,
    )
    page = response.content.decode()

    assert response.redirect_chain == [(url(session), 302)]
    assert "also held the office of President at the previous session" in page
    assert Officer.objects.filter(session=session).count() == 1


def test_the_secretariat_replaces_an_officer_by_the_same_state(client_as, opening):
    session = opening["session"]
    officer = Officer.objects.create(
        session=session, office=Office.VICE_PRESIDENT, state=opening["ESP"], person="First"
    )
    client = client_as("secretariat")

    form = client.get(url(session, f"{officer.pk}/replace/")).content.decode()
    response = client.post(
        url(session, f"{officer.pk}/replace/"),
        {"state": opening["ESP"].pk, "person": "Second", "elected_on": TODAY.isoformat()},
    )

    assert f'<option value="{opening["ESP"].pk}" selected>' in form
    assert response.status_code == 302
    replacement = Officer.objects.get(replaces=officer)
    assert (replacement.state, replacement.person, replacement.office) == (
        opening["ESP"],
        "Second",
        Office.VICE_PRESIDENT,
    )
    assert "replaces First" in client.get(url(session)).content.decode()


def test_a_replacement_from_another_state_is_refused_with_rule_31(client_as, opening):
    session = opening["session"]
    officer = Officer.objects.create(session=session, office=Office.VICE_PRESIDENT, state=opening["ESP"])

    response = client_as("secretariat").post(
        url(session, f"{officer.pk}/replace/"),
        {"state": opening["FRA"].pk, "person": "Other", "elected_on": TODAY.isoformat()},
    )

    assert response.status_code == 200
    assert "replaced by a representative of the same State party" in response.content.decode()
    assert Officer.objects.count() == 1


def test_an_officer_of_another_session_is_not_found(client_as, opening, make_session):
    other = make_session(100, number=96)
    officer = Officer.objects.create(session=other, office=Office.PRESIDENT, state=opening["GTM"])

    response = client_as("secretariat").get(url(opening["session"], f"{officer.pk}/replace/"))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("observer", 403), ("delegate", 403), ("focal_point", 403)]
)
def test_only_the_secretariat_records_elections_and_replacements(client_as, opening, role, status):
    session = opening["session"]
    officer = Officer.objects.create(session=session, office=Office.VICE_PRESIDENT, state=opening["ESP"])
    client = client_as(role)

    elected = elect(client, session, Office.PRESIDENT, opening["GTM"])
    replaced = client.post(
        url(session, f"{officer.pk}/replace/"),
        {"state": opening["ESP"].pk, "person": "Second", "elected_on": TODAY.isoformat()},
    )

    assert (elected.status_code, replaced.status_code) == (status, status)
    assert Officer.objects.count() == 1


def test_the_cosp7_bureau_is_shown_in_order_with_its_groups(client, sessions):
    text = client.get("/meetings/cosp-7/bureau/").content.decode()

    names = ["Thelma Esperanza Aldana", "Vivian N.R. Okeke", "Ignacio Baylina", "Abu Zafar", "Anna Popova"]
    positions = [text.index(name) for name in names]
    assert positions == sorted(positions)
    assert "is not a State party present" not in text


def test_the_bureau_page_takes_as_many_queries_for_three_officers_as_for_one(client, opening):
    session = opening["session"]
    Officer.objects.create(session=session, office=Office.PRESIDENT, state=opening["ESP"])
    one = queries_for(client, url(session))
    Officer.objects.create(session=session, office=Office.RAPPORTEUR, state=opening["GTM"])
    Officer.objects.create(session=session, office=Office.VICE_PRESIDENT, state=opening["FRA"])

    assert queries_for(client, url(session)) == one


def queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)
