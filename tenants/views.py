from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponse
from django.views.static import serve


def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /zoeken/"]
    if getattr(request, "tenant", None) and request.tenant.schema_name != "public":
        lines.append(f"Sitemap: {sitemap_url}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def serve_media(request, schema, path):
    """Serve a media file only on its own buurt's host; every other host gets a 404."""
    if schema != connection.schema_name:
        raise Http404
    return serve(request, path, document_root=Path(settings.MEDIA_ROOT) / "tenants" / schema)
