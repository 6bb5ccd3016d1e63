"""Recurring neighbourhood activities: which dates a series falls on, and how to say it.

Pure Python on purpose (no models), so the rules can be tested without a database.

All date arithmetic happens on local calendar dates in the start's time zone. Each
occurrence is then built from its local date plus the original wall-clock start time,
so a 19:30 activity stays at 19:30 across daylight-saving changes. Elapsed time is
measured in UTC, because subtracting two aware datetimes that share a tzinfo ignores
their UTC offsets.

Any datetime Python holds is accepted, also a typo like an end in the year 9026 stored
before forms refused it: arithmetic that would leave datetime's range (years 1 to
9999) ends the series there instead of raising OverflowError on every page.
"""

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Frequency:
    """How often an activity repeats; the values are stored in model fields."""

    NONE = ""  # a one-off activity
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"  # every two weeks
    MONTHLY = "monthly"  # monthly on the nth weekday of the month, taken from the start date
    CHOICES = [
        (NONE, _("Once")),
        (WEEKLY, _("Every week")),
        (BIWEEKLY, _("Every two weeks")),
        (MONTHLY, _("Every month on the same weekday")),
    ]


@dataclass(frozen=True, order=True)
class Occurrence:
    start: datetime
    end: datetime


LAST = -1  # nth_weekday_of_month's answer for "the last such weekday of the month"

_STEP_DAYS = {Frequency.WEEKLY: 7, Frequency.BIWEEKLY: 14}
_KNOWN_FREQUENCIES = {value for value, _label in Frequency.CHOICES}

# Django's own catalogues already translate these weekday names.
_WEEKDAY_NAMES = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)

# Whole sentences rather than "the %(ordinal)s", so translators can reorder freely.
_MONTHLY_DESCRIPTIONS = {
    1: _("Every month on the first %(weekday)s"),
    2: _("Every month on the second %(weekday)s"),
    3: _("Every month on the third %(weekday)s"),
    4: _("Every month on the fourth %(weekday)s"),
    LAST: _("Every month on the last %(weekday)s"),
}


def occurrences(
    start: datetime,
    end: datetime,
    frequency: str,
    *,
    until: date | None = None,
    skipped: Iterable[date] = (),
    window_start: datetime | None = None,
    window_end: datetime | None = None,
    limit: int = 500,
) -> list[Occurrence]:
    """The occurrences of a series, in chronological order, at most `limit` of them.

    `until` is the last local date an occurrence may start on (inclusive). Occurrences
    on a `skipped` local date are left out. With a window, only occurrences that overlap
    [window_start, window_end) are returned.
    """
    _check_arguments(start, end, frequency, limit)
    tz = start.tzinfo
    duration = _utc(end) - _utc(start)
    skipped_dates = {_local_date(day, tz) for day in skipped}
    earliest = _earliest_date(start, duration, window_start)
    found: list[Occurrence] = []
    for day in _candidate_dates(start.date(), frequency, earliest):
        if len(found) >= limit or (until is not None and day > until):
            break
        occurrence = _occurrence_on(day, start.timetz(), duration)
        if occurrence is None:
            break  # beyond the last moment a datetime can hold
        if window_end is not None and _utc(occurrence.start) >= _utc(window_end):
            break
        if day in skipped_dates or not _ends_after(occurrence, window_start):
            continue
        found.append(occurrence)
    return found


def describe(start: datetime, frequency: str) -> str:
    """A translated sentence like "Every month on the last Friday"; "" for a one-off."""
    _check_frequency(frequency)
    weekday = _WEEKDAY_NAMES[start.weekday()]
    if frequency == Frequency.WEEKLY:
        return gettext("Every week on %(weekday)s") % {"weekday": weekday}
    if frequency == Frequency.BIWEEKLY:
        return gettext("Every two weeks on %(weekday)s") % {"weekday": weekday}
    if frequency == Frequency.MONTHLY:
        sentence = _MONTHLY_DESCRIPTIONS[nth_weekday_of_month(start.date())]
        return str(sentence) % {"weekday": weekday}
    return ""


