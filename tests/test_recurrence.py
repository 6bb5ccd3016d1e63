"""Recurrence rules for activities: hand-checked examples plus property tests. No database."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from buurtpages.recurrence import (
    Frequency,
    Occurrence,
    describe,
    nth_weekday_of_month,
    occurrences,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=AMSTERDAM)


def start_dates(found: list[Occurrence]) -> list[date]:
    return [occurrence.start.date() for occurrence in found]


def elapsed(occurrence: Occurrence) -> timedelta:
    # In UTC: aware datetimes that share a tzinfo subtract as wall-clock times.
    return occurrence.end.astimezone(UTC) - occurrence.start.astimezone(UTC)


def overlaps(occurrence: Occurrence, window_start: datetime, window_end: datetime | None) -> bool:
    # UTC again: within one tzinfo, comparisons ignore the fold of the repeated autumn hour.
    starts_in_time = window_end is None or occurrence.start.astimezone(UTC) < window_end
    return occurrence.end.astimezone(UTC) > window_start and starts_in_time


# --- hand-checked examples -------------------------------------------------------------------


def test_one_off_is_a_single_occurrence():
    start, end = at(date(2026, 5, 2), 14), at(date(2026, 5, 2), 16)

    assert occurrences(start, end, Frequency.NONE) == [Occurrence(start, end)]


def test_weekly_for_four_weeks_until_inclusive():
    found = occurrences(
        at(date(2026, 2, 3), 10),
        at(date(2026, 2, 3), 11),
        Frequency.WEEKLY,
        until=date(2026, 2, 24),
    )

    assert start_dates(found) == [
        date(2026, 2, 3),
        date(2026, 2, 10),
        date(2026, 2, 17),
        date(2026, 2, 24),
    ]


def test_biweekly_skips_every_other_week():
    found = occurrences(
        at(date(2026, 2, 3), 10),
        at(date(2026, 2, 3), 11),
        Frequency.BIWEEKLY,
        until=date(2026, 3, 31),
    )

    assert start_dates(found) == [
        date(2026, 2, 3),
        date(2026, 2, 17),
        date(2026, 3, 3),
        date(2026, 3, 17),
        date(2026, 3, 31),
    ]


def test_monthly_on_the_second_tuesday_for_a_year():
    first = date(2026, 1, 13)
    assert first.weekday() == 1  # a Tuesday, the second of January 2026

    found = occurrences(
        at(first, 19, 30), at(first, 21), Frequency.MONTHLY, until=date(2026, 12, 31)
    )

    # Read off a 2026 calendar.
    second_tuesdays = [
        date(2026, 1, 13),
        date(2026, 2, 10),
        date(2026, 3, 10),
        date(2026, 4, 14),
        date(2026, 5, 12),
        date(2026, 6, 9),
        date(2026, 7, 14),
        date(2026, 8, 11),
        date(2026, 9, 8),
        date(2026, 10, 13),
        date(2026, 11, 10),
        date(2026, 12, 8),
    ]
    assert start_dates(found) == second_tuesdays
    assert all(day.weekday() == 1 and 8 <= day.day <= 14 for day in second_tuesdays)


def test_monthly_from_a_fifth_friday_means_the_last_friday():
    first = date(2026, 1, 30)
    assert first.weekday() == 4  # a Friday, the fifth of January 2026

    found = occurrences(at(first, 20), at(first, 23), Frequency.MONTHLY, until=date(2026, 12, 31))

    last_fridays = [
        date(2026, 1, 30),
        date(2026, 2, 27),
        date(2026, 3, 27),
        date(2026, 4, 24),
        date(2026, 5, 29),
        date(2026, 6, 26),
        date(2026, 7, 31),
        date(2026, 8, 28),
        date(2026, 9, 25),
        date(2026, 10, 30),
        date(2026, 11, 27),
        date(2026, 12, 25),
    ]
    assert start_dates(found) == last_fridays
    assert all(
        day.weekday() == 4 and (day + timedelta(days=7)).month != day.month for day in last_fridays
    )


def test_skipped_dates_are_left_out_and_other_dates_ignored():
    found = occurrences(
        at(date(2026, 2, 3), 10),
        at(date(2026, 2, 3), 11),
        Frequency.WEEKLY,
        until=date(2026, 2, 24),
        skipped=[date(2026, 2, 10), date(2026, 2, 11)],  # the 11th is a Wednesday: no occurrence
    )

    assert start_dates(found) == [date(2026, 2, 3), date(2026, 2, 17), date(2026, 2, 24)]


def test_window_includes_an_occurrence_that_is_still_running():
    # A weekly Saturday market 09:00-13:00; the window opens at noon on the second Saturday.
    found = occurrences(
        at(date(2026, 3, 7), 9),
        at(date(2026, 3, 7), 13),
        Frequency.WEEKLY,
        window_start=at(date(2026, 3, 14), 12),
        window_end=at(date(2026, 3, 28), 9),  # exclusive: the market starting then is out
    )

    assert start_dates(found) == [date(2026, 3, 14), date(2026, 3, 21)]


def test_window_opening_after_midnight_includes_last_nights_activity():
    # A weekly night walk, Friday 22:00 to Saturday 01:00; the window opens at 00:30.
    found = occurrences(
        at(date(2026, 6, 5), 22),
        at(date(2026, 6, 6), 1),
        Frequency.WEEKLY,
        window_start=at(date(2026, 6, 13), 0, 30),
        window_end=at(date(2026, 6, 20), 0, 0),
    )

    assert start_dates(found) == [date(2026, 6, 12), date(2026, 6, 19)]


def test_window_far_in_the_future_of_an_unbounded_series():
    found = occurrences(
        at(date(2020, 1, 7), 19),
        at(date(2020, 1, 7), 20),
        Frequency.WEEKLY,
        window_start=at(date(2035, 6, 1), 0),
        window_end=at(date(2035, 7, 1), 0),
    )

    assert start_dates(found) == [
        date(2035, 6, 5),
        date(2035, 6, 12),
        date(2035, 6, 19),
        date(2035, 6, 26),
    ]


def test_window_ending_before_the_series_starts_is_empty():
    found = occurrences(
        at(date(2026, 3, 7), 9),
        at(date(2026, 3, 7), 13),
        Frequency.MONTHLY,
        window_start=at(date(2026, 1, 1), 0),
        window_end=at(date(2026, 3, 7), 9),
    )

    assert found == []


def test_weekly_evening_keeps_its_local_time_across_both_dst_changes():
    # Summer time starts on 29 March 2026 and ends on 25 October 2026.
    start, end = at(date(2026, 3, 17), 19, 30), at(date(2026, 3, 17), 21, 45)

    found = occurrences(start, end, Frequency.WEEKLY, until=date(2026, 11, 3))

    assert found[0].start.utcoffset() == timedelta(hours=1)
    assert any(occurrence.start.utcoffset() == timedelta(hours=2) for occurrence in found)
    assert found[-1].start.utcoffset() == timedelta(hours=1)
    assert {occurrence.start.time() for occurrence in found} == {time(19, 30)}
    assert {occurrence.end.time() for occurrence in found} == {time(21, 45)}
    assert {elapsed(occurrence) for occurrence in found} == {timedelta(hours=2, minutes=15)}
    assert start_dates(found)[1:3] == [date(2026, 3, 24), date(2026, 3, 31)]


def test_a_start_in_the_spring_forward_gap_moves_to_an_existing_time():
    # 02:30 does not exist on 29 March 2026 in Amsterdam; the clock jumps from 02:00 to 03:00.
    start, end = at(date(2026, 3, 22), 2, 30), at(date(2026, 3, 22), 3, 30)

    first, gap_day, after = occurrences(start, end, Frequency.WEEKLY, limit=3)

    assert (first.start.time(), after.start.time()) == (time(2, 30), time(2, 30))
    assert gap_day.start.time() == time(3, 30)
    assert elapsed(gap_day) == timedelta(hours=1)


def test_an_overnight_activity_keeps_its_elapsed_duration_across_the_dst_night():
    # Saturday 22:00 to Sunday 03:00 is five hours; on 28-29 March 2026 the clock skips
    # an hour, so that night it ends at 04:00 by the clock.
    start, end = at(date(2026, 3, 21), 22), at(date(2026, 3, 22), 3)

    found = occurrences(start, end, Frequency.WEEKLY, limit=3)

    assert {elapsed(occurrence) for occurrence in found} == {timedelta(hours=5)}
    assert [occurrence.end.time() for occurrence in found] == [time(3), time(4), time(3)]


@pytest.mark.parametrize("minutes", [0, -30])
def test_end_not_after_start_is_refused(minutes):
    start = at(date(2026, 5, 2), 14)

    with pytest.raises(ValueError, match="must be later than start"):
        occurrences(start, start + timedelta(minutes=minutes), Frequency.WEEKLY)


def test_naive_datetimes_and_unknown_frequencies_are_refused():
    naive = datetime(2026, 5, 2, 14)
    with pytest.raises(ValueError, match="timezone-aware"):
        occurrences(naive, naive + timedelta(hours=1), Frequency.WEEKLY)
    with pytest.raises(ValueError, match="unknown frequency"):
        occurrences(at(date(2026, 5, 2), 14), at(date(2026, 5, 2), 15), "daily")


def test_limit_caps_an_unbounded_series():
    start, end = at(date(2026, 1, 5), 9), at(date(2026, 1, 5), 10)

    assert len(occurrences(start, end, Frequency.WEEKLY)) == 500
    assert len(occurrences(start, end, Frequency.MONTHLY, limit=3)) == 3
    assert occurrences(start, end, Frequency.MONTHLY, limit=0) == []


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 1), 1),
        (date(2026, 1, 7), 1),
        (date(2026, 1, 8), 2),
        (date(2026, 1, 13), 2),
        (date(2026, 1, 28), 4),
        (date(2026, 1, 29), -1),
        (date(2026, 1, 31), -1),
    ],
)
def test_nth_weekday_of_month(day, expected):
    assert nth_weekday_of_month(day) == expected


@pytest.mark.parametrize(
    ("start_day", "frequency", "expected"),
    [
        (date(2026, 1, 13), Frequency.NONE, ""),
        (date(2026, 1, 13), Frequency.WEEKLY, "Every week on Tuesday"),
        (date(2026, 1, 13), Frequency.BIWEEKLY, "Every two weeks on Tuesday"),
        (date(2026, 1, 13), Frequency.MONTHLY, "Every month on the second Tuesday"),
        (date(2026, 1, 30), Frequency.MONTHLY, "Every month on the last Friday"),
    ],
)
def test_describe(start_day, frequency, expected):
    with translation.override("en"):
        assert describe(at(start_day, 19, 30), frequency) == expected


def test_describe_translates_the_weekday():
    # Django's own Dutch catalogue knows the weekday names, whatever ours says.
    with translation.override("nl"):
        assert "dinsdag" in describe(at(date(2026, 1, 13), 19, 30), Frequency.WEEKLY)


# --- properties ------------------------------------------------------------------------------

REPEATING = [Frequency.WEEKLY, Frequency.BIWEEKLY, Frequency.MONTHLY]
STEP_DAYS = {Frequency.WEEKLY: 7, Frequency.BIWEEKLY: 14}
ENOUGH = 2_000  # covers every window drawn below, so no unwindowed result is cut short


def month_ends() -> st.SearchStrategy[date]:
    """One of the last seven days of a month, where a fifth weekday can fall."""
    months = st.builds(date, st.integers(2020, 2035), st.integers(1, 12), st.just(1))
    return months.map(lambda first: first_of_next_month(first) - timedelta(days=1)).flatmap(
        lambda last: st.integers(0, 6).map(lambda back: last - timedelta(days=back))
    )


def first_of_next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


@st.composite
def series(draw):
    """Keyword arguments for occurrences(), without skipped dates or a window."""
    # Extra month ends (fifth weekdays) and evenings (activities running past midnight).
    day = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)) | month_ends())
    local_time = time(draw(st.integers(0, 23) | st.integers(20, 23)), draw(st.integers(0, 59)))
    start = datetime.combine(day, local_time, tzinfo=AMSTERDAM)
    duration = timedelta(minutes=draw(st.integers(15, 6 * 60)))
    until_offset = draw(st.none() | st.integers(-10, 800))
    return {
        "start": start,
        "end": (start.astimezone(UTC) + duration).astimezone(AMSTERDAM),
        "frequency": draw(st.sampled_from([Frequency.NONE, *REPEATING])),
        "until": None if until_offset is None else day + timedelta(days=until_offset),
        "limit": draw(st.sampled_from([0, 1, 5, 40, 500])),
    }


@st.composite
def series_with_skips(draw):
    arguments = draw(series())
    candidates = start_dates(occurrences(**arguments))
    strays = st.dates(min_value=date(2020, 1, 1), max_value=date(2038, 12, 31))
    chosen = st.sampled_from(candidates) if candidates else strays
    arguments["skipped"] = draw(st.lists(chosen | strays, max_size=8))
    return arguments


def wall_time_exists(day: date, local_time: time) -> bool:
    naive = datetime.combine(day, local_time)
    round_trip = naive.replace(tzinfo=AMSTERDAM).astimezone(UTC).astimezone(AMSTERDAM)
    return round_trip.replace(tzinfo=None) == naive


def nth_position_holds(day: date, first: date) -> bool:
    """Same weekday as `first`, and the same nth of the month, or the last for a fifth."""
    nth = (first.day - 1) // 7 + 1
    if nth == 5:
        return (day + timedelta(days=7)).month != day.month
    return (day.day - 1) // 7 + 1 == nth


@settings(max_examples=150, deadline=None)
@given(series_with_skips())
def test_every_occurrence_follows_the_rules(arguments):
    start, end, until = arguments["start"], arguments["end"], arguments["until"]
    found = occurrences(**arguments)

    assert len(found) <= arguments["limit"]
    instants = [occurrence.start.astimezone(UTC) for occurrence in found]
    assert instants == sorted(set(instants))  # strictly increasing
    assert found == sorted(found)
    first = start.date()
    for occurrence in found:
        day = occurrence.start.date()
        assert elapsed(occurrence) == end.astimezone(UTC) - start.astimezone(UTC)
        assert occurrence.start.time() == start.time() or not wall_time_exists(day, start.time())
        assert day >= first
        assert day not in arguments["skipped"]
        assert until is None or day <= until
        if arguments["frequency"] in STEP_DAYS:
            assert (day - first).days % STEP_DAYS[arguments["frequency"]] == 0
        if arguments["frequency"] == Frequency.MONTHLY:
            assert day.weekday() == first.weekday()
            assert nth_position_holds(day, first)
    if arguments["frequency"] == Frequency.NONE:
        assert len(found) <= 1


def follows_rule(day: date, first: date, frequency: str) -> bool:
    if frequency in STEP_DAYS:
        return (day - first).days % STEP_DAYS[frequency] == 0
    if frequency == Frequency.MONTHLY:
        return day.weekday() == first.weekday() and nth_position_holds(day, first)
    return day == first


def expected_dates(arguments) -> list[date]:
    """The series worked out the slow way: test every calendar day from the start."""
    first, until, limit = arguments["start"].date(), arguments["until"], arguments["limit"]
    # Enough days for `limit` monthly dates even after the skipped ones.
    horizon = 31 * (limit + len(arguments["skipped"]) + 1)
    last = first + timedelta(days=horizon) if until is None else until
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    matching = [
        day
        for day in days
        if follows_rule(day, first, arguments["frequency"]) and day not in arguments["skipped"]
    ]
    return matching[:limit]


@settings(max_examples=150, deadline=None)
@given(series_with_skips())
def test_no_occurrence_is_missing(arguments):
    assert start_dates(occurrences(**arguments)) == expected_dates(arguments)


@settings(max_examples=150, deadline=None)
@given(series_with_skips())
def test_skipping_only_removes_the_skipped_dates(arguments):
    skipped = set(arguments.pop("skipped"))
    limit = arguments.pop("limit")
    everything = occurrences(**arguments, limit=limit + len(skipped))

    kept = [occurrence for occurrence in everything if occurrence.start.date() not in skipped]
    assert occurrences(**arguments, skipped=skipped, limit=limit) == kept[:limit]


def around(moment: datetime, reach: timedelta, unit: timedelta) -> st.SearchStrategy[datetime]:
    """A moment from a little before `moment` to `reach` after it, in whole units."""
    return st.integers(-30, reach // unit).map(lambda units: moment + units * unit)


def near_an_edge(found: list[Occurrence], edge: str) -> st.SearchStrategy[datetime]:
    """A UTC moment up to 90 minutes from the start or end of one of `found`."""
    if not found:
        return st.nothing()
    edges = st.sampled_from([getattr(occurrence, edge).astimezone(UTC) for occurrence in found])
    return st.builds(
        lambda moment, minutes: moment + timedelta(minutes=minutes), edges, st.integers(-90, 90)
    )


@settings(max_examples=150, deadline=None)
@given(series_with_skips(), st.data())
def test_windowed_equals_unwindowed_filtered_by_overlap(arguments, data):
    limit = arguments.pop("limit")
    unwindowed = occurrences(**arguments, limit=ENOUGH)
    # Windows in UTC, to mix time zones; some open or close just around an occurrence.
    start = arguments["start"].astimezone(UTC)
    window_start = data.draw(
        near_an_edge(unwindowed, "end") | around(start, timedelta(days=800), timedelta(hours=1))
    )
    window_end = data.draw(
        st.none()
        | near_an_edge(unwindowed, "start")
        | around(window_start, timedelta(days=200), timedelta(hours=1))
    )

    windowed = occurrences(
        **arguments, window_start=window_start, window_end=window_end, limit=limit
    )

    expected = [
        occurrence for occurrence in unwindowed if overlaps(occurrence, window_start, window_end)
    ]
    assert windowed == expected[:limit]
