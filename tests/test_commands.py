"""Management commands given the wrong thing: a clear message, a non-zero exit, and
nothing touched.

`call_command` raises CommandError where `manage.py` prints the message and exits with
status 1; anything else would be a traceback.
"""

import io
import json
import re
import tarfile
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from buurtpages.models import Signal
from tenants.backup import ARCHIVE_FORMAT, DUMP, MANIFEST
from tenants.models import Buurt, Domain
from tests.base import inside
from workflows.factories import UserFactory

NOT_A_BUURT = ["nergens", settings.BUURT_BLUEPRINT_SCHEMA, "public"]


def schemas():
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace ORDER BY nspname")
        return [row[0] for row in cursor.fetchall()]


def public_state():
    return (
        schemas(),
        list(Buurt.objects.values_list("schema_name", "name", "status").order_by("pk")),
        list(Domain.objects.values_list("domain", flat=True).order_by("pk")),
    )


@pytest.fixture
def person(alpha):
    """Someone in alpha, with an account and a signal: the positive controls find them."""
    with inside(alpha):
        UserFactory(username="lotte@example.nl", email="lotte@example.nl")
        Signal.objects.create(
            category=Signal.Category.IDEA,
            description="Een bankje",
            contact_email="lotte@example.nl",
            sender_hash="x",
        )
    return "lotte@example.nl"


@pytest.mark.parametrize("slug", NOT_A_BUURT)
def test_person_and_backup_commands_refuse_what_is_not_a_buurt(alpha, person, slug, tmp_path):
    before = public_state()
    target = tmp_path / "out"
    commands = [
        ("export_person", [slug, person], {"output": str(target)}),
        ("erase_person", [slug, person], {"interactive": False}),
        ("backup_buurt", [slug], {"output": str(target)}),
    ]
    for name, args, options in commands:
        with pytest.raises(CommandError, match=f"No buurt with the slug '{slug}'"):
            call_command(name, *args, stdout=StringIO(), stderr=StringIO(), **options)
    assert not target.exists()
    assert public_state() == before
    # Positive control: the same person in a real buurt is found.
    call_command("export_person", "alpha", person, output=str(target), stderr=StringIO())
    assert json.loads(target.read_text())["accounts"][0]["email"] == person


def test_export_and_erase_refuse_an_address_that_matches_nobody(alpha, person, tmp_path):
    target = tmp_path / "export.json"
    with inside(alpha):
        accounts = get_user_model().objects.count()
        signals = Signal.objects.count()
    commands = (
        ("export_person", {"output": str(target)}),
        ("erase_person", {"interactive": False}),
    )
    for name, options in commands:
        with pytest.raises(CommandError, match=re.escape("Nobody with the address 'niemand@")):
            call_command(name, "alpha", "niemand@example.nl", stdout=StringIO(), **options)
    assert not target.exists()
    with inside(alpha):
        assert get_user_model().objects.count() == accounts
        assert Signal.objects.count() == signals
    # Positive control: the address of someone who is there is exported and erased.
    call_command("export_person", "alpha", person, output=str(target), stderr=StringIO())
    assert target.exists()
    output = StringIO()
    call_command("erase_person", "alpha", person, interactive=False, stdout=output)
    assert "Erased from alpha" in output.getvalue()
    with inside(alpha):
        assert not get_user_model().objects.filter(email=person).exists()


def archive_with(tmp_path, files):
    path = tmp_path / "backup.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for name, content in files.items():
            data = content.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def manifest(slug="herstel"):
    return json.dumps({"format": ARCHIVE_FORMAT, "slug": slug, "domains": []})


def test_restore_refuses_missing_garbage_and_incomplete_archives(db, tmp_path):
    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"dit is geen archief")
    cases = {
        str(tmp_path / "bestaat-niet.tar.gz"): "cannot be read",
        str(garbage): "cannot be read",
        str(archive_with(tmp_path, {DUMP: "SELECT 1;"})): "not a buurt backup",
        str(archive_with(tmp_path, {MANIFEST: "{kapot", DUMP: ""})): "not a buurt backup",
    }
    before = public_state()
    for archive, message in cases.items():
        with pytest.raises(CommandError, match=message):
            call_command("restore_buurt", archive, stdout=StringIO())
    assert public_state() == before


@pytest.mark.parametrize(
    "slug", [settings.BUURT_BLUEPRINT_SCHEMA, "public", "postgres", "pg_toast", "alpha"]
)
def test_restore_refuses_a_reserved_or_taken_slug(db, tmp_path, slug):
    archive = archive_with(tmp_path, {MANIFEST: manifest(), DUMP: "SELECT 1;"})
    before = public_state()
    with pytest.raises(CommandError, match=slug):
        call_command("restore_buurt", str(archive), slug=slug, stdout=StringIO())
    assert public_state() == before


@pytest.mark.parametrize("slug", [settings.BUURT_BLUEPRINT_SCHEMA, "public", "postgres"])
def test_launch_refuses_a_reserved_slug(db, slug):
    before = public_state()
    with pytest.raises(CommandError, match="gereserveerd"):
        call_command("launch_buurt", slug, name="Stiekem", stdout=StringIO())
    assert public_state() == before


def test_a_lookalike_address_exports_and_erases_nobody_else(alpha, tmp_path):
    """PostgreSQL's case folding maps the dotless i (U+0131) to I: a look-alike of
    vincent@… must neither export nor erase his records."""
    person, lookalike = "vincent@example.nl", "v\u0131ncent@example.nl"
    with inside(alpha):
        UserFactory(username=person, email=person)
        Signal.objects.create(
            category=Signal.Category.IDEA,
            description="Een bankje",
            contact_email=person,
            sender_hash="x",
        )
    target = tmp_path / "export.json"
    with pytest.raises(CommandError, match="Nobody with the address"):
        call_command("export_person", "alpha", lookalike, output=str(target), stderr=StringIO())
    with pytest.raises(CommandError, match="Nobody with the address"):
        call_command("erase_person", "alpha", lookalike, interactive=False, stdout=StringIO())
    with inside(alpha):
        assert get_user_model().objects.filter(email=person).exists()
        assert Signal.objects.filter(contact_email=person).exists()
    # Positive control: the same address in other letter case is the same person.
    call_command("export_person", "alpha", person.upper(), output=str(target), stderr=StringIO())
    assert json.loads(target.read_text())["accounts"][0]["email"] == person
