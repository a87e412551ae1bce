"""The observers' services (rules 14-17): each step of the admission workflow saves what the rules allow
and refuses the rest with the rule's reason, leaving the database as it was."""

from datetime import date

import pytest

from cosp.core.enums import ObserverCategory
from cosp.core.models import Organisation, organisation_for_state
from cosp.meetings import services
from cosp.meetings.enums import AdmissionRoute, AdmissionStatus, AttendanceGroup
from cosp.meetings.models import Body, Delegation, Objection, Session

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

# A session opening as COSP9 did: other NGOs apply by 20 August, the list goes out by 13 November, the
# no-objection period ends on 12 December, applications to the bureau close on 26 November.
OPENING = date(2021, 12, 13)
IN_TIME = date(2021, 8, 2)
LIST_OUT = date(2021, 11, 10)


@pytest.fixture
def session(db):
    body = Body.objects.create(code="COSP", name_en="Conference", symbol_prefix="CAC/COSP")
    return Session.objects.create(body=body, number=9, start=OPENING, end=date(2021, 12, 17))


@pytest.fixture
def ngo(make_observer_org):
    return make_observer_org("Integrity Watch", ObserverCategory.NGO_OTHER)


@pytest.fixture
def applied(session, ngo, secretariat):
    return services.apply_as_observer(session=session, applicant=ngo, received_on=IN_TIME, actor=secretariat)


@pytest.fixture
def listed(session, applied, secretariat):
    services.circulate_ngo_list(session=session, on=LIST_OUT, actor=secretariat)
    applied.refresh_from_db()
    return applied


def test_another_ngo_that_applies_in_time_waits_for_the_list(applied, secretariat):
    assert applied.admission_route == AdmissionRoute.NGO_LIST
    assert applied.admission_status == AdmissionStatus.APPLIED
    assert applied.group == AttendanceGroup.NGO_OTHER
    assert applied.applied_on == IN_TIME
    assert applied.history.latest().history_user == secretariat


def test_another_ngo_applying_after_the_deadline_is_refused_with_the_rule(refused, session, ngo, secretariat):
    error = refused(
        services.apply_as_observer,
        session=session,
        applicant=ngo,
        received_on=date(2021, 8, 21),
        actor=secretariat,
    )

    assert error.code == "too_late"
    assert "20 August 2021" in error.messages[0]
    assert "rule 17(2)" in error.messages[0]


def test_a_signatory_giving_notice_in_time_is_admitted_by_right(session, make_non_party, secretariat):
    signatory = make_non_party("SGN", signed=True)

    delegation = services.apply_as_observer(
        session=session, applicant=signatory, received_on=date(2021, 12, 1), actor=secretariat
    )

    assert (delegation.admission_route, delegation.admission_status, delegation.group) == (
        AdmissionRoute.NOTICE,
        AdmissionStatus.ADMITTED,
        AttendanceGroup.SIGNATORY,
    )
    assert delegation.organisation.state == signatory


def test_a_non_signatory_applies_to_the_bureau(session, make_non_party, secretariat):
    delegation = services.apply_as_observer(
        session=session,
        applicant=make_non_party("NSG", signed=False),
        received_on=date(2021, 11, 26),
        actor=secretariat,
    )

    assert (delegation.admission_route, delegation.admission_status, delegation.group) == (
        AdmissionRoute.BUREAU,
        AdmissionStatus.APPLIED,
        AttendanceGroup.NON_SIGNATORY,
    )


def test_a_state_party_cannot_apply_as_an_observer_and_no_organisation_is_left_behind(
    refused, session, make_party, secretariat
):
    error = refused(
        services.apply_as_observer,
        session=session,
        applicant=make_party("PTY"),
        received_on=IN_TIME,
        actor=secretariat,
    )

    assert "takes part by right" in error.messages[0]


def test_an_organisation_without_observer_category_is_refused(
    refused, session, make_observer_org, secretariat
):
    uncategorised = make_observer_org("Unclassified", category="")

    error = refused(
        services.apply_as_observer,
        session=session,
        applicant=uncategorised,
        received_on=IN_TIME,
        actor=secretariat,
    )

    assert "no observer category" in error.messages[0]


