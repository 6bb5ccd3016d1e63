"""Residents who are not online take part through a buurtverbinder, who types in their
offer, sign-up or signal in the admin. Such a record counts like any other and is
marked, so lists and exports show how it came in."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordedByConnectorMixin(models.Model):
    via_connector = models.BooleanField(_("via buurtverbinder"), default=False)
    resident_agreed = models.BooleanField(_("the resident agreed"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True
