"""Observers (rules 14-17): routes, deadlines, late applications and the admission workflow."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cosp.core.enums import ObserverCategory
from cosp.meetings.enums import AdmissionRoute, AdmissionStatus
from cosp.meetings.observers import (
    TRANSITIONS,
    Action,
    ObserverDeadlines,
    ObserverSettings,
    Refusal,
    allowed_actions,
    check_application,
    format_day,
    next_statuses,
    route_for,
    rule_for,
    transition,
)

pytestmark = [pytest.mark.unit]

COSP9_OPENING = dt.date(2021, 12, 13)
LIST_OUT = dt.date(2021, 11, 10)  # within the 30 days' limit (13 November)


@pytest.mark.parametrize(
    ("category", "route", "rule"),
    [
        (ObserverCategory.SIGNATORY, AdmissionRoute.NOTICE, "14"),
        (ObserverCategory.NON_SIGNATORY, AdmissionRoute.BUREAU, "15"),
        (ObserverCategory.ENTITY, AdmissionRoute.NOTICE, "16(1)"),
        (ObserverCategory.UN_BODY, AdmissionRoute.NOTICE, "16(1)"),
        (ObserverCategory.IGO, AdmissionRoute.BUREAU, "16(2)"),
        (ObserverCategory.NGO_ECOSOC, AdmissionRoute.BUREAU, "17(1)"),
        (ObserverCategory.NGO_OTHER, AdmissionRoute.NGO_LIST, "17(2)"),
    ],
)
def test_each_category_has_its_route_and_rule(category, route, rule):
    assert route_for(category) == route
    assert route_for(category.value) == route
    assert rule_for(category) == rule


def test_every_category_has_a_route():
    assert {route_for(category) for category in ObserverCategory} == set(AdmissionRoute)


def test_default_deadlines_reproduce_the_ninth_session():
    deadlines = ObserverDeadlines.for_session(COSP9_OPENING)

    assert deadlines.ngo_application == dt.date(2021, 8, 20)
    assert deadlines.bureau_registration == dt.date(2021, 11, 26)
    assert deadlines.list_circulation == dt.date(2021, 11, 13)
    assert deadlines.prior_notice == dt.date(2021, 12, 12)
    assert deadlines.objection_period_ends == dt.date(2021, 12, 12)


def test_a_session_may_set_its_own_deadlines():
    custom = ObserverSettings(
        list_circulation_days=45, ngo_application_days=90, bureau_registration_days=30, prior_notice_days=7
    )
    deadlines = ObserverDeadlines.for_session(COSP9_OPENING, custom)

    assert deadlines.list_circulation == dt.date(2021, 10, 29)
    assert deadlines.ngo_application == dt.date(2021, 9, 14)
    assert deadlines.bureau_registration == dt.date(2021, 11, 13)
    assert deadlines.prior_notice == dt.date(2021, 12, 6)


def test_settings_where_applications_close_after_the_list_is_due_are_rejected():
    with pytest.raises(ValueError, match="before the list"):
        ObserverSettings(ngo_application_days=20, list_circulation_days=30)


def test_deadline_for_each_route():
    deadlines = ObserverDeadlines.for_session(COSP9_OPENING)

    assert deadlines.arrival_deadline(AdmissionRoute.NOTICE) == dt.date(2021, 12, 12)
    assert deadlines.arrival_deadline("bureau") == dt.date(2021, 11, 26)
    assert deadlines.arrival_deadline(AdmissionRoute.NGO_LIST) == dt.date(2021, 8, 20)


def test_days_are_written_the_un_way():
    assert format_day(dt.date(2021, 8, 3)) == "3 August 2021"


def test_an_ngo_application_on_the_last_day_is_in_time():
    assert check_application(ObserverCategory.NGO_OTHER, dt.date(2021, 8, 20), COSP9_OPENING) is None


def test_a_late_ngo_application_is_refused_with_the_reason_and_the_rule():
    refusal = check_application(ObserverCategory.NGO_OTHER, dt.date(2021, 9, 3), COSP9_OPENING)

    assert refusal is not None
    assert (refusal.code, refusal.rule) == ("too_late", "17(2)")
    assert refusal.message == (
        "Applications from non-governmental organizations without consultative status must reach the "
        "secretariat by 20 August 2021 so that the list can be circulated 30 days before the session "
        "(rule 17(2)); this one arrived on 3 September 2021."
    )
    assert str(refusal) == refusal.message


def test_a_late_application_to_the_bureau_names_its_rule():
    refusal = check_application(ObserverCategory.NON_SIGNATORY, dt.date(2021, 11, 27), COSP9_OPENING)

    assert refusal is not None
    assert refusal.rule == "15"
    assert refusal.message == (
        "Applications to the bureau under rule 15 must reach the secretariat by 26 November 2021; "
        "this one arrived on 27 November 2021."
    )


def test_an_ecosoc_ngo_registering_in_late_november_is_in_time():
    assert check_application(ObserverCategory.NGO_ECOSOC, dt.date(2021, 11, 26), COSP9_OPENING) is None


def test_notice_on_the_opening_day_is_not_prior_notice():
    refusal = check_application(ObserverCategory.SIGNATORY, COSP9_OPENING, COSP9_OPENING)

    assert refusal is not None
    assert refusal.rule == "14"
    assert "12 December 2021" in refusal.message


def test_notice_the_day_before_the_opening_is_in_time():
    assert check_application(ObserverCategory.UN_BODY, dt.date(2021, 12, 12), COSP9_OPENING) is None


@given(
    received=st.dates(dt.date(2021, 1, 1), dt.date(2022, 1, 31)), category=st.sampled_from(ObserverCategory)
)
@settings(max_examples=200, deadline=None)
def test_an_application_is_refused_exactly_when_it_arrives_after_its_deadline(received, category):
    deadline = ObserverDeadlines.for_session(COSP9_OPENING).arrival_deadline(route_for(category))

    refusal = check_application(category, received, COSP9_OPENING)

    assert (refusal is None) == (received <= deadline)


# --- The workflow ---------------------------------------------------------------------------------


def run(route, steps, **context):
    """Apply (action, day) steps from the start; return the statuses passed through or the refusal."""
    status = None
    seen = []
    for action, day in steps:
        result = transition(route, status, action, day, session_start=COSP9_OPENING, **context)
        if isinstance(result, Refusal):
            return result
        status = result
        seen.append(status)
    return seen


def test_a_signatory_giving_notice_in_time_is_admitted_by_right():
    assert run(AdmissionRoute.NOTICE, [(Action.NOTIFY, dt.date(2021, 12, 1))]) == [AdmissionStatus.ADMITTED]


def test_the_conference_cannot_refuse_an_observer_admitted_by_right():
    result = transition(
        AdmissionRoute.NOTICE,
        AdmissionStatus.ADMITTED,
        Action.CONFERENCE_REFUSES,
        COSP9_OPENING,
        session_start=COSP9_OPENING,
        category=ObserverCategory.SIGNATORY,
    )

    assert isinstance(result, Refusal)
    assert result.code == "not_allowed"
    assert result.message == (
        "This cannot be done now: the observer's admission is at “Admitted” and the action "
        "“refuse by decision of the Conference” is not open from there under rule 14."
    )


def test_the_bureau_grants_status_and_the_conference_may_still_decide_otherwise():
    steps = [
        (Action.APPLY, dt.date(2021, 11, 1)),
        (Action.GRANT, dt.date(2021, 11, 30)),
        (Action.CONFERENCE_REFUSES, COSP9_OPENING),
    ]

    assert run(AdmissionRoute.BUREAU, steps) == [
        AdmissionStatus.APPLIED,
        AdmissionStatus.ADMITTED,
        AdmissionStatus.REFUSED,
    ]


def test_an_ngo_on_the_list_with_no_objection_is_admitted_after_the_period():
    steps = [
        (Action.APPLY, dt.date(2021, 8, 1)),
        (Action.CIRCULATE, LIST_OUT),
        (Action.CLOSE_NO_OBJECTION, COSP9_OPENING),
    ]

    assert run(AdmissionRoute.NGO_LIST, steps, circulated_on=LIST_OUT) == [
        AdmissionStatus.APPLIED,
        AdmissionStatus.LISTED,
        AdmissionStatus.ADMITTED,
    ]


def test_an_objected_ngo_goes_to_the_conference_which_decides():
    steps = [
        (Action.APPLY, dt.date(2021, 8, 1)),
        (Action.CIRCULATE, LIST_OUT),
        (Action.OBJECT, dt.date(2021, 11, 20)),
        (Action.OBJECT, dt.date(2021, 11, 22)),
        (Action.REFER, dt.date(2021, 12, 12)),
        (Action.CONFERENCE_ADMITS, dt.date(2021, 12, 14)),
    ]

    assert run(AdmissionRoute.NGO_LIST, steps, circulated_on=LIST_OUT, objecting_state="XYZ") == [
        AdmissionStatus.APPLIED,
        AdmissionStatus.LISTED,
        AdmissionStatus.OBJECTED,
        AdmissionStatus.OBJECTED,
        AdmissionStatus.REFERRED,
        AdmissionStatus.ADMITTED,
    ]


def test_a_list_circulated_less_than_30_days_before_the_session_is_refused():
    result = transition(
        AdmissionRoute.NGO_LIST,
        AdmissionStatus.APPLIED,
        Action.CIRCULATE,
        dt.date(2021, 11, 14),
        session_start=COSP9_OPENING,
    )

    assert isinstance(result, Refusal)
    assert result.code == "list_too_late"
    assert result.message == (
        "The list of non-governmental organizations must be circulated at least 30 days before the "
        "session opens on 13 December 2021, that is by 13 November 2021 (rule 17(2)); circulating it "
        "on 14 November 2021 is too late."
    )


def test_a_list_circulated_exactly_30_days_before_is_in_time():
    result = transition(
        AdmissionRoute.NGO_LIST,
        AdmissionStatus.APPLIED,
        Action.CIRCULATE,
        dt.date(2021, 11, 13),
        session_start=COSP9_OPENING,
    )

    assert result == AdmissionStatus.LISTED


@pytest.mark.parametrize("day", [dt.date(2021, 11, 9), COSP9_OPENING])
def test_an_objection_outside_the_no_objection_period_is_refused(day):
    result = transition(
        AdmissionRoute.NGO_LIST,
        AdmissionStatus.LISTED,
        Action.OBJECT,
        day,
        session_start=COSP9_OPENING,
        circulated_on=LIST_OUT,
        objecting_state="XYZ",
    )

    assert isinstance(result, Refusal)
    assert result.code == "outside_objection_period"


def test_an_objection_message_does_not_name_the_objecting_state():
    result = transition(
        AdmissionRoute.NGO_LIST,
        AdmissionStatus.LISTED,
        Action.OBJECT,
        COSP9_OPENING,
        session_start=COSP9_OPENING,
        circulated_on=LIST_OUT,
        objecting_state="XYZ",
    )

    assert isinstance(result, Refusal)
    assert "XYZ" not in result.message


def test_an_objection_must_name_the_objecting_state():
    with pytest.raises(ValueError, match="State party"):
        transition(
            AdmissionRoute.NGO_LIST,
            AdmissionStatus.LISTED,
            Action.OBJECT,
            dt.date(2021, 11, 20),
            session_start=COSP9_OPENING,
            circulated_on=LIST_OUT,
        )


def test_only_the_ngo_list_route_takes_objections():
    result = transition(
        AdmissionRoute.BUREAU,
        AdmissionStatus.APPLIED,
        Action.OBJECT,
        dt.date(2021, 11, 20),
        session_start=COSP9_OPENING,
        objecting_state="XYZ",
    )

    assert isinstance(result, Refusal)
    assert result.code == "not_allowed"


def test_status_cannot_be_granted_while_the_no_objection_period_runs():
    result = transition(
        AdmissionRoute.NGO_LIST,
        AdmissionStatus.LISTED,
        Action.CLOSE_NO_OBJECTION,
        dt.date(2021, 12, 12),
        session_start=COSP9_OPENING,
    )

    assert isinstance(result, Refusal)
    assert result.code == "objection_period_open"
    assert result.message == (
        "The no-objection period runs until 12 December 2021 (rule 17(2)); status can be granted only "
        "after it has passed."
    )


def test_the_conference_decides_only_once_in_session():
    result = transition(
        AdmissionRoute.NGO_LIST,
        AdmissionStatus.REFERRED,
        Action.CONFERENCE_REFUSES,
        dt.date(2021, 12, 1),
        session_start=COSP9_OPENING,
    )

    assert isinstance(result, Refusal)
    assert result.code == "conference_not_in_session"


def test_a_late_application_is_refused_by_the_workflow_too():
    result = run(AdmissionRoute.NGO_LIST, [(Action.APPLY, dt.date(2021, 9, 3))])

    assert isinstance(result, Refusal)
    assert (result.code, result.rule) == ("too_late", "17(2)")


def test_a_category_on_the_wrong_route_is_a_programming_error():
    with pytest.raises(ValueError, match="route"):
        transition(
            AdmissionRoute.NOTICE,
            None,
            Action.NOTIFY,
            dt.date(2021, 12, 1),
            session_start=COSP9_OPENING,
            category=ObserverCategory.NGO_OTHER,
        )


def test_next_statuses_on_each_route():
    assert next_statuses(AdmissionRoute.NOTICE, None) == {AdmissionStatus.ADMITTED}
    assert next_statuses(AdmissionRoute.BUREAU, AdmissionStatus.APPLIED) == {
        AdmissionStatus.ADMITTED,
        AdmissionStatus.REFERRED,
        AdmissionStatus.WITHDRAWN,
    }
    assert next_statuses(AdmissionRoute.NGO_LIST, AdmissionStatus.LISTED) == {
        AdmissionStatus.OBJECTED,
        AdmissionStatus.ADMITTED,
        AdmissionStatus.WITHDRAWN,
    }
    assert next_statuses(AdmissionRoute.NGO_LIST, AdmissionStatus.OBJECTED) == {
        AdmissionStatus.OBJECTED,
        AdmissionStatus.REFERRED,
        AdmissionStatus.WITHDRAWN,
    }


def test_allowed_actions_after_an_objection():
    assert allowed_actions("ngo_list", "objected") == [Action.OBJECT, Action.REFER, Action.WITHDRAW]


@pytest.mark.parametrize("route", list(AdmissionRoute))
@pytest.mark.parametrize("status", [AdmissionStatus.REFUSED, AdmissionStatus.WITHDRAWN])
def test_refused_and_withdrawn_are_final(route, status):
    assert next_statuses(route, status) == frozenset()


@given(
    route=st.sampled_from(AdmissionRoute),
    status=st.sampled_from([None, *AdmissionStatus]),
    action=st.sampled_from(Action),
    day=st.dates(dt.date(2021, 6, 1), dt.date(2021, 12, 31)),
)
@settings(max_examples=300, deadline=None)
def test_a_transition_either_follows_the_table_or_is_refused(route, status, action, day):
    result = transition(
        route,
        status,
        action,
        day,
        session_start=COSP9_OPENING,
        circulated_on=LIST_OUT,
        objecting_state="XYZ",
    )

    if isinstance(result, Refusal):
        assert result.message  # every refusal says why
    else:
        assert result == TRANSITIONS[route][(status, action)]
        assert result in next_statuses(route, status)
