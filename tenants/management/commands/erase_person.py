"""Erase a person from one buurt (AVG right to erasure); see tenants/privacy.py."""

from django.core.management.base import BaseCommand, CommandError

from tenants.across import in_buurt
from tenants.management.commands.export_person import find_buurt, refuse_unknown_person
from tenants.privacy import erase_person


class Command(BaseCommand):
    help = (
        "Erase a person (found by e-mail) from one buurt: account, pages about them, "
        "revisions, log entries, translations, images, sign-ups, signals, training records. "
        "There is no undo: run export_person first if the person asked for their data."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the buurt's slug (schema name)")
        parser.add_argument("email", help="the person's e-mail address")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask to confirm",
        )

    def handle(self, slug, email, interactive=True, **options):
        buurt = find_buurt(slug)
        with in_buurt(buurt):
            refuse_unknown_person(slug, email)
        if interactive:
            answer = input(f"Erase {email} from {slug}? There is no undo. Type the address again: ")
            if answer.strip().lower() != email.strip().lower():
                raise CommandError("Not confirmed; nothing was erased.")
        with in_buurt(buurt):
            counts = erase_person(email)
        for what, number in sorted(counts.items()):
            self.stdout.write(f"{what}: {number}")
        self.stdout.write(self.style.SUCCESS(f"Erased from {slug}."))
