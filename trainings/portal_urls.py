from django.urls import path

from trainings import portal_views

app_name = "dashboard"
urlpatterns = [
    path("", portal_views.MunicipalityDashboardView.as_view(), name="home"),
    path("buurten.csv", portal_views.MunicipalityDashboardCsvView.as_view(), name="csv"),
]
