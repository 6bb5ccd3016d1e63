"""django-tenants' PostgreSQL backend, plus on-commit callbacks that keep their schema.

Wagtail and wagtail-localize queue work with `transaction.on_commit` (redirects on a
slug change, publishing a translation, deleting files). Those callbacks run when the
outermost transaction commits, by which time the connection may be on another schema
(a launch ends on the public schema) and the callback would read or write the wrong
buurt. Every callback therefore runs on the schema that was active when it was queued.
"""

from django_tenants.postgresql_backend.base import DatabaseWrapper as TenantDatabaseWrapper


class DatabaseWrapper(TenantDatabaseWrapper):
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
