"""Generating a printed buurtagenda: `python bench/printed_agenda.py HOST` prints JSON.

Adds 40 activities to the buurt of HOST (30 weekly, 10 once, each with a place) in the
month after this one, then times its PDF in Dutch: cold (nothing cached: WeasyPrint
renders), cached (the PDF cache; a query string keeps the page cache out of it) and
served by the page cache. Run with PAGE_CACHE_SECONDS > 0 for the last figure.
Then a buurtkrant of that month (four stories, the agenda in short, initiatives looking
for people), cold: what publishing an edition or a first preview costs.
"""

import json
import statistics
import sys
import time
from datetime import datetime, timedelta

from common import setup_django

ACTIVITIES = 40


def add_activities(buurt, first_day):
    from django.utils import timezone

    from buurtpages.blueprint import dutch_section
    from buurtpages.factories import ActivityPageFactory, PlaceFactory, publish
    from buurtpages.models import ActivityIndexPage
    from tenants.across import in_buurt

    with in_buurt(buurt):
        section = dutch_section(ActivityIndexPage)
        zone = timezone.get_current_timezone()
        for number in range(ACTIVITIES):
            day = first_day + timedelta(days=number % 28)
            start = datetime(day.year, day.month, day.day, 10 + number % 9, 30, tzinfo=zone)
            weekly = number < 30
            publish(
                ActivityPageFactory(
                    parent=section,
                    slug=f"bench-agenda-{number}",
                    start=start,
                    end=start + timedelta(hours=2),
                    frequency="weekly" if weekly else "",
                    place=PlaceFactory(),
                    accessibility="Drempelvrij, rolstoeltoilet.",
                )
            )


def timed(client, path):
    started = time.perf_counter()
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return time.perf_counter() - started, response


def measure(host):
    """{cold_s, cached_s, page_cache_s, pages, bytes} for the next month's agenda."""
    import io

    from django.test import Client
    from django.utils import timezone
    from pypdf import PdfReader

    from buurtpages.printed import next_month
    from tenants.models import Domain

    buurt = Domain.objects.get(domain=host).tenant
    first_day = next_month(timezone.localdate().replace(day=1))
    add_activities(buurt, first_day)
    path = f"/buurtagenda/{first_day:%Y-%m}.pdf"
    client = Client(HTTP_HOST=host)
    cold, response = timed(client, f"{path}?cold")
    cached = statistics.median(timed(client, f"{path}?cached")[0] for _ in range(20))
    timed(client, path)  # stores it in the page cache (when that is on)
    page_cache = statistics.median(timed(client, path)[0] for _ in range(20))
    krant_s, krant_pages = time_krant(buurt, host, first_day)
    return {
        "activities": ACTIVITIES,
        "krant_cold_s": krant_s,
        "krant_pages": krant_pages,
        "cold_s": cold,
        "cached_s": cached,
        "page_cache_s": page_cache,
        "pages": len(PdfReader(io.BytesIO(response.content)).pages),
        "bytes": len(response.content),
    }


def time_krant(buurt, host, first_day):
    """(seconds, pages) of one buurtkrant rendered from nothing cached."""
    import io

    from django.test import RequestFactory
    from pypdf import PdfReader
    from wagtail.models import Locale, Site

    from buurtpages import buurtkrant
    from tenants.across import in_buurt

    with in_buurt(buurt):
        request = RequestFactory(HTTP_HOST=host).get("/")
        stories = list(buurtkrant.recent_stories()[: buurtkrant.MAX_STORIES])
        started = time.perf_counter()
        pdf = buurtkrant.render_krant(
            request,
            month=first_day,
            locale=Locale.get_default(),
            editorial="Een woord van de buurtverbinders. " * 10,
            stories=stories,
            buurt_name=Site.objects.get().site_name,
        )
        seconds = time.perf_counter() - started
    return seconds, len(PdfReader(io.BytesIO(pdf)).pages)


if __name__ == "__main__":
    setup_django()
    print(json.dumps(measure(sys.argv[1])))
