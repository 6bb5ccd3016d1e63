"""The municipality dashboard reads one table of stored numbers, says how old they are,
and stays within its municipality."""

import csv
import io
from datetime import UTC, datetime, timedelta

import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from buurtpages.models import Signal
from tests.base import inside
from tests.test_trainings_portal import fill_with_people, municipalities, portal_client

NOON = datetime(2026, 6, 10, 10, 0, tzinfo=UTC)


def new_signal(buurt):
    with inside(buurt):
        Signal.objects.create(
            category="loneliness",
            description="Een nieuw signaal.",
            status="new",
            sender_hash=Signal.hash_sender("y"),
        )


def page_text(client):
    return client.get("/dashboard/").content.decode().replace("\xa0", " ")


def open_signals(client):
    (_buurt, numbers, _cells) = client.get("/dashboard/").context["rows"][0]
    return numbers.open_signals


def test_the_dashboard_shows_stored_numbers_with_their_age_until_they_are_recomputed(alpha, beta):
    north, _south = municipalities(alpha, beta)
    with time_machine.travel(NOON, tick=False):
        expected = fill_with_people(alpha)
        client = portal_client("medewerker", north)
        assert open_signals(client) == expected["open_signals"]  # first view counts
    new_signal(alpha)
    with time_machine.travel(NOON + timedelta(minutes=3), tick=False):
        assert "Bijgewerkt 3 minuten geleden" in page_text(client)
        assert open_signals(client) == expected["open_signals"]  # stored, not recounted
        call_command("refresh_dashboard_numbers", stdout=io.StringIO())  # the background run
        assert open_signals(client) == expected["open_signals"] + 1
        assert "Bijgewerkt 0 minuten geleden" in page_text(client)
    new_signal(alpha)
    # Without the background run the dashboard recomputes what is older than its bound.
    with time_machine.travel(NOON + timedelta(minutes=3 + 16), tick=False):
        assert open_signals(client) == expected["open_signals"] + 2


def test_with_stored_numbers_the_dashboard_and_csv_never_visit_a_buurt_schema(alpha, beta):
    north, _south = municipalities(alpha, beta)
    beta.municipality = north
    beta.save(update_fields=["municipality"])
    expected = fill_with_people(alpha)
    call_command("refresh_dashboard_numbers", stdout=io.StringIO())
    client = portal_client("medewerker", north)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/dashboard/")
        export = client.get("/dashboard/buurten.csv")
    assert page.status_code == 200 and export.status_code == 200
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "tenants_buurtnumbers" in sql
    for buurt_table in ("wagtailcore_page", "buurtpages_signal", "trainings_cohort"):
        assert buurt_table not in sql, buurt_table
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["Alphabuurt"][3:-1] == [str(value) for value in expected.values()]
    assert by_name["Betawijk"][3:5] == ["0", "0"]


def test_stored_numbers_stay_within_the_municipality(alpha, beta):
    north, south = municipalities(alpha, beta)
    fill_with_people(alpha)
    call_command("refresh_dashboard_numbers", stdout=io.StringIO())
    south_client = portal_client("zuid-medewerker", south)
    html = south_client.get("/dashboard/").content.decode()
    assert "Betawijk" in html and "Alphabuurt" not in html
    csv_text = south_client.get("/dashboard/buurten.csv").content.decode("utf-8-sig")
    assert "Betawijk" in csv_text and "Alphabuurt" not in csv_text
    north_html = portal_client("noord-medewerker", north).get("/dashboard/").content.decode()
    assert "Alphabuurt" in north_html and "Betawijk" not in north_html  # positive control
