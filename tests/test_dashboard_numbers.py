"""The municipality dashboard reads one table of stored numbers, says how old they are,
and stays within its municipality."""

import csv
import io
from datetime import UTC, datetime, timedelta

import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from buurtpages.models import Signal
from tenants.dashboard_numbers import STORED
from tenants.factories import MunicipalityFactory
from tenants.models import Buurt, BuurtNumbers
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
    # The search and the pages only look within the municipality's own buurten.
    searched = south_client.get("/dashboard/", {"q": "Alpha"}).content.decode()
    assert "Alphabuurt" not in searched and "Geen buurt heeft “Alpha” in de naam." in searched
    assert "Alphabuurt" not in south_client.get("/dashboard/?pagina=2").content.decode()
    north_html = portal_client("noord-medewerker", north).get("/dashboard/").content.decode()
    assert "Alphabuurt" in north_html and "Betawijk" not in north_html  # positive control


def municipality_of(count, slug):
    """A municipality of `count` buurten whose numbers are stored and fresh, so the
    dashboard reads them without opening the buurten's schemas (these have none)."""
    municipality = MunicipalityFactory(name=f"Gemeente {slug}", slug=slug)
    now = timezone.now()
    counts = {name: 0 for name in STORED if name != "next_step_key"}
    for number in range(1, count + 1):
        buurt = Buurt.objects.create(
            schema_name=f"{slug}{number:03d}",
            name=f"{slug.title()}buurt {number:03d}",
            municipality=municipality,
        )
        BuurtNumbers.objects.create(
            buurt=buurt,
            computed_at=now,
            **counts | {"steps_reached": number % 4, "initiatives": number, "open_signals": 1},
        )
    return municipality


def test_a_municipality_of_many_buurten_gets_totals_the_spread_and_one_page_at_a_time(db):
    client = portal_client("groot-medewerker", municipality_of(60, "groot"))
    first = page_text(client)
    assert "60 buurten in uw gemeenten." in first
    assert "Buurten 1 tot 20 van 60" in first
    assert "Grootbuurt 020" in first and "Grootbuurt 021" not in first
    # Totals and the spread count all 60 buurten, not the 20 on this page.
    assert "Totaal van alle 60 buurten" in first and f"<td>{sum(range(1, 61))}</td>" in first
    for steps in range(4):
        assert f"{steps} stappen: 15 buurten" in first
    assert "4 stappen: 0 buurten" in first
    assert 'rel="next" href="?q=&amp;pagina=2"' in first
    last = client.get("/dashboard/?pagina=3")
    assert len(last.context["rows"]) == 20 and "Grootbuurt 060" in last.content.decode()
    assert 'rel="next"' not in last.content.decode()
    # A page number out of range or not a number shows the last or the first page.
    assert "Grootbuurt 060" in client.get("/dashboard/?pagina=999").content.decode()
    assert "Grootbuurt 001" in client.get("/dashboard/?pagina=x%00").content.decode()
    found = client.get("/dashboard/", {"q": "05"})  # 005 and 050 to 059
    assert [buurt.name[-3:] for buurt, _n, _c in found.context["rows"]] == [
        "005",
        *[f"{n:03d}" for n in range(50, 60)],
    ]
    nothing = client.get("/dashboard/", {"q": "Zuidpool\x00"}).content.decode()
    assert "Geen buurt heeft “Zuidpool” in de naam." in nothing
    export = client.get("/dashboard/buurten.csv").content.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(export)))) == 61  # the CSV holds every buurt


def test_the_dashboard_asks_the_database_as_often_for_60_buurten_as_for_5(db):
    small = portal_client("klein-medewerker", municipality_of(5, "klein"))
    large = portal_client("groot-medewerker", municipality_of(60, "groot"))
    asked = []
    for client in (small, large):
        client.get("/dashboard/")  # sessions and second factor settled
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/dashboard/").status_code == 200
        asked.append(len(queries))
    assert asked[0] == asked[1], asked
