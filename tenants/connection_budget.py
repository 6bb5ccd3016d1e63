"""A worker's PostgreSQL connection is replaced once it has served many buurten.

A PostgreSQL backend caches the catalog entries of every relation it touches and never
gives them back; each buurt schema adds ~610 relations, so a long-lived connection that
has served a random mix of buurten grows to hundreds of MB (102 MB after a load over
300 buurten). Each process notes the schemas its current connection has been switched
to; when a request ends with more than DB_CONNECTION_MAX_SCHEMAS, the connection is
closed and the next request opens a fresh one (a few ms), so a backend's memory is
bounded by the schemas it may touch, not by how many buurten exist.
"""

from django.conf import settings
from django.db import connection


class SchemaBudget:
    def __init__(self):
        self._connection = None
        self.schemas = set()

    def note(self, schema_name):
        # Never opens a connection: a page served from the cache must not touch
        # PostgreSQL. Without one yet (None), the schemas count for the connection the
        # request will open; a different open connection starts with an empty cache.
        raw = connection.connection
        if raw is not self._connection:
            if self._connection is not None:
                self.schemas = set()
            self._connection = raw
        self.schemas.add(schema_name)

    def spent(self):
        return len(self.schemas) > settings.DB_CONNECTION_MAX_SCHEMAS

    def recycle_if_spent(self):
        """Close the connection if it served too many schemas and no transaction is open."""
        if self.spent() and not connection.in_atomic_block:
            connection.close()
            self._connection = None
            self.schemas = set()
            return True
        return False


budget = SchemaBudget()


def recycle_after_request(sender, **kwargs):
    budget.recycle_if_spent()
