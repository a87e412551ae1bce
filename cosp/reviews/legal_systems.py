"""Legal systems of the States parties, for DL-4: the reviewer from the State's own regional group should,
if possible, have a similar legal system (ToR para. 19).

The data is the team's own classification (`data/legal_systems.csv`): each State's legal traditions,
dominant one first (civil law, common law, Islamic law, customary law). Treaty bodies do not publish
such a list; the file is a working classification for the draw's preference, to be corrected by the
secretariat, never a statement about a State's law.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "legal_systems.csv"

TRADITIONS = {
    "civil": "civil law",
    "common": "common law",
    "islamic": "Islamic law",
    "customary": "customary law",
}

_ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class LegalSystem:
    """A State's legal traditions, dominant one first (e.g. ("civil", "islamic"))."""

    traditions: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.traditions:
            raise ValueError("a legal system names at least one tradition")
        for tradition in self.traditions:
            if tradition not in TRADITIONS:
                raise ValueError(f"{tradition!r} is not a legal tradition ({', '.join(TRADITIONS)})")
        if len(set(self.traditions)) != len(self.traditions):
            raise ValueError(f"a tradition is named twice in {'+'.join(self.traditions)}")

    @classmethod
    def parse(cls, text: str) -> LegalSystem:
        """From the file's notation: traditions joined by '+', dominant first ("civil+islamic")."""
        return cls(tuple(part.strip() for part in text.split("+")))

    @property
    def family(self) -> str:
        """The family a person would name: "civil law", "common law", ... or "mixed (civil law, ...)"."""
        if len(self.traditions) == 1:
            return TRADITIONS[self.traditions[0]]
        return "mixed ({})".format(", ".join(TRADITIONS[t] for t in self.traditions))

    def similarity(self, other: LegalSystem) -> int:
        """How alike two systems are, for ranking candidates (higher is closer):
        3 the same traditions, 2 the same dominant tradition, 1 some tradition shared, 0 none."""
        if set(self.traditions) == set(other.traditions):
            return 3
        if self.traditions[0] == other.traditions[0]:
            return 2
        return 1 if set(self.traditions) & set(other.traditions) else 0

    def __str__(self) -> str:
        return "+".join(self.traditions)


def load_legal_systems(path: Path = DEFAULT_PATH) -> dict[str, LegalSystem]:
    """ISO3 code → LegalSystem from the CSV file (lines starting with '#' are comments).

    A ValueError names the line at fault: a bad code, an unknown tradition, a State listed twice.
    """
    systems: dict[str, LegalSystem] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        # Comments and blank lines are dropped before parsing; the numbers kept point at the file's lines.
        lines = [
            (number, line)
            for number, line in enumerate(handle, start=1)
            if line.strip() and not line.startswith("#")
        ]
    reader = csv.DictReader(line for _number, line in lines)
    if reader.fieldnames is None or not {"iso3", "traditions"} <= set(reader.fieldnames):
        raise ValueError(f"{path}: the header must name the columns iso3 and traditions")
    for (number, _line), row in zip(lines[1:], reader, strict=True):
        iso3 = (row["iso3"] or "").strip()
        if not _ISO3.match(iso3):
            raise ValueError(f"{path}, line {number}: {iso3!r} is not an ISO 3166 alpha-3 code")
        if iso3 in systems:
            raise ValueError(f"{path}, line {number}: {iso3} is listed twice")
        try:
            systems[iso3] = LegalSystem.parse(row["traditions"] or "")
        except ValueError as error:
            raise ValueError(f"{path}, line {number}: {error}") from None
    return systems
