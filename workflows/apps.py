from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kernel.personal_data import register


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Workflows")

    def ready(self):
        from workflows import notifications, signals  # noqa: F401 (connects handlers)
        from workflows.personal_data import DECLARATIONS
        from workflows.roles import contribute_own_permissions

        register(*DECLARATIONS)

        signals.connect()
        contribute_own_permissions()
        register_consent()


def register_consent():
    """Person pages go online only with the consent this app asks for and records."""
    from buurtpages.consent_check import register_account_address_check, register_consent_check
    from workflows.consent import belongs_to_an_account, consent_for

    register_consent_check(consent_for)
    register_account_address_check(belongs_to_an_account)
