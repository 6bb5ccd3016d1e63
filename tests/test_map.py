"""The map of the buurt: where places are (editors type or click a point), the GeoJSON
feed a buurt's map reads (its own public content only), and the map on the buurtgids and
agenda pages, whose list with addresses is there without JavaScript or map tiles."""

import json
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from buurtpages.models import Place
from kernel.roles import CONNECTOR
from tests.base import inside, logged_in

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
