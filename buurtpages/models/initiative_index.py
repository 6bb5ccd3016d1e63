from django.utils.translation import gettext_lazy as _

from .base import SectionIndexPage


class InitiativeIndexPage(SectionIndexPage):
    subpage_types = ["buurtpages.InitiativePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("initiatives overview")
