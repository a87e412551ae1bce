import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from cosp.core.notifications import notify

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_notification_is_queued_on_commit_and_sent_by_the_worker(make_user):
    user = make_user(None, username="someone")
    user.email = "someone@example.org"
    user.save()

    notify([user], subject="Review started", body="Your review has started.")
    assert DBTaskResult.objects.count() == 1  # autocommit: queued at once, not sent yet
    assert mail.outbox == []

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    assert [m.subject for m in mail.outbox] == ["Review started"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_notification_is_not_queued_when_the_transaction_rolls_back(make_user):
    from django.db import transaction

    user = make_user(None, username="someone")

    def change_that_fails():
        with transaction.atomic():
            notify([user], subject="Never", body="sent")
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        change_that_fails()

    assert DBTaskResult.objects.count() == 0
