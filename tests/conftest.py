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
