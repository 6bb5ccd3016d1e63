"""Wagtail's users app with our own user screens (workflows.accounts): the stock ones let
anyone who may add users make superusers and grant any group."""

from wagtail.users.apps import WagtailUsersAppConfig


class BuurtUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "workflows.accounts.BuurtUserViewSet"
