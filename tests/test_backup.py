"""Backup and restore of one buurt: the restored site is the same site, also under a
new slug and in a fresh database. Works on committed data (pg_dump, psql)."""

import hashlib
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
import wagtail_factories
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from wagtail.models import Page

from buurtpages.blueprint import dutch_section
from buurtpages.factories import ActivityPageFactory, StoryPageFactory, publish
from buurtpages.models import ActivityIndexPage, Registration, StoryIndexPage
from kernel.roles import RESIDENT
from tenants.launch import drop_buurt
from tenants.models import Buurt
from tests.base import client_for, inside
from tests.test_privacy import png_file
from workflows.factories import UserFactory

BASE_DIR = Path(settings.BASE_DIR)

# Run by a fresh process on the fresh database: the same snapshot, and a page served.
CHECK_SCRIPT = """
import json
from django.test import Client
from tenants.models import Buurt
from tests.test_backup import snapshot_here
with Buurt.objects.get(schema_name="backup_c"):
    print("SNAPSHOT" + json.dumps(snapshot_here()))
client = Client(HTTP_HOST="backup-c.localhost")
print("STATUS", client.get("/verhalen/het-buurtfeest/").status_code)
"""


def fill(buurt):
    """Pages, a draft, an image with a rendition, a user and an RSVP."""
    with inside(buurt):
        UserFactory(username="bewoner@example.nl", email="bewoner@example.nl", roles=[RESIDENT])
        image = wagtail_factories.ImageFactory(title="Buurtfeest", file=png_file("feest.png"))
        rendition = image.get_rendition("fill-40x40")
        # The live story shows the image: only then is a rendition of it public.
        shown = [("image", {"image": image, "alt_text": "", "decorative": True})]
        publish(
            StoryPageFactory(
                parent=dutch_section(StoryIndexPage), title="Het buurtfeest", body=shown
            )
        )
        StoryPageFactory(parent=dutch_section(StoryIndexPage), title="Nog een concept")
        activity = publish(
            ActivityPageFactory(parent=dutch_section(ActivityIndexPage), title="Koffie-uur")
        )
        Registration.objects.create(
            activity=activity,
            occurrence_start=activity.start,
            name="Ans",
            email="ans@example.nl",
            status=Registration.Status.CONFIRMED,
        )
        return rendition.url


def snapshot_here():
    """What a visitor and an editor would see of the current buurt, as plain data."""
    from wagtail.images import get_image_model
    from wagtail.models import Revision

    media = Path(settings.MEDIA_ROOT) / "tenants" / connection.schema_name
    return {
        "pages": [
            [page.url_path, page.title, page.live, page.content_type.model, page.locale_id]
            for page in Page.objects.order_by("path")
        ],
        "revisions": Revision.objects.count(),
        "users": sorted(get_user_model().objects.values_list("username", flat=True)),
        "registrations": list(Registration.objects.values_list("name", "email")),
        "images": list(get_image_model().objects.values_list("title", "file")),
        "media": {
            str(path.relative_to(media)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(media.rglob("*"))
            if path.is_file()
        },
    }


def snapshot(buurt):
    with inside(buurt):
        return snapshot_here()


def assert_serves(buurt, image_url):
    client = client_for(buurt)
    assert "Het buurtfeest" in client.get("/verhalen/").content.decode()
    assert client.get("/verhalen/het-buurtfeest/").status_code == 200
    assert client.get("/agenda/koffie-uur/").status_code == 200
    assert client.get(image_url).status_code == 200
    assert (
        client.post(
            "/admin/login/", {"username": "bewoner@example.nl", "password": "buurt-demo"}
        ).status_code
        == 302
    )


def test_backup_drop_restore_gives_the_same_site(committed_buurten, tmp_path):
    buurt = committed_buurten.launch("backup_a", ["nl", "en"])
    image_url = fill(buurt)
    before = snapshot(buurt)
    assert before["media"] and len(before["pages"]) > 10
    archive = tmp_path / "backup_a.tar.gz"
    call_command("backup_buurt", "backup_a", output=str(archive), stdout=StringIO())

    drop_buurt("backup_a")
    assert client_for("backup-a.localhost").get("/").status_code == 404
    call_command("restore_buurt", str(archive), stdout=StringIO())

    restored = Buurt.objects.get(schema_name="backup_a")
    assert restored.primary_domain == "backup-a.localhost"
    assert restored.languages == ["nl", "en"]
    assert snapshot(restored) == before
    assert_serves(restored, image_url)


def test_restore_under_a_new_slug_keeps_the_original(committed_buurten, tmp_path):
    buurt = committed_buurten.launch("backup_b", ["nl"])
    image_url = fill(buurt)
    archive = tmp_path / "backup_b.tar.gz"
    call_command("backup_buurt", "backup_b", output=str(archive), stdout=StringIO())

    with pytest.raises(CommandError, match="backup_b"):  # the slug is taken
        call_command("restore_buurt", str(archive), stdout=StringIO())
    call_command("restore_buurt", str(archive), slug="backup_copy", stdout=StringIO())
    copy = committed_buurten.track("backup_copy")

    assert copy.primary_domain == "backup-copy.localhost"
    original, restored = snapshot(buurt), snapshot(copy)
    assert restored == original
    assert_serves(copy, image_url.replace("/backup_b/", "/backup_copy/"))
    assert_serves(buurt, image_url)
    # The copy is its own site: its media are not served on the original's host.
    copy_image = image_url.replace("/backup_b/", "/backup_copy/")
    assert client_for(buurt).get(copy_image).status_code == 404
    with inside(copy):
        Page.objects.filter(title="Het buurtfeest").update(title="Alleen in de kopie")
    assert "Alleen in de kopie" not in client_for(buurt).get("/verhalen/").content.decode()


@pytest.fixture
def fresh_database():
    """An empty database on the same server, dropped after the test."""
    settings_dict = connection.settings_dict
    name = f"{settings_dict['NAME']}_fresh"
    admin = {
        "dbname": "postgres",
        "user": settings_dict["USER"],
        "host": settings_dict["HOST"],
        "port": settings_dict["PORT"],
        "autocommit": True,
    }
    if settings_dict.get("PASSWORD"):
        admin["password"] = settings_dict["PASSWORD"]
    with psycopg.connect(**admin) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}"')
    password = f":{quote(settings_dict['PASSWORD'], safe='')}" if admin.get("password") else ""
    host = quote(settings_dict["HOST"] or "localhost", safe="")
    yield f"postgres://{settings_dict['USER']}{password}@{host}:{settings_dict['PORT']}/{name}"
    with psycopg.connect(**admin) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(database_url, media_root, *arguments):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_restore_into_a_fresh_database(committed_buurten, fresh_database, tmp_path):
    buurt = committed_buurten.launch("backup_c", ["nl", "ar"])
    fill(buurt)
    before = snapshot(buurt)
    archive = tmp_path / "backup_c.tar.gz"
    call_command("backup_buurt", "backup_c", output=str(archive), stdout=StringIO())

    media_root = tmp_path / "fresh-media"
    manage(fresh_database, media_root, "migrate_schemas", "--shared", "--verbosity=0")
    manage(fresh_database, media_root, "restore_buurt", str(archive))
    output = manage(fresh_database, media_root, "shell", "-c", CHECK_SCRIPT)
    snapshots = [line[len("SNAPSHOT") :] for line in output.splitlines() if "SNAPSHOT" in line]
    assert json.loads(snapshots[-1]) == json.loads(json.dumps(before))
    assert "STATUS 200" in output
