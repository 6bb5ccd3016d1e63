from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Workflows")

    def ready(self):
        from workflows import notifications, signals  # noqa: F401 (connects handlers)

        signals.connect()
