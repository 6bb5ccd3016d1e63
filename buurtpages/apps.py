from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuurtpagesConfig(AppConfig):
    name = "buurtpages"
    verbose_name = _("Buurt pages")

    def ready(self):
        from buurtpages import signals  # noqa: F401
        from buurtpages.personal_data import DECLARATIONS
        from kernel.personal_data import register

        register(*DECLARATIONS)
