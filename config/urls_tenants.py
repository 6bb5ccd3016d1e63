"""URLs of every buurt site (any tenant schema)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from buurtpages import legal, signals_views, subscription_views
from buurtpages import views as buurtpages_views
from buurtpages.sitemap import MultilingualSitemap
from tenants import views as tenant_views

urlpatterns = [
    # The second step of logging in, before the admin's own URLs (which need it done).
    path("admin/tweede-stap/", include("tenants.secondfactor.urls")),
    path("admin/", include(wagtailadmin_urls)),
    # Every document through our view: a download with a strict CSP (tenants/views.py).
    re_path(r"^documents/(\d+)/(.*)$", tenant_views.serve_document, name="document"),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("robots.txt", tenant_views.robots_txt, name="robots_txt"),
    path("thema.css", tenant_views.theme_stylesheet, name="theme_stylesheet"),
    path("thema/logo", tenant_views.theme_logo, name="theme_logo"),
    path("media/tenants/<str:schema>/<path:path>", tenant_views.serve_media, name="media"),
]
urlpatterns += i18n_patterns(
    path("zoeken/", buurtpages_views.search, name="search"),
    path("agenda.ics", buurtpages_views.agenda_ics, name="agenda_ics"),
    path("kaart.geojson", buurtpages_views.map_geojson, name="map_geojson"),
    re_path(
        r"^buurtagenda/(?P<year>[0-9]{4})-(?P<month>[0-9]{2})\.pdf$",
        buurtpages_views.agenda_pdf,
        name="agenda_pdf",
    ),
    path("buurtkrant/", buurtpages_views.buurtkrant_archive, name="buurtkrant_archive"),
    path("signaal/", signals_views.report_signal, name="report_signal"),
    path("signaal/bedankt/", signals_views.signal_thanks, name="signal_thanks"),
    path("blijf-op-de-hoogte/", subscription_views.subscribe, name="subscribe"),
    path("blijf-op-de-hoogte/verstuurd/", subscription_views.subscribe_sent, name="subscribe_sent"),
    path(
        "blijf-op-de-hoogte/bevestigen/<str:token>/",
        subscription_views.confirm,
        name="subscription_confirm",
    ),
    path("blijf-op-de-hoogte/<str:token>/", subscription_views.manage, name="subscription_manage"),
    path(
        "blijf-op-de-hoogte/<str:token>/afmelden/",
        subscription_views.unsubscribe,
        name="unsubscribe",
    ),
    path("privacy/", legal.privacy_statement, name="privacy_statement"),
    path("toegankelijkheid/", legal.accessibility_statement, name="accessibility_statement"),
    path("colofon/", legal.colophon, name="colophon"),
    path("", include("workflows.urls")),
    path("", include("trainings.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A database that cannot be reached gets a 503 page in the visitor's language.
handler500 = "tenants.outage.server_error"
