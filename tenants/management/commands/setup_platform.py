from django.core.management.base import BaseCommand

from tenants.blueprint import ensure_blueprint, ensure_portal


class Command(BaseCommand):
    help = "Create the portal's tenant row and build or refresh the blueprint schema."

    def handle(self, *args, **options):
        portal = ensure_portal()
        self.stdout.write(f"Portal on {portal.primary_domain}")
        ensure_blueprint(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Blueprint ready."))
