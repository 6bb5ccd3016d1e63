from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from buurtpages.blocks import BodyBlock
from buurtpages.models.header_photo import HeaderPhoto
from buurtpages.models.initiative import InitiativePage, looking_for_people
from buurtpages.models.story import StoryPage


class BuurtHomePage(Page):
    """The front page of one buurt's site."""

    intro = models.TextField(_("welcome text"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "buurtpages.InitiativeIndexPage",
        "buurtpages.ActivityIndexPage",
        "buurtpages.PersonIndexPage",
        "buurtpages.StoryIndexPage",
        "buurtpages.BuurtgidsPage",
    ]

    class Meta:
        verbose_name = _("buurt home page")

    def route(self, request, path_components):
        """A page missing from a translated tree is served from the Dutch tree instead,
        so a visitor of /ar/... still finds it (base.html then adds a note)."""
        if not Locale.objects.filter(language_code=translation.get_language()).exists():
            raise Http404  # /xx/... for a language this buurt does not speak
        try:
            return super().route(request, path_components)
        except Http404:
            dutch_home = self.get_translation_or_none(Locale.get_default())
            if dutch_home is None or dutch_home.pk == self.pk:
                raise
            return dutch_home.specific.route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from buurtpages import agenda, fallback

        context = super().get_context(request, *args, **kwargs)
        dutch_home = fallback.in_dutch(self)
        context["next_activities"] = agenda.in_visitor_language(
            agenda.upcoming(agenda.live_activities(dutch_home.locale))[:3]
        )
        context["looking_for_people"] = fallback.in_visitor_language(
            InitiativePage.objects.live()
            .public()
            .descendant_of(dutch_home)
            .filter(looking_for_people())
            .order_by("-last_published_at")[:3]
        )
        context["sections"] = fallback.mark_untranslated_fields(
            fallback.in_visitor_language(dutch_home.get_children().live().in_menu().specific()),
            ["title", "intro"],
        )
        fallback.mark_untranslated_fields([self], ["title", "intro"])
        # Read, never created here: creating the row on a visit would retire the buurt's
        # cached pages (every saved setting does).
        context["header_photo"] = HeaderPhoto.objects.select_related("photo").first()
        context["latest_stories"] = fallback.in_visitor_language(
            StoryPage.objects.live()
            .public()
            .descendant_of(dutch_home)
            .order_by("-first_published_at")[:3]
        )
        return context
