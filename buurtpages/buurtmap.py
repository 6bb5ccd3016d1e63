"""The map of the buurt: its places and upcoming activities as points (GeoJSON).

Only what the buurt's public pages already show: places (the buurtgids lists every one)
with a point, and live, public, not cancelled activities in the agenda's window whose
place has a point. An activity stands where its place is; it has no point of its own.
Links are absolute on the host the visitor asked for, which the tenant middleware has
already matched to this buurt, so another buurt's host never gets these features.
"""

from dataclasses import dataclass

from buurtpages import agenda, fallback
from buurtpages.models import BuurtgidsPage, Place

PLACE = "place"
ACTIVITY = "activity"


@dataclass(frozen=True)
class MapPoint:
    kind: str
    name: str
    address: str
    url: str
    latitude: float
    longitude: float
    start: object = None  # the next time an activity takes place

    def as_feature(self):
        properties = {"kind": self.kind, "name": self.name, "address": self.address}
        properties["url"] = self.url
        if self.start is not None:
            properties["start"] = self.start.isoformat()
        return {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [self.longitude, self.latitude]},
            "properties": properties,
        }


def places_with_a_point():
    return Place.objects.filter(latitude__isnull=False, longitude__isnull=False)


def guide_url(request):
    """The live buurtgids in the visitor's language (else Dutch), or "" without one."""
    guides = list(BuurtgidsPage.objects.live().public().filter(locale=fallback.default_locale()))
    if not guides:
        return ""
    guide = fallback.in_visitor_language(guides)[0]
    return absolute(request, guide.get_url(request))


def absolute(request, url):
    return request.build_absolute_uri(url) if url else ""


def place_points(request):
    guide = guide_url(request)
    return [
        MapPoint(
            PLACE,
            place.name,
            place.address,
            place_card_url(guide, place),
            float(place.latitude),
            float(place.longitude),
        )
        for place in places_with_a_point()
    ]


def place_card_url(guide, place):
    """The place's own card in the buurtgids (templates/buurtpages/buurtgids_page.html)."""
    return f"{guide}#plek-{place.pk}" if guide else ""


def activity_points(request):
    """One point per upcoming activity (at its next time), in the visitor's language."""
    items = agenda.upcoming(agenda.live_activities(fallback.default_locale()))
    first = {}
    for item in items:
        activity = item.activity
        if activity.is_cancelled or activity.place is None or not activity.place.has_point:
            continue
        first.setdefault(activity.pk, item)
    dutch = list(first.values())
    shown = agenda.in_visitor_language(dutch)
    # Where and when come from the Dutch activity (translations share them).
    return [
        MapPoint(
            ACTIVITY,
            item.activity.title,
            original.activity.place.location_text,
            absolute(request, item.activity.get_url(request)),
            float(original.activity.place.latitude),
            float(original.activity.place.longitude),
            start=item.start,
        )
        for original, item in zip(dutch, shown, strict=True)
    ]


@dataclass(frozen=True)
class PlaceInAgenda:
    place: Place
    items: list


def places_of_upcoming_activities():
    """Every place where an upcoming activity takes place, point or not, with its items:
    the map's text version on the agenda, complete without JavaScript or tiles."""
    dutch = agenda.upcoming(agenda.live_activities(fallback.default_locale()))
    shown = agenda.in_visitor_language(dutch)
    by_place, listed = {}, set()
    # In time order, each activity once (at its next time), at its Dutch page's place.
    for original, item in zip(dutch, shown, strict=True):
        activity = original.activity
        if activity.place is None or activity.is_cancelled or activity.pk in listed:
            continue
        listed.add(activity.pk)
        by_place.setdefault(activity.place.pk, PlaceInAgenda(activity.place, [])).items.append(item)
    return sorted(by_place.values(), key=lambda entry: entry.place.name)


def feature_collection(request):
    points = [*place_points(request), *activity_points(request)]
    return {"type": "FeatureCollection", "features": [point.as_feature() for point in points]}
