"""The buurt admin's side of the second factor: resetting someone's device from the user
list, and the audit log's name for it."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from tenants.secondfactor import admin_views


@hooks.register("register_admin_urls")
def register_reset_url():
    return [
        path(
            "tweede-stap-herstellen/<int:user_id>/",
            admin_views.reset_second_factor,
            name="reset_second_factor",
        )
    ]


@hooks.register("register_user_listing_buttons")
def reset_button(user, request_user):
    if admin_views.may_reset(request_user, user):
        url = reverse("reset_second_factor", args=[user.pk])
        yield Button(_("Reset second factor"), url, priority=60, icon_name="key")


@hooks.register("register_log_actions")
def register_reset_action(actions):
    actions.register_action(
        admin_views.RESET_ACTION,
        _("Second factor reset"),
        _("Second factor reset by a buurtbeheerder"),
    )
