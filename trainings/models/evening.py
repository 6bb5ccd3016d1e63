"""The inwonersavond (residents' evening) and the sign-ups of residents interested there."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.fields import ChoiceArrayField
from kernel.phones import PhoneNumberField


class ResidentsEveningQuerySet(models.QuerySet):
    def held(self, now=None):
        return self.filter(starts_at__lt=now or timezone.now())

    def upcoming(self, now=None):
        return self.filter(starts_at__gte=now or timezone.now())


class ResidentsEvening(models.Model):
    """An evening where residents hear about the platform and sign up as interested."""

    title = models.CharField(_("title"), max_length=120, default="Inwonersavond")
    starts_at = models.DateTimeField(_("starts"))
    place = models.ForeignKey(
        "buurtpages.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What the evening is about; shown on the sign-up page."),
    )
    signups_open = models.BooleanField(
        _("sign-ups open"),
        default=True,
        help_text=_("Residents can sign up as interested, also after the evening."),
    )

    objects = ResidentsEveningQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("inwonersavond")
        verbose_name_plural = _("inwonersavonden")

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d-%m-%Y})"


class InterestSignup(models.Model):
    """A resident who would like to become a buurtverbinder (no account needed)."""

    evening = models.ForeignKey(
        ResidentsEvening,
        verbose_name=_("inwonersavond"),
        on_delete=models.CASCADE,
        related_name="signups",
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = PhoneNumberField(_("phone number"), blank=True)
    languages = ChoiceArrayField(
        models.CharField(max_length=5, choices=settings.LANGUAGES),
        verbose_name=_("languages you speak"),
        default=list,
        blank=True,
    )
    cares_about = models.TextField(_("what you care about in the buurt"), max_length=2000)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week you could spend"),
        validators=[MaxValueValidator(40)],
        help_text=_("Buurtverbinders usually spend two to four hours a week."),
    )
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    # The language of the site the resident signed up on: their mails (the invitation
    # once the training is completed) are written in it.
    site_language = models.CharField(
        _("language of the sign-up"), max_length=10, default=settings.LANGUAGE_CODE
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("interested resident")
        verbose_name_plural = _("interested residents")

    def __str__(self):
        return self.name

    def clean(self):
        if not self.email and not self.phone.strip():
            raise ValidationError(
                {"email": _("Fill in an e-mail address or a phone number, so we can reach you.")}
            )
