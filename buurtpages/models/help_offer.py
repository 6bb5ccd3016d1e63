"""A resident offers help to an initiative, without an account.

An offer answers one help-wanted ask ("Ik help mee") or the initiative as a whole
("Ik doe mee", perhaps naming a team role). The team welcomes it (the person joins the
team with a role and the ask counts one more person found) or thanks the person for now.
Offers belong to the initiative in the buurt's main language, so an offer made on a
translated page counts on every translation; an ask is named by its `key`, which
translations copy from the original.
"""

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtpages.models.recorded import RecordedByConnectorMixin
from buurtpages.teams import TeamRole
from kernel.phones import PhoneNumberField


def new_token():
    return secrets.token_urlsafe(24)


OPEN_STATUSES = ("waiting", "welcomed")


class HelpOffer(RecordedByConnectorMixin, models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for an answer")
        WELCOMED = "welcomed", _("Welcomed to the team")
        NOT_NOW = "not_now", _("Thanked, not now")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    initiative = models.ForeignKey(
        "buurtpages.InitiativePage",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="help_offers",
    )
    # Empty: an offer for the initiative as a whole.
    ask_key = models.UUIDField(_("request for help"), null=True, blank=True)
    # What the ask said when the offer was made: kept if the team removes the ask later.
    ask_what = models.CharField(_("what"), max_length=200, blank=True)
    role = models.CharField(
        _("role"), max_length=20, choices=TeamRole.choices, blank=True, default=""
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = PhoneNumberField(_("phone number"), blank=True)
    message = models.TextField(_("message"), max_length=1000, blank=True)
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10, default="nl")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WAITING
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("offered at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("offer of help")
        verbose_name_plural = _("offers of help")
        constraints = [
            # One open offer per person per ask: a double click stores nothing twice.
            models.UniqueConstraint(
                fields=["initiative", "ask_key", "email"],
                condition=~Q(email="") & Q(status__in=OPEN_STATUSES),
                name="one_open_help_offer_per_email",
                nulls_distinct=False,
            ),
            models.UniqueConstraint(
                fields=["initiative", "ask_key", "phone"],
                condition=~Q(phone="") & Q(status__in=OPEN_STATUSES),
                name="one_open_help_offer_per_phone",
                nulls_distinct=False,
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES
