from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class SectionIndexPage(Page):
    """A section of the buurt site (initiatives, agenda, people, stories) listing its pages."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["buurtpages.BuurtHomePage"]

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        return "buurtpages/section_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific()
        return context
