from pathlib import Path

from django.core.management.base import BaseCommand

from cosp.core.backup import backup


class Command(BaseCommand):
    help = "Back up the whole database to FILE (JSON; gzip when FILE ends in .gz)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        backup(file)
        self.stdout.write(self.style.SUCCESS(f"Backed up to {file} ({file.stat().st_size:,} bytes)."))
