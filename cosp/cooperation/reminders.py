"""Reminders of overdue steps: the requested authority's officials are e-mailed the request's reference
and the due date (never its contents), once when a step is late and again every few days (a setting),
never twice on one day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cosp.core.notifications import notify

from . import access, workflow
from .conf import deadline_settings
from .enums import Step
from .models import Reminder, Request


@dataclass(frozen=True)
class Sent:
    request_id: int
    step: str
    due: dt.date
    recipients: int


def send_reminders(today: dt.date) -> list[Sent]:
    settings = deadline_settings()
    sent: list[Sent] = []
    for request in Request.objects.filter(status__in=[s.value for s in workflow.OPEN]).order_by("pk"):
        for due in workflow.pending(request.dates(), settings, today):
            last = (
                Reminder.objects.filter(request=request, step=due.step)
                .order_by("-sent_on")
                .values_list("sent_on", flat=True)
                .first()
            )
            if not workflow.reminder_due(due, last, settings, today):
                continue
            recipients = list(access.officials_of_side(request, due.side))
            try:
                with transaction.atomic():
                    Reminder.objects.create(request=request, step=due.step, due=due.due, sent_on=today)
                    notify(
                        recipients,
                        subject=_("Overdue: request %(reference)s") % {"reference": request.reference},
                        body=_(
                            "The %(step)s of request %(reference)s was due on %(due)s and is %(days)s days "
                            "late.\n\nSign in to the platform to read the request; its contents are not "
                            "sent by e-mail."
                        )
                        % {
                            "step": str(Step(due.step).label).lower(),
                            "reference": request.reference,
                            "due": due.due.isoformat(),
                            "days": due.days_late,
                        },
                    )
            except IntegrityError:  # another run sent it today
                continue
            sent.append(Sent(request.pk, due.step, due.due, len(recipients)))
    return sent
