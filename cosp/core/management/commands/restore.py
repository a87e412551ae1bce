from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cosp.core.backup import RestoreError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `cosp backup` into this database (empty, or --replace)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--replace", action="store_true", help="Delete the current records first.")

    def handle(self, *args, file: Path, replace: bool, **options):
        try:
            restore(file, replace=replace)
        except RestoreError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {file}."))
