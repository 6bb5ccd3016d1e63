from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponseNotFound
from django.template.loader import render_to_string
from django_tenants.middleware.main import TenantMainMiddleware
from django_tenants.utils import get_public_schema_name, get_tenant_domain_model

from tenants.across import use_buurt_for_request, use_public_schema
from tenants.hostmap import host_map

PUBLIC_SCHEMA = get_public_schema_name()


class BuurtMiddleware(TenantMainMiddleware):
    """Selects the buurt's schema from the host; an unknown host gets a plain 404 page.

    Hosts are resolved through the in-process host map (tenants/hostmap.py), so a
    request for a known host sends no query here; with the database backend keeping the
    search path it already set, a page-cache hit never touches PostgreSQL.
    """

    def process_request(self, request):
        # As django-tenants', without switching to public first: only a host-map miss
        # reads the public schema (_load_tenant), a hit needs no schema at all.
        try:
            hostname = self.hostname_from_request(request)
        except DisallowedHost:
            return HttpResponseNotFound()
        domain_model = get_tenant_domain_model()
        try:
            tenant = self.get_tenant(domain_model, hostname)
        except domain_model.DoesNotExist:
            use_public_schema()
            return self.no_tenant_found(request, hostname)
        tenant.domain_url = hostname
        request.tenant = tenant
        use_buurt_for_request(tenant)
        # django-tenants' setup_url_routing, minus its settings lookups per request.
        if tenant.schema_name == PUBLIC_SCHEMA:
            request.urlconf = settings.PUBLIC_SCHEMA_URLCONF

    def get_tenant(self, domain_model, hostname):
        return host_map.lookup(hostname, lambda host: self._load_tenant(domain_model, host))

    @staticmethod
    def _load_tenant(domain_model, hostname):
        # The Domain table lives in the public schema.
        use_public_schema()
        return domain_model.objects.select_related("tenant").get(domain=hostname).tenant

    def no_tenant_found(self, request, hostname):
        """Rendered without any tenant context (no Wagtail site exists for the host),
        which is what keeps it from becoming a 500."""
        html = render_to_string("404_unknown_host.html", {"hostname": hostname})
        return HttpResponseNotFound(html)
