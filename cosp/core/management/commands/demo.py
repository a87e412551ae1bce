from django.core.management import call_command
from django.core.management.base import BaseCommand

from cosp.assistance.demo import load_assistance_demo
from cosp.authorities.demo import load_authorities_demo
from cosp.cooperation.demo import load_cooperation_demo
from cosp.core.demo import DEMO_PASSWORD, create_demo_accounts
from cosp.core.i18n import compile_translations
from cosp.core.management.commands.load_reference_data import load_all
from cosp.documents.demo import ingest_demo_documents
from cosp.knowledge.demo import load_knowledge_demo
from cosp.meetings.demo import prepare_demo_meetings
from cosp.outcomes.demo import prepare_demo_outcomes
from cosp.recovery.demo import load_recovery_demo
from cosp.reviews.demo import load_review_demo

# Each part's demo data, in the order they build on each other (the assistance needs come from the
# reviews); each loader is idempotent and returns the lines to print.
DEMO_PARTS = [
    ("Ingesting example documents", ingest_demo_documents),
    ("Preparing a demo work plan and the follow-up of mandates", prepare_demo_outcomes),
    ("Preparing demo meetings", prepare_demo_meetings),
    ("Preparing the second review cycle in progress", load_review_demo),
    ("Filling the repository of voluntary contributions", load_knowledge_demo),
    ("Recording competent national authorities and notifications", load_authorities_demo),
    ("Recording requests between central authorities", load_cooperation_demo),
    ("Recording asset-recovery statistics", load_recovery_demo),
    ("Recording technical-assistance needs and offers", load_assistance_demo),
]


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
        for heading, load in DEMO_PARTS:
            self.step(heading)
            for line in load():
                self.stdout.write(f"  {line}")
        if prepare_only:
            self.stdout.write(self.style.SUCCESS("\nThe demo database is ready. Serve it with: cosp serve"))
            return
        call_command("serve", host=host, port=port)
