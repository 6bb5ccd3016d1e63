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

from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.models import Locale

from buurtpages.agenda import live_activities
from buurtpages.poster import qr_png_data_uri
from kernel.counters import count, hashed
from kernel.network import client_address
from kernel.printing import html_to_pdf
from kernel.shared_cache import content_generation, shared_cache

# Months further away than this are refused: nobody prints them, and they would only
# give a visitor ways to make the server work.
YEARS_BACK = 2
YEARS_AHEAD = 10


class TooManyPrints(Exception):
    """This visitor generated many PDFs in a short time."""


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


def month_start(year, month, today=None):
    """The first day of the month, or None for a month that does not exist or lies
    outside what a buurt would print."""
    today = today or timezone.localdate()
    if not 1 <= month <= 12 or not today.year - YEARS_BACK <= year <= today.year + YEARS_AHEAD:
        return None
    return date(year, month, 1)


def months_to_print(count, today=None):
    """The first days of this month and the ones after it: what people print."""
    first_day = (today or timezone.localdate()).replace(day=1)
    months = [first_day]
    while len(months) < count:
        months.append(next_month(months[-1]))
    return months


def next_month(first_day):
    return date(first_day.year + first_day.month // 12, first_day.month % 12 + 1, 1)


def buurt_language(language_code):
    """The buurt's Locale for a language code, or None when the buurt does not offer it."""
    return Locale.objects.filter(language_code=language_code).first()


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


def weeks_of_month(activities, first_day, request, locale):
    """The month's occurrences, grouped by ISO week, each activity once per week."""
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


def last_day_of(first_day):
    return date.fromordinal(next_month(first_day).toordinal() - 1)


def cache_key(first_day, language_code):
    tenant = connection.tenant
    schema = connection.schema_name
    generation = content_generation(schema)
    return f"print:agenda:{schema}:{tenant.pk}:{generation}:{first_day:%Y-%m}:{language_code}"


def render_agenda(request, first_day, locale, buurt_name):
    """The PDF bytes; the interface speaks the agenda's language."""
    with translation.override(locale.language_code):
        activities = activities_for(locale)
        html = render_to_string(
            "buurtpages/print/agenda.html",
            {
                "buurt_name": buurt_name,
                "month": first_day,
                "weeks": weeks_of_month(activities, first_day, request, locale),
                "language_code": locale.language_code,
                "bidi": translation.get_language_bidi(),
                "dir": "rtl" if translation.get_language_bidi() else "ltr",
            },
        )
    return html_to_pdf(html)


def agenda_pdf(request, first_day, locale, buurt_name):
    """The cached PDF, or a new one unless this visitor generated too many lately."""
    key = cache_key(first_day, locale.language_code)
    cache = shared_cache()
    pdf = cache.get(key)
    if pdf is not None:
        return pdf
    generated = count(
        f"print-generations:{hashed(client_address(request))}", settings.PRINT_WINDOW_SECONDS
    )
    if generated > settings.PRINTS_PER_WINDOW:
        raise TooManyPrints
    pdf = render_agenda(request, first_day, locale, buurt_name)
    cache.set(key, pdf, timeout=settings.PRINT_CACHE_SECONDS)
    return pdf
