"""Invitations: a new account in one buurt and an e-mail with a set-password link.

The link points at the buurt's own domain and its token is only valid against that
buurt's user table, so it cannot be used on any other buurt.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _


@dataclass
class Invitation:
    email: str
    subject: str
    body: str

    def send(self):
        EmailMessage(self.subject, self.body, to=[self.email]).send()


def invite_user(buurt, email, role):
    """Create (or find) the user in the current buurt schema, give them `role`."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(username=email.lower(), email=email)
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name=role))
    return Invitation(email=email, **_compose(buurt, user, role))


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


def _compose(buurt, user, role):
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "buurt": buurt,
            "user": user,
            "role": role,
            "set_password_url": set_password_url(buurt, user),
            "admin_url": buurt.base_url + "/admin/",
        }
        return {
            "subject": _("Your account for %(buurt)s") % {"buurt": buurt.name},
            "body": render_to_string("tenants/email/invitation.txt", context),
        }
