"""Admin integration of the workflows: the "Wacht op jou" panel, inviting people,
account requests, reported pages, the audit log and the log actions."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from workflows import accounts, admin_views, email_change
from workflows.middleware import REVIEWERS_REPORTS, reviews_pages
from workflows.translation_queue import TranslatorLanguagesPanel
from workflows.waiting import waiting_for


class WaitingForYouPanel(Component):
    name = "waiting_for_you"
    template_name = "workflows/admin/waiting_for_you.html"
    order = 10

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"sections": waiting_for(self.user)}


@hooks.register("construct_homepage_panels")
def add_waiting_for_you(request, panels):
    panels.insert(0, WaitingForYouPanel(request.user))


@hooks.register("register_admin_urls")
def register_workflow_admin_urls():
    return [
        path("mensen-uitnodigen/", admin_views.invite, name="invite_people"),
        path("accountaanvragen/", admin_views.account_requests, name="account_requests"),
        path(
            "accountaanvragen/<int:pk>/besluit/",
            admin_views.decide_account_request,
            name="decide_account_request",
        ),
        path("gemeld/", admin_views.moderation_cases, name="moderation_cases"),
        path("gemeld/<int:pk>/", admin_views.moderation_case, name="moderation_case"),
        path("logboek/", admin_views.audit_log, name="audit_log"),
        path("vertalen/", admin_views.translation_queue, name="translation_queue"),
        path(
            "account/e-mailadres/<str:token>/",
            email_change.confirm_email_change,
            name="confirm_email_change",
        ),
    ]


@hooks.register("register_account_settings_panel")
def translator_languages_panel(request, user, profile):
    return TranslatorLanguagesPanel(request, user, profile)


@hooks.register("register_account_settings_panel")
def email_address_panel(request, user, profile):
    """Replaces Wagtail's own address field: a new address must be confirmed first."""
    return email_change.EmailAddressPanel(request, user, profile)


class PermissionMenuItem(MenuItem):
    def __init__(self, label, url_name, permission, icon, order):
        super().__init__(label, reverse(url_name), icon_name=icon, order=order)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def invite_menu_item():
    return PermissionMenuItem(_("Invite people"), "invite_people", "auth.add_user", "mail", 600)


@hooks.register("register_admin_menu_item")
def account_requests_menu_item():
    return PermissionMenuItem(
        _("Account requests"), "account_requests", "workflows.change_accountrequest", "user", 260
    )


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return PermissionMenuItem(
        _("Reported pages"), "moderation_cases", "workflows.change_moderationcase", "flag", 270
    )


@hooks.register("register_admin_menu_item")
def audit_log_menu_item():
    return PermissionMenuItem(
        _("Audit log"), "audit_log", "workflows.view_audit_log", "history", 610
    )


@hooks.register("register_log_actions")
def register_workflow_log_actions(actions):
    actions.register_action(
        "workflows.support_deadline_passed",
        _("Support deadline passed"),
        _("No advice within the deadline: moved on"),
    )
    actions.register_action(
        "workflows.taken_offline",
        _("Taken offline after reports"),
        _("Taken offline after reports from visitors"),
    )
    actions.register_action(
        "workflows.moderation_decided",
        _("Decision on reports"),
        _("A buurtverbinder decided on the reports"),
    )


@hooks.register("before_move_page")
def refuse_moves_one_may_not_make(request, page, destination):
    """Wagtail shows its move confirmation to anyone with admin access and checks the
    permission only when the move is posted: refuse it up front, like every other view."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


# The user list's bulk actions, limited like the user forms; registered after Wagtail's own
# (a later registration of the same action replaces the earlier one).
for _bulk_action in accounts.BULK_ACTIONS:
    hooks.register("register_bulk_action", _bulk_action, order=100)


@hooks.register("construct_reports_menu")
def reports_of_drafts_only_for_reviewers(request, menu_items):
    """The same rule as the views (workflows.middleware): no menu entry that answers 403."""
    if reviews_pages(request.user):
        return
    urls = {reverse(f"wagtailadmin_reports:{name}") for name in REVIEWERS_REPORTS}
    menu_items[:] = [item for item in menu_items if item.url not in urls]
