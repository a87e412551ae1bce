"""`cosp draw --cycle N --seed S --format json|text` on the project's reference data (RULES.md 4.3-4.4):
the whole cycle printed, nothing saved, bad arguments refused with a clear message."""

import json
import os
import subprocess
import sys
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from cosp.reviews.cycles import CYCLES
from cosp.states.models import State

pytestmark = [pytest.mark.integration]

COSP = Path(sys.executable).parent / "cosp"


def run_draw(*args: str) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("draw", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def check_printed_draw(data: dict, parties: dict[str, str | None], cycle: int) -> None:
    """The rules a printed draw must show: each party reviewed once (DL-1); two reviewers, neither
    itself (DL-2); one from its group or an unmet DL-4 (DL-4); no two States reviewing each other (DL-5);
    no State over the default cap of three reviews (DL-10)."""
    assert set(data) == {"cycle", "seed", "reviews", "unmet"}
    assert data["cycle"] == cycle
    reviewed = Counter(review["state"] for review in data["reviews"])
    assert set(reviewed) == set(parties)
    assert set(reviewed.values()) == {1}
    unmet_dl4 = {unmet["state"] for unmet in data["unmet"] if unmet["rule"] == "DL-4"}
    pairs = set()
    for review in data["reviews"]:
        assert set(review) == {"year", "state", "group", "reviewers"}
        assert 1 <= review["year"] <= 5
        assert review["group"] == parties[review["state"]]
        reviewers = [reviewer["state"] for reviewer in review["reviewers"]]
        assert len(set(reviewers)) == 2
        assert review["state"] not in reviewers
        for reviewer in review["reviewers"]:
            assert set(reviewer) == {"state", "group"}
            assert reviewer["group"] == parties[reviewer["state"]]
        same_group = review["group"] is not None and any(
            reviewer["group"] == review["group"] for reviewer in review["reviewers"]
        )
        assert same_group != (review["state"] in unmet_dl4)
        pairs |= {(reviewer, review["state"]) for reviewer in reviewers}
    assert not [(a, b) for a, b in pairs if (b, a) in pairs]
    assert max(Counter(reviewer for reviewer, _ in pairs).values()) <= 3


@pytest.fixture
def parties(db, reference_db) -> dict[str, str | None]:
    return {
        state.iso3: state.regional_group.code if state.regional_group else None
        for state in State.objects.parties().select_related("regional_group")
    }


@pytest.mark.parametrize("cycle", [1, 2])
def test_the_json_draw_covers_every_party_and_keeps_the_rules(parties, cycle):
    output, _warnings = run_draw("--cycle", str(cycle), "--seed", "7", "--format", "json")

    data = json.loads(output)
    check_printed_draw(data, parties, cycle)
    assert data["seed"] == 7
    # Kiribati and the EU are in no regional group (RULES.md 3.1): DL-4 cannot be met for them.
    assert {(u["state"], u["code"]) for u in data["unmet"]} == {
        ("KIR", "no_regional_group"),
        ("EUE", "no_regional_group"),
    }


def test_late_joiners_of_cycle_two_are_reviewed_in_the_last_year(parties):
    # 4.3-7: parties after COSP6 in the last year.
    output, _warnings = run_draw("--cycle", "2", "--seed", "3", "--format", "json")

    years = {review["state"]: review["year"] for review in json.loads(output)["reviews"]}
    late = [
        state.iso3
        for state in State.objects.parties()
        if CYCLES[2].is_late_joiner(state.instrument_deposited_on)
    ]
    assert {"BLZ", "JPN", "SMR", "KNA"} <= set(late)
    assert {years[iso3] for iso3 in late} == {5}


def test_the_same_seed_prints_the_same_draw_and_another_seed_another(parties):
    first, _ = run_draw("--cycle", "2", "--seed", "7", "--format", "json")
    again, _ = run_draw("--cycle", "2", "--seed", "7", "--format", "json")
    other, _ = run_draw("--cycle", "2", "--seed", "8", "--format", "json")

    assert first == again
    assert json.loads(first)["reviews"] != json.loads(other)["reviews"]


def test_the_draw_is_not_saved(parties):
    history = State.history.count()

    run_draw("--cycle", "1", "--seed", "1", "--format", "json")

    # The command only reads: no history row for the States, no row in any table of the reviews app.
    assert State.history.count() == history
    assert not any(model.objects.exists() for model in apps.get_app_config("reviews").get_models())


def test_the_text_format_is_a_table_per_year_with_the_digest(parties):
    output, warnings = run_draw("--cycle", "1", "--seed", "2")

    assert output.startswith("Cycle 1 (chapters III, IV), seed 2\nInputs digest (SHA-256): ")
    for year in range(1, 6):
        assert f"\nYear {year}: " in output
    assert "State  Group   Reviewer from its group  Second reviewer" in output
    assert "Rules not met: 2" in output
    assert "KIR: DL-4: KIR belongs to no regional group" in output
    # Parties whose deposit date the data leaves blank are named on stderr, not in the table.
    assert "have no deposit date" in warnings


def test_a_cap_given_on_the_command_line_is_kept(parties):
    output, _ = run_draw("--cycle", "2", "--seed", "4", "--format", "json", "--cap-per-year", "1")

    data = json.loads(output)
    per_year = Counter(
        (r["state"], review["year"]) for review in data["reviews"] for r in review["reviewers"]
    )
    assert max(per_year.values()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cycle", "3", "--seed", "1"], "--cycle must be one of the review cycles"),
        (["--cycle", "two", "--seed", "1"], "--cycle must be a whole number, not 'two'"),
        (["--cycle", "2", "--seed", "-1"], "--seed must be at least 0, not -1"),
        (["--cycle", "2", "--seed", "x"], "--seed must be a whole number, not 'x'"),
        (["--cycle", "2", "--seed", "1", "--format", "xml"], "--format must be text or json, not 'xml'"),
        (["--cycle", "2", "--seed", "1", "--cap", "0"], "--cap must be at least 1, not 0"),
        (["--seed", "1"], "the following arguments are required: --cycle"),
    ],
)
def test_bad_arguments_are_refused_with_a_clear_message(db, args, message):
    with pytest.raises(CommandError, match=message):
        run_draw(*args)


def test_without_states_parties_the_command_says_what_to_load(db, monkeypatch):
    from cosp.reviews.management.commands import draw as command

    monkeypatch.setattr(command, "parties_from_database", lambda legal_systems: [])

    with pytest.raises(CommandError, match="no States parties in the database"):
        run_draw("--cycle", "2", "--seed", "1")


def test_the_installed_command_prints_a_cycle_as_json(tmp_path):
    """The `cosp` script itself, on a fresh SQLite data folder with the reference data loaded."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["COSP_DATA_DIR"] = str(tmp_path / "data")
    for prepare in (["migrate", "-v", "0"], ["load_reference_data"]):
        prepared = subprocess.run(
            [str(COSP), *prepare], env=env, capture_output=True, text=True, timeout=300, check=False
        )
        assert prepared.returncode == 0, prepared.stderr

    result = subprocess.run(
        [str(COSP), "draw", "--cycle", "2", "--seed", "7", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["cycle"], data["seed"]) == (2, 7)
    assert len(data["reviews"]) == 192