def test_applying_twice_is_refused(refused, session, ngo, applied, secretariat):
    error = refused(
        services.apply_as_observer,
        session=session,
        applicant=ngo,
        received_on=IN_TIME,
        actor=secretariat,
    )

    assert error.code == "already_applied"


def test_circulating_the_list_puts_every_waiting_ngo_on_it_and_leaves_others(
    session, applied, make_observer_org, secretariat
):
    second = services.apply_as_observer(
        session=session, applicant=make_observer_org("Open Ledger"), received_on=IN_TIME, actor=secretariat
    )
    ecosoc = services.apply_as_observer(
        session=session,
        applicant=make_observer_org("Consultative NGO", ObserverCategory.NGO_ECOSOC),
        received_on=IN_TIME,
        actor=secretariat,
    )

    listed = services.circulate_ngo_list(session=session, on=LIST_OUT, actor=secretariat)

    assert {delegation.pk for delegation in listed} == {applied.pk, second.pk}
    assert set(
        Delegation.objects.filter(listed_on=LIST_OUT, admission_status=AdmissionStatus.LISTED).values_list(
            "pk", flat=True
        )
    ) == {applied.pk, second.pk}
    ecosoc.refresh_from_db()
    assert (ecosoc.admission_status, ecosoc.listed_on) == (AdmissionStatus.APPLIED, None)


def test_circulating_the_list_less_than_30_days_before_the_session_is_refused(
    refused, session, applied, secretariat
):
    error = refused(services.circulate_ngo_list, session=session, on=date(2021, 11, 14), actor=secretariat)

    assert error.code == "list_too_late"
    assert "13 November 2021" in error.messages[0]


def test_circulating_an_empty_list_is_refused(refused, session, secretariat):
    error = refused(services.circulate_ngo_list, session=session, on=LIST_OUT, actor=secretariat)

    assert error.code == "nothing_to_circulate"


def test_a_state_party_objection_in_the_period_is_recorded_with_the_state(listed, make_party, secretariat):
    objecting = make_party("OBJ")

    objection = services.object_to_observer(
        listed, by_state=objecting, on=date(2021, 11, 20), actor=secretariat
    )

    listed.refresh_from_db()
    assert listed.admission_status == AdmissionStatus.OBJECTED
    assert (objection.subject, objection.by_state, objection.raised_on) == (
        Objection.Subject.ADMISSION,
        objecting,
        date(2021, 11, 20),
    )


def test_a_second_state_party_may_object_too_but_not_the_same_one_twice(
    refused, listed, make_party, secretariat
):
    services.object_to_observer(listed, by_state=make_party("OBJ"), on=date(2021, 11, 20), actor=secretariat)
    services.object_to_observer(listed, by_state=make_party("TWO"), on=date(2021, 11, 21), actor=secretariat)

    error = refused(
        services.object_to_observer,
        delegation=listed,
        by_state=make_party("OBJ"),
        on=date(2021, 11, 22),
        actor=secretariat,
    )

    assert error.code == "already_objected"
    assert listed.objections.count() == 2


def test_an_objection_after_the_period_is_refused(refused, listed, make_party, secretariat):
    error = refused(
        services.object_to_observer,
        delegation=listed,
        by_state=make_party("OBJ"),
        on=OPENING,
        actor=secretariat,
    )

    assert error.code == "outside_objection_period"
    assert "12 December 2021" in error.messages[0]


def test_only_a_state_party_may_object(refused, listed, make_non_party, secretariat):
    error = refused(
        services.object_to_observer,
        delegation=listed,
        by_state=make_non_party("SGN"),
        on=date(2021, 11, 20),
        actor=secretariat,
    )

    assert error.code == "not_a_state_party"


def test_an_ngo_not_yet_on_the_list_cannot_be_objected_to(refused, applied, make_party, secretariat):
    error = refused(
        services.object_to_observer,
        delegation=applied,
        by_state=make_party("OBJ"),
        on=date(2021, 11, 20),
        actor=secretariat,
    )

    assert error.code == "not_allowed"


