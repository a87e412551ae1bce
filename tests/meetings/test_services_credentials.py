"""The credentials services (rules 18-20) and the report the credentials page shows."""

from datetime import date

import pytest

from cosp.core.enums import ObserverCategory
from cosp.meetings import services
from cosp.meetings.enums import CredentialsStatus
from cosp.meetings.models import Objection
from cosp.meetings.queries import credentials_overview

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COPY_DAY, ORIGINAL_DAY = date(2021, 12, 1), date(2021, 12, 13)


@pytest.fixture
def session(make_session):
    return make_session(-2)


@pytest.fixture
def austria(session, make_party, present):
    return present(session, make_party("AUT", name="Austria", name_zh="奥地利"))


def test_a_copy_then_the_original_move_the_status_forward(austria, secretariat):
    services.record_credentials_receipt(austria, kind=CredentialsStatus.COPY, on=COPY_DAY, actor=secretariat)
    services.record_credentials_receipt(
        austria, kind=CredentialsStatus.ORIGINAL, on=ORIGINAL_DAY, actor=secretariat
    )

    austria.refresh_from_db()
    assert (austria.credentials, austria.copy_received_on, austria.original_received_on) == (
        CredentialsStatus.ORIGINAL,
        COPY_DAY,
        ORIGINAL_DAY,
    )
    assert austria.history.latest().history_user == secretariat


def test_an_original_straight_away_skips_the_copy(austria, secretariat):
    services.record_credentials_receipt(
        austria, kind=CredentialsStatus.ORIGINAL, on=ORIGINAL_DAY, actor=secretariat
    )

    austria.refresh_from_db()
    assert (austria.credentials, austria.copy_received_on) == (CredentialsStatus.ORIGINAL, None)


def test_a_copy_after_the_original_leaves_the_status_at_original(austria, secretariat):
    services.record_credentials_receipt(
        austria, kind=CredentialsStatus.ORIGINAL, on=ORIGINAL_DAY, actor=secretariat
    )
    services.record_credentials_receipt(
        austria, kind=CredentialsStatus.COPY, on=date(2021, 12, 14), actor=secretariat
    )

    austria.refresh_from_db()
    assert austria.credentials == CredentialsStatus.ORIGINAL


def test_the_original_received_again_changes_nothing_and_says_so(refused, austria, secretariat):
    services.record_credentials_receipt(
        austria, kind=CredentialsStatus.ORIGINAL, on=ORIGINAL_DAY, actor=secretariat
    )

    error = refused(
        services.record_credentials_receipt,
        delegation=austria,
        kind=CredentialsStatus.ORIGINAL,
        on=date(2021, 12, 14),
        actor=secretariat,
    )

    assert error.code == "already_received"
    assert "13 December 2021" in error.messages[0]


def test_a_second_copy_changes_nothing_and_says_so(refused, austria, secretariat):
    services.record_credentials_receipt(austria, kind=CredentialsStatus.COPY, on=COPY_DAY, actor=secretariat)

    error = refused(
        services.record_credentials_receipt,
        delegation=austria,
        kind=CredentialsStatus.COPY,
        on=date(2021, 12, 2),
        actor=secretariat,
    )

    assert (
        error.messages[0]
        == "A copy of these credentials was already recorded as received on 1 December 2021."
    )


def test_nothing_is_not_something_that_can_be_received(refused, austria, secretariat):
    error = refused(
        services.record_credentials_receipt,
        delegation=austria,
        kind=CredentialsStatus.NONE,
        on=COPY_DAY,
        actor=secretariat,
    )

    assert error.code == "invalid_kind"


def test_observers_have_no_credentials_to_record(refused, session, make_observer_org, secretariat):
    observer = services.apply_as_observer(
        session=session,
        applicant=make_observer_org("UN body", ObserverCategory.UN_BODY),
        received_on=date(2000, 1, 1),
        actor=secretariat,
    )

    error = refused(
        services.record_credentials_receipt,
        delegation=observer,
        kind=CredentialsStatus.COPY,
        on=COPY_DAY,
        actor=secretariat,
    )

    assert error.code == "not_a_state_party"


def test_an_objection_to_credentials_names_the_objecting_state_party(austria, make_party, secretariat):
    objecting = make_party("OBJ", group="EEG")

    objection = services.object_to_credentials(austria, by_state=objecting, on=COPY_DAY, actor=secretariat)

    assert (objection.subject, objection.by_state, objection.delegation) == (
        Objection.Subject.CREDENTIALS,
        objecting,
        austria,
    )


@pytest.mark.parametrize(
    ("objector", "code"),
    [("AUT", "own_delegation"), ("SGN", "not_a_state_party"), ("OBJ", "already_objected")],
)
def test_objections_to_credentials_that_the_rules_refuse(
    refused, austria, make_party, make_non_party, secretariat, objector, code
):
    make_non_party("SGN")
    services.object_to_credentials(austria, by_state=make_party("OBJ"), on=COPY_DAY, actor=secretariat)
    by_state = {"AUT": austria.organisation.state, "SGN": make_non_party("SGN"), "OBJ": make_party("OBJ")}[
        objector
    ]

    error = refused(
        services.object_to_credentials,
        delegation=austria,
        by_state=by_state,
        on=COPY_DAY,
        actor=secretariat,
    )

    assert error.code == code


def test_the_report_lists_those_without_originals_in_english_order_in_both_languages(
    session, make_party, present, secretariat
):
    names = [("CHN", "China", "中国"), ("CHL", "Chile", "智利"), ("CIV", "Côte d'Ivoire", "科特迪瓦")]
    names += [("CUB", "Cuba", "古巴"), ("AUT", "Austria", "奥地利")]
    delegations = {
        iso3: present(session, make_party(iso3, name=en, name_zh=zh, iso2=iso3[0] + iso3[2]))
        for iso3, en, zh in names
    }
    services.record_credentials_receipt(
        delegations["AUT"], kind=CredentialsStatus.ORIGINAL, on=ORIGINAL_DAY, actor=secretariat
    )
    services.record_credentials_receipt(
        delegations["CUB"], kind=CredentialsStatus.COPY, on=COPY_DAY, actor=secretariat
    )

    overview = credentials_overview(session)

    assert [row.delegation.organisation.state.iso3 for row in overview.rows] == [
        "AUT",
        "CHL",
        "CHN",
        "CIV",
        "CUB",
    ]
    assert overview.reports["en"].paragraph == (
        "Of the 5 States parties represented at the session, 1 had submitted credentials in due form; "
        "the following had not: Chile, China, Côte d'Ivoire and Cuba."
    )
    assert overview.reports["zh"].not_complied == ("智利", "中国", "科特迪瓦", "古巴")
    assert all(row.provisional for row in overview.rows)


def test_adopting_the_report_ends_provisional_participation(session, austria, secretariat):
    assert credentials_overview(session).rows[0].provisional
    services.adopt_credentials_report(session, on=session.start, actor=secretariat)
    assert not credentials_overview(session).rows[0].provisional


def test_the_report_is_adopted_during_the_session_only(refused, session, secretariat):
    error = refused(
        services.adopt_credentials_report,
        session=session,
        on=session.end.replace(year=2099),
        actor=secretariat,
    )
    assert "during its session" in error.messages[0]
