"""Telling people that something concerns them, by e-mail, outside the request that caused it."""

from collections.abc import Iterable
from functools import partial

from django.db import transaction

from .models import User


def notify(users: Iterable[User], *, subject: str, body: str) -> None:
    """Queue an e-mail to `users`, sent by the task worker once the current transaction commits
    (so a rolled-back change never sends mail)."""
    from .tasks import send_notification

    user_ids = [user.pk for user in users]
    if user_ids:
        transaction.on_commit(
            partial(send_notification.enqueue, user_ids=user_ids, subject=subject, body=body)
        )
