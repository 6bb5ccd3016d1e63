"""Aggregated numbers of one buurt for the municipality's dashboard on the portal.

Each buurt's numbers are counted inside its own schema and only the integers (and
the label of its next step) leave it: no names, e-mail addresses or texts of people
ever cross from a buurt to the portal.
"""

from dataclasses import dataclass

from django.utils import timezone

from buurtpages.initiative_numbers import step_counts_for_current_buurt
from buurtpages.models import ActivityPage, InitiativePage, Registration, Signal
from buurtpages.steps import Step
from kernel.roles import CONNECTOR, users_with_role
from trainings.models import Cohort, CohortMember
from trainings.stappenplan import STEPS, next_step, stappenplan, steps_reached

TOTAL_STEPS = len(STEPS)


@dataclass(frozen=True)
class BuurtNumbers:
    steps_reached: int
    next_step: str  # a step's label, or "" when every step is reached
    initiatives: int
    activities_upcoming: int
    activities_held: int
    rsvps: int
    buurtverbinders: int
    open_signals: int
    trainings: int
    trained: int
    initiatives_at_start_gate: int  # their team is not complete yet
    initiatives_under_way: int  # a first activity held, or running
    next_step_key: str = ""  # the step's key: stored, and translated when shown


def count_activities(now):
    upcoming = held = 0
    for activity in (
        ActivityPage.objects.live().filter(is_cancelled=False).prefetch_related("skipped_dates")
    ):
        if activity.next_occurrence(after=now) is not None:
            upcoming += 1
        if activity.start < now and activity.occurrences_between(activity.start, now, limit=1):
            held += 1
    return upcoming, held


def numbers_for_current_buurt(now=None):
    """Count in the schema that is active now (the portal visits each buurt with
    tenants.across and calls this inside it)."""
    now = now or timezone.now()
    per_step = dict(step_counts_for_current_buurt(now))
    steps = stappenplan()
    upcoming, held = count_activities(now)
    following = next_step(steps)
    return BuurtNumbers(
        steps_reached=steps_reached(steps),
        next_step=str(following.label) if following else "",
        initiatives=InitiativePage.objects.live().count(),
        activities_upcoming=upcoming,
        activities_held=held,
        rsvps=Registration.objects.exclude(status=Registration.Status.CANCELLED).count(),
        buurtverbinders=users_with_role(CONNECTOR).distinct().count(),
        open_signals=Signal.objects.filter(status=Signal.Status.NEW).count(),
        trainings=Cohort.objects.count(),
        trained=CohortMember.objects.filter(completed_at__isnull=False).count(),
        initiatives_at_start_gate=per_step[Step.IDEA],
        initiatives_under_way=per_step[Step.FIRST_HELD] + per_step[Step.RUNNING],
        next_step_key=following.key if following else "",
    )
