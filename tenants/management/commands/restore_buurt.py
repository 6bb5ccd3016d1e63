"""Restore a buurt from a backup_buurt archive, under its own slug or a new one."""

from django.core.management.base import BaseCommand, CommandError

from tenants.backup import RestoreError, restore_buurt


class Command(BaseCommand):
    help = (
        "Restore a buurt from an archive made by backup_buurt. The slug and domain must be "
        "free; with --slug it becomes a copy under a new slug and domain."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a .tar.gz made by backup_buurt")
        parser.add_argument("--slug", help="restore under this slug instead of the original")
        parser.add_argument("--domain", help="the restored buurt's domain (default: derived)")

    def handle(self, archive, slug=None, domain=None, **options):
        try:
            restored = restore_buurt(archive, slug=slug, domain=domain)
        except RestoreError as problem:
            raise CommandError(str(problem)) from problem
        self.stdout.write(
            self.style.SUCCESS(f"Restored {restored.buurt.schema_name} on {restored.domain}")
        )
