"""The availability poll: candidate dates proposed by the organiser, answered per participant."""

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    MAYBE = "maybe", _("If need be")
    NO = "no", _("No")


class CandidateDate(models.Model):
    cohort = ParentalKey(
        "trainings.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.CASCADE,
        related_name="candidate_dates",
    )
    date = models.DateField(_("date"))
    note = models.CharField(
        _("time and place"), max_length=120, blank=True, help_text=_("For example: 9:30–16:00")
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("candidate date")
        verbose_name_plural = _("candidate dates")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "date"], name="one_candidate_per_date")
        ]

    def __str__(self):
        return date_format(self.date, "l j F Y")


class AvailabilityAnswer(models.Model):
    member = models.ForeignKey(
        "trainings.CohortMember", on_delete=models.CASCADE, related_name="answers"
    )
    candidate = models.ForeignKey(CandidateDate, on_delete=models.CASCADE, related_name="answers")
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        verbose_name = _("availability answer")
        constraints = [
            models.UniqueConstraint(fields=["member", "candidate"], name="one_answer_per_date")
        ]

    def __str__(self):
        return f"{self.member}: {self.candidate} {self.get_answer_display()}"
