"""Subscriptions to the buurt's weekly digest ("Blijf op de hoogte").

Only what the digest needs is stored: the address, the language, what the person wants
to hear about and what they already received. No name, no network address.

Both personal links (confirming, and managing or unsubscribing) are stored as SHA-256
hashes only, so a copy of the database opens no subscription. The confirmation token is
random and mailed once; the managing token is derived from the server's secret and a
random nonce per subscription, so every digest can carry it again without storing it.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A confirmation link older than this opens nothing (the form sends a fresh one).
CONFIRMATION_DAYS = 7


def token_hash(token):
    return hashlib.sha256((token or "").encode()).hexdigest()


def new_nonce():
    return secrets.token_hex(16)


class Subscription(models.Model):
    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    language = models.CharField(_("language"), max_length=10, default="nl")
    wants_agenda = models.BooleanField(default=False)
    wants_initiatives = models.BooleanField(default=False)
    wants_stories = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmation_hash = models.CharField(max_length=64, blank=True, db_index=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    manage_nonce = models.CharField(max_length=32, default=new_nonce)
    manage_hash = models.CharField(max_length=64, unique=True)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.manage_hash = token_hash(self.manage_token())
        super().save(*args, **kwargs)

    @property
    def is_active(self):
        return self.confirmed_at is not None

    @property
    def kinds(self):
        return [
            kind
            for kind, wanted in (
                ("agenda", self.wants_agenda),
                ("initiatives", self.wants_initiatives),
                ("stories", self.wants_stories),
            )
            if wanted
        ]

    def manage_token(self):
        """The personal link's token: the same in every mail, valid in this buurt only
        (the schema is part of what is signed)."""
        message = f"subscription:{connection.schema_name}:{self.manage_nonce}".encode()
        key = settings.SECRET_KEY.encode()
        return hmac.new(key, message, hashlib.sha256).hexdigest()[:40]

    def new_confirmation(self, now=None):
        """A fresh confirmation token (returned, never stored as such)."""
        token = secrets.token_urlsafe(24)
        self.confirmation_hash = token_hash(token)
        self.confirmation_sent_at = now or timezone.now()
        return token

    def confirmation_expired(self, now=None):
        if self.confirmation_sent_at is None:
            return True
        age = (now or timezone.now()) - self.confirmation_sent_at
        return age > timedelta(days=CONFIRMATION_DAYS)


class SentDigestItem(models.Model):
    """One page a subscriber already received in a digest: never the same item twice."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="sent_items"
    )
    key = models.CharField(max_length=80)  # "<kind>:<the page's translation key>"
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "key"], name="digest_item_once")
        ]

    def __str__(self):
        return self.key
