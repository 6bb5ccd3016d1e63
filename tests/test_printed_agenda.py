"""The printed buurtagenda: a month of activities as a PDF, read back as text and images."""

import io
import os
import re
import subprocess
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
import zxingcpp
from django.test import override_settings
from PIL import Image
from pypdf import PdfReader
from wagtail.models import Locale

from buurtpages.blueprint import dutch_section
from buurtpages.factories import ActivityPageFactory, PlaceFactory, publish
from buurtpages.models import ActivityIndexPage
from tests.base import client_for, inside, logged_in

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Any date works; the clock is fixed so "which months may be printed" is stable.
TODAY = datetime(2031, 1, 20, 10, 0, tzinfo=AMSTERDAM)
# Directional marks pdftotext puts around right-to-left runs; not part of the text.
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def activity(buurt, title, slug, start, **extra):
    with inside(buurt):
        page = ActivityPageFactory(
            parent=dutch_section(ActivityIndexPage),
            title=title,
            slug=slug,
            start=start,
            end=start + timedelta(hours=2),
            **extra,
        )
        return publish(page)


def translate(buurt, dutch, language, title):
    with inside(buurt):
        translation = dutch.copy_for_translation(
            Locale.objects.get(language_code=language), copy_parents=True
        )
        for skeleton in translation.get_ancestors().filter(depth__gt=1).specific():
            if not skeleton.live:
                publish(skeleton)
        translation.title = title
        return publish(translation)


def at(day, hour=19, minute=30):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


