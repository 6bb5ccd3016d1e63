from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from .base import SectionIndexPage

WEEKDAY_NAMES = [WEEKDAYS[number] for number in range(7)]


class ActivityIndexPage(SectionIndexPage):
    """The agenda: upcoming activities of the whole buurt, filterable."""

    subpage_types = ["buurtpages.ActivityPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("agenda")

    def get_template(self, request, *args, **kwargs):
        return "buurtpages/activity_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from buurtpages import agenda, fallback, printed

        context = super().get_context(request, *args, **kwargs)
        filters = agenda.parse_filters(request.GET)
        dutch = fallback.default_locale()
        context["items"] = agenda.in_visitor_language(
            agenda.upcoming(agenda.live_activities(dutch), **filters)
        )
        context["filters"] = filters
        # Filter values are the Dutch themes' slugs (the activities are Dutch); the names
        # shown are their translations where they exist.
        dutch_themes = list(agenda.themes_for_filter(dutch))
        shown = fallback.in_visitor_language(dutch_themes)
        context["themes"] = [
            (theme.slug, name) for theme, name in zip(dutch_themes, shown, strict=True)
        ]
        context["weekdays"] = list(enumerate(WEEKDAY_NAMES))
        context["print_months"] = printed.months_to_print(count=2)
        return context
