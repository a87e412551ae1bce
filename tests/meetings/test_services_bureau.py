"""The bureau's services: electing officers under rule 22 and replacing them under rule 31, and the
bureau page's overview with the rotation over the body's earlier sessions."""

from datetime import date

import pytest

from cosp.meetings import queries, services
from cosp.meetings.bureau import Severity
from cosp.meetings.enums import Office
from cosp.meetings.models import Body, Officer, Session
from cosp.meetings.queries import bureau_overview

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

OPENING = date(2025, 12, 8)
P, VP, R = Office.PRESIDENT, Office.VICE_PRESIDENT, Office.RAPPORTEUR


@pytest.fixture
def body(db):
    return Body.objects.create(code="COSP", name_en="Conference", symbol_prefix="CAC/COSP")


@pytest.fixture
def session(body):
    return Session.objects.create(body=body, number=11, start=OPENING, end=date(2025, 12, 12))


@pytest.fixture
def parties(session, make_party, present):
    """Two States parties per regional group, all present at the session."""
    layout = {
        "AFR": ["NGA", "KEN"],
        "APG": ["BGD", "IDN"],
        "EEG": ["BGR", "ROU"],
        "GRULAC": ["GTM", "PER"],
        "WEOG": ["ESP", "FRA"],
    }
    states = {}
    for group, codes in layout.items():
        for iso3 in codes:
            states[iso3] = make_party(iso3, group=group, name=iso3)
            present(session, states[iso3])
    return states


def elect(session, parties, secretariat, office, iso3, person=""):
    return services.elect_officer(
        session=session,
        office=office,
        state=parties[iso3],
        person=person or f"Representative of {iso3}",
        elected_on=OPENING,
        actor=secretariat,
    )


def test_a_full_bureau_of_five_is_elected_one_per_group(session, parties, secretariat):
    for office, iso3 in [(P, "GTM"), (VP, "NGA"), (VP, "ESP"), (VP, "BGD"), (R, "BGR")]:
        elect(session, parties, secretariat, office, iso3)

    assert set(session.officers.values_list("office", "state__iso3")) == {
        (P, "GTM"),
        (VP, "NGA"),
        (VP, "ESP"),
        (VP, "BGD"),
        (R, "BGR"),
    }
    assert bureau_overview(session).problems == []
    assert Officer.history.filter(history_user=secretariat).count() == 5


def test_a_second_officer_from_a_regional_group_is_refused(refused, session, parties, secretariat):
    elect(session, parties, secretariat, VP, "ESP")

    error = refused(
        services.elect_officer,
        session=session,
        office=R,
        state=parties["FRA"],
        person="",
        elected_on=OPENING,
        actor=secretariat,
    )

    assert error.messages == ["The regional group WEOG has 2 officers (ESP, FRA); it may have 1."]


def test_an_office_already_filled_is_refused(refused, session, parties, secretariat):
    elect(session, parties, secretariat, P, "GTM")

    error = refused(
        services.elect_officer,
        session=session,
        office=P,
        state=parties["NGA"],
        person="",
        elected_on=OPENING,
        actor=secretariat,
    )

    assert error.messages == ["2 officers hold the office of President; there are 1 seats."]


def test_a_state_party_not_present_cannot_be_elected(refused, session, parties, make_party, secretariat):
    absent = make_party("ITA", group="WEOG")

    error = refused(
        services.elect_officer,
        session=session,
        office=P,
        state=absent,
        person="",
        elected_on=OPENING,
        actor=secretariat,
    )

    assert [e.code for e in error.error_list] == ["state_not_present"]


def test_a_state_may_not_hold_two_offices(refused, session, parties, secretariat):
    elect(session, parties, secretariat, P, "GTM")

    error = refused(
        services.elect_officer,
        session=session,
        office=R,
        state=parties["GTM"],
        person="",
        elected_on=OPENING,
        actor=secretariat,
    )

    assert [e.code for e in error.error_list] == ["state_holds_two_offices"]


