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
        from buurtpages import agenda, printed_agenda

        context = super().get_context(request, *args, **kwargs)
        filters = agenda.parse_filters(request.GET)
        context["items"] = agenda.upcoming(agenda.live_activities(self.locale), **filters)
        context["filters"] = filters
        context["themes"] = agenda.themes_for_filter(self.locale)
        context["weekdays"] = list(enumerate(WEEKDAY_NAMES))
        context["print_months"] = printed_agenda.months_to_print(count=2)
        return context
