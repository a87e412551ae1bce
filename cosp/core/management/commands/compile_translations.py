from django.core.management.base import BaseCommand

from cosp.core.i18n import compile_translations


class Command(BaseCommand):
    help = "Compile the interface translations (.po to .mo) with Babel; no GNU gettext needed."

    def handle(self, *args, **options):
        written = compile_translations()
        self.stdout.write(f"Compiled {len(written)} translation catalogue(s).")
