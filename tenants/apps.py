from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kernel.spreadsheet import protect_wagtail_exports


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Buurten")

    def ready(self):
        # security connects the login-failure receivers on import.
        from tenants import security, signals  # noqa: F401

        signals.connect()
        from django.core.signals import request_finished

        from tenants.connection_budget import recycle_after_request

        request_finished.connect(recycle_after_request, dispatch_uid="connection-budget")
        protect_wagtail_exports()
        from kernel.personal_data import register
        from tenants.personal_data import declarations

        register(*declarations())
