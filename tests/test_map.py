"""The map of the buurt: where places are (editors type or click a point), the GeoJSON
feed a buurt's map reads (its own public content only), and the map on the buurtgids and
agenda pages, whose list with addresses is there without JavaScript or map tiles."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from buurtpages.blueprint import dutch_section
from buurtpages.factories import ActivityPageFactory, PlaceFactory, publish
from buurtpages.models import ActivityIndexPage, Place
from kernel.roles import CONNECTOR
from tests.base import client_for, inside, logged_in

ADD_PLACE = "/admin/snippets/buurtpages/place/add/"


def place_form(name, latitude="", longitude=""):
    return {
        "name": name,
        "address": "Lindelaan 1",
        "accessibility": "",
        "latitude": latitude,
        "longitude": longitude,
    }


def test_a_point_outside_the_netherlands_is_refused_with_a_clear_dutch_message(alpha):
    editor = logged_in(alpha, "verbinder@example.nl", CONNECTOR)
    form = editor.get(ADD_PLACE).content.decode()
    # Two number fields that work without JavaScript, and the map the script fills.
    assert 'name="latitude"' in form and 'name="longitude"' in form
    assert "data-place-point" in form and "js/place_point.js" in form
    # Latitude and longitude swapped: a point in the Gulf of Guinea.
    swapped = editor.post(ADD_PLACE, place_form("Buurthuis", "5.121420", "52.090737"))
    assert swapped.status_code == 200
    assert "Dit punt ligt niet in Nederland" in swapped.content.decode()
    half = editor.post(ADD_PLACE, place_form("Buurthuis", "52.090737", ""))
    assert "Vul de breedtegraad én de lengtegraad in" in half.content.decode()
    with inside(alpha):
        assert not Place.objects.filter(name="Buurthuis").exists()
    # The same editor stores a point in Utrecht (more decimals than needed are rounded),
    # one in Bonaire (Caribbean Netherlands) and a place without a point.
    assert (
        editor.post(ADD_PLACE, place_form("Buurthuis", "52.0907374", "5.1214201")).status_code
        == 302
    )
    assert editor.post(ADD_PLACE, place_form("Kralendijk", "12.150", "-68.267")).status_code == 302
    assert editor.post(ADD_PLACE, place_form("Zonder punt")).status_code == 302
    with inside(alpha):
        place = Place.objects.get(name="Buurthuis")
        assert (place.latitude, place.longitude) == (Decimal("52.090737"), Decimal("5.121420"))
        assert Place.objects.get(name="Zonder punt").latitude is None


def soon(days=5):
    return (timezone.localtime() + timedelta(days=days)).replace(
        hour=15, minute=0, second=0, microsecond=0
    )


def plant_map_content(buurt, word):
    """A place with a point, one without, an upcoming live activity there, a draft and a
    past activity at the same place; every name carries `word`."""
    with inside(buurt):
        place = PlaceFactory(
            name=f"Buurthuis {word}",
            address="Lindelaan 1",
            latitude="52.090737",
            longitude="5.121420",
        )
        PlaceFactory(name=f"Zonder punt {word}", address="Ergens 2")
        agenda = dutch_section(ActivityIndexPage)
        start = soon()
        publish(
            ActivityPageFactory(
                parent=agenda,
                title=f"Koffie {word}",
                slug="koffie",
                place=place,
                start=start,
                end=start + timedelta(hours=2),
            )
        )
        ActivityPageFactory(
            parent=agenda,
            title=f"Concept {word}",
            slug="concept",
            place=place,
            start=start,
            end=start + timedelta(hours=2),
            live=False,
        )
        past = soon(days=-20)
        publish(
            ActivityPageFactory(
                parent=agenda,
                title=f"Voorbij {word}",
                slug="voorbij",
                place=place,
                start=past,
                end=past + timedelta(hours=2),
            )
        )
        return place


def features(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    return {feature["properties"]["name"]: feature for feature in collection["features"]}


def test_the_geojson_feed_shows_this_buurts_public_places_and_upcoming_activities(
    alpha, beta, cache_mode
):
    place = plant_map_content(alpha, "Alfa")
    plant_map_content(beta, "Beta")
    mine = features(cache_mode.warm(client_for(alpha), "/kaart.geojson"))
    assert set(mine) == {"Buurthuis Alfa", "Koffie Alfa"}
    buurthuis, koffie = mine["Buurthuis Alfa"], mine["Koffie Alfa"]
    assert buurthuis["geometry"] == {"type": "Point", "coordinates": [5.12142, 52.090737]}
    assert buurthuis["properties"]["kind"] == "place"
    assert buurthuis["properties"]["address"] == "Lindelaan 1"
    # a place's popup leads to its own card in the buurtgids, not to the top of the page
    card = f"http://{alpha.primary_domain}/buurtgids/#plek-{place.pk}"
    assert buurthuis["properties"]["url"] == card
    guide = client_for(alpha).get("/buurtgids/").content.decode()
    assert f'<li class="card" id="plek-{place.pk}">' in guide
    # The activity stands where its place is, and links to its page on this buurt's host.
    assert koffie["geometry"] == buurthuis["geometry"]
    assert koffie["properties"]["kind"] == "activity"
    assert koffie["properties"]["url"] == f"http://{alpha.primary_domain}/agenda/koffie/"
    assert "Buurthuis Alfa" in koffie["properties"]["address"]
    # The other buurt's host shows its own features, never these.
    theirs = features(client_for(beta).get("/kaart.geojson"))
    assert set(theirs) == {"Buurthuis Beta", "Koffie Beta"}
    # Moving the place moves both points at once (the cached feed is purged).
    with inside(alpha):
        place.latitude, place.longitude = Decimal("52.1"), Decimal("5.2")
        place.save()
    moved = features(client_for(alpha).get("/kaart.geojson"))
    assert moved["Koffie Alfa"]["geometry"]["coordinates"] == [5.2, 52.1]


def test_the_agenda_lists_every_place_with_its_address_and_the_map_that_js_fills(alpha):
    plant_map_content(alpha, "Alfa")
    with inside(alpha):
        elsewhere = PlaceFactory(name="Bibliotheek Alfa", address="Boekstraat 9")  # no point
        start = soon(days=6)
        publish(
            ActivityPageFactory(
                parent=dutch_section(ActivityIndexPage),
                title="Voorlezen Alfa",
                slug="voorlezen",
                place=elsewhere,
                frequency="weekly",
                start=start,
                end=start + timedelta(hours=1),
            )
        )
    response = client_for(alpha).get("/agenda/")
    html = response.content.decode()
    # The list is complete without JavaScript or tiles: places with or without a point.
    for text in ("Buurthuis Alfa", "Lindelaan 1", "Bibliotheek Alfa", "Boekstraat 9"):
        assert text in html, text
    assert 'href="/agenda/voorlezen/"' in html
    # Each activity once under its place, at its next time (the agenda has every week).
    places_list = html.split('id="buurt-map-heading"')[1].split('class="print-links"')[0]
    assert places_list.count('href="/agenda/voorlezen/"') == 1
    assert html.count('href="/agenda/voorlezen/"') > 1
    assert "Concept Alfa" not in html
    # A labelled container the script fills from the buurt's own feed, and a way past it.
    assert 'data-feed="/kaart.geojson"' in html
    assert (
        'role="region"' in html and 'aria-label="Kaart met de plekken van de activiteiten"' in html
    )
    assert 'href="#buurt-map-end"' in html and 'id="buurt-map-end"' in html
    assert "vendor/leaflet/leaflet.js" in html and "js/buurt_map.js" in html
    # The buurtgids has its map too; a page without a map does not load Leaflet.
    assert "js/buurt_map.js" in client_for(alpha).get("/buurtgids/").content.decode()
    assert "leaflet" not in client_for(alpha).get("/").content.decode()


def test_the_csp_allows_map_tiles_from_the_tile_host_and_nothing_more(alpha, settings):
    plant_map_content(alpha, "Alfa")
    policy = client_for(alpha).get("/agenda/")["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert directives["img-src"] == ["'self'", "data:", "https://service.pdok.nl"]
    assert settings.MAP_TILE_URL.startswith("https://service.pdok.nl/")
    for name, sources in directives.items():
        if name != "img-src":
            assert not any("pdok" in source for source in sources), name


def test_the_demo_gives_each_place_a_point_in_its_buurt_once(alpha):
    from buurtpages.demo_map import CENTRES, give_places_a_point

    with inside(alpha):
        PlaceFactory(name="Buurthuis De Linde")
        PlaceFactory(name="Speeltuin Het Eiland")
        PlaceFactory(name="Al op de kaart", latitude="52.3", longitude="4.9")
        assert give_places_a_point("bloemenbuurt") == 2
        points = {p.name: (p.latitude, p.longitude) for p in Place.objects.all()}
        centre = [Decimal(degrees) for degrees in CENTRES["bloemenbuurt"]]
        for name in ("Buurthuis De Linde", "Speeltuin Het Eiland"):
            latitude, longitude = points[name]
            # Within a few hundred metres of the buurt's centre, on land in the Netherlands.
            assert abs(latitude - centre[0]) < Decimal("0.005"), name
            assert abs(longitude - centre[1]) < Decimal("0.005"), name
        assert points["Buurthuis De Linde"] != points["Speeltuin Het Eiland"]
        assert points["Al op de kaart"] == (Decimal("52.3"), Decimal("4.9"))
        # A second run changes nothing.
        assert give_places_a_point("bloemenbuurt") == 0
        assert {p.name: (p.latitude, p.longitude) for p in Place.objects.all()} == points
        for place in Place.objects.all():
            place.full_clean()  # inside the Netherlands


def test_the_feed_leaves_out_activities_behind_a_password_and_cancelled_ones(alpha):
    from wagtail.models import PageViewRestriction

    from buurtpages.models import ActivityPage

    plant_map_content(alpha, "Alfa")
    with inside(alpha):
        koffie = ActivityPage.objects.get(slug="koffie")
        start = soon(days=7)
        publish(
            ActivityPageFactory(
                parent=dutch_section(ActivityIndexPage),
                title="Gaat niet door Alfa",
                slug="afgelast",
                place=koffie.place,
                start=start,
                end=start + timedelta(hours=1),
                is_cancelled=True,
            )
        )
    shown = features(client_for(alpha).get("/kaart.geojson"))
    assert set(shown) == {"Buurthuis Alfa", "Koffie Alfa"}  # positive control
    with inside(alpha):
        PageViewRestriction.objects.create(page=koffie, restriction_type="password", password="x")
    assert set(features(client_for(alpha).get("/kaart.geojson"))) == {"Buurthuis Alfa"}


def test_the_tile_host_for_the_csp_comes_from_the_tile_url():
    from config.map_tiles import PDOK_TILES, tile_origin

    assert tile_origin(PDOK_TILES) == "https://service.pdok.nl"
    assert tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png") == (
        "https://*.tile.example.org"
    )
    for unsafe in ("http://tiles.example.org/{z}/{x}/{y}.png", "https://{z}.example/x", "tiles"):
        with pytest.raises(ValueError):
            tile_origin(unsafe)
