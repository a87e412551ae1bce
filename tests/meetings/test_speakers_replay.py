"""`cosp speakers replay`: the list from a file of events, as JSON or a table; bad input names the
event and the field, prints nothing and fails. No test here may touch the database (none is marked
django_db, so pytest-django would refuse it): the command must work before any migration."""

import json
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cosp.meetings.speakers import replay, replay_input_from_json

pytestmark = [pytest.mark.integration]

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "speakers"
COSP8_EXAMPLE = FIXTURES / "cosp8-example.json"
CUT_OFF = FIXTURES / "cut-off.json"
DOCS = Path(__file__).resolve().parents[2] / "README.md"


def run(*args: str) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("speakers", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def replay_json(*args: str) -> dict:
    stdout, _ = run("replay", *args, "--format", "json")
    return json.loads(stdout)


def test_the_cosp8_example_prints_the_list_in_order_with_time_limits_and_the_refusals():
    output = replay_json(str(COSP8_EXAMPLE))

    speakers = [
        (s["position"], s["delegation"], s["on_behalf_of_group"], s["minutes"]) for s in output["speakers"]
    ]
    assert speakers == [
        (1, "AUT", None, 4),
        (2, "NGA", None, 4),
        (3, "BGR", None, 4),
        (4, "GTM", "GRULAC", 7),
        (5, "ARG", None, 4),
        (6, "ESP", None, 4),
    ]
    first = output["speakers"][0]
    assert first["priority"] is True
    assert first["level"] == "cabinet_minister"
    assert first["estimated_start"] == "2019-12-16T15:00:00+04:00"
    assert first["estimated_end"] == "2019-12-16T15:04:00+04:00"
    assert first["moved_to_other_items"] is False
    assert [(r["index"], r["rule"], r["code"]) for r in output["refused"]] == [
        (0, 1, "before_opening"),
        (12, 5, "swap_levels_differ"),
        (14, 6, "duplicate_national_statement"),
        (15, 6, "group_already_inscribed"),
        (16, 1, "after_closing"),
    ]


def test_a_refused_event_is_printed_as_it_was_given_in_the_file():
    given = json.loads(COSP8_EXAMPLE.read_text(encoding="utf-8"))["events"]

    refused = replay_json(str(COSP8_EXAMPLE))["refused"]

    assert refused[0]["event"] == given[0]
    assert refused[0]["reason"].startswith("The request from ARG arrived at 2019-11-10 09:00 UTC+01:00")


def test_the_changes_are_listed_with_their_time_and_author():
    changes = replay_json(str(COSP8_EXAMPLE))["changes"]

    assert changes[0] == {
        "index": 1,
        "at": "2019-11-15T09:00:00+01:00",
        "recorded_by": "focal point AUT",
        "description": "AUT inscribed (Minister (member of the cabinet), received 2019-11-15 09:00 "
        "UTC+01:00), without priority until cabinet membership is confirmed.",
    }


def test_speakers_beyond_the_end_of_the_general_discussion_are_moved_to_other_items():
    speakers = replay_json(str(CUT_OFF))["speakers"]

    assert [s["delegation"] for s in speakers if s["moved_to_other_items"]] == ["JPN", "EUR", "CAN"]
    group = next(s for s in speakers if s["on_behalf_of_group"] == "GRULAC")
    # Seven minutes do not fit in the three left in the morning: the statement opens the afternoon.
    assert (group["estimated_start"], group["minutes"]) == ("2030-11-04T15:00:00+00:00", 7)


def test_as_of_gives_the_list_as_it_stood_then():
    before_confirmation = replay_json(str(COSP8_EXAMPLE), "--as-of", "2019-11-20T10:59:59Z")
    after_confirmation = replay_json(str(COSP8_EXAMPLE), "--as-of", "2019-11-20T11:00")

    # Austria's unconfirmed cabinet minister waits in the ordinary order, by its request time.
    assert [s["delegation"] for s in before_confirmation["speakers"]] == ["NGA", "AUT", "ARG", "BGD"]
    assert before_confirmation["speakers"][1]["awaiting_confirmation"] is True
    assert before_confirmation["as_of"] == "2019-11-20T10:59:59+00:00"
    assert [s["delegation"] for s in after_confirmation["speakers"]] == ["AUT", "NGA", "ARG", "BGD"]


def test_the_text_format_is_a_table_in_speaking_order_then_the_refusals():
    output, _ = run("replay", str(COSP8_EXAMPLE))

    lines = output.splitlines()
    assert lines[0] == "General discussion: 6 speakers"
    assert lines[2].split() == ["#", "Delegation", "Level", "Min", "Priority", "Estimated", "time"]
    assert lines[3].split()[:5] == ["1", "AUT", "cabinet_minister", "4", "yes"]
    assert "GTM for GRULAC" in lines[6]
    assert "2019-12-16 15:00-15:04 UTC+04:00" in lines[3]
    assert "Refused: 5" in lines
    assert re.search(
        r"events\[12\] \(swap, 2019-12-03T10:00:00Z\): rule 5: ARG .* not at the same level", output
    )


def test_text_is_the_default_format():
    assert run("replay", str(CUT_OFF)) == run("replay", str(CUT_OFF), "--format", "text")


def test_the_engine_and_the_command_give_the_same_list():
    data = json.loads(CUT_OFF.read_text(encoding="utf-8"))
    settings, events = replay_input_from_json(data)

    expected = [entry.as_json() for entry in replay(settings, events).entries]

    assert replay_json(str(CUT_OFF))["speakers"] == expected


def test_the_example_in_the_documentation_prints_what_the_documentation_shows(tmp_path):
    text = DOCS.read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)```", text, re.DOTALL)
    shown = re.search(r"```text\n(.*?)```", text, re.DOTALL)
    assert example, "the README must hold a complete JSON example"
    assert shown, "the README must show the example's output"
    path = tmp_path / "example.json"
    path.write_text(example.group(1), encoding="utf-8")

    output, _ = run("replay", str(path))

    assert output == shown.group(1)
    assert "`tests/meetings/fixtures/speakers/cosp8-example.json`" in text


# --- Bad input -------------------------------------------------------------------------------------


def write_input(tmp_path: Path, content: str | dict) -> str:
    path = tmp_path / "events.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


def minimal(*events: dict, **settings) -> dict:
    return {"opens_at": "2019-11-15", "closes_at": "2019-12-16T12:00", "events": list(events), **settings}


REQUEST = {"kind": "request", "at": "2019-11-20T10:00", "delegation": "AUT", "level": "ambassador"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "{not json",
            "is not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)",
        ),
        ([], "file: expected an object, got list"),
        ({"closes_at": "2019-12-16", "events": []}, "file.opens_at: missing"),
        (minimal(REQUEST, {**REQUEST, "kind": "speak"}), "events[1].kind: 'speak' is not an event kind"),
        (minimal({"at": "2019-11-20"}), "events[0].kind: missing"),
        (
            minimal(REQUEST, {k: v for k, v in REQUEST.items() if k != "delegation"}),
            "events[1].delegation: missing",
        ),
        (
            minimal({**REQUEST, "at": "20 November 2019"}),
            "events[0].at: '20 November 2019' is not an ISO 8601",
        ),
        (
            minimal({**REQUEST, "at": 1574244000}),
            "events[0].at: expected an ISO 8601 date and time as a string",
        ),
        (
            minimal({**REQUEST, "level": "prince"}),
            "events[0].level: 'prince' is not a level (head_of_state, ",
        ),
        (
            minimal({**REQUEST, "on_behalf_of_group": "EU"}),
            "events[0].on_behalf_of_group: 'EU' is not a regional",
        ),
        (minimal({**REQUEST, "delegaton": "AUT"}), "events[0].delegaton: unknown field"),
        (
            minimal({"kind": "swap", "at": "2019-11-20", "delegation_a": "AUT", "delegation_b": "BRA"}),
            "events[0].agreed_by_both: missing",
        ),
        (
            minimal(
                {
                    "kind": "swap",
                    "at": "2019-11-20",
                    "delegation_a": "AUT",
                    "delegation_b": "BRA",
                    "agreed_by_both": "yes",
                }
            ),
            "events[0].agreed_by_both: expected true or false, got 'yes'",
        ),
        (minimal(closes_at="2019-11-01"), "closes_at: the list must close after it opens"),
        (minimal(minutes="four"), "minutes: a time limit is a whole number of minutes"),
        (minimal(meetings=[{"starts_at": "2019-12-16T15:00"}]), "meetings[0].ends_at: missing"),
        (
            minimal(meetings=[{"starts_at": "2019-12-16T15:00", "ends_at": "2019-12-16T14:00"}]),
            "meetings[0].ends_at: a meeting must end after it starts",
        ),
    ],
)
def test_bad_input_fails_naming_the_event_and_the_field_and_prints_nothing(tmp_path, content, message):
    path = write_input(tmp_path, content)
    stdout = StringIO()

    with pytest.raises(CommandError) as error:
        call_command("speakers", "replay", path, "--format", "json", stdout=stdout)

    assert message in str(error.value)
    assert str(error.value).startswith(path)
    assert stdout.getvalue() == ""


def test_an_unreadable_file_fails_with_its_name(tmp_path):
    missing = tmp_path / "nowhere.json"

    with pytest.raises(CommandError, match=r"Cannot read .*nowhere\.json: No such file or directory"):
        run("replay", str(missing))


def test_a_bad_as_of_fails_naming_the_option():
    with pytest.raises(CommandError, match=r"--as-of: 'yesterday' is not an ISO 8601 date and time"):
        run("replay", str(CUT_OFF), "--as-of", "yesterday")


def test_the_command_needs_its_action():
    with pytest.raises(CommandError, match="required: ACTION"):
        run()


def test_the_installed_command_runs_without_a_migrated_database(tmp_path):
    """The `cosp` console script, on an empty data folder: no database exists, and none is opened."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["COSP_DATA_DIR"] = str(tmp_path)
    cosp = Path(sys.executable).with_name("cosp")

    result = subprocess.run(
        [str(cosp), "speakers", "replay", str(COSP8_EXAMPLE), "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    failed = subprocess.run(
        [str(cosp), "speakers", "replay", str(tmp_path / "missing.json")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert [s["delegation"] for s in json.loads(result.stdout)["speakers"]][:2] == ["AUT", "NGA"]
    assert (failed.returncode, failed.stdout) == (1, "")
    assert "missing.json" in failed.stderr
    assert not (tmp_path / "cosp.sqlite3").exists(), "the command opened a database"
