import os

import pytest
from django.core.cache import caches
from django.db import connection

from tests.base import TEST_BUURTEN, get_buurt


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database with the portal, the blueprint and the three test buurten."""
    from tenants.blueprint import ensure_blueprint, ensure_portal
    from tenants.launch import LaunchRequest, launch_buurt
    from tenants.models import Buurt
    from workflows.roles import ensure_roles, ensure_workflows

    assert connection.settings_dict["NAME"].startswith("test_"), "not on the test database"
    with django_db_blocker.unblock():
        ensure_portal()
        ensure_blueprint()
        for slug, name, languages in TEST_BUURTEN:
            buurt = Buurt.objects.filter(schema_name=slug).first()
            if buurt is None:
                launch_buurt(LaunchRequest(slug=slug, name=name, languages=languages))
            else:  # a reused test database: bring the roles up to date, as migrate_platform does
                with buurt:
                    ensure_roles()
                    ensure_workflows()
        connection.set_schema_to_public()


@pytest.fixture(autouse=True)
def fresh_tenant_state():
    """Every test starts on the public schema with empty caches."""
    from tenants.hostmap import host_map

    connection.set_schema_to_public()
    for cache in caches.all():
        cache.clear()
    # Rolled-back tests may have left hosts of buurten that no longer exist.
    host_map.forget_all()
    yield
    connection.set_schema_to_public()


@pytest.fixture
def alpha(db):
    return get_buurt("alpha")


@pytest.fixture
def beta(db):
    return get_buurt("beta")


@pytest.fixture
def gamma(db):
    return get_buurt("gamma")


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    """`with sending():` runs the on-commit work (e-mails) queued inside the block, as a
    real commit would; tests run inside a transaction that never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# --- Committed buurten (privacy and backup tests) ------------------------------------------
# pg_dump and psql run in other sessions and cannot see a test's transaction, so these
# tests launch buurten of their own in autocommit mode and drop them afterwards.


class CommittedBuurten:
    def __init__(self):
        self.slugs = []

    def launch(self, slug, languages=("nl",)):
        from tenants.launch import LaunchRequest, launch_buurt

        launch_buurt(LaunchRequest(slug=slug, name=slug.title(), languages=list(languages)))
        return self.track(slug)

    def track(self, slug):
        """Drop `slug` after the test (also for buurten restored from a backup)."""
        self.slugs.append(slug)
        return get_buurt(slug)


@pytest.fixture
def committed_buurten(request, django_db_blocker):
    from tenants.launch import drop_buurt

    with django_db_blocker.unblock():
        ensure_test_database()
    request.getfixturevalue("django_db_setup")
    committed = CommittedBuurten()
    with django_db_blocker.unblock():
        try:
            yield committed
        finally:
            connection.set_schema_to_public()
            for slug in committed.slugs:
                drop_buurt(slug)


def ensure_test_database():
    """pytest-django creates the test database only when a selected test is marked for
    it; these tests are not (they must not run inside a transaction)."""
    if not connection.settings_dict["NAME"].startswith("test_"):
        from django.test.utils import setup_databases

        setup_databases(verbosity=0, interactive=False, aliases={"default"}, keepdb=True)


# --- The page cache, as production runs it -------------------------------------------------
# The test settings turn the anonymous page cache off (tests inspect response.context).
# A test that takes `cache_mode` runs twice: without the page cache and with it on, in a
# cache directory of its own; `cache_mode.warm(client, path)` requests a page anonymously
# first (with the cache on: a miss, then a hit), so a later request shows whether a
# change reached the cache.


class CacheMode:
    def __init__(self, on):
        self.on = on

    def warm(self, client, path):
        """Request `path` anonymously; with the cache on it must be stored and served."""
        first = client.get(path)
        assert first.status_code == 200, f"{path}: {first.status_code}"
        if not self.on:
            return first
        assert first.get("X-Page-Cache") == "miss", f"{path} was not stored in the page cache"
        second = client.get(path)
        assert second.get("X-Page-Cache") == "hit", f"{path} was not served from the page cache"
        return second

    def warm_if_cacheable(self, client, path):
        """As warm() for a page the cache may store; True when it was stored and served."""
        first = client.get(path)
        if not self.on or first.get("X-Page-Cache") != "miss":
            return False
        assert client.get(path).get("X-Page-Cache") == "hit", f"{path} stored, never served"
        return True


@pytest.fixture
def page_cache_on(settings, tmp_path):
    """The anonymous page cache on, in a directory of this test's own."""
    shared = {**settings.CACHES["shared"], "LOCATION": str(tmp_path / "page-cache")}
    settings.CACHES = {**settings.CACHES, "shared": shared}
    settings.PAGE_CACHE_SECONDS = 300
    caches["shared"].clear()
    yield CacheMode(on=True)
    caches["shared"].clear()


@pytest.fixture(params=["page-cache-off", "page-cache-on"])
def cache_mode(request):
    if request.param == "page-cache-on":
        return request.getfixturevalue("page_cache_on")
    return CacheMode(on=False)


# --- The whole session at a fixed moment ---------------------------------------------------
# BUURT_TEST_NOW=2026-12-31T23:30 runs the session as if it were that moment in Amsterdam
# (the clock keeps ticking from there). `make test` runs the date-sensitive modules this
# way at a month end, a year end, both daylight-saving changes and a leap day
# (tests/fixed_dates.py), because a suite that passes today can fail on such a date.
FIXED_NOW_VARIABLE = "BUURT_TEST_NOW"


def fixed_now():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    moment = os.environ.get(FIXED_NOW_VARIABLE)
    if not moment:
        return None
    when = datetime.fromisoformat(moment)
    return when if when.tzinfo else when.replace(tzinfo=ZoneInfo("Europe/Amsterdam"))


def pytest_configure(config):
    import time_machine

    when = fixed_now()
    if when:
        time_machine.travel(when, tick=True).start()


def pytest_report_header(config):
    when = fixed_now()
    return f"clock travelled to {when.isoformat()} ({FIXED_NOW_VARIABLE})" if when else None


# --- Mail goes through the outbox, as in every other setting --------------------------------
@pytest.fixture(scope="session", autouse=True)
def mail_through_the_outbox(django_test_environment):
    """pytest-django switches EMAIL_BACKEND to locmem for the session; put the outbox back
    in front of it (the outbox delivers to locmem, so `mail.outbox` fills as before)."""
    from django.conf import settings

    settings.EMAIL_BACKEND = "outbox.backend.OutboxBackend"
