"""Back up one buurt into a single archive, and restore it (also under another slug or
into a fresh platform database).

The archive (.tar.gz) holds:
- manifest.json: the tenant row and its domains, which live in the public schema
  and are not in the schema dump;
- schema.sql: `pg_dump --schema=<slug>` (tables, data, sequences; no owners);
- media/: the buurt's media folder (MEDIA_ROOT/tenants/<slug>/).

Restoring under another slug rewrites the schema name in the dump's SQL statements
(never inside the table data), gives the buurt a new domain and points its Wagtail
site at it.
"""

import io
import json
import re
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import quote_schema_name, schema_exists
from wagtail.models import Site

from tenants.across import in_buurt, use_public_schema
from tenants.launch import default_domain, domain_errors, slug_errors
from tenants.models import Buurt, Domain, Municipality
from tenants.pgtools import dump_schema, run_sql_file

ARCHIVE_FORMAT = 1
MANIFEST, DUMP, MEDIA = "manifest.json", "schema.sql", "media"


class RestoreError(Exception):
    pass


def media_folder(slug):
    return Path(settings.MEDIA_ROOT) / "tenants" / slug


def manifest_for(buurt):
    municipality = buurt.municipality
    return {
        "format": ARCHIVE_FORMAT,
        "slug": buurt.schema_name,
        "name": buurt.name,
        "municipality": (
            {"name": municipality.name, "slug": municipality.slug} if municipality else None
        ),
        "languages": buurt.languages,
        "status": buurt.status,
        "created": buurt.created.isoformat(),
        "launch_seconds": buurt.launch_seconds,
        "domains": [
            {"domain": domain.domain, "is_primary": domain.is_primary}
            for domain in buurt.domains.order_by("-is_primary", "domain")
        ],
        "backed_up_at": timezone.now().isoformat(),
    }


def backup_buurt(buurt, output):
    """Write the archive for `buurt` to `output`; returns its path."""
    output = Path(output)
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMP
        dump_schema(buurt.schema_name, dump)
        with tarfile.open(output, "w:gz") as archive:
            add_bytes(archive, MANIFEST, json.dumps(manifest_for(buurt), indent=2).encode())
            archive.add(dump, arcname=DUMP)
            folder = media_folder(buurt.schema_name)
            if folder.exists():
                archive.add(folder, arcname=MEDIA)
    return output


def add_bytes(archive, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


@dataclass
class Restored:
    buurt: Buurt
    domain: str


def restore_buurt(archive_path, slug=None, domain=None):
    """Restore an archive as a new buurt; refuses a slug or domain already in use."""
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        extract(archive_path, work)
        manifest = read_manifest(work)
        slug = slug or manifest["slug"]
        domains = target_domains(manifest, slug, domain)
        check_free(slug, domains)
        dump = work / DUMP
        if slug != manifest["slug"]:
            rename_schema_in_dump(dump, manifest["slug"], slug)
        run_sql_file(dump)
        try:
            buurt = register_tenant(manifest, slug, domains)
        except Exception:
            drop_schema(slug)
            raise
        copy_media(work / MEDIA, slug)
    for cache in caches.all():
        cache.clear()
    return Restored(buurt=buurt, domain=domains[0]["domain"])


def extract(archive_path, target):
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(target, filter="data")  # refuses absolute paths and links out
    except (OSError, tarfile.TarError) as unreadable:
        message = f"The archive {str(archive_path)!r} cannot be read: {unreadable}"
        raise RestoreError(message) from unreadable


def read_manifest(work):
    """The manifest of a backup_buurt archive, or a clear refusal for anything else."""
    not_a_backup = "This is not a buurt backup made by backup_buurt"
    try:
        manifest = json.loads((work / MANIFEST).read_text())
    except (OSError, ValueError) as problem:
        raise RestoreError(f"{not_a_backup} (no readable {MANIFEST}).") from problem
    if not isinstance(manifest, dict) or not (work / DUMP).is_file():
        raise RestoreError(f"{not_a_backup} (no {DUMP}).")
    if manifest.get("format") != ARCHIVE_FORMAT:
        raise RestoreError(f"Unknown archive format {manifest.get('format')!r}.")
    if not isinstance(manifest.get("slug"), str):
        raise RestoreError(f"{not_a_backup} (no slug in {MANIFEST}).")
    return manifest


def target_domains(manifest, slug, domain):
    if domain:
        return [{"domain": domain, "is_primary": True}]
    if slug == manifest["slug"] and manifest.get("domains"):
        return manifest["domains"]
    return [{"domain": default_domain(slug), "is_primary": True}]


def check_free(slug, domains):
    problems = slug_errors(slug)
    for entry in domains:
        problems += domain_errors(entry["domain"])
    if problems:
        raise RestoreError(" ".join(str(problem) for problem in problems))


def register_tenant(manifest, slug, domains):
    """The public-schema side: municipality, tenant row and domains; then the site host."""
    with transaction.atomic():
        municipality = None
        if manifest["municipality"]:
            municipality, _ = Municipality.objects.get_or_create(
                slug=manifest["municipality"]["slug"],
                defaults={"name": manifest["municipality"]["name"]},
            )
        buurt = Buurt.objects.create(
            schema_name=slug,
            name=manifest["name"],
            municipality=municipality,
            languages=manifest["languages"],
            status=manifest["status"],
            launch_seconds=manifest["launch_seconds"],
        )
        Buurt.objects.filter(pk=buurt.pk).update(created=manifest["created"])
        for entry in domains:
            Domain.objects.create(tenant=buurt, **entry)
        primary = next(entry["domain"] for entry in domains if entry["is_primary"])
        with in_buurt(buurt):
            point_site_at(primary)
    buurt.refresh_from_db()
    return buurt


def point_site_at(hostname):
    Site.objects.filter(is_default_site=True).update(
        hostname=hostname, port=settings.BUURT_URL_PORT
    )


def copy_media(source, slug):
    target = media_folder(slug)
    if source.exists():
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target)


def drop_schema(slug):
    use_public_schema()
    if schema_exists(slug):
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA {quote_schema_name(slug)} CASCADE")


# --- Renaming the schema inside a plain pg_dump -------------------------------------------

COPY_START = re.compile(r"^COPY .* FROM stdin;$")


def rename_schema_in_dump(path, old, new):
    """Rewrite `old` to `new` where the SQL names the schema; table data stays as it is.

    pg_dump qualifies every object (`old.table`, `'old.seq'::regclass`, `SCHEMA old`);
    COPY data blocks (between `COPY ... FROM stdin;` and `\\.`) are copied unchanged.
    """
    pattern = re.compile(rf'(?<![\w$"])(?:{re.escape(old)}|"{re.escape(old)}")(?=[.;\s]|$)')
    replacement = quote_schema_name(new)
    lines, in_data = [], False
    with open(path, encoding="utf-8") as dump:
        for line in dump:
            if in_data:
                in_data = line.rstrip("\n") != "\\."
            else:
                in_data = bool(COPY_START.match(line.rstrip("\n")))
                line = pattern.sub(replacement, line)
            lines.append(line)
    with open(path, "w", encoding="utf-8") as dump:
        dump.writelines(lines)
