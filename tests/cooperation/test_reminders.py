"""Reminders of overdue steps: sent once a day at most, to the requested authority only, with the
reference and the due date but nothing of the contents."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from cosp.cooperation import services
from cosp.cooperation.models import Reminder
from cosp.cooperation.reminders import send_reminders
from tests.cooperation.conftest import CONSULTATION, MESSAGE, REFERENCE, SUBJECT, new_request

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def immediate(settings, time_machine):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.COOPERATION_DEADLINES = {"acknowledge_days": 10, "execute_days": 60, "reminder_repeat_days": 7}
    time_machine.move_to(dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def sent(convention, states, people):
    """Sent 15 days ago, never acknowledged: five days late."""
    request = new_request(people, states)
    services.move(request, actor=people["ken_authority"], to="sent", on=TODAY - dt.timedelta(days=15))
    return request


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_requested_authority_is_reminded_once_without_the_contents(
    sent, people, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        [reminder] = send_reminders(TODAY)
    assert (reminder.step, reminder.due, reminder.recipients) == ("acknowledge", dt.date(2026, 5, 27), 1)
    assert recipients() == ["gbr_authority@example.org"]
    [message] = mail.outbox
    assert REFERENCE in message.subject
    assert "2026-05-27" in message.body
    for secret in (SUBJECT, "Tsavo", CONSULTATION, MESSAGE):
        assert secret not in message.subject + message.body
    # A second run the same day sends nothing.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(TODAY) == []
    assert mail.outbox == []
    assert Reminder.objects.count() == 1


def test_reminders_repeat_after_the_set_days_and_stop_once_done(
    sent, people, django_capture_on_commit_callbacks
):
    send_reminders(TODAY)
    assert send_reminders(TODAY + dt.timedelta(days=6)) == []
    assert len(send_reminders(TODAY + dt.timedelta(days=7))) == 1
    services.move(sent, actor=people["gbr_authority"], to="acknowledged", on=TODAY)
    assert send_reminders(TODAY + dt.timedelta(days=14)) == []
    # Execution is owed next: 60 days after acknowledgement.
    [execute] = send_reminders(TODAY + dt.timedelta(days=61))
    assert (execute.step, execute.due) == ("execute", TODAY + dt.timedelta(days=60))


def test_requests_on_time_drafts_and_closed_ones_are_not_reminded(convention, states, people):
    on_time = new_request(people, states, requesting_reference="ON-TIME")
    services.move(on_time, actor=people["ken_authority"], to="sent", on=TODAY - dt.timedelta(days=3))
    new_request(people, states, requesting_reference="DRAFT")
    withdrawn = new_request(people, states, requesting_reference="GONE")
    services.move(withdrawn, actor=people["ken_authority"], to="sent", on=TODAY - dt.timedelta(days=40))
    services.move(withdrawn, actor=people["ken_authority"], to="withdrawn", on=TODAY - dt.timedelta(days=30))
    assert send_reminders(TODAY) == []


def test_the_command_reports_what_it_sent(sent, capsys):
    call_command("send_request_reminders", "--date", "2026-06-01")
    call_command("send_request_reminders", "--date", "2026-06-01")
    out = capsys.readouterr().out
    assert out.count("acknowledge due 2026-05-27") == 1
    assert "1 reminder(s) sent." in out
    assert "0 reminder(s) sent." in out
    assert SUBJECT not in out
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_request_reminders", "--date", "June")
