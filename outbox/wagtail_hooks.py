"""The outbox in the admin: a dashboard notice when mails keep failing, the list, and
its retry and cancel buttons (for who may see outgoing mail: the Buurtbeheerder)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from outbox import admin_views
from outbox.models import failing_mails


class FailingMailsPanel(Component):
    name = "failing_mails"
    template_name = "outbox/admin/failing_mails_panel.html"
    order = 5

    def __init__(self, count):
        self.count = count

    def get_context_data(self, parent_context):
        return {"count": self.count, "url": reverse("outgoing_mails")}


@hooks.register("construct_homepage_panels")
def add_failing_mails(request, panels):
    if request.user.has_perm(admin_views.VIEW):
        count = failing_mails().count()
        if count:
            panels.insert(0, FailingMailsPanel(count))


@hooks.register("register_admin_urls")
def register_outbox_admin_urls():
    return [
        path("uitgaande-mail/", admin_views.outgoing_mails, name="outgoing_mails"),
        path(
            "uitgaande-mail/<int:pk>/opnieuw/",
            admin_views.retry_outgoing_mail,
            name="retry_outgoing_mail",
        ),
        path(
            "uitgaande-mail/<int:pk>/annuleren/",
            admin_views.cancel_outgoing_mail,
            name="cancel_outgoing_mail",
        ),
    ]


class OutboxMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW)


@hooks.register("register_admin_menu_item")
def outbox_menu_item():
    return OutboxMenuItem(
        _("Outgoing mail"), reverse("outgoing_mails"), icon_name="mail", order=620
    )
