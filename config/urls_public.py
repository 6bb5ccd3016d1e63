"""URLs of the municipality portal (public schema)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from tenants import views as tenant_views

urlpatterns = [
    path("robots.txt", tenant_views.robots_txt, name="robots_txt"),
]
# Unprefixed URLs are Dutch whatever the browser asks for; /en/ gives English.
urlpatterns += i18n_patterns(
    path("dashboard/", include("tenants.dashboard_urls")),
    path("tweede-stap/", include("tenants.secondfactor.urls")),
    path("", include("tenants.portal_urls")),
    prefix_default_language=False,
)

# A database that cannot be reached gets a 503 page in the visitor's language.
handler500 = "tenants.outage.server_error"
