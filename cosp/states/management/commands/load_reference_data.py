"""`manage.py load_reference_data`: load or refresh regional groups, chapters, articles and States."""

from django.core.management.base import BaseCommand, CommandError

from cosp.states.reference import ReferenceDataError, load_reference_data


class Command(BaseCommand):
    help = "Load the Convention's reference data (regional groups, chapters, articles, States) from CSV."

    def handle(self, *args, **options) -> None:
        try:
            counts = load_reference_data()
        except ReferenceDataError as exc:
            raise CommandError(str(exc)) from exc
        for name, count in counts.items():
            self.stdout.write(f"{name.replace('_', ' ')}: {count}")
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
