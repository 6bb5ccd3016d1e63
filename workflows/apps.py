from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Workflows")

    def ready(self):
        from workflows import notifications, signals  # noqa: F401 (connects handlers)
        from workflows.roles import contribute_own_permissions

        signals.connect()
        contribute_own_permissions()
