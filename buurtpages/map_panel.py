"""The place editor's point: two number fields and, with JavaScript, a small map to click.

The number fields are the real input (typing coordinates always works, also without
JavaScript or map tiles); static/js/place_point.js draws the map next to them, puts the
point where the editor clicks and moves the marker when they type.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

LEAFLET_JS = "vendor/leaflet/leaflet.js"
LEAFLET_CSS = "vendor/leaflet/leaflet.css"


class PointPanel(MultiFieldPanel):
    def __init__(self, children=(), *args, **kwargs):
        children = children or [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])]
        kwargs.setdefault("heading", _("Location on the map"))
        super().__init__(children, *args, **kwargs)

    class BoundPanel(MultiFieldPanel.BoundPanel):
        template_name = "buurtpages/panels/point_panel.html"

        @property
        def media(self):
            return super().media + forms.Media(
                css={"all": [LEAFLET_CSS, "css/map.css"]},
                js=[LEAFLET_JS, "js/place_point.js"],
            )

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["tile_url"] = settings.MAP_TILE_URL
            context["tile_attribution"] = settings.MAP_TILE_ATTRIBUTION
            context["latitude_id"] = self.form["latitude"].id_for_label
            context["longitude_id"] = self.form["longitude"].id_for_label
            return context
