"""One backup of the whole platform (every buurt) from which any buurt can be restored."""

import time

from django.core.management.base import BaseCommand

from tenants.platform_backup import backup_platform


class Command(BaseCommand):
    help = (
        "Dump the whole database in custom format, with every buurt's tenant row and the "
        "media, into a directory; restore one buurt with restore_buurt_from_platform."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, directory, **options):
        started = time.perf_counter()
        backup_platform(directory)
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Platform backup in {directory} ({seconds:.1f} s)"))
