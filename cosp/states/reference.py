"""Load the Convention's reference data (regional groups, chapters, articles, States) from data/*.csv.

Every row is checked before anything is written, and the whole load runs in one transaction, so a bad
file leaves the database as it was. Rows are upserted by natural key, so loading twice changes nothing.
State names come from CLDR (via Babel) in the six UN languages; the CSV's English and Chinese columns
override them with the UN's official names where they are filled in. See data/README.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from babel import Locale
from django.db import transaction

from .enums import Instrument, StateKind, UNStatus
from .models import Article, Chapter, RegionalGroup, State
from .names import clear_name_cache

DATA_DIR = Path(__file__).resolve().parent / "data"

# Babel locale for each translated-column suffix.
_LOCALES = {"ar": "ar", "zh_hans": "zh_Hans", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}
# CSV column suffix for the languages our own files carry.
_CSV_LANGS = {"en": "en", "zh": "zh_hans", "ar": "ar", "fr": "fr", "ru": "ru", "es": "es"}
# The Convention opened for signature in Mérida on 9 December 2003 (art. 67); nothing can predate it.
OPENED_FOR_SIGNATURE = dt.date(2003, 12, 9)
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class ReferenceDataError(ValueError):
    """One or more rows of the reference files are invalid; nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("Invalid reference data:\n" + "\n".join(f"  {p}" for p in problems))


