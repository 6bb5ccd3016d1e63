from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponse
from django.views.static import serve
from wagtail.documents.views.serve import serve as wagtail_document_serve

from tenants import media_access, theme
from tenants.models import MunicipalityLogo


def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /zoeken/"]
    if getattr(request, "tenant", None) and request.tenant.schema_name != "public":
        lines.append(f"Sitemap: {sitemap_url}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def serve_media(request, schema, path):
    """Serve a media file only on its own buurt's host (every other host gets a 404), and
    only to who may see it (tenants/media_access.py), with headers that run nothing."""
    if schema != connection.schema_name:
        raise Http404
    allowed, public = media_access.may_fetch(request, path)
    if not allowed:
        raise Http404
    response = serve(request, path, document_root=Path(settings.MEDIA_ROOT) / "tenants" / schema)
    return media_access.protect(response, public)


def serve_document(request, document_id, document_filename):
    """Wagtail's document view (its collection privacy and filename check) with headers
    that make every document a download that runs nothing in the browser."""
    response = wagtail_document_serve(request, document_id, document_filename)
    if response.status_code == 200:
        response["Content-Disposition"] = attachment_header(response.get("Content-Disposition"))
        media_access.protect(response, public=False)
    return response


def attachment_header(disposition):
    """The same file name, always as an attachment (never shown inline)."""
    if not disposition:
        return "attachment"
    _kind, _separator, parameters = disposition.partition(";")
    return f"attachment;{parameters}" if parameters else "attachment"


def municipality_of(request):
    """The municipality whose look this buurt host wears (404 on the portal, or for a
    buurt that belongs to none)."""
    tenant = getattr(request, "tenant", None)
    municipality = getattr(tenant, "municipality", None)
    if tenant is None or tenant.schema_name == "public" or municipality is None:
        raise Http404
    return municipality


def theme_stylesheet(request):
    """The municipality's design tokens; the address carries the theme version, so a
    year of caching is safe."""
    response = HttpResponse(theme.stylesheet(municipality_of(request)), content_type="text/css")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def theme_logo(request):
    municipality = municipality_of(request)
    logo = MunicipalityLogo.objects.filter(municipality=municipality).first()
    if logo is None:
        raise Http404
    response = HttpResponse(bytes(logo.data), content_type=logo.content_type)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return media_access.protect(response, public=True)
