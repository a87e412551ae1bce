"""`cosp draw --cycle N --seed S [--format text|json]`: a whole cycle's drawing of lots on the States
parties in the database, printed and never saved.

The States come from the database as the reviews services read them for a recorded draw
(`services.draw.draw_states`: groups, deposit dates, participation in the cycle, expert lists); the legal
systems from the team's file (cosp/reviews/data/legal_systems.csv); the draw itself is
cosp/reviews/draw.py. Warnings about the data (parties with no deposit date or no legal system) go to
stderr, so the JSON on stdout stays clean.
"""

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from cosp.reviews.cycles import CYCLES, Cycle, get_cycle
from cosp.reviews.draw import DEFAULT_SETTINGS, CycleDraw, DrawRecord, DrawSettings, DrawState, draw_cycle
from cosp.reviews.legal_systems import load_legal_systems
from cosp.reviews.services.draw import in_cycle, party_states

# The States parties from the reference data; `in_cycle` then adds what the cycle's records say.
parties_from_database = party_states


def _whole_number(option: str, value: str | None, *, minimum: int) -> int | None:
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        raise CommandError(f"{option} must be a whole number, not {value!r}") from None
    if number < minimum:
        raise CommandError(f"{option} must be at least {minimum}, not {number}")
    return number


class Command(BaseCommand):
    help = (
        "Draw a whole review cycle (years, then two reviewers for each State under review) on the States "
        "parties in the database, and print it without saving (RULES.md 4.3-4.4)."
    )

    def add_arguments(self, parser):
        # Taken as text and checked in handle(), so every mistake gets the same kind of clear message.
        parser.add_argument(
            "--cycle", required=True, help="the review cycle: 1 (chapters III, IV) or 2 (II, V)"
        )
        parser.add_argument("--seed", required=True, help="the seed of the lot, a whole number (0 or more)")
        parser.add_argument("--format", dest="output_format", default="text", help="text (default) or json")
        parser.add_argument(
            "--cap",
            help=f"most reviews a State does in the cycle (DL-10, unconfirmed; default "
            f"{DEFAULT_SETTINGS.reviews_per_cycle_cap})",
        )
        parser.add_argument(
            "--cap-per-year", help="most reviews a State does in one year (DL-10; default: none)"
        )

    def handle(
        self,
        *args,
        cycle: str,
        seed: str,
        output_format: str,
        cap: str | None,
        cap_per_year: str | None,
        **options,
    ):
        number = _whole_number("--cycle", cycle, minimum=1)
        assert number is not None
        try:
            definition = get_cycle(number)
        except ValueError:
            known = "; ".join(f"{n}: chapters {', '.join(c.chapters)}" for n, c in sorted(CYCLES.items()))
            raise CommandError(f"--cycle must be one of the review cycles ({known}), not {number}") from None
        the_seed = _whole_number("--seed", seed, minimum=0)
        assert the_seed is not None
        if output_format not in ("text", "json"):
            raise CommandError(f"--format must be text or json, not {output_format!r}")
        settings = DrawSettings(
            reviews_per_cycle_cap=_whole_number("--cap", cap, minimum=1)
            if cap is not None
            else DEFAULT_SETTINGS.reviews_per_cycle_cap,
            reviews_per_year_cap=_whole_number("--cap-per-year", cap_per_year, minimum=1),
        )

        legal_systems = load_legal_systems()
        try:
            states = in_cycle(
                parties_from_database(legal_systems), definition.number, legal_systems=legal_systems
            )
        except DatabaseError as error:
            raise CommandError(
                f"Cannot read the States from the database ({error}); run `cosp migrate` and "
                "`cosp load_reference_data` first."
            ) from error
        if not states:
            raise CommandError("There are no States parties in the database: run `cosp load_reference_data`.")
        self.warn_about(states)

        record = draw_cycle(
            states,
            definition,
            the_seed,
            settings,
            at=dt.datetime.now(dt.UTC),
            author="cosp draw (not saved)",
        )
        if output_format == "json":
            self.stdout.write(json.dumps(as_json(record), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(as_text(record, definition))

    def warn_about(self, states: list[DrawState]) -> None:
        undated = [state.iso3 for state in states if state.party_since is None]
        if undated:
            self.stderr.write(
                f"{len(undated)} parties have no deposit date and count as parties from before the cycle "
                f"began: {', '.join(undated)}"
            )
        unclassified = [state.iso3 for state in states if state.legal_system is None]
        if unclassified:
            self.stderr.write(
                f"No legal system recorded for {', '.join(unclassified)} "
                "(cosp/reviews/data/legal_systems.csv): no preference by legal system for them (DL-4)"
            )


def as_text(record: DrawRecord, definition: Cycle) -> str:
    """A table per year, then what could not be met."""
    draw: CycleDraw = record.result
    lines = [
        f"Cycle {definition.number} (chapters {', '.join(definition.chapters)}), seed {record.seed}",
        f"Inputs digest (SHA-256): {record.inputs_digest}",
        "Not saved: run again with the same seed on the same data to get the same draw.",
    ]
    rows_by_year: dict[int, list[tuple[str, ...]]] = {}
    for pairing in draw.pairings:
        reviewers = [f"{r.state} ({r.group or '-'})" for r in pairing.reviewers]
        reviewers += ["-"] * (2 - len(reviewers))
        rows_by_year.setdefault(pairing.year, []).append(
            (pairing.state, pairing.group or "-", reviewers[0], reviewers[1])
        )
    for year in range(1, definition.years + 1):
        rows = rows_by_year.get(year, [])
        lines += ["", f"Year {year}: {len(rows)} States under review"]
        if not rows:
            continue
        table = [("State", "Group", "Reviewer from its group", "Second reviewer"), *rows]
        widths = [max(len(row[column]) for row in table) for column in range(4)]
        for row in table:
            lines.append(
                "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            )
    lines += ["", f"Rules not met: {len(draw.unmet)}"]
    lines += [f"  year {unmet.year}, {unmet.state}: {unmet.rule}: {unmet.message}" for unmet in draw.unmet]
    return "\n".join(lines)


def as_json(record: DrawRecord) -> dict[str, Any]:
    """The shape the issue asks for: cycle, seed, reviews (year, state, group, reviewers), unmet."""
    return {"cycle": record.cycle, "seed": record.seed, **record.result.as_json()}
