from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from buurtpages.blocks import BodyBlock
from buurtpages.models.base import CoEditableMixin
from buurtpages.models.photo import PagePhotoMixin


class StoryPage(PagePhotoMixin, CoEditableMixin, Page):
    """A story from the buurt, written by a resident."""

    intro = models.TextField(_("introduction"), help_text=_("One or two sentences."))
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    initiatives = ParentalManyToManyField(
        "buurtpages.InitiativePage",
        verbose_name=_("about the initiatives"),
        blank=True,
        related_name="stories",
    )

    settings_panels = [*Page.settings_panels, *CoEditableMixin.co_editor_panels]
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        *PagePhotoMixin.photo_panels,
        FieldPanel("body"),
        FieldPanel("initiatives", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["buurtpages.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
