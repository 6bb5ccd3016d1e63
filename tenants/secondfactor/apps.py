from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecondFactorConfig(AppConfig):
    name = "tenants.secondfactor"
    label = "secondfactor"
    verbose_name = _("Second factor")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from tenants.secondfactor import sessions

        sessions.connect()
