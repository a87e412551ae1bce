"""`cosp inspect` on a machine whose database is not migrated or not reachable: it extracts the file
all the same, without resolving the States and organisations it names, and says so on stderr."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cosp.outcomes.demo import EXAMPLE_REPORT

pytestmark = [pytest.mark.integration]

COSP = Path(sys.executable).parent / "cosp"
EXCERPT = EXAMPLE_REPORT


def inspect(tmp_path: Path, **environment: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {"COSP_DATA_DIR": str(tmp_path / "data"), **environment}
    (tmp_path / "data").mkdir()
    return subprocess.run(
        [str(COSP), "inspect", str(EXCERPT), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )


def outcome_numbers(result: subprocess.CompletedProcess) -> list[tuple[str, str]]:
    return [(outcome["kind"], outcome["number"]) for outcome in json.loads(result.stdout)["outcomes"]]


def test_inspect_with_an_empty_data_folder_prints_the_outcomes_and_says_nothing_was_resolved(tmp_path):
    result = inspect(tmp_path)

    assert result.returncode == 0, result.stderr
    assert outcome_numbers(result) == [("resolution", "12/1"), ("resolution", "12/2"), ("decision", "12/1")]
    assert "States registry unavailable" in result.stderr
    # Unresolved, the sponsors are the names the report gives.
    sponsors = json.loads(result.stdout)["outcomes"][1]["sponsors"]
    assert sponsors == [
        "Iran (Islamic Republic of)",
        "Peru",
        "United Kingdom of Great Britain and Northern Ireland",
    ]


def test_inspect_with_an_unreachable_database_prints_the_outcomes(tmp_path):
    # Port 1 on this machine: nothing listens, the connection is refused at once.
    result = inspect(tmp_path, DATABASE_URL="postgres://postgres@127.0.0.1:1/none")

    assert result.returncode == 0, result.stderr
    assert "outcomes" in json.loads(result.stdout)
    assert "States registry unavailable" in result.stderr
