from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Buurten")

    def ready(self):
        from tenants import security  # noqa: F401  (connects the login-failure receivers)
