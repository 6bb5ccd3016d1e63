"""Mails to residents and professionals on their way to the training: built here, sent by
the caller in the transaction of the work (`message.send()` writes it to the outbox).

Each says who writes (the buurt by name, also in the From header), why the reader gets
it, what happens next with one link, and how to stop it; each in the reader's language.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.users.models import UserProfile

from kernel.emails import sender_named


def signup_receipt(signup):
    """The receipt for an inwonersavond sign-up with an e-mail address (else None)."""
    if not signup.email:
        return None
    buurt = connection.tenant
    evening = signup.evening
    with translation.override(signup.language):
        context = {
            "signup": signup,
            "evening": evening,
            "when": timezone.localtime(evening.starts_at) if evening else None,
            "buurt": buurt.name,
            "url": buurt.base_url + reverse("trainings:evening"),
        }
        subject = _("You are signed up for the inwonersavond of %(buurt)s") % {"buurt": buurt.name}
        body = render_to_string("trainings/email/signup_receipt.txt", context)
    return EmailMessage(subject, body, from_email=sender_named(buurt.name), to=[signup.email])


def member_language(member):
    """A participant's language: their account's, else the one of their sign-up, else Dutch."""
    if member.user_id:
        return UserProfile.get_for_user(member.user).get_preferred_language()
    if member.signup_id:
        return member.signup.language
    return settings.LANGUAGE_CODE


def training_days_planned(member):
    """The planned days, to a participant who answered the poll (None without an address)."""
    if not member.email:
        return None
    buurt = connection.tenant
    with translation.override(member_language(member)):
        context = {
            "member": member,
            "sessions": member.cohort.sessions.select_related("place"),
            "buurt": buurt.name,
            "url": buurt.base_url + member.poll_path,
        }
        subject = _("The training days of %(buurt)s are planned") % {"buurt": buurt.name}
        body = render_to_string("trainings/email/training_days_planned.txt", context)
    return EmailMessage(subject, body, from_email=sender_named(buurt.name), to=[member.email])
