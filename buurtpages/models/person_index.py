from django.utils.translation import gettext_lazy as _

from .base import SectionIndexPage


class PersonIndexPage(SectionIndexPage):
    subpage_types = ["buurtpages.PersonPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("people overview")
