"""iCalendar (RFC 5545) feeds for activities: one activity, or a buurt's whole agenda.

Repeating activities become one event with an RRULE (and EXDATEs for skipped dates), so a
calendar app shows the series as a series. Every event carries its page URL and place.
"""

from datetime import UTC, datetime, time

from django.utils import timezone
from icalendar import Calendar, Event

from buurtpages.recurrence import Frequency, nth_weekday_of_month

WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def calendar_for(activities, request, name=None):
    calendar = Calendar()
    calendar.add("prodid", "-//Buurtplatform//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    for activity in activities:
        calendar.add_component(event_for(activity, request))
    calendar.add_missing_timezones()
    return calendar


def event_for(activity, request):
    local_start = timezone.localtime(activity.start)
    local_end = timezone.localtime(activity.end)
    url = activity.get_full_url(request)
    event = Event()
    event.add("uid", f"activity-{activity.pk}@{request.get_host().split(':')[0]}")
    event.add("dtstamp", timezone.now())
    event.add("summary", activity.title)
    event.add("dtstart", local_start)
    event.add("dtend", local_end)
    event.add("url", url)
    event.add("description", f"{activity.intro}\n\n{url}")
    if activity.place:
        event.add("location", activity.place.location_text)
    rule = recurrence_rule(activity, local_start)
    if rule:
        event.add("rrule", rule)
        for skipped in activity.skipped():
            event.add("exdate", datetime.combine(skipped, local_start.timetz()))
    return event


def recurrence_rule(activity, local_start):
    weekday = WEEKDAY_CODES[local_start.weekday()]
    rules = {
        Frequency.WEEKLY: {"freq": "weekly"},
        Frequency.BIWEEKLY: {"freq": "weekly", "interval": 2},
        Frequency.MONTHLY: {
            "freq": "monthly",
            "byday": f"{nth_weekday_of_month(local_start.date())}{weekday}",
        },
    }
    rule = rules.get(activity.frequency)
    if rule and activity.repeat_until:
        # UNTIL is inclusive and, with a zoned DTSTART, must be given in UTC.
        last_moment = datetime.combine(activity.repeat_until, time(23, 59, 59), local_start.tzinfo)
        rule["until"] = last_moment.astimezone(UTC)
    return rule
