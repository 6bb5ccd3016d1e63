"""`{% buurt_map "place" %}` (buurtgids) and `{% buurt_map "activity" %}` (agenda): the
map of the buurt, drawn by static/js/buurt_map.js from /kaart.geojson.

The map is progressive enhancement: without JavaScript or map tiles the page keeps its
list with addresses (the buurtgids's own list of places; on the agenda the list of
places below the map). Leaflet is loaded only where this tag is used.
"""

from django import template
from django.conf import settings

from buurtpages import buurtmap

register = template.Library()


@register.inclusion_tag("buurtpages/includes/map.html", takes_context=True)
def buurt_map(context, kind):
    request = context.get("request")
    if kind == buurtmap.ACTIVITY:
        places = buurtmap.places_of_upcoming_activities()
        has_points = any(entry.place.has_point for entry in places)
    else:
        places = []
        has_points = buurtmap.places_with_a_point().exists()
    return {
        "request": request,
        "page": context.get("page"),
        "content_language": context.get("content_language"),
        "kind": kind,
        "places": places,
        "has_points": has_points,
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
