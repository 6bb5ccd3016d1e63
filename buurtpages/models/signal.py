"""Signals: what neighbours notice, reported through the public form.

Stored privately and never published. A buurtverbinder triages each one: into an
initiative draft, a private referral to a professional (care needs), or closed with
a reason.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtpages.models.initiative import InitiativePage
from buurtpages.models.initiative_index import InitiativeIndexPage
from buurtpages.models.recorded import RecordedByConnectorMixin
from kernel.phones import PhoneNumberField


class Signal(RecordedByConnectorMixin, models.Model):
    class Category(models.TextChoices):
        LONELINESS = "loneliness", _("Loneliness or little contact")
        NUISANCE = "nuisance", _("Nuisance or safety")
        GREENERY = "greenery", _("Greenery, streets and squares")
        IDEA = "idea", _("An idea for the buurt")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        INITIATIVE = "initiative", _("Turned into an initiative")
        REFERRED = "referred", _("Referred to a professional")
        CLOSED = "closed", _("Closed")

    category = models.CharField(_("about"), max_length=20, choices=Category.choices)
    description = models.TextField(_("what did you notice?"), max_length=4000)
    location = models.CharField(_("where (optional)"), max_length=200, blank=True)
    contact_name = models.CharField(_("your name (optional)"), max_length=120, blank=True)
    contact_email = models.EmailField(_("your e-mail address (optional)"), blank=True)
    contact_phone = PhoneNumberField(_("your phone number (optional)"), blank=True)
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    # A hash, not the address itself: enough to limit abuse, nothing to leak.
    sender_hash = models.CharField(max_length=64, editable=False, db_index=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    triage_note = models.TextField(
        _("note (private)"),
        blank=True,
        help_text=_("Why this decision; to whom it was referred. Never published."),
    )
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    triaged_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    initiative = models.ForeignKey(
        "buurtpages.InitiativePage",
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")

    def __str__(self):
        return f"{self.get_category_display()}: {self.description[:60]}"

    @staticmethod
    def hash_sender(address):
        return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()

    def clean(self):
        needs_note = self.status in (self.Status.REFERRED, self.Status.CLOSED)
        if needs_note and not self.triage_note.strip():
            raise ValidationError(
                {"triage_note": _("Write down to whom it was referred or why it was closed.")}
            )

    def turn_into_initiative(self, user):
        """An initiative draft (not live) to work the signal out with residents."""
        index = InitiativeIndexPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        draft = InitiativePage(
            title=self.description.strip().splitlines()[0][:80] or str(_("New initiative")),
            goal=self.description,
            live=False,
            owner=user,
        )
        index.get().add_child(instance=draft)
        draft.save_revision(user=user)
        self.mark(self.Status.INITIATIVE, user, initiative=draft)
        return draft

    def mark(self, status, user, note="", initiative=None):
        self.status, self.triaged_by, self.triaged_at = status, user, timezone.now()
        if note:
            self.triage_note = note
        if initiative is not None:
            self.initiative = initiative
        self.full_clean()
        self.save()
