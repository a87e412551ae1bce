from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cosp.documents.services import IngestError, ingest_file

SUPPORTED_SUFFIXES = {".txt", ".docx", ".pdf", ".html", ".htm"}


def expand(paths: list[Path]) -> list[Path]:
    """Files as given, and the supported files inside folders (recursively, in name order)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
        else:
            files.append(path)
    return files


class Command(BaseCommand):
    help = "Ingest document files (.txt, .docx, .pdf, .html) or folders of them into the registry."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument(
            "--symbol", help="the document symbol, when the text does not state it (one file)"
        )
        parser.add_argument(
            "--language", help="UN language code (ar zh en fr ru es), when the text can't tell"
        )

    def handle(self, *args, paths: list[Path], symbol: str | None, language: str | None, **options):
        files = expand(paths)
        if not files:
            raise CommandError("No document files found in the paths given.")
        if symbol and len(files) > 1:
            raise CommandError("--symbol names one document: give exactly one file with it.")
        created = updated = 0
        failures: list[str] = []
        for path in tqdm(files, desc="Ingesting", unit="file", disable=len(files) < 2):
            try:
                result = ingest_file(path, symbol=symbol, language=language)
            except IngestError as error:
                failures.append(str(error))
                continue
            created += result.created
            updated += not result.created
            self.stdout.write(f"{path}: {result.version} — {result.paragraphs} paragraphs")
        self.stdout.write(
            f"\n{created} created, {updated} updated, {len(failures)} failed (of {len(files)} files)"
        )
        for failure in failures:
            self.stderr.write(f"  {failure}")
        if failures:
            raise CommandError(f"{len(failures)} of {len(files)} files could not be ingested.")
