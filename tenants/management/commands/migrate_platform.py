import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django_tenants.utils import get_public_schema_name, schema_exists

from buurtpages.blueprint import ensure_sections_of_default_site
from buurtpages.languages import create_all_skeletons
from tenants.blueprint import ensure_blueprint_schema, ensure_portal, refresh_blueprint
from tenants.models import Buurt
from workflows.roles import ensure_roles, ensure_workflows


class Command(BaseCommand):
    help = (
        "Migrate the public schema, build or refresh the blueprint and migrate every buurt, "
        "showing progress."
    )

    def handle(self, *args, **options):
        self.stdout.write("Public schema (portal)...")
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        ensure_portal()
        ensure_blueprint_schema(stdout=self.stdout)
        schemas = list(
            Buurt.objects.exclude(schema_name=get_public_schema_name())
            .order_by("created")
            .values_list("schema_name", flat=True)
        )
        total = len(schemas)
        for number, schema in enumerate(schemas, start=1):
            if not schema_exists(schema):
                self.stderr.write(f"[{number}/{total}] {schema}: schema missing, skipped")
                continue
            started = time.perf_counter()
            call_command("migrate_schemas", schema_name=schema, interactive=False, verbosity=0)
            if schema != settings.BUURT_BLUEPRINT_SCHEMA:
                refresh_buurt(schema)
            self.stdout.write(
                f"[{number}/{total}] {schema} migrated in {time.perf_counter() - started:.2f} s"
            )
        refresh_blueprint()
        connection.set_schema_to_public()
        self.stdout.write(self.style.SUCCESS(f"Platform migrated: portal and {total} schemas."))


def refresh_buurt(schema):
    """Roles and sections are defined by the platform: bring a buurt in line with the code."""
    with Buurt.objects.get(schema_name=schema):
        ensure_roles()
        ensure_sections_of_default_site()
        create_all_skeletons()
        ensure_workflows()
