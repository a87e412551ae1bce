"""`cosp send_request_reminders [--date YYYY-MM-DD]`: e-mail the requested authorities of overdue
requests (reference and due date only). Safe to run several times a day: each step is reminded at
most once a day (run it daily from cron or a scheduler)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cosp.cooperation.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail the central authorities of overdue requests (reference and due date only)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to compute deadlines on (default: today)")

    def handle(self, *args, **options):
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date must be a date as YYYY-MM-DD, not {options['date']!r}") from None
        else:
            today = timezone.localdate()
        sent = send_reminders(today)
        for item in sent:
            self.stdout.write(
                f"request {item.request_id}: {item.step} due {item.due}, {item.recipients} recipient(s)"
            )
        self.stdout.write(f"{len(sent)} reminder(s) sent.")
