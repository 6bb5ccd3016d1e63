from django.http import HttpResponseNotFound
from django.template.loader import render_to_string
from django_tenants.middleware.main import TenantMainMiddleware


class BuurtMiddleware(TenantMainMiddleware):
    """Selects the buurt's schema from the host; an unknown host gets a plain 404 page.

    The page is rendered without any tenant context (no Wagtail site exists for the
    host), which is what keeps it from becoming a 500.
    """

    def no_tenant_found(self, request, hostname):
        html = render_to_string("404_unknown_host.html", {"hostname": hostname})
        return HttpResponseNotFound(html)
