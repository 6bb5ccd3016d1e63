"""Admin integration: signals are triaged in the Wagtail admin, never shown publicly."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from buurtpages import admin_views, buurtkrant, krant_admin, on_behalf
from buurtpages.models import ActivityPage, InitiativePage, Signal
from buurtpages.panels import SignalActionsPanel
from buurtpages.steps import START_OVERRIDE_ACTION
from buurtpages.write import starts_for


class SignalViewSet(SnippetViewSet):
    model = Signal
    icon = "warning"
    menu_label = gettext_lazy("Signals")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["__str__", "category", "status", "via_connector", "created_at"]
    list_filter = ["status", "category"]
    search_fields = ["description", "location"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("category", read_only=True),
                FieldPanel("description", read_only=True),
                FieldPanel("location", read_only=True),
                FieldPanel("contact_name", read_only=True),
                FieldPanel("contact_email", read_only=True),
                FieldPanel("contact_phone", read_only=True),
                FieldPanel("created_at", read_only=True),
            ],
            heading=gettext_lazy("The signal"),
        ),
        MultiFieldPanel(
            [SignalActionsPanel(), FieldPanel("status"), FieldPanel("triage_note")],
            heading=gettext_lazy("Triage"),
        ),
    ]


register_snippet(SignalViewSet)


def signal_to_initiative(request, pk):
    """Turn a signal into an initiative draft and open it in the page editor."""
    if request.method != "POST" or not request.user.has_perm("buurtpages.change_signal"):
        raise PermissionDenied
    signal = get_object_or_404(Signal, pk=pk)
    draft = signal.turn_into_initiative(request.user)
    messages.success(request, _("An initiative draft was made from the signal."))
    return redirect(reverse("wagtailadmin_pages:edit", args=[draft.pk]))


@hooks.register("register_admin_urls")
def register_buurt_admin_urls():
    return [
        path("signalen/<int:pk>/initiatief/", signal_to_initiative, name="signal_to_initiative"),
        path(
            "activiteiten/<int:page_id>/aanmeldingen/",
            admin_views.activity_registrations,
            name="activity_registrations",
        ),
        path("buurtagenda/", admin_views.printed_agendas, name="printed_agendas"),
        path("verwijskaartjes/", admin_views.referral_slips, name="referral_slips"),
        path("buurtkrant/", krant_admin.editions, name="buurtkrant_editions"),
        path("buurtkrant/nieuw/", krant_admin.edit, name="buurtkrant_new"),
        path("buurtkrant/<int:pk>/", krant_admin.edit, name="buurtkrant_edit"),
        path("buurtkrant/<int:pk>/voorbeeld/", krant_admin.preview, name="buurtkrant_preview"),
        path("buurtkrant/<int:pk>/publiceren/", krant_admin.publish, name="buurtkrant_publish"),
        path(
            "initiatieven/<int:page_id>/hulpaanbod/",
            admin_views.initiative_help_offers,
            name="initiative_help_offers",
        ),
        path(
            "hulpaanbod/<int:pk>/antwoord/",
            admin_views.answer_help_offer,
            name="answer_help_offer",
        ),
        path(
            "namens-bewoner/initiatieven/<int:page_id>/",
            on_behalf.offer_for_resident,
            name="offer_for_resident",
        ),
        path(
            "namens-bewoner/activiteiten/<int:page_id>/",
            on_behalf.sign_up_for_resident,
            name="sign_up_for_resident",
        ),
        path("namens-bewoner/signaal/", on_behalf.signal_for_resident, name="signal_for_resident"),
    ]


class ReferralSlipsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_make_referral_slips(request.user)


@hooks.register("register_admin_menu_item")
def referral_slips_menu_item():
    return ReferralSlipsMenuItem(
        gettext_lazy("Referral slips"), reverse("referral_slips"), icon_name="doc-full", order=261
    )


class SignalForResidentMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("buurtpages.change_signal")


@hooks.register("register_admin_menu_item")
def signal_for_resident_menu_item():
    """For buurtverbinders: a resident who came by or called tells them a signal."""
    return SignalForResidentMenuItem(
        gettext_lazy("Record a signal for a resident"),
        reverse("signal_for_resident"),
        icon_name="comment",
        order=262,
    )


@hooks.register("register_admin_menu_item")
def printed_agendas_menu_item():
    return MenuItem(
        gettext_lazy("Printed agenda"), reverse("printed_agendas"), icon_name="doc-full", order=260
    )


class BuurtkrantMenuItem(MenuItem):
    def is_shown(self, request):
        return krant_admin.may_see(request.user)


@hooks.register("register_admin_menu_item")
def buurtkrant_menu_item():
    """For buurtverbinders who make an edition and the Buurtbeheerder who publishes it."""
    return BuurtkrantMenuItem(
        gettext_lazy("Buurtkrant"), reverse("buurtkrant_editions"), icon_name="doc-full", order=263
    )


@hooks.register("register_page_listing_more_buttons")
def registrations_button(page, user, next_url=None):
    is_activity = isinstance(page.specific_deferred, ActivityPage)
    if is_activity and page.permissions_for_user(user).can_edit():
        url = reverse("activity_registrations", args=[page.pk])
        yield Button(_("Sign-ups"), url, priority=60)


@hooks.register("register_page_listing_more_buttons")
def help_offers_button(page, user, next_url=None):
    is_initiative = isinstance(page.specific_deferred, InitiativePage)
    if is_initiative and page.permissions_for_user(user).can_edit():
        url = reverse("initiative_help_offers", args=[page.pk])
        yield Button(_("Offers of help"), url, priority=61)


class WriteSomethingPanel(Component):
    """Dashboard links straight to the "new activity / story / initiative" forms."""

    name = "write_something"
    template_name = "buurtpages/panels/write_something.html"
    order = 5

    def __init__(self, starts):
        self.starts = starts

    def get_context_data(self, parent_context):
        return {"starts": self.starts}


@hooks.register("construct_homepage_panels")
def add_write_something(request, panels):
    starts = starts_for(request.user)
    if starts:
        panels.insert(0, WriteSomethingPanel(starts))


@hooks.register("construct_page_action_menu")
def submit_first_for_residents(menu_items, request, context):
    """Who cannot publish sees "send for review" as the big button, not "save draft"
    (otherwise it hides in the menu next to it and pages stay drafts by mistake)."""
    names = [item.name for item in menu_items]
    if "action-publish" in names or "action-submit" not in names:
        return
    submit = menu_items.pop(names.index("action-submit"))
    menu_items.insert(0, submit)


@hooks.register("register_log_actions")
def register_start_override(actions):
    actions.register_action(
        START_OVERRIDE_ACTION,
        gettext_lazy("Start without a complete team"),
        gettext_lazy("Made active without a complete team"),
    )
    actions.register_action(
        buurtkrant.PUBLISH_ACTION,
        gettext_lazy("Publish the buurtkrant"),
        gettext_lazy("Buurtkrant published"),
    )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def log_start_override(request, page):
    """A buurtverbinder started the initiative before every role was filled: who, when
    and why go to the audit log."""
    reason = getattr(page, "start_override_to_log", "")
    if reason:
        log(
            instance=page,
            action=START_OVERRIDE_ACTION,
            user=request.user,
            data={"reason": reason},
        )
