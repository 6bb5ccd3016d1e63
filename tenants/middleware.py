from django.db import connection
from django.http import HttpResponseNotFound
from django.template.loader import render_to_string
from django_tenants.middleware.main import TenantMainMiddleware

from tenants.hostmap import host_map


class BuurtMiddleware(TenantMainMiddleware):
    """Selects the buurt's schema from the host; an unknown host gets a plain 404 page.

    Hosts are resolved through the in-process host map (tenants/hostmap.py), so a
    request for a known host sends no query here; with the database backend keeping the
    search path it already set, a page-cache hit never touches PostgreSQL.
    """

    def get_tenant(self, domain_model, hostname):
        return host_map.lookup(hostname, lambda host: self._load_tenant(domain_model, host))

    @staticmethod
    def _load_tenant(domain_model, hostname):
        # The Domain table lives in the public schema.
        connection.set_schema_to_public()
        return domain_model.objects.select_related("tenant").get(domain=hostname).tenant

    def no_tenant_found(self, request, hostname):
        """Rendered without any tenant context (no Wagtail site exists for the host),
        which is what keeps it from becoming a 500."""
        html = render_to_string("404_unknown_host.html", {"hostname": hostname})
        return HttpResponseNotFound(html)
