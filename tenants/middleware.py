from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseNotFound
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django_tenants.middleware.main import TenantMainMiddleware
from django_tenants.utils import get_public_schema_name, get_tenant_domain_model

from kernel.roles import BUURT_ADMIN, has_role
from tenants.across import use_buurt_for_request, use_public_schema
from tenants.hostmap import host_map
from tenants.models import Buurt

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
        if is_archived(tenant):  # its schema is gone: nothing else may be looked up
            use_public_schema()
            return archived_response(request, tenant)
        tenant.domain_url = hostname
        request.tenant = tenant
        use_buurt_for_request(tenant)
        # django-tenants' setup_url_routing, minus its settings lookups per request.
        if tenant.schema_name == PUBLIC_SCHEMA:
            request.urlconf = settings.PUBLIC_SCHEMA_URLCONF
        if is_suspended(tenant) and not may_wait_for_buurt_admin(request):
            return suspended_response(request, tenant)

    def get_tenant(self, domain_model, hostname):
        return host_map.lookup(hostname, lambda host: self._load_tenant(domain_model, host))

    @staticmethod
    def _load_tenant(domain_model, hostname):
        # The Domain table lives in the public schema.
        use_public_schema()
        return (
            domain_model.objects.select_related("tenant__municipality").get(domain=hostname).tenant
        )

    def no_tenant_found(self, request, hostname):
        """Rendered without any tenant context (no Wagtail site exists for the host),
        which is what keeps it from becoming a 500."""
        html = render_to_string("404_unknown_host.html", {"hostname": hostname})
        return HttpResponseNotFound(html)


# How long a visitor is asked to wait before trying a suspended buurt again.
SUSPENDED_RETRY_AFTER_SECONDS = 3600

# Admin paths of a suspended buurt left open to everyone: without them its Buurtbeheerder
# could not log in (or out); every other admin path is checked after authentication.
ADMIN_PATHS_OPEN_WHILE_SUSPENDED = ("/admin/login/", "/admin/logout/")


def is_suspended(buurt):
    """Read from the buurt row the host map already holds: no query per request."""
    return buurt.status == Buurt.Status.SUSPENDED


def is_archived(buurt):
    return buurt.status == Buurt.Status.ARCHIVED


def archived_response(request, buurt):
    """A plain 410 page: the buurt is gone for good (backed up, schema dropped)."""
    response = plain_page("410_archived.html", request, buurt, status=410)
    add_never_cache_headers(response)
    return response


def plain_page(template, request, buurt, status):
    """A page without any buurt content, in the language of the path's prefix when the
    buurt offers it, else in the buurt's first language."""
    language = translation.get_language_from_path(request.path_info)
    if language not in buurt.languages:
        language = buurt.languages[0] if buurt.languages else settings.LANGUAGE_CODE
    return page_in_language(template, language, status)


def page_in_language(template, language, status):
    """A template that needs nothing but its language: no request context, no context
    processors and so no database (the outage page uses it too)."""
    with translation.override(language):
        html = render_to_string(
            template, {"language": language, "bidi": translation.get_language_bidi()}
        )
    return HttpResponse(html, status=status)


def may_wait_for_buurt_admin(request):
    """Admin requests are decided later, once the user is known (SuspendedAdminMiddleware)."""
    return request.path_info.startswith("/admin/")


def suspended_response(request, buurt):
    """A plain 503 page in the visitor's language (the language prefix of the path, when
    the buurt offers it; else the buurt's first language), never stored by any cache."""
    response = plain_page("503_suspended.html", request, buurt, status=503)
    response["Retry-After"] = str(SUSPENDED_RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class SuspendedAdminMiddleware:
    """The admin of a suspended buurt is closed to everyone but its Buurtbeheerder.

    Placed after authentication: the host middleware lets admin paths of a suspended
    buurt through only so that this one can ask who is there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        buurt = getattr(request, "tenant", None)
        if (
            buurt is not None
            and is_suspended(buurt)
            and not request.path_info.startswith(ADMIN_PATHS_OPEN_WHILE_SUSPENDED)
            and not has_role(request.user, BUURT_ADMIN)
        ):
            return suspended_response(request, buurt)
        return self.get_response(request)
