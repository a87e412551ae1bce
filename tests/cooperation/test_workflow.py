"""The life cycle rules of a request: moves and their sides, consultation before refusal, deadlines."""

import datetime as dt

import pytest

from cosp.cooperation.workflow import (
    FINAL,
    TRANSITIONS,
    Dates,
    DeadlineSettings,
    MoveRefused,
    Reason,
    Side,
    Status,
    Step,
    check_move,
    flagged,
    moves_for,
    pending,
    reminder_due,
)

pytestmark = pytest.mark.unit

SETTINGS = DeadlineSettings(
    acknowledge_days=10, execute_days=90, urgent_acknowledge_days=2, urgent_execute_days=20
)
SENT = dt.date(2026, 3, 2)


def refused_code(*args, **kwargs) -> str:
    with pytest.raises(MoveRefused) as caught:
        check_move(*args, **kwargs)
    return caught.value.code


def test_the_requesting_side_sends_and_withdraws():
    assert moves_for(Status.DRAFT, Side.REQUESTING) == [Status.SENT, Status.WITHDRAWN]
    assert moves_for(Status.SENT, Side.REQUESTING) == [Status.WITHDRAWN]
    assert moves_for(Status.DRAFT, Side.REQUESTED) == []


def test_the_requested_side_receives_acknowledges_executes_and_refuses():
    assert moves_for(Status.SENT, Side.REQUESTED) == [Status.RECEIVED, Status.ACKNOWLEDGED]
    assert moves_for(Status.ACKNOWLEDGED, Side.REQUESTED) == [
        Status.IN_EXECUTION,
        Status.EXECUTED,
        Status.PARTIALLY_EXECUTED,
        Status.REFUSED,
    ]
    check_move(Status.IN_EXECUTION, Status.EXECUTED, Side.REQUESTED)


def test_nothing_leaves_a_final_status():
    assert not [pair for pair in TRANSITIONS if pair[0] in FINAL]
    for status in FINAL:
        assert moves_for(status, Side.REQUESTING) == moves_for(status, Side.REQUESTED) == []
    assert refused_code(Status.EXECUTED, Status.REFUSED, Side.REQUESTED) == "no_such_move"


def test_a_move_by_the_wrong_side_is_refused_with_the_side_named():
    with pytest.raises(MoveRefused, match="requested State's central authority"):
        check_move(Status.SENT, Status.ACKNOWLEDGED, Side.REQUESTING)
    assert refused_code(Status.DRAFT, Status.SENT, Side.REQUESTED) == "wrong_side"
    assert refused_code(Status.DRAFT, Status.SENT, None) == "wrong_side"


def test_a_refusal_needs_a_consultation_first_then_a_reason():
    with pytest.raises(MoveRefused, match=r"46\(26\)"):
        check_move(Status.ACKNOWLEDGED, Status.REFUSED, Side.REQUESTED, reasons=[Reason.DUAL_CRIMINALITY])
    assert (
        refused_code(Status.ACKNOWLEDGED, Status.REFUSED, Side.REQUESTED, consulted=True) == "reason_required"
    )
    check_move(
        Status.ACKNOWLEDGED, Status.REFUSED, Side.REQUESTED, consulted=True, reasons=[Reason.DUAL_CRIMINALITY]
    )


def test_bank_secrecy_and_fiscal_matters_are_flagged():
    assert flagged([Reason.DUAL_CRIMINALITY, Reason.BANK_SECRECY, "fiscal_matters"]) == [
        (Reason.BANK_SECRECY, "46(8)"),
        (Reason.FISCAL_MATTERS, "46(22)"),
    ]
    assert flagged([Reason.POLITICAL_OFFENCE]) == []


def test_acknowledgement_is_due_days_after_sending_shorter_when_urgent():
    [due] = pending(Dates(Status.SENT, False, SENT), SETTINGS, SENT)
    assert (due.step, due.side, due.due, due.overdue) == (
        Step.ACKNOWLEDGE,
        Side.REQUESTED,
        dt.date(2026, 3, 12),
        False,
    )
    [urgent] = pending(Dates(Status.RECEIVED, True, SENT), SETTINGS, dt.date(2026, 3, 7))
    assert (urgent.due, urgent.days_late) == (dt.date(2026, 3, 4), 3)


def test_execution_is_due_days_after_acknowledgement():
    acknowledged = dt.date(2026, 3, 5)
    [due] = pending(Dates(Status.IN_EXECUTION, False, SENT, acknowledged), SETTINGS, dt.date(2026, 6, 10))
    assert (due.step, due.due, due.days_late) == (Step.EXECUTE, dt.date(2026, 6, 3), 7)
    [urgent] = pending(Dates(Status.ACKNOWLEDGED, True, SENT, acknowledged), SETTINGS, acknowledged)
    assert urgent.due == dt.date(2026, 3, 25)


@pytest.mark.parametrize("status", [Status.DRAFT, *sorted(FINAL)])
def test_drafts_and_closed_requests_owe_nothing(status):
    assert pending(Dates(status, False, SENT, SENT), SETTINGS, dt.date(2030, 1, 1)) == []


def test_reminders_once_late_then_every_repeat_days_never_twice_a_day():
    today = dt.date(2026, 4, 1)
    [late] = pending(Dates(Status.SENT, False, SENT), SETTINGS, today)
    [on_time] = pending(Dates(Status.SENT, False, SENT), SETTINGS, SENT)
    assert not reminder_due(on_time, None, SETTINGS, SENT)
    assert reminder_due(late, None, SETTINGS, today)
    assert not reminder_due(late, today, SETTINGS, today)
    assert not reminder_due(late, today - dt.timedelta(days=6), SETTINGS, today)
    assert reminder_due(late, today - dt.timedelta(days=7), SETTINGS, today)
    daily = DeadlineSettings(reminder_repeat_days=0)
    assert not reminder_due(late, today, daily, today)
