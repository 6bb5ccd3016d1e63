from django.conf import settings
from django_tenants.utils import get_public_schema_name


def buurt(request):
    tenant = getattr(request, "tenant", None)
    is_buurt = tenant is not None and tenant.schema_name != get_public_schema_name()
    return {
        "buurt": tenant if is_buurt else None,
        "portal_url": f"//{settings.PORTAL_DOMAIN}{_port_suffix(request)}/",
    }


def _port_suffix(request):
    port = request.get_port()
    return "" if port in ("80", "443") else f":{port}"
