from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand

from marketplace.core.sweeper import sweep_orphaned_files


class Command(BaseCommand):
    help = "Remove stored files that no row references, once older than the grace period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace", type=int, default=settings.ORPHAN_GRACE_SECONDS,
            help="seconds a file must have existed before it can be removed "
                 "(default: ORPHAN_GRACE_SECONDS)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="list the orphans, remove nothing"
        )

    def handle(self, *args, grace, dry_run, **options):
        report = sweep_orphaned_files(grace=timedelta(seconds=grace), dry_run=dry_run)
        verb = "would remove" if dry_run else "removed"
        for storage, name in report.removed:
            self.stdout.write(f"{verb} {storage} {name}")
        self.stdout.write(("(dry run) " if dry_run else "") + str(report))
