"""`cosp load_reference_data`: load or refresh every app's reference data from the project's files."""

from django.core.management.base import BaseCommand, CommandError

from cosp.meetings.reference import load_meetings_reference
from cosp.states.reference import ReferenceDataError, load_reference_data

# In dependency order: sessions and documents refer to States and bodies.
LOADERS = [load_reference_data, load_meetings_reference]


def load_all() -> dict[str, int]:
    counts: dict[str, int] = {}
    for loader in LOADERS:
        counts.update(loader())
    return counts


class Command(BaseCommand):
    help = "Load the reference data: regional groups, chapters, articles, States, bodies and sessions."

    def handle(self, *args, **options) -> None:
        try:
            counts = load_all()
        except ReferenceDataError as exc:
            raise CommandError(str(exc)) from exc
        for name, count in counts.items():
            self.stdout.write(f"{name.replace('_', ' ')}: {count}")
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
