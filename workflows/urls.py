from django.urls import path

import kernel.converters  # noqa: F401  (the token converter)
from workflows import views

urlpatterns = [
    path("toestemming/<token:token>/", views.person_consent, name="person_consent"),
    path("melden/<int:page_id>/", views.report_page, name="report_page"),
    path("melden/bedankt/", views.report_thanks, name="report_thanks"),
    path("account-aanvragen/", views.request_account, name="request_account"),
    path(
        "account-aanvragen/bedankt/",
        views.account_request_thanks,
        name="account_request_thanks",
    ),
]
