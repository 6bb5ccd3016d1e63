"""A cohort: 5 to 8 residents and 1 or 2 professionals trained together.

The composition rules are checked in `clean()` (clear messages in the admin) and again
in `save()` of the cohort and of each member, so no code path can store a cohort that
breaks them. While a cohort is still forming only the maxima apply; once it is
confirmed the minima and the resident majority apply too.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from kernel.phones import PhoneNumberField
from trainings.tokens import new_token

NAME_NEEDED = _("Fill in a name, or choose the sign-up from the inwonersavond.")


class ParticipantKind(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    PROFESSIONAL = "professional", _("Professional")


@dataclass(frozen=True)
class CohortRules:
    min_residents: int = 5
    max_residents: int = 8
    min_professionals: int = 1
    max_professionals: int = 2

    def problems(self, residents, professionals, confirmed):
        """What is wrong with this composition, as sentences for the organiser."""
        problems = []
        if residents > self.max_residents:
            problems.append(
                ngettext(
                    "A cohort has at most %(max)d resident; this one has %(count)d.",
                    "A cohort has at most %(max)d residents; this one has %(count)d.",
                    self.max_residents,
                )
                % {"max": self.max_residents, "count": residents}
            )
        if professionals > self.max_professionals:
            problems.append(
                ngettext(
                    "A cohort has at most %(max)d professional; this one has %(count)d.",
                    "A cohort has at most %(max)d professionals; this one has %(count)d.",
                    self.max_professionals,
                )
                % {"max": self.max_professionals, "count": professionals}
            )
        if not confirmed:
            return problems
        if residents < self.min_residents:
            problems.append(
                _("A cohort needs at least %(min)d residents; this one has %(count)d.")
                % {"min": self.min_residents, "count": residents}
            )
        if professionals < self.min_professionals:
            problems.append(
                _("A cohort needs at least one professional (for example a wijkregisseur).")
            )
        if residents <= professionals:
            problems.append(_("Residents must be the majority of the cohort."))
        return problems


RULES = CohortRules()


class CohortForm(WagtailAdminModelForm):
    """Checks the composition with the participants as edited, before anything is saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.members_checked_by_form = True

    def clean(self):
        cleaned = super().clean()
        members = self.formsets.get("members")
        if members is None or not members.is_valid():
            return cleaned
        kept = [
            CohortMember(kind=form.cleaned_data["kind"])
            for form in members.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        confirmed = cleaned.get("status") == Cohort.Status.CONFIRMED
        residents, professionals = self.instance.composition(kept)
        for problem in RULES.problems(residents, professionals, confirmed=confirmed):
            self.add_error(None, problem)
        return cleaned


class Cohort(ClusterableModel):
    """A group trained together; its members choose the three training days."""

    class Status(models.TextChoices):
        FORMING = "forming", _("Forming")
        CONFIRMED = "confirmed", _("Confirmed")

    name = models.CharField(_("name"), max_length=120)
    evening = models.ForeignKey(
        "trainings.ResidentsEvening",
        verbose_name=_("recruited at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cohorts",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.FORMING,
        help_text=_("Confirm the cohort once it has 5 to 8 residents and 1 or 2 professionals."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    base_form_class = CohortForm

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self):
        return self.name

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    def composition(self, members=None):
        """(residents, professionals); uses the unsaved members of an admin form too."""
        members = list(self.members.all()) if members is None else members
        residents = sum(1 for m in members if m.kind == ParticipantKind.RESIDENT)
        return residents, len(members) - residents

    def composition_problems(self, members=None):
        residents, professionals = self.composition(members)
        return RULES.problems(residents, professionals, confirmed=self.is_confirmed)

    def clean(self):
        super().clean()
        # The admin form checks the members being edited itself (see CohortForm): when it
        # cleans the cohort, its new members are not attached to the instance yet.
        if getattr(self, "members_checked_by_form", False):
            return
        problems = self.composition_problems()
        if problems:
            raise ValidationError(problems)

    def save(self, *args, **kwargs):
        # Refused on save too, not only in forms: scripts and imports obey the same rules.
        problems = self.composition_problems()
        if problems:
            raise ValidationError(problems)
        return super().save(*args, **kwargs)

    def residents(self):
        return [m for m in self.members.all() if m.kind == ParticipantKind.RESIDENT]

    def professionals(self):
        return [m for m in self.members.all() if m.kind == ParticipantKind.PROFESSIONAL]


class CohortMember(models.Model):
    """A participant: answers the availability poll through a personal link."""

    cohort = ParentalKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="members"
    )
    kind = models.CharField(_("participant"), max_length=20, choices=ParticipantKind.choices)
    name = models.CharField(
        _("name"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty to take the name and contact details from the sign-up."),
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = PhoneNumberField(_("phone number"), blank=True)
    signup = models.ForeignKey(
        "trainings.InterestSignup",
        verbose_name=_("signed up at the inwonersavond"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    completed_at = models.DateTimeField(_("training completed"), null=True, blank=True)

    # Completion is recorded by the attendance view, never ticked by hand.
    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("signup"), FieldPanel("user")]),
        FieldPanel("completed_at", read_only=True),
    ]

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.copy_from_signup()
        if not self.name:
            raise ValidationError({"name": NAME_NEEDED})
        if self.cohort_id:
            self.refuse_if_cohort_breaks()
        return super().save(*args, **kwargs)

    def clean(self):
        self.copy_from_signup()
        if not self.name:
            raise ValidationError({"name": NAME_NEEDED})

    def copy_from_signup(self):
        """A resident from the inwonersavond: no need to type their details again."""
        if self.signup_id:
            self.name = self.name or self.signup.name
            self.email = self.email or self.signup.email
            self.phone = self.phone or self.signup.phone

    def refuse_if_cohort_breaks(self):
        others = [
            m
            for m in self.cohort.members.all()
            if m is not self and (m.pk is None or m.pk != self.pk)
        ]
        problems = self.cohort.composition_problems([*others, self])
        if problems:
            raise ValidationError(problems)

    def delete(self, *args, **kwargs):
        if self.cohort_id:
            others = [m for m in self.cohort.members.all() if m.pk != self.pk]
            problems = self.cohort.composition_problems(others)
            if problems:
                raise ValidationError(problems)
        return super().delete(*args, **kwargs)

    @property
    def poll_path(self):
        return reverse("trainings:availability", args=[self.token])