def read_rows(path: Path, required: Iterable[str]) -> list[dict[str, str]]:
    """The rows of one of the project's CSV files, or ReferenceDataError if a column is missing."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in required if column not in (reader.fieldnames or [])]
        if missing:
            raise ReferenceDataError([f"{path.name}: missing columns {', '.join(missing)}"])
        return list(reader)


@dataclass
class _Rows:
    """The rows of one file with their line numbers, and the problems found in them."""

    name: str
    rows: list[tuple[int, dict[str, str]]]
    problems: list[str] = field(default_factory=list)

    def problem(self, line: int, column: str, message: str) -> None:
        self.problems.append(f"{self.name}, line {line}, column {column}: {message}")


def _read(data_dir: Path, name: str, required: tuple[str, ...]) -> _Rows:
    path = data_dir / name
    try:
        handle: TextIO = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise ReferenceDataError([f"{name}: cannot read {path}: {exc}"]) from exc
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise ReferenceDataError([f"{name}, line 1: missing columns {', '.join(missing)}"])
        rows = []
        for row in reader:
            if None in row or any(v is None for v in row.values()):
                # More or fewer fields than the header: report it as a row problem below.
                rows.append(
                    (reader.line_num, {**{k: v or "" for k, v in row.items() if k}, "__shape__": "x"})
                )
            else:
                rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
    return _Rows(name, rows)


def _check(rows: _Rows, line: int, row: dict[str, str], column: str, ok: Callable[[str], bool], what: str):
    if not ok(row.get(column, "")):
        rows.problem(line, column, f"{what} (got {row.get(column, '')!r})")


def _parse_date(rows: _Rows, line: int, row: dict[str, str], column: str) -> dt.date | None:
    value = row.get(column, "")
    if not value:
        return None
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        rows.problem(line, column, f"expected an ISO date YYYY-MM-DD (got {value!r})")
        return None
    if date < OPENED_FOR_SIGNATURE:
        rows.problem(line, column, f"{value} is before the Convention opened for signature (2003-12-09)")
    return date


def _unique(rows: _Rows, column: str, values: dict[str, int], line: int, value: str) -> None:
    if value and value in values:
        rows.problem(line, column, f"{value!r} already used on line {values[value]}")
    values.setdefault(value, line)


def _translations(row: dict[str, str], prefix: str) -> dict[str, str]:
    """Columns like name_en, name_zh, name_fr → {'name_en': ..., 'name_zh_hans': ...} (filled ones only)."""
    out = {}
    for lang, suffix in _CSV_LANGS.items():
        if value := row.get(f"{prefix}_{lang}", ""):
            out[f"{prefix}_{suffix}"] = value
    return out


def _validate_groups(rows: _Rows) -> list[dict[str, Any]]:
    out, seen = [], {}
    for line, row in rows.rows:
        if "__shape__" in row:
            rows.problem(line, "*", "wrong number of fields")
            continue
        _check(
            rows, line, row, "code", lambda v: bool(re.fullmatch(r"[A-Z]{2,10}", v)), "expected 2-10 capitals"
        )
        _check(rows, line, row, "name_en", bool, "required")
        _check(rows, line, row, "abbreviation_en", bool, "required")
        _unique(rows, "code", seen, line, row["code"])
        out.append({"code": row["code"], **_translations(row, "name"), **_translations(row, "abbreviation")})
    return out


def _validate_chapters(rows: _Rows) -> list[dict[str, Any]]:
    out, numbers, romans = [], {}, {}
    for line, row in rows.rows:
        if "__shape__" in row:
            rows.problem(line, "*", "wrong number of fields")
            continue
        number = row["number"]
        if not number.isdigit() or not 1 <= int(number) <= len(_ROMAN):
            rows.problem(line, "number", f"expected a chapter number 1-{len(_ROMAN)} (got {number!r})")
            continue
        if row["roman"] != _ROMAN[int(number) - 1]:
            rows.problem(
                line, "roman", f"chapter {number} is {_ROMAN[int(number) - 1]} (got {row['roman']!r})"
            )
        _check(rows, line, row, "title_en", bool, "required")
        _unique(rows, "number", numbers, line, number)
        _unique(rows, "roman", romans, line, row["roman"])
        out.append({"number": int(number), "roman": row["roman"], **_translations(row, "title")})
    return out


def _validate_articles(rows: _Rows, romans: set[str]) -> list[dict[str, Any]]:
    out, numbers = [], {}
    for line, row in rows.rows:
        if "__shape__" in row:
            rows.problem(line, "*", "wrong number of fields")
            continue
        number = row["number"]
        if not number.isdigit() or int(number) < 1:
            rows.problem(line, "number", f"expected a positive article number (got {number!r})")
            continue
        _check(rows, line, row, "chapter_roman", lambda v: v in romans, "not a chapter in chapters.csv")
        _check(rows, line, row, "title_en", bool, "required")
        _unique(rows, "number", numbers, line, number)
        out.append({"number": int(number), "chapter": row["chapter_roman"], **_translations(row, "title")})
    return out


def _validate_states(rows: _Rows, groups: set[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: dict[str, dict[str, int]] = {"iso2": {}, "iso3": {}, "m49": {}}
    for line, row in rows.rows:
        if "__shape__" in row:
            rows.problem(line, "*", "wrong number of fields")
            continue
        _check(rows, line, row, "iso2", lambda v: bool(re.fullmatch(r"[A-Z]{2}", v)), "expected 2 capitals")
        _check(rows, line, row, "iso3", lambda v: bool(re.fullmatch(r"[A-Z]{3}", v)), "expected 3 capitals")
        _check(
            rows, line, row, "kind", lambda v: v in StateKind.values, f"expected one of {StateKind.values}"
        )
        _check(
            rows, line, row, "un_status", lambda v: v in UNStatus.values, f"expected one of {UNStatus.values}"
        )
        # Only an organization (the EU) has no M49 code.
        if not (re.fullmatch(r"\d{3}", row["m49"]) or (not row["m49"] and row["kind"] == StateKind.REIO)):
            rows.problem(line, "m49", f"expected 3 digits (got {row['m49']!r})")
        _check(
            rows,
            line,
            row,
            "regional_group",
            lambda v: not v or v in groups,
            "not a code in regional_groups.csv",
        )
        _check(rows, line, row, "instrument", lambda v: not v or v in Instrument.values, "unknown instrument")
        for column in ("iso2", "iso3", "m49"):
            _unique(rows, column, seen[column], line, row[column])
        signed_on = _parse_date(rows, line, row, "signed_on")
        deposited_on = _parse_date(rows, line, row, "instrument_deposited_on")
        if deposited_on and not row["instrument"]:
            rows.problem(line, "instrument", "a deposit date needs an instrument")
        if signed_on and deposited_on and deposited_on < signed_on:
            rows.problem(line, "instrument_deposited_on", "deposit precedes signature")
        out.append(
            {
                "iso2": row["iso2"],
                "iso3": row["iso3"],
                "m49": row["m49"],
                "kind": row["kind"],
                "un_status": row["un_status"],
                "regional_group": row["regional_group"],
                "signed_on": signed_on,
                "instrument": row["instrument"],
                "instrument_deposited_on": deposited_on,
                "short": {"en": row["short_name_en"], "zh_hans": row["short_name_zh"]},
                "formal": {"en": row["formal_name_en"], "zh_hans": row["formal_name_zh"]},
            }
        )
    return out


def _cldr_names(iso2: str) -> dict[str, str]:
    """CLDR's short name of a territory in each UN language ('' where CLDR has none)."""
    return {suffix: Locale.parse(locale).territories.get(iso2, "") for suffix, locale in _LOCALES.items()}


