"""Middleware of the single-schema baseline (config/settings/single.py)."""

from django.conf import settings


class SingleSiteMiddleware:
    """Every request belongs to the one site; its row is read once per process.

    request.tenant is set because templates show the buurt's name and languages; the
    page cache keys on it too.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.site = None

    def __call__(self, request):
        if self.site is None:
            from tenants.models import Buurt

            self.site = Buurt.objects.get(schema_name=settings.SINGLE_SCHEMA)
        request.tenant = self.site
        return self.get_response(request)
