"""Invitations: an account in one buurt with a role, and an e-mail to its stored address.

An address finds an account only when both are equal after the one normalisation of
kernel.emails; a look-alike address is refused. An account that has no password yet gets
a set-password link; an account that already has one never does: it gets a reminder that
it exists, with the buurt's "forgot your password?" link, so nobody can set the password of
someone else's account by asking for an invitation.

The links point at the buurt's own domain and their tokens are only valid against that
buurt's user table, so they cannot be used on any other buurt.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.localization import get_available_admin_languages
from wagtail.users.models import UserProfile

from kernel.emails import accounts_with_email, normal_email, validate_plain_email
from kernel.roles import LABELS, role_group

SHARED_ADDRESS_MESSAGE = gettext_lazy(
    "More than one account uses this e-mail address. Give each account its own address "
    "first, then invite again."
)


@dataclass
class Invitation:
    user: object
    sets_password: bool  # False: a reminder to an account that already has a password
    subject: str
    body: str

    @property
    def email(self):
        return self.user.email

    def send(self):
        EmailMessage(self.subject, self.body, to=[self.user.email]).send()


def invite_user(buurt, email, role, language=None):
    """Give the account with this address (or a new one) `role` and compose its e-mail.

    Raises ValidationError for a look-alike address or one that several accounts share;
    nothing is changed then. `language` is the language of a new account's e-mail (an
    existing account's own preference wins).
    """
    validate_plain_email(email)
    user = account_for(email)
    if user is None:
        user = new_account(email)
        remember_language(user, language)
    user.groups.add(role_group(role))
    with translation.override(recipient_language(user, language)):
        if user.has_usable_password():
            return Invitation(user, False, **_compose_reminder(buurt, user))
        return Invitation(user, True, **_compose(buurt, user, role))


def account_for(email):
    accounts = accounts_with_email(email)
    if len(accounts) > 1:
        raise ValidationError(SHARED_ADDRESS_MESSAGE, code="shared_email")
    return get_user_model().objects.get(pk=accounts[0].pk) if accounts else None


def new_account(email):
    User = get_user_model()
    username = base = normal_email(email)
    number = 1
    while User.objects.filter(username=username).exists():  # an old account's name
        number += 1
        username = f"{base}-{number}"
    user = User(username=username, email=email.strip())
    user.set_unusable_password()
    user.save()
    return user


def remember_language(user, language):
    """A new account keeps the language its owner used on the public site (an account
    request in Arabic): later mails, such as a password reset, and the admin speak it."""
    if language and language in dict(get_available_admin_languages()):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])


def recipient_language(user, language=None):
    chosen = UserProfile.get_for_user(user).preferred_language or language
    return chosen or settings.LANGUAGE_CODE


def set_password_url(buurt, user):
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        urlconf=settings.ROOT_URLCONF,
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return buurt.base_url + path


def password_reset_url(buurt):
    return buurt.base_url + reverse("wagtailadmin_password_reset", urlconf=settings.ROOT_URLCONF)


def _compose(buurt, user, role):
    context = {
        "buurt": buurt,
        "user": user,
        # A word in the sentence ("als bewoner"), in the recipient's language.
        "role": str(LABELS[role]).lower(),
        "set_password_url": set_password_url(buurt, user),
        "admin_url": buurt.base_url + "/admin/",
    }
    return {
        "subject": _("Your account for %(buurt)s") % {"buurt": buurt.name},
        "body": render_to_string("workflows/email/invitation.txt", context),
    }


def _compose_reminder(buurt, user):
    context = {
        "buurt": buurt,
        "password_reset_url": password_reset_url(buurt),
        "admin_url": buurt.base_url + "/admin/",
    }
    return {
        "subject": _("You already have an account for %(buurt)s") % {"buurt": buurt.name},
        "body": render_to_string("workflows/email/account_exists.txt", context),
    }