def _upsert(model, lookup: dict[str, Any], values: dict[str, Any]) -> bool:
    """Create or update one row; save only when something changed (keeps history quiet on reloads)."""
    obj = model.objects.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
    changed = created
    for name, value in values.items():
        if created or getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.save()
    return created


def load_reference_data(*, stdout: TextIO | None = None, data_dir: Path | None = None) -> dict[str, int]:
    """Validate and load data/*.csv (or `data_dir`); return the number of rows of each kind and of parties."""
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    files = {
        "groups": _read(data_dir, "regional_groups.csv", ("code", "name_en", "abbreviation_en")),
        "chapters": _read(data_dir, "chapters.csv", ("number", "roman", "title_en")),
        "articles": _read(data_dir, "articles.csv", ("number", "chapter_roman", "title_en")),
        "states": _read(
            data_dir,
            "states.csv",
            (
                "iso2",
                "iso3",
                "m49",
                "kind",
                "un_status",
                "regional_group",
                "short_name_en",
                "short_name_zh",
                "formal_name_en",
                "formal_name_zh",
                "signed_on",
                "instrument",
                "instrument_deposited_on",
            ),
        ),
    }
    groups = _validate_groups(files["groups"])
    chapters = _validate_chapters(files["chapters"])
    articles = _validate_articles(files["articles"], {c["roman"] for c in chapters})
    states = _validate_states(files["states"], {g["code"] for g in groups})
    problems = [p for rows in files.values() for p in rows.problems]
    if problems:
        raise ReferenceDataError(problems)

    all_fields = ("ar", "zh_hans", "en", "fr", "ru", "es")
    with transaction.atomic():
        group_by_code = {}
        for group in groups:
            code = group.pop("code")
            _upsert(RegionalGroup, {"code": code}, group)
            group_by_code[code] = RegionalGroup.objects.get(code=code)
        chapter_by_roman = {}
        for chapter in chapters:
            number = chapter.pop("number")
            _upsert(Chapter, {"number": number}, chapter)
            chapter_by_roman[chapter["roman"]] = Chapter.objects.get(number=number)
        for article in articles:
            number = article.pop("number")
            article["chapter"] = chapter_by_roman[article["chapter"]]
            _upsert(Article, {"number": number}, article)
        for state in states:
            short = {**_cldr_names(state["iso2"]), **{k: v for k, v in state.pop("short").items() if v}}
            formal = state.pop("formal")
            values = {
                **{k: v for k, v in state.items() if k not in ("iso3", "regional_group")},
                "regional_group": group_by_code.get(state["regional_group"]),
            }
            for lang in all_fields:
                values[f"short_name_{lang}"] = short.get(lang) or None
                values[f"formal_name_{lang}"] = formal.get(lang) or None
            _upsert(State, {"iso3": state["iso3"]}, values)
    clear_name_cache()
    counts = {
        "regional_groups": len(groups),
        "chapters": len(chapters),
        "articles": len(articles),
        "states": len(states),
        "parties": State.objects.parties().count(),
    }
    if stdout is not None:
        for name, count in counts.items():
            stdout.write(f"{name}: {count}\n")
    return counts
