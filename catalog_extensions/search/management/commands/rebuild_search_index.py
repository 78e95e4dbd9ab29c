"""`manage.py rebuild_search_index`: rebuild every product's search document."""

import time

from django.core.management.base import BaseCommand

from catalog_extensions.search.indexing import rebuild_index

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Rebuild the search documents of every product (and the Elasticsearch index)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, batch_size, **options):
        started = time.monotonic()
        total = rebuild_index(progress=self.progress, batch_size=max(1, batch_size))
        self.stdout.write(f"\n{total} products indexed in {time.monotonic() - started:.1f} s")

    def progress(self, done, total):
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stdout.write(f"\r[{bar}] {done}/{total}", ending="")
        self.stdout.flush()
