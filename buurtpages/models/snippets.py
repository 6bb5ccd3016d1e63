"""Reusable snippets: themes, places and partner organisations of a buurt."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from buurtpages.geo import PlaceForm, check_point
from buurtpages.map_panel import PointPanel


@register_snippet
class Theme(TranslatableMixin, index.Indexed, models.Model):
    """What an initiative or activity is about: eenzaamheid, groen, jongeren, ..."""

    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=60)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


@register_snippet
class Place(index.Indexed, models.Model):
    """A place in the buurt where things happen or people can be met."""

    name = models.CharField(_("name"), max_length=120)
    address = models.CharField(_("address"), max_length=200, blank=True)
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free entrance? Accessible toilet? Hearing loop? Write what is there."),
    )
    # Where the place is on the buurt's map (WGS84 degrees; see buurtpages/geo.py). Both or
    # neither: a place without a point is still listed with its address.
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("North–south, for example 52.090737. Or click on the map."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("East–west, for example 5.121420."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("accessibility"),
        PointPanel(),
    ]
    base_form_class = PlaceForm
    search_fields = [index.SearchField("name"), index.SearchField("address")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        check_point(self.latitude, self.longitude)

    @property
    def has_point(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def location_text(self):
        return ", ".join(part for part in (self.name, self.address) if part)

    @property
    def consent_text(self):
        """What a Person page shows of this place (its consent covers this text)."""
        return self.location_text


@register_snippet
class Partner(index.Indexed, models.Model):
    """An organisation that works with the buurt."""

    class Kind(models.TextChoices):
        WELFARE = "welfare", _("Welfare organisation")
        HOUSING = "housing", _("Housing corporation")
        BUSINESS = "business", _("Local business")
        POLICE = "police", _("Community police officer")
        MUNICIPALITY = "municipality", _("Municipality")
        SCHOOL = "school", _("School")
        CARE = "care", _("Care organisation")
        ASSOCIATION = "association", _("Association or foundation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("what they do"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self):
        return self.name

    @property
    def consent_text(self):
        """What a Person page shows of this organisation (its consent covers this text)."""
        return self.name
