from django.contrib.auth import views as auth_views
from django.urls import path

from tenants import portal_views, theme_views

app_name = "portal"
urlpatterns = [
    path("", portal_views.PortalHomeView.as_view(), name="home"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(template_name="portal/login.html", next_page="portal:home"),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(next_page="portal:home"), name="logout"),
    path("buurten/nieuw/", portal_views.LaunchBuurtView.as_view(), name="launch"),
    path("buurten/<str:slug>/", portal_views.BuurtDetailView.as_view(), name="buurt"),
    path(
        "gemeenten/<slug:slug>/huisstijl/",
        theme_views.MunicipalityThemeView.as_view(),
        name="theme",
    ),
    path("gemeenten/<slug:slug>/logo", theme_views.municipality_logo, name="theme_logo"),
]
