"""Back up one buurt: its schema (pg_dump), its media folder and tenant row, one archive."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from tenants.backup import backup_buurt
from tenants.management.commands.export_person import find_buurt


class Command(BaseCommand):
    help = "Back up one buurt (schema dump, media, tenant row and domains) into a .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the buurt's slug (schema name)")
        parser.add_argument(
            "--output", help="archive path (default: <slug>-<date-time>.tar.gz here)"
        )

    def handle(self, slug, output=None, **options):
        buurt = find_buurt(slug)
        output = output or f"{slug}-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        path = backup_buurt(buurt, output)
        self.stdout.write(self.style.SUCCESS(f"Backed up {slug} to {path}"))
