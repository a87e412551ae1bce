"""Load the bodies and the Conference's sessions from the project's data files (idempotent)."""

import csv
from pathlib import Path

from django.db import transaction

from .models import Body, Session

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def load_bodies_and_sessions() -> dict[str, int]:
    bodies = {}
    for row in _rows("bodies.csv"):
        body, _ = Body.objects.update_or_create(
            code=row["code"],
            defaults={
                "symbol_prefix": row["symbol_prefix"],
                "parent": bodies.get(row["parent"]),
                "name_en": row["name_en"],
                "name_zh_hans": row["name_zh"],
                "abbreviation_en": row["abbreviation_en"],
                "abbreviation_zh_hans": row["abbreviation_zh"],
            },
        )
        bodies[body.code] = body
    for row in _rows("sessions.csv"):
        Session.objects.update_or_create(
            body=bodies[row["body"]],
            start=row["start"],
            defaults={
                "number": int(row["number"]) if row["number"] else None,
                "kind": row["kind"],
                "end": row["end"],
                "place_en": row["place_en"],
                "place_zh_hans": row["place_zh"],
            },
        )
    return {"bodies": Body.objects.count(), "sessions": Session.objects.count()}
