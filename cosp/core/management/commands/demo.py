from django.core.management import call_command
from django.core.management.base import BaseCommand

from cosp.core.demo import DEMO_PASSWORD, create_demo_accounts
from cosp.core.i18n import compile_translations
from cosp.core.management.commands.load_reference_data import load_all
from cosp.documents.demo import ingest_demo_documents
from cosp.meetings.demo import prepare_demo_meetings
from cosp.outcomes.demo import prepare_demo_outcomes
from cosp.reviews.demo import load_review_demo


class Command(BaseCommand):
    help = "Prepare the demo database (migrations, reference data, demo accounts) and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--prepare-only", action="store_true", help="Prepare the database, do not serve.")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def step(self, text: str) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING(f"· {text}"))

    def handle(self, *args, prepare_only: bool, host: str, port: int, **options):
        self.step("Compiling translations")
        compile_translations()
        self.step("Applying database migrations")
        call_command("migrate", interactive=False, verbosity=0)
        self.step("Loading reference data (Convention, regional groups, States, bodies, sessions)")
        counts = load_all()
        self.stdout.write("  " + ", ".join(f"{value} {name}" for name, value in counts.items()))
        self.step("Creating demo accounts")
        accounts = create_demo_accounts()
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<18} {account.role.label} — {account.full_name}")
        self.step("Ingesting example documents")
        for line in ingest_demo_documents():
            self.stdout.write(f"  {line}")
        self.step("Preparing a demo work plan and the follow-up of mandates")
        for line in prepare_demo_outcomes():
            self.stdout.write(f"  {line}")
        self.step("Preparing demo meetings")
        for line in prepare_demo_meetings():
            self.stdout.write(f"  {line}")
        self.step("Preparing the second review cycle in progress")
        for line in load_review_demo():
            self.stdout.write(f"  {line}")
        if prepare_only:
            self.stdout.write(self.style.SUCCESS("\nThe demo database is ready. Serve it with: cosp serve"))
            return
        call_command("serve", host=host, port=port)
