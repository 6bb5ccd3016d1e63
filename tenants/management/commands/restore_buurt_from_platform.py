"""Restore one buurt from a platform backup (pg_restore --schema)."""

import time

from django.core.management.base import BaseCommand, CommandError

from tenants.backup import RestoreError
from tenants.platform_backup import restore_buurt_from_platform


class Command(BaseCommand):
    help = (
        "Restore the buurt <slug> from a directory made by backup_platform. The slug and its "
        "domains must be free (the buurt was dropped, or this is a fresh platform)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("slug")
        parser.add_argument("--jobs", type=int, help="parallel pg_restore jobs")

    def handle(self, directory, slug, jobs=None, **options):
        started = time.perf_counter()
        try:
            buurt = restore_buurt_from_platform(directory, slug, jobs=jobs)
        except RestoreError as problem:
            raise CommandError(str(problem)) from problem
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {buurt.schema_name} on {buurt.primary_domain} ({seconds:.1f} s)"
            )
        )
