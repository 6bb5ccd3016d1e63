"""django-tenants' PostgreSQL backend, made cheap to switch schemas and safe on commit.

Three changes to the stock backend:

- On-commit callbacks keep their schema. Wagtail and wagtail-localize queue work with
  `transaction.on_commit` (redirects on a slug change, publishing a translation,
  deleting files). Those callbacks run when the outermost transaction commits, by which
  time the connection may be on another schema (a launch ends on the public schema).
- No redundant `SET search_path`. Stock `set_tenant` forgets the search path it sent,
  so every request pays a `SET` even when the connection already points at the buurt
  (the middleware switches to public and back on every request). We remember what the
  server has and only send a `SET` when it differs.
- No ContentType cache clearing. Stock `set_tenant` empties the whole ContentType cache
  on every switch because ids differ per schema (one extra query per Wagtail request).
  We keep one cache per schema instead (`SchemaContentTypeCache`).
"""

from collections import OrderedDict

from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django_tenants.postgresql_backend import base as tenant_base
from django_tenants.postgresql_backend.base import DatabaseWrapper as TenantDatabaseWrapper

# Content type caches kept at once; a cache is ~100 small objects, rebuilt on demand.
CONTENT_TYPE_CACHES = 256


class SchemaContentTypeCache(OrderedDict):
    """`ContentType.objects._cache`, with one cache per database alias *and* schema.

    ContentTypeManager indexes its cache by database alias (`_cache[using][key]`). We
    answer that with the cache of the schema the alias's connection is on right now
    (per thread, as connections are), so ids of one schema never serve another. The
    tenant's primary key is part of the key: a buurt dropped and launched again under
    the same name gets fresh ids.
    """

    @staticmethod
    def _schema_key(using):
        connection = connections[using]
        tenant = getattr(connection, "tenant", None)
        return (using, connection.schema_name, getattr(tenant, "pk", None))

    def __getitem__(self, using):
        key = self._schema_key(using)
        self.move_to_end(key)
        return super().__getitem__(key)

    def setdefault(self, using, default=None):
        key = self._schema_key(using)
        if key not in self:
            super().__setitem__(key, default)
            while len(self) > CONTENT_TYPE_CACHES:
                self.popitem(last=False)
        return super().__getitem__(key)


def install_schema_content_type_cache():
    if not isinstance(ContentType.objects._cache, SchemaContentTypeCache):
        ContentType.objects._cache = SchemaContentTypeCache()


class DatabaseWrapper(TenantDatabaseWrapper):
    def __init__(self, *args, **kwargs):
        # The search path the server has on this connection (None: unknown).
        self.applied_search_path = None
        super().__init__(*args, **kwargs)
        install_schema_content_type_cache()

    def set_tenant(self, tenant, include_public=True):
        """As django-tenants' set_tenant, without clearing the ContentType cache and
        without forgetting a search path the connection already has."""
        self.tenant = tenant
        self.schema_name = tenant.schema_name
        self.include_public_schema = include_public
        self.set_settings_schema(self.schema_name)
        if tenant_base.EXTRA_SET_TENANT_METHOD:
            tenant_base.EXTRA_SET_TENANT_METHOD(self, tenant)
        wanted = self._get_cursor_search_paths()
        self.search_path_set_schemas = wanted if wanted == self.applied_search_path else None

    def _handle_search_path(self, cursor=None):
        super()._handle_search_path(cursor)
        if not self._setting_search_path:
            self.applied_search_path = self.search_path_set_schemas

    # A rollback reverts a SET made in the transaction; a new connection has none.
    def close(self):
        self.applied_search_path = None
        super().close()

    def rollback(self):
        self.applied_search_path = None
        super().rollback()

    def savepoint_rollback(self, sid):
        try:
            super().savepoint_rollback(sid)
        finally:
            self.applied_search_path = None

    def init_connection_state(self):
        self.applied_search_path = None
        self.search_path_set_schemas = None
        super().init_connection_state()

    def on_commit(self, func, robust=False):
        tenant = self.tenant

        def run_on_queued_schema():
            current = self.tenant
            self.set_tenant(tenant)
            try:
                func()
            finally:
                self.set_tenant(current)

        super().on_commit(run_on_queued_schema, robust=robust)
