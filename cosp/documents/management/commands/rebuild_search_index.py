"""`manage.py rebuild_search_index`: empty the search index and fill it again from the blocks."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from cosp.documents.search import get_backend


class Command(BaseCommand):
    help = "Rebuild the full-text search index from the document blocks (it is derived data)."

    def handle(self, *args, **options) -> None:
        backend = get_backend()
        started = time.monotonic()
        bar = None
        printed = [-1]

        def progress(done: int, total: int) -> None:
            nonlocal bar
            try:
                from tqdm import tqdm
            except ImportError:
                percent = 100 * done // total if total else 100
                if percent // 10 != printed[0] // 10 or done == total:
                    printed[0] = percent
                    self.stderr.write(f"indexed {done:,} of {total:,} blocks ({percent}%)")
                return
            if bar is None:
                bar = tqdm(total=total, unit="block", file=sys.stderr, disable=options["verbosity"] == 0)
            bar.update(done - bar.n)

        # One transaction: searches see the old index until the new one is complete.
        with transaction.atomic():
            count = backend.rebuild(progress=progress if options["verbosity"] else None)
        if bar is not None:
            bar.close()
        seconds = time.monotonic() - started
        self.stdout.write(f"Indexed {count:,} blocks with the {backend.vendor} backend in {seconds:.1f} s.")
