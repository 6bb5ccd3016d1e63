"""iCal feeds: one activity at `<page url>ical/`, the whole agenda at `/agenda.ics`."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from buurtpages.blueprint import dutch_section
from buurtpages.factories import ActivityPageFactory, PlaceFactory, publish
from buurtpages.models import ActivityIndexPage, ActivitySkippedDate
from tests.base import client_for, inside

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def fetch_calendar(buurt, path):
    response = client_for(buurt).get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def weekly_activity(buurt, title="Buurtmoestuin"):
    with inside(buurt):
        start = datetime(2030, 3, 5, 19, 30, tzinfo=AMSTERDAM)  # a Tuesday
        activity = ActivityPageFactory(
            parent=dutch_section(ActivityIndexPage),
            title=title,
            slug="moestuin",
            start=start,
            end=start + timedelta(hours=2),
            frequency="weekly",
            repeat_until=date(2030, 6, 25),
            place=PlaceFactory(name="Buurthuis De Linde", address="Lindelaan 1"),
        )
        ActivitySkippedDate.objects.create(activity=activity, date=date(2030, 4, 16))
        return publish(activity)


def test_activity_ical_is_valid_and_describes_the_series(alpha):
    activity = weekly_activity(alpha)
    calendar = fetch_calendar(alpha, "/agenda/moestuin/ical/")
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Buurtmoestuin"
    assert str(event["URL"]) == "http://alpha.localhost/agenda/moestuin/"
    assert str(event["LOCATION"]) == "Buurthuis De Linde, Lindelaan 1"
    start = event.decoded("DTSTART")
    assert start == activity.start and start.tzinfo is not None
    assert event.decoded("DTEND") - start == timedelta(hours=2)
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["UNTIL"][0].date() in (date(2030, 6, 25), date(2030, 6, 26))
    # One EXDATE line parses to a single list of dates, several to a list of those.
    exdate_lines = event["EXDATE"] if isinstance(event["EXDATE"], list) else [event["EXDATE"]]
    exdates = [moment.dt for line in exdate_lines for moment in line.dts]
    assert [d.date() for d in exdates] == [date(2030, 4, 16)]
    assert calendar.walk("VTIMEZONE"), "the zone of DTSTART is included"


def test_monthly_activity_gets_nth_weekday_rule(alpha):
    with inside(alpha):
        start = datetime(2030, 1, 31, 14, 0, tzinfo=AMSTERDAM)  # the last (5th) Thursday
        publish(
            ActivityPageFactory(
                parent=dutch_section(ActivityIndexPage),
                slug="soep",
                start=start,
                end=start + timedelta(hours=1),
                frequency="monthly",
            )
        )
    [event] = fetch_calendar(alpha, "/agenda/soep/ical/").walk("VEVENT")
    assert event["RRULE"]["BYDAY"] == ["-1TH"]


def test_agenda_feed_has_every_live_activity_of_its_own_buurt_only(alpha, beta):
    weekly_activity(alpha, "Moestuin Alpha")
    with inside(alpha):
        ActivityPageFactory(parent=dutch_section(ActivityIndexPage), title="Concept", live=False)
    weekly_activity(beta, "Moestuin Beta")
    summaries = {str(e["SUMMARY"]) for e in fetch_calendar(alpha, "/agenda.ics").walk("VEVENT")}
    assert summaries == {"Moestuin Alpha"}
    beta_events = fetch_calendar(beta, "/agenda.ics").walk("VEVENT")
    assert {str(e["SUMMARY"]) for e in beta_events} == {"Moestuin Beta"}
    assert all("beta.localhost" in str(e["URL"]) for e in beta_events)
    # Beta's page path does not exist on alpha... and alpha's ical is not served on beta.
    assert client_for(beta).get("/agenda/concept/ical/").status_code == 404


def test_activity_page_shows_when_where_and_calendar_link(alpha):
    weekly_activity(alpha)
    html = client_for(alpha).get("/agenda/moestuin/").content.decode()
    assert "Buurthuis De Linde" in html
    assert "Elke dinsdag" in html
    assert 'href="/agenda/moestuin/ical/"' in html
