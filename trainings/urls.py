from django.urls import path

import kernel.converters  # noqa: F401  (the token converter)
from trainings import views

app_name = "trainings"
urlpatterns = [
    path("inwonersavond/", views.evening_signup, name="evening"),
    path("inwonersavond/<int:pk>/", views.evening_signup, name="evening_signup"),
    path("inwonersavond/bedankt/", views.signup_thanks, name="signup_thanks"),
    path("training/beschikbaarheid/<token:token>/", views.availability, name="availability"),
]
