from django.utils.translation import gettext_lazy as _

from .base import SectionIndexPage


class ActivityIndexPage(SectionIndexPage):
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("agenda")
