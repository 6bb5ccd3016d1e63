from django.utils.translation import gettext_lazy as _

from .base import SectionIndexPage


class StoryIndexPage(SectionIndexPage):
    subpage_types = ["buurtpages.StoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("stories overview")
