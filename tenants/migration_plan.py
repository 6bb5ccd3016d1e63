"""Which buurt schemas need migrating, read for all of them in one query.

A no-op `migrate_schemas` costs 0.3-0.5 s per schema (loading the migration graph,
reading django_migrations, checking models), 5-8 minutes for 1,000 buurten. Here the
parent process asks PostgreSQL once: for every schema, how many of the migrations
on disk does its django_migrations table hold? A schema holding all of them is up to
date; any other schema (one missing migration is enough, or no table at all) is
migrated. Getting this wrong in the safe direction only costs time: a schema is only
skipped when every migration on disk is recorded in it.

`refresh_buurt` (roles, sections, skeletons) is likewise skipped when the buurt's
`platform_version` matches: a hash of the migrations and the code that refresh runs.
"""

import functools
import hashlib
import inspect

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django_tenants.utils import quote_schema_name

from buurtpages import blueprint
from buurtpages import languages as language_module
from kernel import roles as role_keys
from kernel.roles import contributions_fingerprint
from workflows import roles


def migrations_on_disk():
    """Every migration a schema ends up recording ("app.name"), squashes resolved as
    for an empty database (the squash itself is recorded next to what it replaces)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(f"{app}.{name}" for app, name in loader.graph.nodes)


def schemas_with_migration_table(schemas):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = 'django_migrations' AND c.relkind = 'r' "
            "AND n.nspname = ANY(%s)",
            [list(schemas)],
        )
        return {row[0] for row in cursor.fetchall()}


def applied_counts(schemas, expected):
    """{schema: how many of `expected` its django_migrations holds}, in one query."""
    if not schemas:
        return {}
    branches = [
        f"SELECT %s, count(DISTINCT m.app || '.' || m.name) "
        f"FROM {quote_schema_name(schema)}.django_migrations m "
        f"JOIN expected e ON e.name = m.app || '.' || m.name"
        for schema in schemas
    ]
    sql = "WITH expected(name) AS (SELECT unnest(%s::text[])) " + " UNION ALL ".join(branches)
    with connection.cursor() as cursor:
        cursor.execute(sql, [list(expected), *schemas])
        return dict(cursor.fetchall())


def schemas_to_migrate(schemas, expected=None):
    """(to migrate, up to date), both in the order given."""
    expected = expected or migrations_on_disk()
    with_table = schemas_with_migration_table(schemas)
    counts = applied_counts([s for s in schemas if s in with_table], expected)
    pending = [s for s in schemas if counts.get(s, -1) < len(expected)]
    return pending, [s for s in schemas if s not in pending]


def code_version(expected):
    """What refresh_buurt depends on: the migrations, the code it runs and every
    app's contributed role permissions (whichever module an app keeps them in)."""
    modules = (blueprint, language_module, role_keys, roles)
    sources = [inspect.getsource(m) for m in modules]
    digest = hashlib.sha256()
    for part in (*expected, *sources, contributions_fingerprint()):
        digest.update(part.encode())
    return digest.hexdigest()


def platform_version(code, languages):
    """A buurt's version: the code version and its languages (skeletons per language)."""
    return hashlib.sha256(f"{code}:{','.join(languages)}".encode()).hexdigest()[:32]


@functools.cache
def _current_code_version():
    return code_version(migrations_on_disk())


def current_platform_version(languages):
    """The version of a buurt launched now (the code does not change while we run)."""
    return platform_version(_current_code_version(), languages)
