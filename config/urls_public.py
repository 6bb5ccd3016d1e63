"""URLs of the municipality portal (public schema)."""

from django.urls import include, path

from tenants import views as tenant_views

urlpatterns = [
    path("robots.txt", tenant_views.robots_txt, name="robots_txt"),
    path("", include("tenants.portal_urls")),
]
