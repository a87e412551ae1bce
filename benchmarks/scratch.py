"""The throw-away database every benchmark runs in: an SQLite file in a temporary folder, or a fresh
database on the PostgreSQL server DATABASE_URL points to (dropped afterwards)."""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path


class ThrowAwayDatabase:
    def __init__(self, database_url: str | None, workdir: Path) -> None:
        self.server_url = database_url
        self.name = None
        if database_url and not database_url.startswith(("postgres://", "postgresql://")):
            print(
                f"not a PostgreSQL server ({database_url.split(':', 1)[0]}): using a temporary SQLite file",
                file=sys.stderr,
            )
            database_url = self.server_url = None
        if database_url:
            self.name = f"cosp_bench_{uuid.uuid4().hex[:8]}"
            self._admin(f'CREATE DATABASE "{self.name}"')
            self.url = database_url.rsplit("/", 1)[0] + "/" + self.name
        else:
            self.url = f"sqlite:///{workdir / 'bench.sqlite3'}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.server_url, autocommit=True) as conn:
            conn.execute(sql)

    def drop(self) -> None:
        if self.name:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def setup_django(url: str, workdir: Path) -> None:
    """Django on the throw-away database, migrated; the test client's host name allowed."""
    os.environ["DATABASE_URL"] = url
    os.environ["COSP_DATA_DIR"] = str(workdir / "data")
    os.environ.setdefault("COSP_LOG_LEVEL", "WARNING")
    os.environ["COSP_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ["DJANGO_SETTINGS_MODULE"] = "cosp.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
