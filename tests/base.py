"""Tenant-aware helpers for tests.

The test database holds the portal, the blueprint and three launched buurten
(alpha, beta, gamma), built once per session in conftest.py. Each test runs in a
transaction that is rolled back, schema changes included, so a test may launch
buurten of its own.
"""

from contextlib import contextmanager

from django.test import Client

from tenants.across import in_buurt
from tenants.models import Buurt

# The password UserFactory gives every user.
DEMO_PASSWORD = "buurt-demo"

TEST_BUURTEN = [
    ("alpha", "Alphabuurt", ["nl", "en"]),
    ("beta", "Betawijk", ["nl", "ar"]),
    ("gamma", "Gammadorp", ["nl", "tr", "pl"]),
]


def client_for(buurt_or_host):
    """A test client whose requests go to a buurt's host (or any host name)."""
    host = buurt_or_host if isinstance(buurt_or_host, str) else buurt_or_host.primary_domain
    return Client(HTTP_HOST=host)


@contextmanager
def inside(buurt):
    """Run ORM code in a buurt's schema, and come back to the public schema after."""
    with in_buurt(buurt):
        yield buurt


def logged_in(buurt, username, role=None):
    """A client logged in through the buurt's own admin login form.

    With `role`, the user is created in that buurt first (password: DEMO_PASSWORD).
    """
    from workflows.factories import UserFactory

    if role:
        with inside(buurt):
            UserFactory(username=username, email=username, roles=[role])
    client = client_for(buurt)
    response = client.post("/admin/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"{username} could not log in on {buurt}"
    return client


def get_buurt(slug):
    return Buurt.objects.get(schema_name=slug)


def refused(response):
    """A refusal as the admin gives it: 403, or a redirect to exactly the dashboard (never
    the login page: that is what a logged-out client gets, and proves nothing)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )
