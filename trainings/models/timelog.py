"""Hours buurtverbinders spend per week (the seed's two to four hours)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def week_start(day):
    """The Monday of the week `day` is in: hours are logged per week."""
    return day - timedelta(days=day.weekday())


class TimeEntry(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("buurtverbinder"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    week = models.DateField(_("week of"))
    hours = models.DecimalField(
        _("hours"), max_digits=4, decimal_places=1, validators=[MaxValueValidator(80)]
    )

    class Meta:
        ordering = ["-week"]
        verbose_name = _("hours")
        verbose_name_plural = _("hours")
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="one_time_entry_per_week")
        ]

    def __str__(self):
        return f"{self.user}: {self.week:%Y-%m-%d} {self.hours}"

    def save(self, *args, **kwargs):
        self.week = week_start(self.week)
        return super().save(*args, **kwargs)

    def clean(self):
        if self.week and self.week.weekday() != 0:
            raise ValidationError({"week": _("Choose the Monday of the week.")})
        if self.hours is not None and self.hours < 0:
            raise ValidationError({"hours": _("Hours cannot be negative.")})
