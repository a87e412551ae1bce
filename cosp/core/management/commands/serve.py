import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


class Command(BaseCommand):
    help = "Serve an existing database: gunicorn for the web, plus a background-task worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
        parser.add_argument("--no-task-worker", action="store_true", help="Do not start the task worker.")

    def handle(self, *args, host: str, port: int, workers: int, no_task_worker: bool, **options):
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("The database is not up to date: run `cosp migrate` (or `cosp demo`) first.")
        processes = []
        if not no_task_worker and settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
            processes.append(subprocess.Popen([sys.executable, "-m", "cosp", "db_worker", "--interval", "1"]))
        gunicorn = [sys.executable, "-m", "gunicorn", "cosp.wsgi:application"]
        gunicorn += ["--bind", f"{host}:{port}", "--workers", str(workers), "--threads", "4"]
        gunicorn += ["--access-logfile", "-", "--graceful-timeout", "5"]
        processes.append(subprocess.Popen(gunicorn))
        self.stdout.write(
            self.style.SUCCESS(f"COSP Platform is serving on http://{host}:{port}/ (Ctrl-C stops it)")
        )
        try:
            processes[-1].wait()
        except KeyboardInterrupt:
            pass
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=15)
