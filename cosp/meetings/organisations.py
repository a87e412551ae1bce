"""Observer organisations from the project's data file (data/organisations.csv), and their names as a
session report of a given year wrote them.

The file holds every organisation named in the attendance paragraphs of the COSP7 report (2017) and of
the 2021 special session's report, and a few other frequent observers. `name_en_status` says whether
the English name is known ("known") or rendered from the Chinese report because no English source was
at hand ("inferred"); the English name decides the order of every list, so inferred names are the first
to check against an English report.
"""

from pathlib import Path

from django.db import transaction

from cosp.core.enums import ObserverCategory, OrganisationKind
from cosp.core.languages import UN_LANGUAGES, field_suffix
from cosp.core.models import Organisation
from cosp.states.reference import ReferenceDataError, read_rows

ORGANISATIONS_CSV = Path(__file__).resolve().parent / "data" / "organisations.csv"
_COLUMNS = (
    "code",
    "name_en",
    "name_zh",
    "abbreviation",
    "observer_category",
    "un_system_kind",
    "former_name_en",
    "former_name_zh",
    "former_name_until",
    "name_en_status",
)
_NAME_STATUSES = {"known", "inferred"}


def _read_rows(path: Path) -> list[dict[str, str | int | None]]:
    """The file's rows, checked; every problem is reported at once, with its line and column."""
    problems: list[str] = []
    raw_rows = read_rows(path, _COLUMNS)
    rows: list[dict[str, str | int | None]] = []
    seen: dict[str, int] = {}
    for line, raw in enumerate(raw_rows, start=2):
        row = {column: (raw[column] or "").strip() for column in _COLUMNS}

        def problem(column: str, message: str, line: int = line) -> None:
            problems.append(f"{path.name}, line {line}, column {column}: {message}")

        if not row["code"]:
            problem("code", "is empty")
        elif row["code"] in seen:
            problem("code", f"{row['code']!r} is already used on line {seen[row['code']]}")
        seen.setdefault(row["code"], line)
        for column in ("name_en", "name_zh"):
            if not row[column]:
                problem(column, "is empty")
        if row["observer_category"] not in ObserverCategory.values:
            problem(
                "observer_category", f"{row['observer_category']!r} is not one of {ObserverCategory.values}"
            )
        if row["un_system_kind"] and row["un_system_kind"] not in Organisation.UNSystemKind.values:
            problem(
                "un_system_kind",
                f"{row['un_system_kind']!r} is not one of {Organisation.UNSystemKind.values}",
            )
        if row["name_en_status"] not in _NAME_STATUSES:
            problem("name_en_status", f"{row['name_en_status']!r} is not one of {sorted(_NAME_STATUSES)}")
        has_former_name = bool(row["former_name_en"] or row["former_name_zh"])
        until: int | None = None
        if row["former_name_until"]:
            if row["former_name_until"].isdigit():
                until = int(row["former_name_until"])
            else:
                problem("former_name_until", f"{row['former_name_until']!r} is not a year")
        if has_former_name != bool(row["former_name_until"]):
            problem(
                "former_name_until",
                "a former name needs the last year it was used, and only a former name does",
            )
        rows.append({**row, "former_name_until": until})
    if problems:
        raise ReferenceDataError(problems)
    return rows


@transaction.atomic
def load_observer_organisations(path: Path = ORGANISATIONS_CSV) -> int:
    """Create or update every observer organisation of the data file (by its code); return how many.

    Loading twice changes nothing; an invalid file raises ReferenceDataError and writes nothing.
    Organisations added by hand (without a code) are left alone.
    """
    rows = _read_rows(path)
    for row in rows:
        Organisation.objects.update_or_create(
            code=row["code"],
            defaults={
                "kind": OrganisationKind.OBSERVER,
                "name_en": row["name_en"],
                "name_zh_hans": row["name_zh"],
                "abbreviation": row["abbreviation"],
                "observer_category": row["observer_category"],
                "un_system_kind": row["un_system_kind"],
                "former_name_en": row["former_name_en"],
                "former_name_zh_hans": row["former_name_zh"],
                "former_name_until": row["former_name_until"],
            },
        )
    return len(rows)


def names_in_year(organisation: Organisation, year: int) -> dict[str, str]:
    """The organisation's name in each UN language (those we have) as a report of `year` wrote it.

    A report of the last year a former name was used, or earlier, uses the former name where there is
    one in that language (the lists are sorted on these names, so a renamed organisation moves).
    """
    use_former = organisation.former_name_until is not None and year <= organisation.former_name_until
    names = {}
    for language in UN_LANGUAGES:
        suffix = field_suffix(language)
        former = getattr(organisation, f"former_name_{suffix}") if use_former else ""
        if name := former or getattr(organisation, f"name_{suffix}"):
            names[language] = name
    return names
