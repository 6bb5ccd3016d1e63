"""One backup of the whole platform, from which any single buurt can be restored.

`pg_dump` of one schema reads the whole catalog (6 s per buurt at 100 buurten, ~70 s at
1,000): nightly per-buurt dumps do not scale. Instead one dump of the whole database in
custom format (`pg_dump -Fc`, compressed, with a table of contents), plus:

- buurten.json: every buurt's tenant row and domains (backup.manifest_for), which live in
  the public schema;
- media.tar: MEDIA_ROOT/tenants/ (every buurt's uploads).

Restoring one buurt reads only its part: `pg_restore --schema=<slug>` (its tables, data
and sequences, in parallel with --jobs), then the tenant row, domains and media folder,
as restore_buurt does. The buurt must not exist (dropped by mistake, or a fresh platform).
"""

import json
import os
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django_tenants.utils import quote_schema_name

from tenants.across import use_public_schema
from tenants.backup import (
    RestoreError,
    check_free,
    drop_schema,
    manifest_for,
    media_folder,
    register_tenant,
)
from tenants.models import Buurt
from tenants.pgtools import binary, connection_arguments, environment

DUMP, MANIFESTS, MEDIA = "platform.dump", "buurten.json", "media.tar"


class BackupError(Exception):
    """The backup cannot be made; the message says what to change."""


def backup_platform(target):
    """Write the platform backup into the directory `target`; returns its path."""
    problem = lock_room_problem(*lock_figures())
    if problem:
        raise BackupError(problem)
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    run("pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", target / DUMP)
    buurten = Buurt.objects.run_by_municipalities().prefetch_related("domains")
    manifests = {buurt.schema_name: manifest_for(buurt) for buurt in buurten}
    (target / MANIFESTS).write_text(json.dumps(manifests, indent=1))
    media = Path(settings.MEDIA_ROOT) / "tenants"
    with tarfile.open(target / MEDIA, "w") as archive:
        if media.exists():
            archive.add(media, arcname="tenants")
    return target


LOCK_FIGURES = """
    SELECT
        (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p')
           AND n.nspname NOT IN ('pg_catalog', 'information_schema')),
        current_setting('max_locks_per_transaction')::int,
        current_setting('max_connections')::int
            + current_setting('max_prepared_transactions')::int
"""


def lock_figures():
    """(tables pg_dump will lock, max_locks_per_transaction, connection slots)."""
    with connection.cursor() as cursor:
        cursor.execute(LOCK_FIGURES)
        return cursor.fetchone()


def lock_room_problem(tables, locks_per_transaction, connections):
    """pg_dump takes a share lock on every table in one transaction; PostgreSQL's lock
    table holds locks_per_transaction x connections locks (6,400 by default, while
    1,000 buurten have ~124,000 tables). Without room, with a quarter to spare for the
    site's own connections, the dump fails after minutes with "out of shared memory":
    say what to set before starting. Returns "" when the tables fit."""
    needed = tables * 5 // 4
    if needed <= locks_per_transaction * connections:
        return ""
    setting = -(-needed // connections)  # rounded up
    return (
        f"pg_dump locks all {tables} tables in one transaction, but PostgreSQL's lock table "
        f"holds {locks_per_transaction * connections} locks (max_locks_per_transaction "
        f"{locks_per_transaction} x {connections} connections). Set "
        f"max_locks_per_transaction to at least {setting} and restart PostgreSQL."
    )


def restore_buurt_from_platform(source, slug, jobs=None):
    """Restore the buurt `slug` from a platform backup, under its own slug and domains."""
    source = Path(source)
    manifests = read_manifests(source)
    if slug not in manifests:
        raise RestoreError(f"The platform backup in {str(source)!r} holds no buurt {slug!r}.")
    manifest = manifests[slug]
    check_free(slug, manifest["domains"])
    jobs = jobs or min(4, os.cpu_count() or 1)
    try:
        create_schema(slug)  # pg_restore --schema restores what is in it, not the schema
        run(
            "pg_restore",
            "--schema",
            slug,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--jobs",
            jobs,
            last=source / DUMP,
        )
        buurt = register_tenant(manifest, slug, manifest["domains"])
    except Exception:
        drop_schema(slug)
        raise
    restore_media(source / MEDIA, slug)
    return buurt


def create_schema(slug):
    use_public_schema()
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE SCHEMA {quote_schema_name(slug)}")


def read_manifests(source):
    try:
        return json.loads((source / MANIFESTS).read_text())
    except (OSError, ValueError) as problem:
        raise RestoreError(f"{str(source)!r} is not a platform backup.") from problem


def restore_media(archive_path, slug):
    """Only the buurt's own folder comes out of the archive."""
    prefix = f"tenants/{slug}/"
    target = media_folder(slug).parent.parent  # MEDIA_ROOT
    with tarfile.open(archive_path, "r") as archive:
        members = [m for m in archive.getmembers() if m.name.startswith(prefix)]
        archive.extractall(target, members=members, filter="data")


def run(program, *options, last=None):
    """pg_dump or pg_restore against the configured database (`last`: the archive)."""
    arguments = [binary(program), *map(str, options), *connection_arguments()]
    if last is not None:
        arguments.append(str(last))
    done = subprocess.run(arguments, env=environment(), capture_output=True, text=True)
    if done.returncode:
        raise RestoreError(f"{program} failed: {done.stderr.strip()[-2000:]}")
