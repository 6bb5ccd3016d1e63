"""One way to work across buurten: every schema switch of the platform goes through here.

Each buurt lives in its own PostgreSQL schema. Code that visits several buurten (the
municipality dashboard, hourly commands, migrations, backups, privacy requests) must
always come back to the public schema, also when the work inside a buurt fails: a
connection left on a buurt's schema would make the next query read that buurt's data.
"""

from contextlib import contextmanager

from django.db import connection

from tenants.models import Buurt


def live_buurten():
    """The buurten residents use now, in a stable order."""
    return Buurt.objects.filter(status=Buurt.Status.LIVE).order_by("schema_name")


@contextmanager
def in_buurt(buurt):
    """Run the block in `buurt`'s schema; back on the public schema afterwards, always."""
    connection.set_tenant(buurt)
    note_schema(buurt)
    try:
        yield buurt
    finally:
        connection.set_schema_to_public()


def each_buurt(queryset=None):
    """Yield each buurt (default: every live one) with the connection switched to it.

    The buurten are read from the public schema before the first switch; after each
    buurt, and when the caller stops early or fails, the connection is public again.
    """
    buurten = list(live_buurten() if queryset is None else queryset)
    for buurt in buurten:
        with in_buurt(buurt):
            yield buurt
        recycle_connection_if_spent()


def collect(fn, queryset=None):
    """{buurt: fn()} with fn run inside each buurt (default: every live one), in order."""
    return {buurt: fn() for buurt in each_buurt(queryset)}


def use_public_schema():
    """Leave any buurt: for code that does not know where the connection is (a request
    for an unknown host, a schema that is about to be dropped or was just cloned)."""
    connection.set_schema_to_public()


def use_buurt_for_request(buurt):
    """Switch to `buurt` until the next switch: only for the request middleware, where
    the switch lasts for the whole request rather than a block."""
    connection.set_tenant(buurt)
    note_schema(buurt)


def note_schema(buurt):
    """Count the schema against the connection's budget (tenants.connection_budget)."""
    from tenants.connection_budget import budget

    budget.note(buurt.schema_name)


def recycle_connection_if_spent():
    """Between buurten of a long walk (commands): a fresh connection once the budget is spent."""
    from tenants.connection_budget import budget

    budget.recycle_if_spent()
