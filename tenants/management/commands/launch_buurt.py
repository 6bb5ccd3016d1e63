from django.core.management.base import BaseCommand, CommandError

from tenants.launch import LaunchError, LaunchRequest, launch_buurt
from tenants.models import Municipality


class Command(BaseCommand):
    help = "Launch a new buurt site by cloning the blueprint; prints its URL and the time taken."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="schema name, e.g. bloemenbuurt ([a-z][a-z0-9_]{1,40})")
        parser.add_argument("--name", required=True, help='display name, e.g. "De Bloemenbuurt"')
        parser.add_argument("--domain", default="", help="host name (default <slug>.<suffix>)")
        parser.add_argument("--languages", default="nl", help="comma-separated, e.g. nl,en,ar")
        parser.add_argument("--admin-email", default="", help="first administrator to invite")
        parser.add_argument("--municipality", default="", help="slug of the municipality")

    def handle(self, *args, **options):
        request = LaunchRequest(
            slug=options["slug"],
            name=options["name"],
            domain=options["domain"],
            languages=options["languages"].split(","),
            admin_email=options["admin_email"],
            municipality=self.municipality(options["municipality"]),
        )
        try:
            result = launch_buurt(request)
        except LaunchError as error:
            lines = [f"  {field}: {' '.join(messages)}" for field, messages in error.errors.items()]
            raise CommandError("The buurt was not launched:\n" + "\n".join(lines)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.buurt.name} is live at {result.url} "
                f"(launched in {result.seconds:.2f} s; translation skeletons for "
                f"{len(result.buurt.languages) - 1} more languages in "
                f"{result.language_seconds:.2f} s)"
            )
        )

    def municipality(self, slug):
        if not slug:
            return None
        try:
            return Municipality.objects.get(slug=slug)
        except Municipality.DoesNotExist as missing:
            known = ", ".join(Municipality.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"Unknown municipality '{slug}' (known: {known}).") from missing
