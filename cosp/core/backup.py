"""Whole-database backup and restore, as Django fixtures: portable between SQLite and PostgreSQL."""

from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.db import connection, transaction

# Rebuilt by `migrate` (content types, permissions) or transient (sessions, login throttling, task
# results): a backup leaves them out so it restores into any freshly migrated database.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
    "django_tasks_database",
]


def backup(path: Path) -> None:
    """Write every record to `path` (JSON; gzip-compressed when the name ends in .gz)."""
    call_command(
        "dumpdata",
        exclude=EXCLUDED,
        natural_foreign=True,
        output=str(path),
        indent=None,
        verbosity=0,
    )


def database_is_empty() -> bool:
    """True when no table a backup restores holds a row (a freshly migrated database)."""
    out = StringIO()
    call_command("dumpdata", exclude=EXCLUDED, stdout=out, verbosity=0)
    return out.getvalue().strip() in ("", "[]")


class RestoreError(Exception):
    pass


def restore(path: Path, *, replace: bool = False) -> None:
    """Load a backup into this database, all or nothing.

    The database must be empty (freshly migrated) unless `replace` is set, in which case its current
    records are removed first, in the same transaction.
    """
    if not path.exists():
        raise RestoreError(f"No backup file at {path}.")
    call_command("migrate", interactive=False, verbosity=0)
    with transaction.atomic():
        if not database_is_empty():
            if not replace:
                raise RestoreError("The database is not empty: restore into an empty one, or pass --replace.")
            call_command("flush", interactive=False, verbosity=0)
        call_command("loaddata", str(path), verbosity=0)
    connection.close()
