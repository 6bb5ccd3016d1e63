"""The steps of an initiative (Buurkracht-style), computed from what happened, never
ticked: idea → team complete → first activity planned → first activity held → running
→ finished. Also the start gate: an initiative becomes "active" when its team is
complete, unless a buurtverbinder starts it anyway with a reason (kept in the audit log).
"""

from collections import Counter

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtpages.teams import MIN_TEAM_SIZE, ONE, role_balance

# The action a start without a complete team is logged as (Wagtail's audit log).
START_OVERRIDE_ACTION = "buurtpages.start_without_complete_team"


class Step(models.TextChoices):
    IDEA = "idea", _("Idea")
    TEAM_COMPLETE = "team_complete", _("Team complete")
    FIRST_PLANNED = "first_planned", _("First activity planned")
    FIRST_HELD = "first_held", _("First activity held")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")


def team_is_complete(assignments):
    """Every Buurkracht role has someone."""
    return role_balance(assignments).every_role_filled


def team_flags(assignments):
    """What still makes a complete team fragile: too few people, a role on one person."""
    balance = role_balance(assignments)
    people = {person for person, _roles in assignments}
    flags = []
    if len(people) < MIN_TEAM_SIZE:
        flags.append(_("Fewer than %(minimum)s people.") % {"minimum": MIN_TEAM_SIZE})
    for count in balance.roles:
        if count.state == ONE:
            flags.append(_("“%(role)s” rests on one person.") % {"role": count.label})
    return flags


def activity_dates(initiative, now):
    """(any activity planned, occurrences held, counted up to two) of the initiative's
    live activities (its only kind of subpage)."""
    held = 0
    planned = False
    for activity in initiative.get_children().live().specific():
        if activity.is_cancelled:
            continue
        planned = True
        if activity.start < now:
            held += len(activity.occurrences_between(activity.start, now, limit=2))
    return planned, held


def step_of(initiative, now=None):
    now = now or timezone.now()
    if initiative.status == "finished":
        return Step.FINISHED
    if not team_is_complete(initiative.team_assignments()):
        return Step.IDEA
    planned, held = activity_dates(initiative, now)
    if not planned:
        return Step.TEAM_COMPLETE
    if held == 0:
        return Step.FIRST_PLANNED
    return Step.RUNNING if held > 1 else Step.FIRST_HELD


def step_counts(initiatives, now=None):
    """How many of `initiatives` stand at each step, in step order."""
    now = now or timezone.now()
    counts = Counter(step_of(initiative, now) for initiative in initiatives)
    return [(step, counts.get(step, 0)) for step in Step]


# All steps in order, for showing where an initiative stands among them.
ALL_STEPS = list(Step)
