"""A worker's database connection is replaced after it has served too many buurten, so
its PostgreSQL backend's catalog cache (memory) stays bounded."""

import time

import pytest
from django.db import connection

from tests.test_gunicorn_forwarding import get, gunicorn_server  # noqa: F401 (fixture)

SERVER_STARTED = {}


@pytest.fixture
def server_with_budget_of_two(monkeypatch, request):
    """gunicorn (one worker) whose connection may serve two schemas."""
    monkeypatch.setenv("DB_CONNECTION_MAX_SCHEMAS", "2")
    # Backends opened before the server (connections other tests' live servers left
    # open in this process) are not the worker's.
    with connection.cursor() as cursor:
        cursor.execute("SELECT clock_timestamp()")
        SERVER_STARTED["at"] = cursor.fetchone()[0]
    return request.getfixturevalue("gunicorn_server")


# A query string keeps the page cache out of it (a cached page opens no connection).
UNCACHED_HOME = "/?budget=1"


def worker_backends():
    """PostgreSQL backends on the test database other than this test's own."""
    with connection.cursor() as cursor:
        # The test runs in a transaction, which would keep seeing one snapshot of it.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend' "
            "AND backend_start >= %s",
            [SERVER_STARTED["at"]],
        )
        return {row[0] for row in cursor.fetchall()}


def backends_settle():
    """The worker closes its connection after the response went out: give it a moment."""
    deadline = time.monotonic() + 10
    backends = worker_backends()
    while len(backends) != 1 and time.monotonic() < deadline:
        time.sleep(0.05)
        backends = worker_backends()
    return backends


def test_the_connection_is_replaced_after_serving_more_schemas_than_the_budget(
    alpha, beta, gamma, server_with_budget_of_two
):
    server = server_with_budget_of_two
    assert get(server, alpha.primary_domain, UNCACHED_HOME)[0] == 200
    (first,) = worker_backends()
    assert get(server, beta.primary_domain, UNCACHED_HOME)[0] == 200
    assert worker_backends() == {first}  # two schemas: within the budget, kept
    assert get(server, alpha.primary_domain, UNCACHED_HOME)[0] == 200
    assert worker_backends() == {first}  # a schema it knows costs nothing
    assert get(server, gamma.primary_domain, UNCACHED_HOME)[0] == 200
    deadline = time.monotonic() + 10
    while first in worker_backends() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert first not in worker_backends()  # the third schema: closed after the request
    assert get(server, gamma.primary_domain, UNCACHED_HOME)[0] == 200
    (second,) = backends_settle()
    assert second != first
