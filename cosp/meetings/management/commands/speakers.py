"""`cosp speakers replay EVENTS.json`: the general-discussion speakers' list from a file of events.

Runs the same engine as the platform (cosp/meetings/speakers.py) and never touches the database, so
it works before any migration. The file format is in docs/SPEAKERS-EVENTS.md.
"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cosp.meetings.speakers import (
    Entry,
    SpeakersInputError,
    SpeakersList,
    parse_datetime,
    replay,
    replay_input_from_json,
)


class Command(BaseCommand):
    help = "The general-discussion speakers' list (RULES.md 5.4c) computed from a file of events."
    requires_system_checks = []  # reads a file and prints; nothing here depends on the project's state

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        replay_parser = actions.add_parser(
            "replay",
            help="Replay EVENTS.json and print the list in speaking order and the events refused.",
        )
        replay_parser.add_argument("events_file", type=Path, metavar="EVENTS.json")
        replay_parser.add_argument("--format", dest="output_format", choices=["text", "json"], default="text")
        replay_parser.add_argument(
            "--as-of",
            metavar="ISO-DATETIME",
            help="the list as it stood at this moment (only the events received by then); UTC if no zone",
        )

    def handle(self, *args, events_file: Path, output_format: str, as_of: str | None, **options):
        raw_events, result = self.replay(events_file, as_of)
        if output_format == "json":
            output = json.dumps(as_json(result, raw_events), ensure_ascii=False, indent=2)
        else:
            output = as_text(result, raw_events)
        self.stdout.write(output)

    def replay(self, events_file: Path, as_of: str | None) -> tuple[list[Any], SpeakersList]:
        """Read and check everything before anything is printed: bad input prints nothing."""
        try:
            data = json.loads(events_file.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Cannot read {events_file}: {error.strerror or error}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{events_file} is not UTF-8 text: {error.reason}") from error
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{events_file} is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
            ) from error
        try:
            settings, events = replay_input_from_json(data)
            moment = parse_datetime("--as-of", as_of) if as_of is not None else None
        except SpeakersInputError as error:
            raise CommandError(f"{events_file}: {error}") from error
        return data["events"], replay(settings, events, as_of=moment)


def as_json(result: SpeakersList, raw_events: list[Any]) -> dict[str, Any]:
    """The list, the refusals (each with its event as given in the file) and the change log."""
    return {
        "as_of": result.as_of.isoformat() if result.as_of else None,
        "speakers": [entry.as_json() for entry in result.entries],
        "refused": [
            {
                "index": refusal.event.ref,
                "event": raw_events[refusal.event.ref],
                "rule": refusal.rule,
                "code": refusal.code,
                "reason": refusal.reason,
            }
            for refusal in result.refused
        ],
        "changes": [
            {
                "index": change.event.ref,
                "at": change.event.at.isoformat(),
                "recorded_by": change.event.recorded_by,
                "description": change.description,
            }
            for change in result.changes
        ],
    }


def _slot(entry: Entry) -> str:
    if entry.moved_to_other_items:
        return "moved to other agenda items"
    if entry.estimated_start is None or entry.estimated_end is None:
        return "-"
    start, end = entry.estimated_start, entry.estimated_end
    return f"{start:%Y-%m-%d %H:%M}-{end:%H:%M} {start:%Z}"


def _priority(entry: Entry) -> str:
    if entry.priority:
        return "yes"
    return "awaiting cabinet confirmation" if entry.awaiting_confirmation else "no"


def as_text(result: SpeakersList, raw_events: list[Any]) -> str:
    """A table in speaking order, then the events refused with the rule and the reason."""
    when = f" as of {result.as_of.isoformat()}" if result.as_of else ""
    lines = [f"General discussion: {len(result.entries)} speakers{when}", ""]
    rows = [("#", "Delegation", "Level", "Min", "Priority", "Estimated time")]
    for entry in result.entries:
        delegation = entry.delegation
        if entry.on_behalf_of_group:
            delegation += f" for {entry.on_behalf_of_group}"
        position, minutes = str(entry.position), str(entry.minutes)
        rows.append((position, delegation, entry.level.value, minutes, _priority(entry), _slot(entry)))
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        cells = [
            cell.rjust(width) if column in (0, 3) else cell.ljust(width)  # numbers to the right
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    if result.refused:
        lines += ["", f"Refused: {len(result.refused)}"]
        for refusal in result.refused:
            index = refusal.event.ref
            event = raw_events[index]
            where = f"events[{index}] ({event['kind']}, {event['at']})"
            lines.append(f"  {where}: rule {refusal.rule}: {refusal.reason}")
    return "\n".join(lines)
