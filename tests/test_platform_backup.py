"""One whole-platform backup; any single buurt restored from it with pg_restore --schema."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tenants.launch import drop_buurt
from tenants.models import Buurt
from tenants.platform_backup import lock_figures, lock_room_problem
from tests.base import client_for
from tests.test_backup import assert_serves, fill, snapshot


def test_one_buurt_restored_from_the_platform_backup_is_the_same_site(committed_buurten, tmp_path):
    buurt = committed_buurten.launch("platform_a", ["nl", "en"])
    other = committed_buurten.launch("platform_b", ["nl"])
    image_url = fill(buurt)
    before = snapshot(buurt)
    backup = tmp_path / "platform"
    call_command("backup_platform", str(backup), stdout=StringIO())

    drop_buurt("platform_a")
    assert client_for("platform-a.localhost").get("/").status_code == 404
    with pytest.raises(CommandError, match="platform_b"):  # still there: refused
        call_command("restore_buurt_from_platform", str(backup), "platform_b", stdout=StringIO())
    call_command("restore_buurt_from_platform", str(backup), "platform_a", stdout=StringIO())

    restored = Buurt.objects.get(schema_name="platform_a")
    assert restored.primary_domain == "platform-a.localhost"
    assert restored.languages == ["nl", "en"]
    assert snapshot(restored) == before
    assert_serves(restored, image_url)
    # Only that buurt came back: the other is untouched and serves its own site.
    assert client_for(other).get("/").status_code == 200
    assert "Het buurtfeest" not in client_for(other).get("/verhalen/").content.decode()


def test_a_server_whose_lock_table_cannot_hold_every_table_is_told_what_to_set():
    # 1,000 buurten have ~124,000 tables; PostgreSQL's default holds 64 x 100 locks.
    problem = lock_room_problem(124_000, 64, 100)
    assert "all 124000 tables" in problem and "holds 6400 locks" in problem
    assert "max_locks_per_transaction to at least 1550" in problem
    assert lock_room_problem(124_000, 2048, 100) == ""  # the embedded server's setting
    assert lock_room_problem(500, 64, 100) == ""  # a few buurten fit the default


def test_the_database_here_has_room_to_dump_every_table(committed_buurten):
    committed_buurten.launch("platform_locks", ["nl"])
    tables, locks_per_transaction, connections = lock_figures()
    assert tables >= 124  # the blueprint's and the buurt's own tables are counted
    assert lock_room_problem(tables, locks_per_transaction, connections) == ""
