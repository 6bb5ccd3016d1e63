"""Mails to people who used a public form of the buurt: built here, sent by the caller
in the transaction of the work (`message.send()` writes it to the outbox).

Every mail says who writes (the buurt by name, in the From header too), why the reader
gets it, what happens next with one link, and how to stop it.
"""

from django.core.mail import EmailMessage
from django.db import connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from kernel.emails import sender_named


def signal_receipt(signal):
    """The receipt for a signal whose sender left an e-mail address (else None)."""
    if not signal.contact_email:
        return None
    buurt = connection.tenant
    with translation.override(signal.language):
        context = {"signal": signal, "buurt": buurt.name, "url": buurt.base_url + "/"}
        subject = _("We received your signal: %(buurt)s") % {"buurt": buurt.name}
        body = render_to_string("buurtpages/email/signal_receipt.txt", context)
    return EmailMessage(
        subject, body, from_email=sender_named(buurt.name), to=[signal.contact_email]
    )
