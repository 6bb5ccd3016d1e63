"""Admin integration of the trainings: organisers' menus, poll/attendance views, dashboard."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from buurtpages.initiative_numbers import step_counts_for_current_buurt
from trainings import admin_views
from trainings.balance import roster_balance
from trainings.models import (
    Cohort,
    InterestSignup,
    ModuleMaterial,
    ResidentsEvening,
    RosterMember,
)
from trainings.notices import notices_for_team
from trainings.panels import CohortToolsPanel
from trainings.stappenplan import next_step, stappenplan, steps_reached


class ResidentsEveningViewSet(SnippetViewSet):
    model = ResidentsEvening
    icon = "date"
    menu_label = _("Inwonersavonden")
    list_display = ["title", "starts_at", "place", "signups_open"]
    panels = [
        FieldPanel("title"),
        FieldPanel("starts_at"),
        FieldPanel("place"),
        FieldPanel("description"),
        FieldPanel("signups_open"),
    ]


class InterestSignupViewSet(SnippetViewSet):
    model = InterestSignup
    icon = "user"
    menu_label = _("Interested residents")
    list_display = ["name", "evening", "hours_per_week", "created_at"]
    list_filter = ["evening"]
    search_fields = ["name", "cares_about"]
    panels = [
        FieldPanel("evening"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("languages"),
        FieldPanel("cares_about"),
        FieldPanel("hours_per_week"),
    ]


class CohortViewSet(SnippetViewSet):
    model = Cohort
    icon = "group"
    menu_label = _("Cohorts")
    list_display = ["name", "status", "created_at"]
    panels = [
        CohortToolsPanel(heading=_("Composition and planning")),
        FieldPanel("name"),
        FieldPanel("evening"),
        FieldPanel("status"),
        InlinePanel("members", heading=_("Participants"), label=_("participant")),
        MultiFieldPanel(
            [InlinePanel("candidate_dates", label=_("candidate date"))],
            heading=_("Candidate dates for the training"),
        ),
        MultiFieldPanel(
            [InlinePanel("sessions", label=_("training day"), max_num=3)],
            heading=_("Training days"),
        ),
    ]


class ModuleMaterialViewSet(SnippetViewSet):
    model = ModuleMaterial
    icon = "doc-full"
    menu_label = _("Training materials")
    list_display = ["title", "module"]
    list_filter = ["module"]
    panels = [FieldPanel("module"), FieldPanel("title"), FieldPanel("document")]


class RosterMemberViewSet(SnippetViewSet):
    model = RosterMember
    icon = "table"
    menu_label = _("Team")
    list_display = ["name", "role_labels", "active"]
    list_filter = ["active"]
    panels = [FieldPanel("name"), FieldPanel("user"), FieldPanel("roles"), FieldPanel("active")]


class TrainingsGroup(SnippetViewSetGroup):
    menu_label = _("Trainings")
    menu_icon = "group"
    menu_order = 260
    items = (
        ResidentsEveningViewSet,
        InterestSignupViewSet,
        CohortViewSet,
        ModuleMaterialViewSet,
        RosterMemberViewSet,
    )


register_snippet(TrainingsGroup)


@hooks.register("register_admin_urls")
def register_training_admin_urls():
    return [
        path(
            "trainingen/cohort/<int:pk>/planning/",
            admin_views.cohort_planning,
            name="trainings_cohort_planning",
        ),
        path(
            "trainingen/cohort/<int:pk>/aanwezigheid/",
            admin_views.cohort_attendance,
            name="trainings_cohort_attendance",
        ),
        path("uren/", admin_views.hours, name="trainings_hours"),
    ]


class HoursMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("trainings.add_timeentry")


@hooks.register("register_admin_menu_item")
def register_hours_menu_item():
    return HoursMenuItem(_("My hours"), reverse("trainings_hours"), icon_name="time", order=270)


class StappenplanPanel(Component):
    """Where the buurt stands, computed from its data, and what the next step is."""

    name = "stappenplan"
    template_name = "trainings/panels/stappenplan.html"
    order = 90  # above Wagtail's own panels

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        steps = stappenplan()
        context = {"steps": steps, "next_step": next_step(steps), "reached": steps_reached(steps)}
        context["initiative_steps"] = step_counts_for_current_buurt()
        if self.request.user.has_perm("trainings.view_rostermember"):
            context["balance"] = roster_balance()
        if self.request.user.has_perm("trainings.view_timeentry"):
            context["team_notices"] = [
                notice.for_team(user.get_full_name() or user.username)
                for user, notice in notices_for_team(timezone.localdate())
            ]
        return context


@hooks.register("construct_homepage_panels")
def add_stappenplan_panel(request, panels):
    panels.append(StappenplanPanel(request))
