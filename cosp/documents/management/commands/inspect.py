import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cosp.documents.extraction.model import ExtractionError
from cosp.documents.services import inspect_file


class Command(BaseCommand):
    help = "Print the structure extracted from one document file, without writing to the database."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument(
            "--language", help="UN language code (ar zh en fr ru es) when the text can't tell"
        )

    def handle(self, *args, file: Path, language: str | None, **options):
        try:
            extracted = inspect_file(file, language=language)
        except ExtractionError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(extracted.as_json(), ensure_ascii=False, indent=2))
