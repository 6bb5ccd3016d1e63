"""migrate_platform skips up-to-date buurten, read in one query, and still migrates a
buurt that lacks a single migration."""

from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test.utils import CaptureQueriesContext

from tenants.management.commands.migrate_platform import migrate_schema
from tenants.migration_plan import schemas_to_migrate
from tenants.models import Buurt
from tests.base import inside

SCHEMAS = ["alpha", "beta", "gamma"]


# The latest portal migration: recorded in every schema, applied only to public (the
# router skips it in a buurt), so applying it to a buurt again is harmless.
def harmless_migration():
    return MigrationLoader(None).graph.leaf_nodes("tenants")[0]


def recorded(buurt, app, name):
    with inside(buurt), connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM django_migrations WHERE app = %s AND name = %s", [app, name]
        )
        return cursor.fetchone()[0]


def forget_migration(buurt, app, name):
    with inside(buurt), connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = %s AND name = %s", [app, name])


def test_up_to_date_schemas_are_read_in_one_query_and_skipped(alpha, beta, gamma):
    with CaptureQueriesContext(connection) as queries:
        pending, up_to_date = schemas_to_migrate(SCHEMAS)
    assert (pending, up_to_date) == ([], SCHEMAS)
    reads = [q["sql"] for q in queries.captured_queries if "django_migrations m" in q["sql"]]
    assert len(reads) == 1


def test_a_schema_missing_one_migration_is_migrated(alpha, beta, gamma):
    forget_migration(alpha, *harmless_migration())
    assert schemas_to_migrate(SCHEMAS) == (["alpha"], ["beta", "gamma"])
    assert migrate_schema("alpha")[2] is None
    assert recorded(alpha, *harmless_migration()) == 1
    assert schemas_to_migrate(SCHEMAS) == ([], SCHEMAS)


def test_a_duplicated_row_does_not_hide_a_missing_migration(alpha):
    with inside(alpha), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO django_migrations (app, name, applied) "
            "SELECT app, name, applied FROM django_migrations ORDER BY id DESC LIMIT 1"
        )
    forget_migration(alpha, *harmless_migration())
    assert schemas_to_migrate(["alpha"]) == (["alpha"], [])


def test_a_schema_without_migration_table_is_migrated(alpha):
    with connection.cursor() as cursor:
        cursor.execute('ALTER TABLE "alpha".django_migrations RENAME TO old_migrations')
    assert schemas_to_migrate(["alpha", "beta"]) == (["alpha"], ["beta"])


def test_the_command_refreshes_only_what_changed(alpha, beta, gamma):
    call_command("migrate_platform", processes=1, stdout=StringIO())  # records versions
    assert all(
        Buurt.objects.filter(schema_name__in=SCHEMAS).values_list("platform_version", flat=True)
    )
    forget_migration(alpha, *harmless_migration())
    output = StringIO()
    call_command("migrate_platform", processes=1, stdout=output)
    assert "1 of 4 schemas to migrate" in output.getvalue()
    assert "alpha migrated" in output.getvalue()
    assert "beta migrated" not in output.getvalue()
    assert recorded(alpha, *harmless_migration()) == 1
