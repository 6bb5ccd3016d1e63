"""Dates at the edges of what Python's datetime holds: a typo like end year 9026 is refused
with a clear message, and a row already stored with one never breaks a page."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtpages.models import ActivityPage
from buurtpages.recurrence import Frequency, occurrences
from tests.base import client_for, inside
from tests.test_rsvp import next_week, small_activity

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TIME_ZONES = [AMSTERDAM, UTC, ZoneInfo("America/St_Johns"), ZoneInfo("Pacific/Kiritimati")]
# A day of room on either side: the wall-clock time in any zone must still be a datetime.
EARLIEST = datetime.min.replace(tzinfo=UTC) + timedelta(days=2)
LATEST = datetime.max.replace(tzinfo=UTC) - timedelta(days=2)
# A year typo as an editor makes it; explicit, so no start date (29 February) can break it.
TYPO_END = datetime(9026, 6, 1, 12, 0, tzinfo=UTC)


def moments():
    return st.datetimes(
        min_value=EARLIEST.replace(tzinfo=None), max_value=LATEST.replace(tzinfo=None)
    ).map(lambda naive: naive.replace(tzinfo=UTC))


@st.composite
def extreme_series(draw):
    tz = draw(st.sampled_from(TIME_ZONES))
    start, end = sorted(draw(st.lists(moments(), min_size=2, max_size=2, unique=True)))
    if draw(st.booleans()):  # also short activities, near the edges
        end = min(start + timedelta(minutes=draw(st.integers(1, 600))), LATEST)
    if end <= start:
        end = start + timedelta(minutes=1)
    window_start, window_end = sorted(draw(st.lists(moments(), min_size=2, max_size=2)))
    return {
        "start": start.astimezone(tz),
        "end": end.astimezone(tz),
        "frequency": draw(st.sampled_from([Frequency.NONE, *_REPEATING])),
        "until": draw(st.none() | st.dates(min_value=date.min, max_value=date.max)),
        "window_start": draw(st.none() | st.just(window_start)),
        "window_end": draw(st.none() | st.just(window_end)),
        "limit": draw(st.sampled_from([1, 3, 50])),
    }


_REPEATING = [Frequency.WEEKLY, Frequency.BIWEEKLY, Frequency.MONTHLY]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extreme_series())
def test_any_dates_datetime_allows_give_occurrences_never_an_overflow(arguments):
    found = occurrences(**arguments)
    assert len(found) <= arguments["limit"]
    first = arguments["start"].astimezone(UTC)
    for occurrence in found:
        assert occurrence.start.astimezone(UTC) >= first - timedelta(hours=1)
        assert occurrence.end.astimezone(UTC) > occurrence.start.astimezone(UTC)
        if arguments["until"] is not None:
            assert occurrence.start.date() <= arguments["until"]
        if arguments["window_start"] is not None:
            assert occurrence.end.astimezone(UTC) > arguments["window_start"]
        if arguments["window_end"] is not None:
            assert occurrence.start.astimezone(UTC) < arguments["window_end"]


def test_a_weekly_series_ending_near_the_last_representable_day():
    start = datetime.combine(date(9999, 12, 1), time(19, 30), tzinfo=AMSTERDAM)
    for frequency in _REPEATING:
        found = occurrences(start, start + timedelta(hours=2), frequency, limit=50)
        assert found and found[0].start == start
        assert found[-1].start.year == 9999


def test_an_end_thousands_of_years_away_is_refused_with_a_clear_message(alpha):
    with inside(alpha):
        start = next_week()
        page = ActivityPage(
            title="Typefout",
            intro="x",
            start=start,
            end=TYPO_END,
            frequency=Frequency.WEEKLY,
        )
        with pytest.raises(ValidationError) as refused:
            page.clean()
        assert "end" in refused.value.message_dict
        page.end = start + timedelta(hours=2)
        page.repeat_until = date(9026, 1, 1)
        with pytest.raises(ValidationError) as refused:
            page.clean()
        assert "repeat_until" in refused.value.message_dict
        page.repeat_until = start.date() + timedelta(days=365)
        page.clean()  # positive control: a year of weekly evenings is fine


def test_a_stored_activity_ending_in_9026_breaks_no_page(alpha):
    activity = small_activity(alpha, capacity=None, frequency=Frequency.WEEKLY)
    with inside(alpha):
        ActivityPage.objects.filter(pk=activity.pk).update(end=TYPO_END)
    client = client_for(alpha)
    for url in (
        "/",
        "/agenda/",
        "/agenda/taart/",
        "/agenda/taart/poster/",
        "/agenda/taart/ical/",
        "/agenda.ics",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Taartjes bakken" in client.get("/agenda/").content.decode()