def pdf_text(content, layout=True):
    """The text as pdftotext reads it; without `layout`, columns one after the other."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "agenda.pdf"
        path.write_bytes(content)
        mode = ["-layout"] if layout else []
        out = subprocess.run(["pdftotext", *mode, str(path), "-"], capture_output=True)
    return BIDI_MARKS.sub("", out.stdout.decode())


def page_count(content):
    return len(PdfReader(io.BytesIO(content)).pages)


def qr_codes(content):
    """Every QR code on every page, decoded from a 150 dpi rendering."""
    found = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "agenda.pdf"
        path.write_bytes(content)
        subprocess.run(["pdftoppm", "-r", "150", "-png", str(path), f"{folder}/page"], check=True)
        for image in sorted(Path(folder).glob("page*.png")):
            found += [code.text for code in zxingcpp.read_barcodes(Image.open(image))]
    return found


def get_pdf(client, path):
    """The PDF at `path`; with PRINT_DUMP set also written there (to look at it)."""
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    if os.environ.get("PRINT_DUMP"):
        name = path.strip("/").replace("/", "-")
        Path(os.environ["PRINT_DUMP"], name).write_bytes(response.content)
    return response.content


@pytest.fixture
def january(alpha):
    """Three activities in January 2031 on alpha, one in February, one cancelled."""
    with time_machine.travel(TODAY, tick=False):
        place = None
        with inside(alpha):
            place = PlaceFactory(name="Buurthuis De Linde", address="Lindelaan 1")
        weekly = activity(
            alpha,
            "Moestuin wieden",
            "moestuin",
            at(date(2031, 1, 7)),
            frequency="weekly",
            repeat_until=date(2031, 1, 28),
            place=place,
            accessibility="Rolstoeltoegankelijk",
        )
        once = activity(alpha, "Repair Café", "repair", at(date(2031, 1, 18), 10), cost="2.50")
        spans = activity(alpha, "Nieuwjaarsborrel", "borrel", at(date(2031, 1, 2), 17))
        activity(alpha, "Voorjaarsmarkt", "markt", at(date(2031, 2, 8), 10))
        activity(alpha, "Afgelaste lezing", "lezing", at(date(2031, 1, 9)), is_cancelled=True)
    return weekly, once, spans


def test_agenda_lists_the_month_s_activities_and_only_those(alpha, january):
    with time_machine.travel(TODAY, tick=False):
        content = get_pdf(client_for(alpha), "/buurtagenda/2031-01.pdf")
    text = pdf_text(content)
    for title in ("Moestuin wieden", "Repair Café", "Nieuwjaarsborrel", "Buurthuis De Linde"):
        assert title in text
    assert "Voorjaarsmarkt" not in text  # February
    assert "Afgelaste lezing" not in text  # cancelled
    # Grouped by ISO week: the weekly one appears once in each of its four weeks.
    assert text.count("Moestuin wieden") == 4
    for week in ("Week 1", "Week 2", "Week 3", "Week 4", "Week 5"):
        assert week in text
    assert "€ 2.50" in text or "€ 2,50" in text
    assert "Rolstoeltoegankelijk" in text
    assert "Gratis" in text
    # Designed: a header and 30 mm entries; 6 entries in 5 weeks fit on one page.
    assert page_count(content) == 1


def test_qr_codes_lead_to_the_pages_on_the_buurt_s_own_domain(alpha, january):
    with time_machine.travel(TODAY, tick=False):
        content = get_pdf(client_for(alpha), "/buurtagenda/2031-01.pdf")
    codes = qr_codes(content)
    assert sorted(set(codes)) == [
        "http://alpha.localhost/agenda/borrel/",
        "http://alpha.localhost/agenda/moestuin/",
        "http://alpha.localhost/agenda/repair/",
    ]
    assert len(codes) == 6  # one per entry


def test_arabic_agenda_reads_right_to_left_with_dutch_marked(beta):
    with time_machine.travel(TODAY, tick=False):
        dutch = activity(beta, "Koffie-ochtend", "koffie", at(date(2031, 1, 14), 10))
        translate(beta, dutch, "ar", "صباح القهوة في الحي")
        activity(beta, "Alleen Nederlands", "alleen-nl", at(date(2031, 1, 21), 10))
        content = get_pdf(client_for(beta), "/ar/buurtagenda/2031-01.pdf")
    text = pdf_text(content)
    assert "صباح القهوة في الحي" in text  # shaped text extracts in logical order
    assert "Koffie-ochtend" not in text  # the live translation replaces the Dutch one
    assert "Alleen Nederlands" in text
    assert "بالهولندية" in text  # marked as Dutch, in the reader's language
    assert "يناير" in text or "كانون" in text  # the month in Arabic
    assert sorted(qr_codes(content)) == [
        "http://beta.localhost/agenda/alleen-nl/",
        "http://beta.localhost/ar/agenda/koffie/",
    ]


def test_bad_month_and_unknown_language_are_404_never_500(alpha, beta, january):
    client = client_for(alpha)
    with time_machine.travel(TODAY, tick=False):
        assert client.get("/buurtagenda/2031-13.pdf").status_code == 404
        assert client.get("/buurtagenda/2031-00.pdf").status_code == 404
        assert client.get("/buurtagenda/0000-01.pdf").status_code == 404
        assert client.get("/buurtagenda/9999-01.pdf").status_code == 404
        assert client.get("/buurtagenda/2031-1.pdf").status_code == 404
        assert client.get("/ar/buurtagenda/2031-01.pdf").status_code == 404  # alpha: nl, en
        assert client_for(beta).get("/en/buurtagenda/2031-01.pdf").status_code == 404
        # Positive control: the buurt's own second language prints (Dutch content, marked).
        english = pdf_text(get_pdf(client, "/en/buurtagenda/2031-01.pdf"))
    assert "Moestuin wieden" in english and "in Dutch" in english


def test_another_buurt_s_host_prints_only_its_own_activities(alpha, beta, january):
    with time_machine.travel(TODAY, tick=False):
        activity(beta, "Betabingo", "bingo", at(date(2031, 1, 10), 14))
        beta_text = pdf_text(get_pdf(client_for(beta), "/buurtagenda/2031-01.pdf"))
        alpha_text = pdf_text(get_pdf(client_for(alpha), "/buurtagenda/2031-01.pdf"))
    assert "Betabingo" in beta_text and "Moestuin wieden" not in beta_text
    assert "Moestuin wieden" in alpha_text and "Betabingo" not in alpha_text


def test_cached_file_is_replaced_when_an_activity_changes(alpha, january):
    weekly, _once, _spans = january
    client = client_for(alpha)
    with time_machine.travel(TODAY, tick=False):
        first = get_pdf(client, "/buurtagenda/2031-01.pdf")
        assert get_pdf(client, "/buurtagenda/2031-01.pdf") == first  # served from the cache
        with inside(alpha):
            weekly.title = "Moestuin oogsten"
            publish(weekly)
        changed = pdf_text(get_pdf(client, "/buurtagenda/2031-01.pdf"))
    assert "Moestuin oogsten" in changed and "Moestuin wieden" not in changed


@override_settings(PRINTS_PER_WINDOW=2)
def test_generating_is_rate_limited_per_visitor_but_cached_files_are_not(alpha, january):
    client = client_for(alpha)
    other = client_for(alpha)
    with time_machine.travel(TODAY, tick=False):
        assert client.get("/buurtagenda/2031-01.pdf").status_code == 200
        assert client.get("/buurtagenda/2031-02.pdf").status_code == 200
        refused = client.get("/buurtagenda/2031-03.pdf")
        assert refused.status_code == 429
        assert "Wacht een paar minuten" in refused.content.decode()
        assert refused["Retry-After"] == "600"
        # What is already made costs nothing: still served to the same visitor.
        assert client.get("/buurtagenda/2031-01.pdf").status_code == 200
        # Another address is counted on its own.
        assert other.get("/buurtagenda/2031-03.pdf", REMOTE_ADDR="198.51.100.7").status_code == 200


def test_agenda_page_and_admin_link_to_the_printed_agenda(alpha):
    with time_machine.travel(TODAY, tick=False):
        page = client_for(alpha).get("/agenda/").content.decode()
        assert 'href="/buurtagenda/2031-01.pdf"' in page
        assert 'href="/buurtagenda/2031-02.pdf"' in page
        english = client_for(alpha).get("/en/agenda/")
        admin = logged_in(alpha, "bewoner@example.nl", role="resident")
        listing = admin.get("/admin/buurtagenda/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert 'href="http://alpha.localhost/buurtagenda/2031-01.pdf"' in html
    assert 'href="http://alpha.localhost/en/buurtagenda/2031-01.pdf"' in html
    if english.status_code == 200:  # the English agenda page, once it is live
        assert 'href="/en/buurtagenda/2031-01.pdf"' in english.content.decode()
