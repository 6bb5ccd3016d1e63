from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuurtpagesConfig(AppConfig):
    name = "buurtpages"
    verbose_name = _("Buurt pages")

    def ready(self):
        from buurtpages import signals  # noqa: F401
        from buurtpages.personal_data import DECLARATIONS
        from kernel.personal_data import register
        from kernel.roles import BUURT_ADMIN, CONNECTOR, contribute_permissions

        register(*DECLARATIONS)
        # Buurtverbinders make buurtkrant editions; only the Buurtbeheerder publishes one.
        edition = ("add", "change", "view")
        contribute_permissions(
            "buurtpages",
            {
                CONNECTOR: [f"buurtpages.{action}_buurtkrantedition" for action in edition],
                BUURT_ADMIN: [
                    *(f"buurtpages.{action}_buurtkrantedition" for action in edition),
                    "buurtpages.delete_buurtkrantedition",
                    "buurtpages.publish_buurtkrantedition",
                ],
            },
        )
