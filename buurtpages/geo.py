"""Points on the map: where a place is, checked to lie in the Netherlands.

Coordinates are WGS84 degrees (what every map, phone and GPS shows), stored with six
decimals (about 10 cm). A point must lie in the European Netherlands or in the Caribbean
Netherlands (Bonaire, Sint Eustatius, Saba): a plain WGS84 range check would accept the
most common typing mistake, latitude and longitude swapped (52.09, 5.12 becomes a point
in the Gulf of Guinea), while no buurt of this platform lies anywhere else.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

DECIMALS = Decimal("0.000001")


@dataclass(frozen=True)
class Area:
    """A box in degrees around part of the country, with a little sea and border."""

    name: str
    south: Decimal
    north: Decimal
    west: Decimal
    east: Decimal

    def holds(self, latitude, longitude):
        return self.south <= latitude <= self.north and self.west <= longitude <= self.east


def area(name, south, north, west, east):
    return Area(name, *(Decimal(degrees) for degrees in (south, north, west, east)))


NETHERLANDS = (
    area("Europees Nederland", "50.70", "53.70", "3.20", "7.30"),
    area("Bonaire", "11.95", "12.40", "-68.50", "-68.10"),
    area("Sint Eustatius en Saba", "17.40", "17.70", "-63.30", "-62.90"),
)


def in_the_netherlands(latitude, longitude):
    return any(area.holds(latitude, longitude) for area in NETHERLANDS)


def check_point(latitude, longitude):
    """Both or neither, and then inside the Netherlands; errors name the field to fix."""
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        missing = "latitude" if latitude is None else "longitude"
        raise ValidationError(
            {missing: _("Fill in both the latitude and the longitude, or leave both empty.")}
        )
    if not in_the_netherlands(latitude, longitude):
        raise ValidationError(
            {
                "latitude": _(
                    "This point is not in the Netherlands. The latitude is about 51 to 53, "
                    "the longitude about 3 to 7. Did you swap them?"
                )
            }
        )


class CoordinateField(forms.DecimalField):
    """Degrees as typed or pasted from a map app: a decimal comma is read as a point, and
    more decimals than the six stored are rounded instead of refused."""

    def __init__(self, **kwargs):
        kwargs.pop("max_digits", None)
        kwargs.pop("decimal_places", None)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("step", "any")

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        number = super().to_python(value)
        if number is None:
            return None
        try:
            return number.quantize(DECIMALS, rounding=ROUND_HALF_UP)
        except InvalidOperation:  # far too many digits for any point on earth
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class PlaceForm(WagtailAdminModelForm):
    """The place's edit form: coordinates through CoordinateField."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("latitude", "longitude"):
            if name in self.fields:
                old = self.fields[name]
                self.fields[name] = CoordinateField(
                    required=False,
                    label=old.label,
                    help_text=old.help_text,
                    widget=old.widget,
                )
