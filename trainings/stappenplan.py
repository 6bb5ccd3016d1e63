"""The stappenplan of a buurt, computed from its data (never ticked by hand).

Runs inside the buurt's schema. Each step is reached when the data shows it; the
"next step" is the first one not reached yet. Steps can be reached out of order (a
buurt site is live from its launch), which the plan shows as it is.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from buurtpages.models import ActivityPage, InitiativePage, Partner
from kernel.roles import PROFESSIONAL, users_with_role
from trainings.models import Cohort, CohortMember, ResidentsEvening
from trainings.models.session import TRAINING_DAYS


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    reached: bool
    hint: str


def evening_held():
    return ResidentsEvening.objects.held().exists()


def cohort_formed():
    return Cohort.objects.filter(status=Cohort.Status.CONFIRMED).exists()


def training_days_chosen():
    planned = Cohort.objects.annotate(days=Count("sessions")).filter(days__gte=TRAINING_DAYS)
    return planned.exists()


def training_completed():
    return CohortMember.objects.filter(completed_at__isnull=False).exists()


def site_live():
    tenant = getattr(connection, "tenant", None)
    is_live_tenant = getattr(tenant, "status", "live") == "live"
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return is_live_tenant and site is not None and site.root_page.live


def initiative_published():
    return InitiativePage.objects.live().exists()


def activity_held(now=None):
    now = now or timezone.now()
    activities = ActivityPage.objects.live().filter(start__lt=now, is_cancelled=False)
    return any(a.occurrences_between(a.start, now, limit=1) for a in activities)


def professionals_linked():
    return users_with_role(PROFESSIONAL).exists()


def partners_involved():
    return Partner.objects.exists()


STEPS = [
    (
        "evening",
        _("Inwonersavond held"),
        evening_held,
        _("Organise an inwonersavond and invite everyone who wants to do something."),
    ),
    (
        "cohort",
        _("Cohort formed"),
        cohort_formed,
        _("Form a cohort of 5 to 8 residents and 1 or 2 professionals, and confirm it."),
    ),
    (
        "days",
        _("Training days chosen"),
        training_days_chosen,
        _("Propose dates, let the participants answer, and plan the three days."),
    ),
    (
        "trained",
        _("Training completed"),
        training_completed,
        _("Record attendance; whoever attended all three days becomes a buurtverbinder."),
    ),
    (
        "live",
        _("Site live"),
        site_live,
        _("Publish the home page of the buurt site."),
    ),
    (
        "initiative",
        _("First initiative published"),
        initiative_published,
        _("Help residents publish their first initiative."),
    ),
    (
        "activity",
        _("First activity held"),
        activity_held,
        _("Plan a first activity and put it in the agenda."),
    ),
    (
        "professionals",
        _("Professionals linked"),
        professionals_linked,
        _("Invite the professionals of the buurt to the site with the Professional role."),
    ),
    (
        "partners",
        _("Partners involved"),
        partners_involved,
        _("Add the organisations you work with to the buurtgids."),
    ),
]


def stappenplan():
    """Every step with whether the buurt's data shows it was reached."""
    return [Step(key, label, check(), hint) for key, label, check, hint in STEPS]


def next_step(steps):
    return next((step for step in steps if not step.reached), None)


def steps_reached(steps):
    return sum(1 for step in steps if step.reached)


def step_label(key):
    """The label of the step `key` in the active language ("" for none or an unknown key)."""
    return next((str(label) for step_key, label, _c, _h in STEPS if step_key == key), "")
