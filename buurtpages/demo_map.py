"""Points on the map for the demo's places, so the demo's buurtgids and agenda show a map.

The demo buurten lie in the fictional Voorbeeldstad; their centres are plausible spots
in a Dutch city. Each place without a point gets the centre plus the next offset from a
fixed list, in the order the places were made: the same points on every machine, and a
second run changes nothing (places that have a point keep it).
"""

from decimal import Decimal

from buurtpages.models import Place

CENTRES = {
    "bloemenbuurt": ("52.087310", "5.101250"),
    "havenkwartier": ("52.101840", "5.112930"),
    "oud_zuid": ("52.076420", "5.124580"),
}
DEFAULT_CENTRE = ("52.090737", "5.121420")
# A few hundred metres around the centre, in degrees (latitude, longitude).
OFFSETS = [
    ("0.000850", "-0.001320"),
    ("-0.001240", "0.001710"),
    ("0.001930", "0.002440"),
    ("-0.000610", "-0.002980"),
    ("0.002470", "-0.000430"),
    ("-0.002150", "-0.000870"),
]


def give_places_a_point(slug):
    """Give every place of this demo buurt that has no point one near the buurt's centre;
    returns how many got one."""
    centre_latitude, centre_longitude = (Decimal(d) for d in CENTRES.get(slug, DEFAULT_CENTRE))
    changed = 0
    for number, place in enumerate(Place.objects.order_by("pk")):
        if place.has_point:
            continue
        north, east = (Decimal(d) for d in OFFSETS[number % len(OFFSETS)])
        place.latitude = centre_latitude + north
        place.longitude = centre_longitude + east
        place.save(update_fields=["latitude", "longitude"])
        changed += 1
    return changed
