"""A small pool of spare schemas, cloned from the blueprint ahead of time.

Cloning the blueprint inserts ~610 relations into the one catalog every buurt shares,
and gets slower as the catalog grows (0.7 s at 100 buurten, 1.2 s at 300). A launch
instead takes a spare clone and renames it (ALTER SCHEMA ... RENAME: one catalog row,
whatever the number of buurten), inside the launch's own transaction, so a failed
launch gives the spare back. The pool is refilled after each launch (in a background
thread on servers), and whenever the blueprint is refreshed its generation changes:
spares of an older blueprint are never taken and are dropped at the next refill.

A spare has no tenant row and no domain, so no host reaches it; its name starts with
SPARE_PREFIX, which launch validation refuses as a slug.
"""

import logging
import secrets
import threading

from django.conf import settings
from django.db import connection, transaction
from django_tenants.clone import CloneSchema
from django_tenants.utils import quote_schema_name, schema_exists

from tenants.across import use_public_schema
from tenants.models import BlueprintGeneration, SpareSchema

SPARE_PREFIX = "spare_"
REFILL_LOCK = "spare-schemas:refill"
logger = logging.getLogger(__name__)


def current_generation():
    row = BlueprintGeneration.objects.first()
    return row.value if row else ""


def blueprint_changed():
    """Called after the blueprint's content or tables changed: no spare of it is used."""
    value = secrets.token_hex(8)
    updated = BlueprintGeneration.objects.update(value=value)
    if not updated:
        BlueprintGeneration.objects.create(value=value)


def take_spare(schema_name):
    """Rename a current spare to `schema_name` inside the caller's transaction; False
    when the pool is empty. Two launches at once never take the same spare (the row is
    locked, a locked one skipped)."""
    spare = (
        SpareSchema.objects.select_for_update(skip_locked=True)
        .filter(blueprint_generation=current_generation())
        .order_by("created_at")
        .first()
    )
    if spare is None or not schema_exists(spare.schema_name):
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            f"ALTER SCHEMA {quote_schema_name(spare.schema_name)} "
            f"RENAME TO {quote_schema_name(schema_name)}"
        )
    spare.delete()
    return True


def refill():
    """Drop spares of an older blueprint and clone new ones up to SPARE_SCHEMAS.

    One refill at a time across every process (an advisory lock); another refill
    running already does the work. Each clone commits on its own.
    """
    if settings.SPARE_SCHEMAS <= 0:
        return 0
    use_public_schema()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(hashtextextended(%s, 0))", [REFILL_LOCK])
        if not cursor.fetchone()[0]:
            return 0
    try:
        drop_outdated_spares()
        made = 0
        while SpareSchema.objects.count() < settings.SPARE_SCHEMAS:
            make_spare()
            made += 1
        return made
    finally:
        use_public_schema()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", [REFILL_LOCK])


def make_spare():
    generation = current_generation()
    name = f"{SPARE_PREFIX}{secrets.token_hex(6)}"
    with transaction.atomic():
        CloneSchema().clone_schema(settings.BUURT_BLUEPRINT_SCHEMA, name, "DATA")
        use_public_schema()
        SpareSchema.objects.create(schema_name=name, blueprint_generation=generation)
    return name


def drop_outdated_spares():
    for spare in SpareSchema.objects.exclude(blueprint_generation=current_generation()):
        drop_spare(spare)


def drop_spare(spare):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {quote_schema_name(spare.schema_name)} CASCADE")
        spare.delete()


def refill_after_launch():
    """After a launch commits: refill in a background thread (servers: the launch's
    response does not wait for the clone), now ("now": tests), or not ("off": the
    benchmark, which fills the pool itself)."""
    if settings.SPARE_SCHEMAS <= 0 or settings.SPARE_SCHEMAS_REFILL == "off":
        return
    if settings.SPARE_SCHEMAS_REFILL == "thread":
        threading.Thread(target=refill_in_thread, name="spare-refill", daemon=True).start()
    else:
        refill()


def refill_in_thread():
    try:
        refill()
    except Exception:  # a failed refill only means the next launch clones
        logger.exception("Refilling the spare schemas failed")
    finally:
        connection.close()
