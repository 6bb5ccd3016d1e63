"""Archiving a buurt for good: a backup file first, then its schema and media are gone.

The Buurt row and its domains stay (status ARCHIVED): the host keeps answering, with a
plain 410 page, instead of becoming free for another buurt at once, and the portal's
trail (BuurtStatusChange) still names the buurt. The backup archive (tenants/backup.py)
is what `restore_buurt` brings back if the municipality changes its mind.
"""

import logging
import shutil
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import quote_schema_name

from tenants.across import use_public_schema
from tenants.backup import backup_buurt, media_folder
from tenants.models import Buurt, BuurtStatusChange

logger = logging.getLogger(__name__)

ARCHIVABLE = (Buurt.Status.LIVE, Buurt.Status.SUSPENDED)


class ArchiveRefused(Exception):
    pass


def archive_folder():
    folder = Path(settings.BUURT_ARCHIVE_ROOT)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def archive_buurt(buurt, user, typed_slug):
    """Back up, then drop the buurt's schema; returns the backup file.

    `typed_slug` is what the operator typed to confirm: archiving cannot be undone on
    the platform itself, so a click alone never does it.
    """
    if typed_slug.strip() != buurt.schema_name:
        raise ArchiveRefused("typed slug differs")
    if buurt.status not in ARCHIVABLE:
        raise ArchiveRefused("not live or suspended")
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    backup = backup_buurt(buurt, archive_folder() / f"{buurt.schema_name}-{stamp}.tar.gz")
    if not backup.exists() or backup.stat().st_size == 0:
        raise ArchiveRefused("the backup file was not written")
    drop_keeping_the_record(buurt, user)
    logger.warning(
        "buurt %s archived by portal user %s into %s", buurt.schema_name, user.pk, backup
    )
    return backup


@transaction.atomic
def drop_keeping_the_record(buurt, user):
    use_public_schema()
    buurt = Buurt.objects.select_for_update().get(pk=buurt.pk)
    if buurt.status not in ARCHIVABLE:
        raise ArchiveRefused("already archived")
    buurt.status = Buurt.Status.ARCHIVED
    buurt.save(update_fields=["status"])
    BuurtStatusChange.objects.create(
        buurt=buurt, status=Buurt.Status.ARCHIVED, changed_by_id=user.pk
    )
    with connection.cursor() as cursor:
        # Deferred foreign-key checks of this transaction must run before the drop.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"DROP SCHEMA IF EXISTS {quote_schema_name(buurt.schema_name)} CASCADE")
    folder = media_folder(buurt.schema_name)
    transaction.on_commit(lambda: shutil.rmtree(folder, ignore_errors=True))
