"""The printed agenda and the buurtkrant are within reach on a phone: from the public
agenda page, and for buurtverbinders and the Buurtbeheerder from the admin menu."""

import re

import pytest

from tests.e2e.conftest import (
    DEMO_SLUG,
    PHONE,
    assert_accessible,
    assert_no_horizontal_scroll,
    buurt_url,
    log_in,
)

pytestmark = pytest.mark.django_db
expect = pytest.importorskip("playwright.sync_api").expect


def test_agenda_pdf_and_buurtkrant_are_reachable_on_a_phone(live_server_url, new_context):
    base = buurt_url(live_server_url)
    page = new_context(viewport=PHONE)
    page.goto(base + "/agenda/")
    agenda_pdf = page.get_by_role("link", name=re.compile(r"^Agenda van .* om te printen"))
    expect(agenda_pdf.first).to_be_visible()
    assert re.search(r"/buurtagenda/\d{4}-\d{2}\.pdf$", agenda_pdf.first.get_attribute("href"))
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    page.get_by_role("link", name="Lees de buurtkrant").click()
    expect(page.get_by_role("heading", name="Buurtkrant", level=1)).to_be_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    log_in(page, base, f"beheerder@{DEMO_SLUG}.example.nl")
    page.goto(base + "/admin/")
    toggle = page.get_by_role("button", name=re.compile("zijbalk|sidebar", re.I)).first
    if not page.get_by_role("link", name="Buurtkrant").is_visible():
        toggle.click()
    for name, path in (
        ("Gedrukte agenda", "/admin/buurtagenda/"),
        ("Buurtkrant", "/admin/buurtkrant/"),
    ):
        link = page.get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        assert link.get_attribute("href") == path
    page.get_by_role("link", name="Buurtkrant", exact=True).click()
    expect(page.get_by_role("link", name="Nieuwe editie")).to_be_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