def test_a_repeat_of_the_previous_presidency_group_is_elected_with_a_warning(
    body, session, parties, secretariat
):
    previous = Session.objects.create(body=body, number=10, start=date(2023, 12, 11), end=date(2023, 12, 15))
    Officer.objects.create(session=previous, office=P, state=parties["PER"])
    Officer.objects.create(session=previous, office=R, state=parties["KEN"])

    change = elect(session, parties, secretariat, P, "GTM")

    assert change.officer.pk is not None
    assert [(w.code, w.severity, w.group) for w in change.warnings] == [
        ("rotation_repeat", Severity.WARNING, "GRULAC")
    ]


def test_the_overview_shows_the_rotation_over_earlier_sessions_and_warns_of_a_repeat(
    body, session, parties, secretariat
):
    for number, year, president, rapporteur in [(9, 2021, "NGA", "ESP"), (10, 2023, "PER", "KEN")]:
        earlier = Session.objects.create(
            body=body, number=number, start=date(year, 12, 1), end=date(year, 12, 5)
        )
        Officer.objects.create(session=earlier, office=P, state=parties[president])
        Officer.objects.create(session=earlier, office=R, state=parties[rapporteur])
    elect(session, parties, secretariat, P, "GTM")
    elect(session, parties, secretariat, R, "BGR")

    overview = bureau_overview(session)

    assert [(row.session, row.president, row.rapporteur) for row in overview.rotation] == [
        ("Conference, session 9 (2021)", "AFR", "WEOG"),
        ("Conference, session 10 (2023)", "GRULAC", "AFR"),
        ("Conference, session 11 (2025)", "GRULAC", "EEG"),
    ]
    assert [w.code for w in overview.rotation_warnings] == ["rotation_repeat"]
    assert {(p.code, p.severity) for p in overview.problems} == {
        ("office_vacant", Severity.PENDING),
        ("group_unrepresented", Severity.PENDING),
    }


def test_a_replacement_from_the_same_state_takes_over_for_the_rest_of_the_term(session, parties, secretariat):
    vice_president = elect(session, parties, secretariat, VP, "ESP", person="First").officer

    change = services.replace_officer(
        vice_president,
        state=parties["ESP"],
        person="Second",
        elected_on=date(2025, 12, 10),
        actor=secretariat,
    )

    assert (change.officer.replaces, change.officer.office, change.officer.person) == (
        vice_president,
        VP,
        "Second",
    )
    assert change.warnings == []
    overview = bureau_overview(session)
    assert [officer.person for officer in overview.officers] == ["First", "Second"]
    assert list(queries.serving_officers(session)) == [change.officer]


def test_a_replacement_from_another_state_is_refused(refused, session, parties, secretariat):
    vice_president = elect(session, parties, secretariat, VP, "ESP").officer

    error = refused(
        services.replace_officer,
        officer=vice_president,
        state=parties["FRA"],
        person="Someone",
        elected_on=OPENING,
        actor=secretariat,
    )

    assert [e.code for e in error.error_list] == ["replacement_other_state"]


def test_an_officer_is_replaced_once(refused, session, parties, secretariat):
    vice_president = elect(session, parties, secretariat, VP, "ESP").officer
    services.replace_officer(
        vice_president, state=parties["ESP"], person="Second", elected_on=OPENING, actor=secretariat
    )

    error = refused(
        services.replace_officer,
        officer=vice_president,
        state=parties["ESP"],
        person="Third",
        elected_on=OPENING,
        actor=secretariat,
    )

    assert error.code == "already_replaced"


def test_replacing_the_president_is_recorded_with_a_warning(session, parties, secretariat):
    president = elect(session, parties, secretariat, P, "GTM").officer

    change = services.replace_officer(
        president, state=parties["GTM"], person="Acting", elected_on=OPENING, actor=secretariat
    )

    assert [w.code for w in change.warnings] == ["president_replaced"]


def test_a_past_session_without_delegations_is_not_said_to_have_absent_officers(body, parties, make_party):
    past = Session.objects.create(body=body, number=7, start=date(2017, 11, 6), end=date(2017, 11, 10))
    Officer.objects.create(session=past, office=P, state=parties["GTM"])

    overview = bureau_overview(past)

    assert overview.presence_checked is False
    assert "state_not_present" not in {problem.code for problem in overview.problems}
