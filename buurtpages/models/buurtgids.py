from django.utils.translation import gettext_lazy as _

from buurtpages.models.snippets import Partner, Place

from .base import SectionIndexPage


class BuurtgidsPage(SectionIndexPage):
    """What already exists in the buurt: organisations, places and contact points."""

    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("buurtgids")

    def get_template(self, request, *args, **kwargs):
        return "buurtpages/buurtgids_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partners"] = Partner.objects.order_by("kind", "name")
        context["places"] = Place.objects.all()
        return context
