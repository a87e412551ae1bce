"""Background tasks of the shared layer. Tasks take ids, re-fetch, and call plain functions."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from .models import User

logger = logging.getLogger(__name__)


@task()
def send_notification(*, user_ids: list[int], subject: str, body: str) -> int:
    """E-mail each still-active user with an address; returns how many messages were sent."""
    sent = 0
    for user in User.objects.filter(pk__in=user_ids, is_active=True).exclude(email=""):
        sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    if sent < len(user_ids):
        logger.info("Notification %r reached %d of %d users", subject, sent, len(user_ids))
    return sent
