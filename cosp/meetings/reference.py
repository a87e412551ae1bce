"""Load the observer organisations, the bodies, the Conference's sessions, their agendas and bureaus
from the project's data files (idempotent: loading twice changes nothing)."""

import csv
from datetime import date
from pathlib import Path

from django.db import transaction

from cosp.states.models import State
from cosp.states.reference import ReferenceDataError

from .attendance_data import load_attendance
from .models import AgendaItem, Body, Officer, Session
from .organisations import load_observer_organisations

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def load_bodies_and_sessions() -> dict[str, int]:
    organisations = load_observer_organisations()
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
            start=date.fromisoformat(row["start"]),
            defaults={
                "number": int(row["number"]) if row["number"] else None,
                "kind": row["kind"],
                "end": date.fromisoformat(row["end"]),
                "place_en": row["place_en"],
                "place_zh_hans": row["place_zh"],
                "format": row["format"],
                "timezone": row["timezone"],
                "interpretation_meetings": int(row["interpretation_meetings"] or 0) or None,
                "entities_by_kind": row["entities_by_kind"] == "true",
                "permanent_observers_first": row["permanent_observers_first"] == "true",
                "agenda_adopted_on": row["agenda_adopted_on"] or None,
                "credentials_report_adopted_on": row["credentials_report_adopted_on"] or None,
            },
        )
    _load_agendas()
    return {
        "observer organizations": organisations,
        "bodies": Body.objects.count(),
        # What the reference data holds, whatever demo sessions were added beside it.
        "sessions": Session.objects.filter(is_demo=False).count(),
        "agenda items": AgendaItem.objects.filter(session__is_demo=False).count(),
    }


@transaction.atomic
def load_meetings_reference() -> dict[str, int]:
    """Everything above, and the bureaus and attendance of past sessions (which need the States)."""
    counts = load_bodies_and_sessions()
    _load_officers()
    return {**counts, "officers": Officer.objects.count(), "attendance": load_attendance()}


def _load_agendas() -> None:
    sessions = {s.slug: s for s in Session.objects.all()}
    parents: dict[tuple[int, str], AgendaItem] = {}
    for position, row in enumerate(_rows("agenda_items.csv")):
        session = sessions[row["session"]]
        number = row["number"]
        item, _ = AgendaItem.objects.update_or_create(
            session=session,
            number=number,
            defaults={
                "position": position,
                "parent": parents.get((session.pk, number.split("(")[0])) if "(" in number else None,
                "title_en": row["title_en"],
                "title_zh_hans": row["title_zh"],
            },
        )
        parents[(session.pk, number)] = item


def _load_officers() -> None:
    sessions = {s.slug: s for s in Session.objects.all()}
    states = {s.iso3: s for s in State.objects.all()}
    for line, row in enumerate(_rows("officers.csv"), start=2):
        if row["state"] not in states:
            raise ReferenceDataError(
                [f"officers.csv, line {line}: no State {row['state']} (load the States first)"]
            )
        Officer.objects.update_or_create(
            session=sessions[row["session"]],
            state=states[row["state"]],
            office=row["office"],
            defaults={"person": row["person"], "elected_on": row["elected_on"] or None},
        )
