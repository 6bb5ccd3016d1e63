"""Sign-ups for activities, without an account, with a waitlist."""

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtpages.models.recorded import RecordedByConnectorMixin
from kernel.phones import PhoneNumberField


def new_token():
    return secrets.token_urlsafe(24)


class Registration(RecordedByConnectorMixin, models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLIST = "waitlist", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    activity = models.ForeignKey(
        "buurtpages.ActivityPage", on_delete=models.CASCADE, related_name="registrations"
    )
    occurrence_start = models.DateTimeField(_("date"))
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = PhoneNumberField(_("phone number"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    language = models.CharField(_("language"), max_length=10, default="nl")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        ordering = ["occurrence_start", "created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # One active sign-up per person per date: a double click creates nothing twice.
            models.UniqueConstraint(
                fields=["activity", "occurrence_start", "email"],
                condition=~Q(email="") & ~Q(status="cancelled"),
                name="one_active_registration_per_email",
            ),
            models.UniqueConstraint(
                fields=["activity", "occurrence_start", "phone"],
                condition=~Q(phone="") & ~Q(status="cancelled"),
                name="one_active_registration_per_phone",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED
