import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, connections
from django_tenants.utils import get_public_schema_name

from buurtpages.blueprint import ensure_sections_of_default_site
from buurtpages.languages import create_all_skeletons
from tenants.across import in_buurt, use_public_schema
from tenants.blueprint import ensure_blueprint_schema, ensure_portal, refresh_blueprint
from tenants.migration_plan import (
    code_version,
    migrations_on_disk,
    platform_version,
    schemas_to_migrate,
)
from tenants.models import Buurt
from tenants.spares import refill
from workflows.roles import ensure_roles, ensure_workflows


class Command(BaseCommand):
    help = (
        "Migrate the public schema, build or refresh the blueprint and migrate every buurt "
        "that needs it (in parallel, with progress). Up-to-date buurten are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--processes",
            type=int,
            default=min(4, os.cpu_count() or 1),
            help="buurten migrated at once (default: CPU cores, at most 4; 1 = in-process)",
        )
        parser.add_argument(
            "--all", action="store_true", help="migrate and refresh every buurt, even up to date"
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        self.stdout.write("Public schema (portal)...")
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        ensure_portal()
        ensure_blueprint_schema(stdout=self.stdout)
        work = self.plan(options["all"])
        self.stdout.write(
            f"{len(work)} of {self.total} schemas to migrate or refresh; "
            f"{self.total - len(work)} up to date ({time.perf_counter() - started:.2f} s so far)."
        )
        failed = self.run(work, options["processes"])
        refresh_blueprint()
        use_public_schema()
        self.stdout.write(f"Spare schemas for fast launches: {refill()} cloned.")
        if failed:
            self.stderr.write(self.style.ERROR(f"Failed: {', '.join(sorted(failed))}"))
            raise SystemExit(1)
        self.stdout.write(
            self.style.SUCCESS(
                f"Platform migrated: portal and {self.total} schemas "
                f"in {time.perf_counter() - started:.1f} s."
            )
        )

    def plan(self, everything):
        """[(schema, version to record)] for every buurt that is not up to date."""
        buurten = list(
            Buurt.objects.exclude(schema_name=get_public_schema_name())
            .exclude(status=Buurt.Status.ARCHIVED)  # no schema left to migrate
            .order_by("created")
            .values_list("schema_name", "languages", "platform_version")
        )
        self.total = len(buurten)
        expected = migrations_on_disk()
        code = code_version(expected)
        pending, _up_to_date = schemas_to_migrate([b[0] for b in buurten], expected)
        pending = set(pending)
        work = []
        for schema, languages, recorded in buurten:
            version = platform_version(code, languages)
            if everything or schema in pending or version != recorded:
                work.append((schema, version))
        return work

    def run(self, work, processes):
        failed = []
        for number, (schema, seconds, error) in enumerate(self.results(work, processes), 1):
            prefix = f"[{number}/{len(work)}] {schema}"
            if error:
                failed.append(schema)
                self.stderr.write(f"{prefix}: {error}")
            else:
                self.stdout.write(f"{prefix} migrated in {seconds:.2f} s")
        done = dict(work)
        for schema in set(done) - set(failed):
            Buurt.objects.filter(schema_name=schema).update(platform_version=done[schema])
        return failed

    def results(self, work, processes):
        schemas = [schema for schema, _version in work]
        # Forked children can't see an open transaction's work (a test, a caller's atomic).
        if processes <= 1 or len(schemas) <= 1 or connection.in_atomic_block:
            yield from map(migrate_schema, schemas)
            return
        # Children are forked: they must not share the parent's open connections.
        connections.close_all()
        with ProcessPoolExecutor(processes, mp_context=get_context("fork")) as pool:
            futures = [pool.submit(migrate_schema, schema) for schema in schemas]
            for future in as_completed(futures):
                yield future.result()


def migrate_schema(schema):
    """(schema, seconds, error or None); runs in a worker process or in-process."""
    started = time.perf_counter()
    try:
        call_command("migrate_schemas", schema_name=schema, interactive=False, verbosity=0)
        if schema != settings.BUURT_BLUEPRINT_SCHEMA:
            refresh_buurt(schema)
    except Exception as error:  # reported per schema; the others go on
        return schema, time.perf_counter() - started, f"{type(error).__name__}: {error}"
    finally:
        use_public_schema()
        if not connection.in_atomic_block:
            # A connection's memory grows with every schema it migrates: start afresh.
            connection.close()
    return schema, time.perf_counter() - started, None


def refresh_buurt(schema):
    """Roles and sections are defined by the platform: bring a buurt in line with the code."""
    with in_buurt(Buurt.objects.get(schema_name=schema)):
        ensure_roles()
        ensure_sections_of_default_site()
        create_all_skeletons()
        ensure_workflows()
