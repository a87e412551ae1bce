"""The first README command, end to end: prepare the demo database, serve it, fetch pages over HTTP.

Runs `cosp` in subprocesses on a fresh SQLite data folder (the demo's default), whatever database
the rest of the suite uses.
"""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request

import pytest

pytestmark = [pytest.mark.integration]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.fixture(scope="module")
def demo_env(tmp_path_factory):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["COSP_DATA_DIR"] = str(tmp_path_factory.mktemp("demo-data"))
    prepared = subprocess.run(
        [sys.executable, "-m", "cosp", "demo", "--prepare-only"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert prepared.returncode == 0, prepared.stderr
    return env, prepared.stdout


def test_demo_prepare_prints_the_demo_accounts(demo_env):
    _env, output = demo_env

    for username in ["secretariat", "focalpoint", "delegate", "expert", "centralauthority", "observer"]:
        assert username in output
    assert "cosp-demo-2026" in output


def test_demo_database_is_sqlite_in_wal_mode_inside_the_data_folder(demo_env):
    env, _output = demo_env
    database = os.path.join(env["COSP_DATA_DIR"], "cosp.sqlite3")

    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_demo_prepare_twice_changes_nothing(demo_env):
    env, first_output = demo_env

    again = subprocess.run(
        [sys.executable, "-m", "cosp", "demo", "--prepare-only"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert again.returncode == 0, again.stderr
    assert again.stdout == first_output


def test_serve_answers_with_the_populated_platform(demo_env):
    env, _output = demo_env
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "cosp", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        home = fetch(f"http://127.0.0.1:{port}/")
        states = fetch(f"http://127.0.0.1:{port}/api/states?status=party")
    finally:
        server.terminate()
        server.wait(timeout=20)

    assert 'data-count="parties"' in home
    assert states.count('"iso3"') > 180  # every State party, from the reference data
