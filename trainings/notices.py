"""Gentle notices from the time log: not a reprimand, a reason to check in.

Buurtverbinders usually spend two to four hours a week. Weeks far above
that, several in a row, risk burn-out; a sudden drop to nothing may mean something is
up. Only complete weeks count: the current week may not be logged yet.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from trainings.models import TimeEntry
from trainings.models.timelog import week_start

USUAL_HOURS = (2, 4)
HIGH_HOURS = 6  # "far more" than the usual four
HIGH_WEEKS = 3
QUIET_WEEKS = 3
BUSY, QUIET = "busy", "quiet"

MESSAGES = {
    BUSY: _(
        "You have spent more than %(hours)s hours a week for %(weeks)s weeks. That is a lot "
        "of good work! Make sure it stays fun: share tasks with others, or take a quieter week."
    ),
    QUIET: _(
        "No hours for %(weeks)s weeks. All well? A short chat with the team can help, "
        "and a quiet period is fine too."
    ),
}
TEAM_MESSAGES = {
    BUSY: _("%(name)s has spent more than %(hours)s hours a week for %(weeks)s weeks."),
    QUIET: _("%(name)s has logged no hours for %(weeks)s weeks; maybe check in."),
}


@dataclass(frozen=True)
class Notice:
    kind: str

    @property
    def message(self):
        return MESSAGES[self.kind] % self.numbers

    def for_team(self, name):
        return TEAM_MESSAGES[self.kind] % {"name": name, **self.numbers}

    @property
    def numbers(self):
        weeks = HIGH_WEEKS if self.kind == BUSY else QUIET_WEEKS
        return {"hours": HIGH_HOURS, "weeks": weeks}


def last_complete_weeks(today: date, count: int):
    this_week = week_start(today)
    return [this_week - timedelta(weeks=n) for n in range(1, count + 1)]


def time_notice(hours_by_week, today: date) -> Notice | None:
    """A notice for one person, from {monday: hours}; None when all is as usual."""
    busy_weeks = last_complete_weeks(today, HIGH_WEEKS)
    if all(hours_by_week.get(week, 0) > HIGH_HOURS for week in busy_weeks):
        return Notice(BUSY)
    quiet_weeks = last_complete_weeks(today, QUIET_WEEKS)
    logged_before = any(
        hours > 0 for week, hours in hours_by_week.items() if week < quiet_weeks[-1]
    )
    if logged_before and all(hours_by_week.get(week, 0) == 0 for week in quiet_weeks):
        return Notice(QUIET)
    return None


def notices_for_team(today: date):
    """(user, notice) for every buurtverbinder who logs hours and has a notice."""
    by_user = {}
    for entry in TimeEntry.objects.select_related("user"):
        by_user.setdefault(entry.user, {})[entry.week] = entry.hours
    found = []
    for user, hours in sorted(by_user.items(), key=lambda item: item[0].pk):
        notice = time_notice(hours, today)
        if notice:
            found.append((user, notice))
    return found
