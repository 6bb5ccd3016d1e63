"""One backup of the whole platform (every buurt) from which any buurt can be restored."""

import time

from django.core.management.base import BaseCommand, CommandError

from tenants.platform_backup import BackupError, backup_platform


class Command(BaseCommand):
    help = (
        "Dump the whole database in custom format, with every buurt's tenant row and the "
        "media, into a directory; restore one buurt with restore_buurt_from_platform."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, directory, **options):
        started = time.perf_counter()
        try:
            backup_platform(directory)
        except BackupError as problem:
            raise CommandError(str(problem)) from problem
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Platform backup in {directory} ({seconds:.1f} s)"))
