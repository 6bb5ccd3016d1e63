"""The second step of logging in; under /admin/ on a buurt site, on the portal at its root."""

from django.urls import path

from tenants.secondfactor import views

app_name = "second_factor"
urlpatterns = [
    path("", views.verify, name="verify"),
    path("instellen/", views.setup, name="setup"),
]
