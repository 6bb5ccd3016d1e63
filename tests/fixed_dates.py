"""Runs the date-sensitive tests as if it were each of a handful of moments.

`make test` runs this after the whole suite. A test that builds its data from "now"
(next week's activity, the Monday of this week, a deadline in three days) can pass today
and fail at a month end, a year end, a daylight-saving change or on a leap day; each
moment below is one of those, in Amsterdam time (tests/conftest.py moves the clock of
the whole session there, BUURT_TEST_NOW). Exits non-zero when any run fails.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTEST = str(Path(sys.executable).with_name("pytest"))

MOMENTS = {
    "2026-11-30T09:30": "a month end on a Monday (the suite once failed on it)",
    "2026-12-31T23:30": "year end, late evening",
    "2027-03-28T02:30": "last Sunday of March, in the hour summer time skips",
    "2027-10-31T02:30": "last Sunday of October, in the hour that happens twice",
    "2028-02-29T09:30": "a leap day",
}

# The tests that build their data from the current moment and check what is bookable,
# "coming up", held, overdue or "this week" (whole modules would take ten times longer;
# a renamed test makes this run fail, so the list cannot silently go stale).
TESTS = [
    "tests/test_rsvp.py::test_sign_up_confirms_then_waitlists_with_mails",
    "tests/test_rsvp.py::test_cancelling_promotes_the_first_on_the_waitlist",
    "tests/test_rsvp.py::test_past_skipped_and_cancelled_dates_are_refused_politely",
    "tests/test_content.py::test_initiative_keeps_the_date_of_every_status_change",
    "tests/test_content.py::test_home_shows_what_is_coming_up_and_who_is_looking_for_people",
    "tests/test_languages.py::test_translated_activity_has_ical_and_poster_in_its_language",
    "tests/test_ical.py::test_agenda_feed_has_every_live_activity_of_its_own_buurt_only",
    "tests/test_ical.py::test_activity_page_shows_when_where_and_calendar_link",
    "tests/test_trainings.py::test_buurtverbinders_log_hours_and_the_beheerder_sees_whom_to_check_in_with",
    "tests/test_trainings_stappenplan.py::test_every_step_is_reached_by_the_data_that_shows_it",
    "tests/test_trainings_portal.py::test_the_dashboard_counts_match_the_buurt_and_carry_no_personal_data",
    "tests/test_workflows.py::test_support_past_its_deadline_moves_on_by_itself",
]


def main():
    failed = []
    for moment, why in MOMENTS.items():
        started = time.perf_counter()
        print(f"--- at {moment} Amsterdam ({why})", flush=True)
        result = subprocess.run(
            [PYTEST, "-q", "--no-header", "-p", "no:warnings", *TESTS],
            cwd=ROOT,
            env={**os.environ, "BUURT_TEST_NOW": moment},
        )
        print(f"    {time.perf_counter() - started:.0f} s", flush=True)
        if result.returncode != 0:
            failed.append(moment)
    if failed:
        print(f"Date-sensitive tests failed at: {', '.join(failed)}")
        sys.exit(1)
    print(f"Date-sensitive tests pass at all {len(MOMENTS)} moments.")


if __name__ == "__main__":
    main()