def test_closing_the_period_admits_those_without_objection_only(
    session, listed, make_observer_org, make_party, secretariat
):
    objected = services.apply_as_observer(
        session=session, applicant=make_observer_org("Contested"), received_on=IN_TIME, actor=secretariat
    )
    Delegation.objects.filter(pk=objected.pk).update(
        admission_status=AdmissionStatus.LISTED, listed_on=LIST_OUT
    )
    services.object_to_observer(
        objected, by_state=make_party("OBJ"), on=date(2021, 11, 20), actor=secretariat
    )

    admitted = services.close_no_objection_period(session=session, on=OPENING, actor=secretariat)

    assert [delegation.pk for delegation in admitted] == [listed.pk]
    listed.refresh_from_db()
    objected.refresh_from_db()
    assert (listed.admission_status, listed.decided_on) == (AdmissionStatus.ADMITTED, OPENING)
    assert objected.admission_status == AdmissionStatus.OBJECTED


def test_closing_the_period_before_it_ends_is_refused(refused, session, listed, secretariat):
    error = refused(
        services.close_no_objection_period,
        session=session,
        on=date(2021, 12, 12),
        actor=secretariat,
    )

    assert error.code == "objection_period_open"


def test_closing_with_nobody_on_the_list_is_refused(refused, session, applied, secretariat):
    error = refused(services.close_no_objection_period, session=session, on=OPENING, actor=secretariat)

    assert error.code == "nothing_to_close"


def test_an_objected_ngo_goes_to_the_conference_which_decides_in_session(
    refused, listed, make_party, secretariat
):
    services.object_to_observer(listed, by_state=make_party("OBJ"), on=date(2021, 11, 20), actor=secretariat)
    services.refer_to_conference(listed, on=date(2021, 12, 1), actor=secretariat)

    early = refused(
        services.record_conference_decision,
        delegation=listed,
        admit=True,
        on=date(2021, 12, 12),
        decision="Admitted.",
        actor=secretariat,
    )
    services.record_conference_decision(
        listed, admit=False, on=OPENING, decision="Not admitted at the 1st meeting.", actor=secretariat
    )

    assert early.code == "conference_not_in_session"
    listed.refresh_from_db()
    assert (listed.admission_status, listed.decided_on, listed.decision) == (
        AdmissionStatus.REFUSED,
        OPENING,
        "Not admitted at the 1st meeting.",
    )


def test_the_bureau_grants_an_ecosoc_ngo(session, make_observer_org, secretariat):
    delegation = services.apply_as_observer(
        session=session,
        applicant=make_observer_org("Consultative NGO", ObserverCategory.NGO_ECOSOC),
        received_on=date(2021, 11, 20),
        actor=secretariat,
    )

    services.grant_by_bureau(delegation, on=date(2021, 11, 30), actor=secretariat)

    delegation.refresh_from_db()
    assert (delegation.admission_status, delegation.decided_on) == (
        AdmissionStatus.ADMITTED,
        date(2021, 11, 30),
    )


def test_the_bureau_cannot_grant_an_ngo_that_needs_the_list(refused, applied, secretariat):
    error = refused(services.grant_by_bureau, delegation=applied, on=LIST_OUT, actor=secretariat)

    assert error.code == "not_allowed"
    assert "17(2)" in error.messages[0]


def test_a_withdrawal_is_final(refused, applied, secretariat):
    services.withdraw_observer(applied, on=LIST_OUT, actor=secretariat)

    again = refused(services.withdraw_observer, delegation=applied, on=LIST_OUT, actor=secretariat)

    applied.refresh_from_db()
    assert applied.admission_status == AdmissionStatus.WITHDRAWN
    assert again.code == "not_allowed"


def test_a_state_party_delegation_has_no_admission_steps(refused, session, make_party, present, secretariat):
    delegation = present(session, make_party("PTY"))

    error = refused(services.withdraw_observer, delegation=delegation, on=LIST_OUT, actor=secretariat)

    assert error.code == "not_an_observer"


def test_a_state_delegation_organisation_is_reused_when_the_state_applies(
    session, make_non_party, secretariat
):
    state = make_non_party("SGN")
    existing = organisation_for_state(state)

    delegation = services.apply_as_observer(
        session=session, applicant=state, received_on=date(2021, 12, 1), actor=secretariat
    )

    assert delegation.organisation == existing
    assert Organisation.objects.filter(state=state).count() == 1
