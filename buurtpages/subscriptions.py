"""Subscribing to the buurt's weekly digest, with double opt-in, and leaving it again.

Whatever address is typed, the visitor sees the same "check your mail" page: the form
never tells whether an address is already subscribed. Mails go only to the address on
the record, in the subscriber's language, and at most once per RESEND_PAUSE for one
address, so the form cannot be used to flood somebody's mailbox.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from buurtpages.models import Subscription
from buurtpages.models.subscription import CONFIRMATION_DAYS, token_hash
from kernel.emails import normal_email, sender_named

RESEND_PAUSE = timedelta(hours=1)
KINDS = ("agenda", "initiatives", "stories")


@dataclass(frozen=True)
class Choice:
    language: str
    kinds: tuple


def buurt_languages():
    """(code, own name) of the buurt's languages, Dutch first."""
    return list(connection.tenant.language_names)


def subscribe(email, choice, now=None):
    """Store or refresh the request and mail what the address needs; returns nothing the
    visitor may see."""
    now = now or timezone.now()
    address = normal_email(email)
    with transaction.atomic():
        # get_or_create survives a double click (two posts racing for one new address).
        found, _created = Subscription.objects.get_or_create(email=address)
        subscription = Subscription.objects.select_for_update().get(pk=found.pk)
        if recently_mailed(subscription, now):
            return
        if subscription.is_active:
            # A stranger may type someone's address: change nothing, remind the owner.
            subscription.confirmation_sent_at = now
            subscription.save()
            already_subscribed_message(subscription).send()
            return
        apply_choice(subscription, choice)
        token = subscription.new_confirmation(now)
        subscription.save()
        confirmation_message(subscription, token).send()


def recently_mailed(subscription, now):
    sent = subscription.confirmation_sent_at
    return sent is not None and now - sent < RESEND_PAUSE


def apply_choice(subscription, choice):
    subscription.language = choice.language
    for kind in KINDS:
        setattr(subscription, f"wants_{kind}", kind in choice.kinds)


def pending_by_confirmation(token):
    """The unconfirmed subscription this confirmation link is for, while it is valid."""
    if not token:
        return None
    found = Subscription.objects.filter(
        confirmation_hash=token_hash(token), confirmed_at__isnull=True
    ).first()
    if found is None or found.confirmation_expired():
        return None
    return found


def confirm(subscription, now=None):
    subscription.confirmed_at = now or timezone.now()
    subscription.confirmation_hash = ""
    subscription.save()


def by_manage_token(token):
    if not token:
        return None
    return Subscription.objects.filter(manage_hash=token_hash(token)).first()


def change(subscription, choice):
    apply_choice(subscription, choice)
    subscription.save()


def unsubscribe(subscription):
    """Gone at once: nothing about the address stays behind."""
    subscription.delete()


def forget_expired_requests(now=None):
    """Unconfirmed requests whose link has expired are deleted: an address somebody typed
    but never confirmed is not kept."""
    before = (now or timezone.now()) - timedelta(days=CONFIRMATION_DAYS)
    stale = Subscription.objects.filter(confirmed_at__isnull=True, confirmation_sent_at__lt=before)
    return stale.delete()[0]


# Links -------------------------------------------------------------------------------


def absolute(name, language, *args, base_url=None):
    """A link on the buurt's own primary domain, in the subscriber's language (a caller
    writing many mails passes the buurt's base URL, looked up once)."""
    with translation.override(language):
        return (base_url or connection.tenant.base_url) + reverse(name, args=args)


def manage_url(subscription, base_url=None):
    token = subscription.manage_token()
    return absolute("subscription_manage", subscription.language, token, base_url=base_url)


def unsubscribe_url(subscription, base_url=None):
    token = subscription.manage_token()
    return absolute("unsubscribe", subscription.language, token, base_url=base_url)


def list_headers(subscription, base_url=None):
    """One-click unsubscribe (RFC 8058): mail programs show an "unsubscribe" button that
    posts to this link."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscription, base_url)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


# Mails -------------------------------------------------------------------------------


def confirmation_message(subscription, token):
    buurt = connection.tenant.name
    with translation.override(subscription.language):
        context = {
            "buurt": buurt,
            "url": absolute("subscription_confirm", subscription.language, token),
            "days": CONFIRMATION_DAYS,
        }
        subject = _("Confirm your subscription to news from %(buurt)s") % {"buurt": buurt}
        body = render_to_string("buurtpages/email/subscription_confirm.txt", context)
    # Also here: a mail program's "unsubscribe" button withdraws the request at once.
    return EmailMessage(
        subject,
        body,
        from_email=sender_named(buurt),
        to=[subscription.email],
        headers=list_headers(subscription),
    )


def already_subscribed_message(subscription):
    buurt = connection.tenant.name
    with translation.override(subscription.language):
        context = {"buurt": buurt, "url": manage_url(subscription)}
        subject = _("You already get news from %(buurt)s") % {"buurt": buurt}
        body = render_to_string("buurtpages/email/subscription_known.txt", context)
    return EmailMessage(
        subject,
        body,
        from_email=sender_named(buurt),
        to=[subscription.email],
        headers=list_headers(subscription),
    )
