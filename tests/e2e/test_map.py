"""The map of the buurt in a real Chromium, offline: the markers come from the buurt's
own GeoJSON feed even though no background tile can load, and without JavaScript the
list with addresses is what visitors get."""

import pytest

from tests.e2e.conftest import (
    DEMO_SLUG,
    PHONE,
    assert_accessible,
    assert_no_horizontal_scroll,
    buurt_url,
    log_in,
)
from tests.e2e.test_csp import csp_violations, editor, seen_on  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
expect = pytest.importorskip("playwright.sync_api").expect

TILES = "https://service.pdok.nl/**"


def without_tiles(page):
    """The tile server cannot be reached, as on this machine; fail fast instead of waiting."""
    page.route(TILES, lambda route: route.abort())
    return page


def focus_leaves_the_map(page):
    page.locator(".buurt-map__canvas").focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        inside = page.evaluate("() => !!document.activeElement.closest('.buurt-map__canvas')")
        if not inside:
            return True
    return False


def test_the_map_shows_every_place_offline_and_the_list_works_without_javascript(
    live_server_url,
    new_context,
    orm,
    editor,  # noqa: F811 (the fixture imported above)
):
    from buurtpages.models import ActivityPage, Place

    with orm(DEMO_SLUG):
        with_point = Place.objects.filter(latitude__isnull=False).count()
        first_place = Place.objects.order_by("pk").first()
        addresses = [place.address for place in Place.objects.all() if place.address]
        # The agenda lists the places where activities happen, the buurtgids every place.
        activity_places = ActivityPage.objects.live().values("place")
        agenda_addresses = [
            place.address for place in Place.objects.filter(pk__in=activity_places) if place.address
        ]
    assert with_point >= 2 and agenda_addresses and set(agenda_addresses) <= set(addresses)
    base = buurt_url(live_server_url)

    page = without_tiles(new_context())
    violations = csp_violations(page)
    page.goto(base + "/buurtgids/")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(with_point)
    expect(page.get_by_role("region", name="Kaart met de plekken in de buurt")).to_be_visible()
    page.locator(".leaflet-marker-icon").first.click()
    expect(page.locator(".leaflet-popup-content a")).to_have_count(1)
    # Leaflet fades the popup in; axe must see it as people do once it is there, not
    # half transparent (on a fast machine axe ran within the fade and measured 3.4:1).
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")
    assert_accessible(page)
    assert focus_leaves_the_map(page), "keyboard focus stays inside the map"
    page.goto(base + "/agenda/")
    expect(page.locator(".leaflet-marker-icon").first).to_be_visible()
    assert_accessible(page)
    assert seen_on(page) == [] and violations == []

    for path in ("/buurtgids/", "/ar/buurtgids/", "/ar/agenda/"):
        phone = without_tiles(new_context(viewport=PHONE))
        phone.goto(base + path)
        expect(phone.locator(".leaflet-marker-icon").first).to_be_visible()
        assert_no_horizontal_scroll(phone)
        if path.startswith("/ar/"):
            assert_accessible(phone)

    no_script = new_context(java_script_enabled=False)
    for path, listed in (("/buurtgids/", addresses), ("/agenda/", agenda_addresses)):
        no_script.goto(base + path)
        for address in listed:
            expect(no_script.get_by_text(address).first).to_be_visible()
        expect(no_script.locator("[data-buurt-map]")).to_be_hidden()
        assert no_script.locator(".leaflet-container").count() == 0

    # An editor sets a place's point by clicking on the small map in its edit form.
    admin = without_tiles(new_context())
    admin_violations = csp_violations(admin)
    log_in(admin, base, editor.username)
    admin.goto(base + f"/admin/snippets/buurtpages/place/edit/{first_place.pk}/")
    latitude = admin.locator("#id_latitude")
    before = latitude.input_value()
    canvas = admin.locator(".place-point .leaflet-container")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()  # away from the zoom buttons, the marker and the credits
    canvas.click(position={"x": box["width"] * 0.75, "y": box["height"] * 0.3})
    expect(latitude).not_to_have_value(before)
    assert 50 < float(latitude.input_value()) < 54
    assert seen_on(admin) == [] and admin_violations == []
