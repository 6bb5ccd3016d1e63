"""Erase a person from one buurt (AVG right to erasure); see tenants/privacy.py."""

from django.core.management.base import BaseCommand

from tenants.management.commands.export_person import find_buurt
from tenants.privacy import erase_person


class Command(BaseCommand):
    help = (
        "Erase a person (found by e-mail) from one buurt: account, pages about them, "
        "revisions, log entries, translations, images, sign-ups, signals, training records."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the buurt's slug (schema name)")
        parser.add_argument("email", help="the person's e-mail address")

    def handle(self, slug, email, **options):
        buurt = find_buurt(slug)
        with buurt:
            counts = erase_person(email)
        for what, number in sorted(counts.items()):
            self.stdout.write(f"{what}: {number}")
        self.stdout.write(self.style.SUCCESS(f"Erased from {slug}."))
