from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kernel.personal_data import register


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = _("Trainings")

    def ready(self):
        from trainings.permissions import contribute_training_permissions

        contribute_training_permissions()

        from trainings.personal_data import DECLARATIONS

        register(*DECLARATIONS)
