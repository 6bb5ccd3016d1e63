"""Everything a buurt holds about one person, as JSON (AVG right of access)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tenants.across import in_buurt
from tenants.models import Buurt
from tenants.privacy import PersonRecords, export_person_json


class Command(BaseCommand):
    help = "Export everything about a person (found by e-mail) in one buurt as JSON."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the buurt's slug (schema name)")
        parser.add_argument("email", help="the person's e-mail address")
        parser.add_argument("--output", help="write to this file instead of standard output")

    def handle(self, slug, email, output=None, **options):
        buurt = find_buurt(slug)
        with in_buurt(buurt):
            refuse_unknown_person(slug, email)
            document = export_person_json(email)
        if output:
            Path(output).write_text(document + "\n", encoding="utf-8")
            self.stderr.write(f"Written to {output}")
        else:
            self.stdout.write(document)


def find_buurt(slug):
    buurt = Buurt.objects.filter(schema_name=slug).exclude(
        status__in=[Buurt.Status.BLUEPRINT, Buurt.Status.PORTAL]
    )
    if not buurt.exists():
        raise CommandError(f"No buurt with the slug {slug!r}.")
    return buurt.get()


def refuse_unknown_person(slug, email):
    """Run inside the buurt: a typo in the address must not look like an empty export or
    a done erasure."""
    if not PersonRecords(email).found_anything():
        raise CommandError(
            f"Nobody with the address {email!r} in {slug!r}; nothing was exported or erased."
        )
