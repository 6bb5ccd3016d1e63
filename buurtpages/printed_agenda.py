"""The printed buurtagenda: one month of activities as an A4 PDF, in one of the buurt's
languages, to hang in the buurthuis or put through letterboxes.

Each activity appears under every week it takes place in, with its times that week,
place, cost, accessibility and a QR code to its page on the buurt's own domain. An
activity shows in the visitor's language when its translation is live, otherwise in
Dutch, marked as such (and laid out left-to-right inside a right-to-left agenda).

Generating a PDF costs a fraction of a second of CPU, so the file is cached per buurt,
month, language and content generation (any change to what the public sees gives the
buurt a new generation), and generating is rate limited per visitor address; a cached
file costs nothing and is never limited.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import groupby

from django.utils import timezone
from wagtail.models import Locale

from buurtpages.agenda import live_activities
from buurtpages.poster import qr_png_data_uri
from buurtpages.printed import (
    cached_or_generated,
    last_day_of,
    next_month,
    print_cache_key,
    render_pdf,
)


@dataclass
class PrintedEntry:
    activity: object
    in_dutch: bool
    url: str
    qr_code: str
    occurrences: list = field(default_factory=list)


@dataclass
class PrintedWeek:
    year: int
    number: int
    first_day: date
    last_day: date
    entries: list


def activities_for(locale):
    """One version of every live activity: the translation in `locale` when it is live,
    otherwise the Dutch original. Cancelled activities are left out of print."""
    default = Locale.get_default()
    versions = {}
    for activity in live_activities().filter(locale__in={locale.pk, default.pk}):
        if activity.is_cancelled:
            continue
        if activity.locale_id == locale.pk or activity.translation_key not in versions:
            versions[activity.translation_key] = activity
    return list(versions.values())


def moments_of_month(activities, first_day):
    """(start, end, activity) of every occurrence that starts in the month, in order."""
    zone = timezone.get_current_timezone()
    window_start = datetime.combine(first_day, time.min, tzinfo=zone)
    window_end = datetime.combine(next_month(first_day), time.min, tzinfo=zone)
    moments = []
    for activity in activities:
        for occurrence in activity.occurrences_between(window_start, window_end):
            start = timezone.localtime(occurrence.start)
            if start.date() < first_day:
                continue  # began the month before and runs on into this one
            moments.append((start, timezone.localtime(occurrence.end), activity))
    moments.sort(key=lambda moment: (moment[0], moment[2].title))
    return moments


def weeks_of_month(activities, first_day, request, locale):
    """The month's occurrences, grouped by ISO week, each activity once per week."""
    moments = moments_of_month(activities, first_day)
    weeks = []
    urls, qr_codes = {}, {}  # each activity's URL and code made once, however many weeks
    week_of = lambda moment: moment[0].isocalendar()[:2]  # noqa: E731
    for (year, number), in_week in groupby(moments, key=week_of):
        entries = {}
        for start, end, activity in in_week:
            if activity.pk not in urls:
                urls[activity.pk] = activity.get_full_url(request)
                qr_codes[activity.pk] = qr_png_data_uri(urls[activity.pk])
            if activity.pk not in entries:
                entries[activity.pk] = PrintedEntry(
                    activity=activity,
                    in_dutch=activity.locale_id != locale.pk,
                    url=urls[activity.pk],
                    qr_code=qr_codes[activity.pk],
                )
            entries[activity.pk].occurrences.append((start, end))
        monday = date.fromisocalendar(year, number, 1)
        weeks.append(
            PrintedWeek(
                year=year,
                number=number,
                first_day=max(monday, first_day),
                last_day=min(date.fromisocalendar(year, number, 7), last_day_of(first_day)),
                entries=list(entries.values()),
            )
        )
    return weeks


def cache_key(first_day, language_code):
    return print_cache_key("agenda", f"{first_day:%Y-%m}:{language_code}")


def render_agenda(request, first_day, locale, buurt_name):
    """The PDF bytes; the interface speaks the agenda's language."""
    weeks = weeks_of_month(activities_for(locale), first_day, request, locale)
    context = {"buurt_name": buurt_name, "month": first_day, "weeks": weeks}
    return render_pdf("buurtpages/print/agenda.html", context, locale.language_code)


def agenda_pdf(request, first_day, locale, buurt_name):
    """The cached PDF, or a new one unless this visitor generated too many lately."""
    return cached_or_generated(
        request,
        cache_key(first_day, locale.language_code),
        lambda: render_agenda(request, first_day, locale, buurt_name),
    )
