from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kernel.personal_data import register


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Workflows")

    def ready(self):
        from workflows import notifications, signals  # noqa: F401 (connects handlers)
        from workflows.personal_data import DECLARATIONS

        register(*DECLARATIONS)

        signals.connect()
