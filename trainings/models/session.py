"""The three training days, their modules and materials, and who attended."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from kernel.fields import ChoiceArrayField

TRAINING_DAYS = 3


class TrainingModule(models.TextChoices):
    """The four modules of the joint training."""

    COLLABORATING = "collaborating", _("Working together")
    GOALS = "goals", _("Setting achievable goals")
    CONVERSATION = "conversation", _("Having a good conversation")
    MOTIVATING = "motivating", _("Motivating residents, businesses and organisations")


class TrainingSession(models.Model):
    """One of the three training days of a cohort."""

    cohort = ParentalKey(
        "trainings.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    day = models.PositiveSmallIntegerField(
        _("training day"), choices=[(n, n) for n in range(1, TRAINING_DAYS + 1)]
    )
    date = models.DateField(_("date"))
    place = models.ForeignKey(
        "buurtpages.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    modules = ChoiceArrayField(
        models.CharField(max_length=20, choices=TrainingModule.choices),
        verbose_name=_("modules"),
        default=list,
        blank=True,
    )

    class Meta:
        ordering = ["cohort", "day"]
        verbose_name = _("training day")
        verbose_name_plural = _("training days")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "day"], name="one_session_per_day")
        ]

    def __str__(self):
        return _("Day %(day)s: %(date)s") % {"day": self.day, "date": self.date.isoformat()}

    def module_labels(self):
        return [TrainingModule(m).label for m in self.modules]


class ModuleMaterial(models.Model):
    """A document used in a module (hand-out, slides, exercise)."""

    module = models.CharField(_("module"), max_length=20, choices=TrainingModule.choices)
    title = models.CharField(_("title"), max_length=120)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        ordering = ["module", "title"]
        verbose_name = _("training material")
        verbose_name_plural = _("training materials")

    def __str__(self):
        return self.title


class Attendance(models.Model):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendance"
    )
    member = models.ForeignKey(
        "trainings.CohortMember", on_delete=models.CASCADE, related_name="attendance"
    )
    present = models.BooleanField(_("present"), default=True)
    # Why attendance was recorded long after the day: without it, training days could
    # be planned in the past and ticked at once to hand out the Buurtverbinder role.
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="one_attendance_per_day")
        ]

    def __str__(self):
        return f"{self.member}: {self.session}"
