import json
import sys
from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from cosp.documents.extraction.model import ExtractionError
from cosp.documents.services import inspect_file
from cosp.outcomes.extraction.outcomes import find_outcomes
from cosp.states.names import UnresolvedName, resolve


def _sponsor_resolver() -> Callable[[str], str | None]:
    """Sponsor names to ISO3 codes (or an organisation's name). An unknown name, and every name when
    the States registry is not there (no migrations), stays as the report gives it: said once on stderr."""
    warned = []

    def code(name: str) -> str | None:
        try:
            found = resolve(name)
        except UnresolvedName:
            return None
        except DatabaseError:
            if not warned:
                warned.append(name)
                print(
                    "States registry unavailable: sponsors are listed as the report names them",
                    file=sys.stderr,
                )
            return None
        return getattr(found, "iso3", None) or found.name

    return code


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
        data = extracted.as_json()
        data["outcomes"] = [
            outcome.as_json() for outcome in find_outcomes(extracted, resolve=_sponsor_resolver())
        ]
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
