"""Example documents for the demo: our own documents in the UN formats, plus the real samples
(../shared/samples, or COSP_SAMPLES_DIR) when they are there."""

import os
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

from .services import IngestError, ingest_file

DEMO_DIR = Path(__file__).resolve().parent / "data" / "demo"

# The samples are PDF-to-text conversions that lost their symbols; these are the symbols we give them.
# The special session's report symbol is our best understanding of the series (CAC/COSP/S/2021/...).
SAMPLES = {
    "cosp7-report-2017.zh.txt": ("CAC/COSP/2017/14", "zh"),
    "cosp-special-session-2021.zh.txt": ("CAC/COSP/S/2021/2", "zh"),
}


def samples_dir() -> Path:
    default = settings.PACKAGE_DIR.parent.parent / "shared" / "samples"
    return Path(os.environ.get("COSP_SAMPLES_DIR") or default)


def ingest_demo_documents() -> Iterator[str]:
    """Ingest the example documents, yielding one line per file."""
    jobs = [(path, None, None) for path in sorted(DEMO_DIR.glob("*.txt"))]
    jobs += [(samples_dir() / name, symbol, lang) for name, (symbol, lang) in SAMPLES.items()]
    for path, symbol, language in jobs:
        if not path.exists():
            yield f"{path.name}: not found, skipped"
            continue
        try:
            result = ingest_file(path, symbol=symbol, language=language)
        except IngestError as error:
            yield f"{path.name}: {error}"
            continue
        yield f"{path.name}: {result.version} ({result.paragraphs} paragraphs)"