def nth_weekday_of_month(day: date) -> int:
    """Which of its month's weekdays `day` is: 1 to 4, or LAST (-1) for a fifth one.

    A fifth weekday counts as "the last", so a series started on one still has a date
    in months with only four of that weekday.
    """
    nth = (day.day - 1) // 7 + 1
    return LAST if nth == 5 else nth


def _check_arguments(start: datetime, end: datetime, frequency: str, limit: int) -> None:
    if not _is_aware(start) or not _is_aware(end):
        raise ValueError("start and end must be timezone-aware datetimes")
    if _utc(end) <= _utc(start):
        raise ValueError(f"end ({end.isoformat()}) must be later than start ({start.isoformat()})")
    if limit < 0:
        raise ValueError(f"limit must not be negative, got {limit}")
    _check_frequency(frequency)


def _check_frequency(frequency: str) -> None:
    if frequency not in _KNOWN_FREQUENCIES:
        raise ValueError(f"unknown frequency {frequency!r}")


def _is_aware(moment: datetime) -> bool:
    return moment.tzinfo is not None and moment.utcoffset() is not None


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _local_date(day: date, tz: tzinfo | None) -> date:
    # A datetime is also a date, but would never equal one in a set lookup.
    if isinstance(day, datetime):
        return day.astimezone(tz).date() if _is_aware(day) else day.date()
    return day


def _occurrence_on(day: date, local_start: time, duration: timedelta) -> Occurrence | None:
    """The occurrence on a local date; None when it would end after year 9999."""
    # Round-tripping through UTC moves a start that falls in the spring-forward gap to a
    # wall-clock time that exists; every other start keeps its local time.
    tz = local_start.tzinfo
    try:
        start = _utc(datetime.combine(day, local_start))
        return Occurrence(start.astimezone(tz), (start + duration).astimezone(tz))
    except OverflowError:
        return None


def _ends_after(occurrence: Occurrence, window_start: datetime | None) -> bool:
    return window_start is None or _utc(occurrence.end) > _utc(window_start)


def _earliest_date(start: datetime, duration: timedelta, window_start: datetime | None) -> date:
    """A local date before which no occurrence can still be running at window_start.

    A day of slack costs a candidate or two and spares reasoning about clock changes.
    """
    if window_start is None:
        return start.date()
    try:
        earliest = _utc(window_start) - duration - timedelta(days=1)
        return max(start.date(), earliest.astimezone(start.tzinfo).date())
    except OverflowError:  # before year 1: every date of the series may still be running
        return start.date()


def _candidate_dates(first: date, frequency: str, earliest: date) -> Iterator[date]:
    """Local dates of the series from `first`, skipping ahead to around `earliest`."""
    if frequency == Frequency.NONE:
        yield first
    elif frequency in _STEP_DAYS:
        yield from _stepped_dates(first, _STEP_DAYS[frequency], earliest)
    else:
        yield from _monthly_dates(first, earliest)


def _stepped_dates(first: date, step: int, earliest: date) -> Iterator[date]:
    index = math.ceil((earliest - first).days / step)
    while (days := index * step) <= (date.max - first).days:
        yield first + timedelta(days=days)
        index += 1


def _monthly_dates(first: date, earliest: date) -> Iterator[date]:
    # In the start's own month the nth weekday is `first` itself, so nothing comes before it.
    nth = nth_weekday_of_month(first)
    month_index = _month_index(max(first, earliest))
    while month_index <= _month_index(date.max):
        year, month = divmod(month_index, 12)
        yield _nth_weekday(year, month + 1, first.weekday(), nth)
        month_index += 1


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    if nth == LAST:
        last_day = _last_of_month(year, month)
        return last_day - timedelta(days=(last_day.weekday() - weekday) % 7)
    first_day = date(year, month, 1)
    return first_day + timedelta(days=(weekday - first_day.weekday()) % 7 + (nth - 1) * 7)


def _last_of_month(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)  # also in year 9999, whose next month does not exist
    return date(year, month + 1, 1) - timedelta(days=1)
