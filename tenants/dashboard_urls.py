from django.urls import path

from tenants import dashboard_views

app_name = "dashboard"
urlpatterns = [
    path("", dashboard_views.MunicipalityDashboardView.as_view(), name="home"),
    path("buurten.csv", dashboard_views.MunicipalityDashboardCsvView.as_view(), name="csv"),
]
