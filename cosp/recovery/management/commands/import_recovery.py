"""cosp import_recovery FILE --user NAME [--good-rows-only]: import asset-recovery records from a CSV or
XLSX file of any size, with a progress bar. The same checks and rules as the web import: every bad row
is printed with its line and reason, and nothing is imported from a file with errors unless
--good-rows-only says to leave them out."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cosp.recovery import services


class Command(BaseCommand):
    help = "Import asset-recovery records from a CSV or XLSX file (all or nothing unless --good-rows-only)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user", required=True, help="The account entering the records (its permissions apply)."
        )
        parser.add_argument(
            "--good-rows-only", action="store_true", help="Import the good rows and leave out the bad ones."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, file: Path, user: str, good_rows_only: bool, no_progress: bool, **options):
        actor = get_user_model().objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"No account is named {user!r}.")
        if not file.is_file():
            raise CommandError(f"{file} is not a file.")
        content = file.read_bytes()
        quiet = no_progress or options["verbosity"] == 0
        try:
            with tqdm(desc="checking", unit=" rows", disable=quiet, file=sys.stderr) as bar:
                checked = services.check_file(
                    content, services.file_format(file.name), actor=actor, progress=bar.update
                )
            for row in checked.bad:
                self.stderr.write(f"line {row.line}: {'; '.join(row.errors)}")
            with tqdm(
                total=len(checked.good), desc="importing", unit=" rows", disable=quiet, file=sys.stderr
            ) as bar:
                _batch, stored = services.import_file(
                    content, file.name, actor=actor, good_rows_only=good_rows_only, checked=checked,
                    progress=bar.update,
                )  # fmt: skip
        except services.RecoveryError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"{stored} records imported, {len(checked.bad)} rows left out.")
