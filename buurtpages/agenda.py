"""The buurt's agenda: upcoming occurrences of every live activity, with filters."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Prefetch
from django.utils import timezone

from buurtpages.models import ActivityPage, ActivitySkippedDate, Theme
from kernel.params import parse_int

AGENDA_WEEKS = 8


@dataclass(frozen=True)
class AgendaItem:
    activity: ActivityPage
    start: object
    end: object


def live_activities(locale=None):
    """Live activities with what the agenda needs, in a fixed number of queries."""
    activities = (
        ActivityPage.objects.live()
        .public()
        .select_related("place")
        .prefetch_related(
            "themes",
            Prefetch("skipped_dates", queryset=ActivitySkippedDate.objects.order_by("date")),
        )
    )
    if locale is not None:
        activities = activities.filter(locale=locale)
    return activities


def upcoming(activities, *, theme=None, weekday=None, free=None, now=None, weeks=AGENDA_WEEKS):
    now = now or timezone.now()
    window_end = now + timedelta(weeks=weeks)
    items = []
    for activity in activities:
        if free is not None and activity.is_free != free:
            continue
        if theme and theme not in {t.slug for t in activity.themes.all()}:
            continue
        for occurrence in activity.occurrences_between(now, window_end):
            if weekday is not None and timezone.localtime(occurrence.start).weekday() != weekday:
                continue
            items.append(AgendaItem(activity, occurrence.start, occurrence.end))
    return sorted(items, key=lambda item: (item.start, item.activity.title))


def in_visitor_language(items, locale=None):
    """Agenda items with each activity as its live translation where there is one: the
    dates come from the Dutch activity, which every translation shares."""
    from buurtpages.fallback import in_visitor_language as localized

    activities = localized([item.activity for item in items], locale)
    return [
        AgendaItem(activity, item.start, item.end)
        for item, activity in zip(items, activities, strict=True)
    ]


def parse_filters(query):
    """Filters from the query string; anything unknown is ignored rather than an error."""
    theme = query.get("thema") or None
    weekday = parse_int(query.get("dag", ""), minimum=0, maximum=6)
    free = {"gratis": True, "betaald": False}.get(query.get("kosten", ""))
    return {"theme": theme, "weekday": weekday, "free": free}


def themes_for_filter(locale=None):
    themes = Theme.objects.all()
    return themes.filter(locale=locale) if locale is not None else themes
