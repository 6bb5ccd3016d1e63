from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Outgoing mail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from kernel.personal_data import register
        from kernel.roles import BUURT_ADMIN, contribute_permissions
        from outbox.personal_data import DECLARATIONS

        register(*DECLARATIONS)
        # The Buurtbeheerder sees mails that keep failing, retries or cancels them.
        contribute_permissions(
            "outbox", {BUURT_ADMIN: ["outbox.view_outgoingmail", "outbox.change_outgoingmail"]}
        )
