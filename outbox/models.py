"""Mails waiting to go out, in the schema of the buurt (or the portal) that wrote them.

A row is written in the same transaction as the change that causes the mail, so a
stored sign-up always has its confirmation waiting, and a rolled-back change never
mails anybody. The sender (outbox.delivery) delivers it and keeps the row until it is
purged some days later.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OutgoingMail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", pgettext_lazy("outgoing mail", "Cancelled")

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # The primary recipient, for the admin list and for export and erasure.
    recipient = models.EmailField(max_length=254, blank=True)
    # Stable across retries: a receiving server or mail client can drop a second copy.
    message_id = models.CharField(max_length=255, unique=True)
    subject = models.TextField()
    body = models.TextField()
    content_subtype = models.CharField(max_length=20, default="plain")
    from_email = models.CharField(max_length=320, blank=True)
    to = models.JSONField(default=list)
    cc = models.JSONField(default=list)
    bcc = models.JSONField(default=list)
    reply_to = models.JSONField(default=list)
    headers = models.JSONField(default=dict)
    alternatives = models.JSONField(default=list)  # [[content, mimetype], ...]
    attachments = models.JSONField(default=list)  # [[filename, base64, mimetype], ...]
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")

    def __str__(self):
        return f"{self.subject} → {self.recipient}"

    @property
    def is_failing(self):
        """Not delivered, and the last attempt went wrong."""
        return self.status in (self.Status.PENDING, self.Status.FAILED) and bool(self.last_error)


def failing_mails():
    """Mails the Buurtbeheerder should look at: given up on, or failing and retrying."""
    waiting = (OutgoingMail.Status.PENDING, OutgoingMail.Status.FAILED)
    return OutgoingMail.objects.filter(status__in=waiting).exclude(last_error="")
