"""Changing one's own e-mail address: it counts only after a link sent to the new address
is used.

Under /admin/account/ the address field is ours (Wagtail's own is switched off with
WAGTAIL_EMAIL_MANAGEMENT_ENABLED): a new address is refused when another account of the
buurt has it (after the one normalisation of kernel.emails); otherwise the new address
gets a signed link and the old address a notice, and the stored address stays as it was.
The link works only for that account, in that buurt, for three days, and once: it names
the address it replaces, so after any change it matches nothing.
"""

import hashlib

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import connection
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.account import BaseSettingsPanel

from kernel.emails import PlainEmailField, accounts_with_email
from workflows.invitations import recipient_language

CONFIRMATION_DAYS = 3
SALT = "workflows.email_change"
TAKEN_MESSAGE = gettext_lazy("Another account of this buurt already uses this e-mail address.")


def fingerprint(address):
    """Names the address a link replaces without putting it in the link."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:16]


def make_token(user, new_address):
    payload = {
        "user": user.pk,
        "schema": connection.schema_name,
        "replaces": fingerprint(user.email),
        "email": new_address,
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def address_is_taken(address, user):
    return bool(accounts_with_email(address, exclude=user))


class EmailChangeForm(forms.Form):
    email = PlainEmailField(
        label=gettext_lazy("E-mail address"),
        help_text=gettext_lazy(
            "A new address counts once you open the link we send to it; until then your "
            "current address stays."
        ),
    )

    def __init__(self, *args, instance, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = instance
        self.request = request
        self.fields["email"].initial = instance.email

    def clean_email(self):
        address = self.cleaned_data["email"].strip()
        if address != self.user.email and address_is_taken(address, self.user):
            raise ValidationError(TAKEN_MESSAGE, code="taken")
        return address

    def save(self):
        address = self.cleaned_data["email"]
        if address == self.user.email:
            return
        send_confirmation(self.request, self.user, address)
        messages.info(
            self.request,
            _("We sent a link to %(email)s. Your address changes once you open it.")
            % {"email": address},
        )


def send_confirmation(request, user, address):
    buurt = connection.tenant
    url = buurt.base_url + reverse("confirm_email_change", args=[make_token(user, address)])
    context = {"buurt": buurt, "new_email": address, "url": url, "days": CONFIRMATION_DAYS}
    with translation.override(recipient_language(user)):
        confirm = EmailMessage(
            _("Confirm your new e-mail address for %(buurt)s") % {"buurt": buurt.name},
            render_to_string("workflows/email/email_change_confirm.txt", context),
            to=[address],
        )
        notice = EmailMessage(
            _("Your e-mail address for %(buurt)s is being changed") % {"buurt": buurt.name},
            render_to_string("workflows/email/email_change_notice.txt", context),
            to=[user.email],
        )
    confirm.send()
    notice.send()


class EmailAddressPanel(BaseSettingsPanel):
    name = "email_address"
    title = gettext_lazy("E-mail address")
    order = 110
    form_class = EmailChangeForm

    def get_form(self):
        kwargs = {"instance": self.user, "request": self.request, "prefix": self.name}
        if self.request.method == "POST":
            return self.form_class(self.request.POST, **kwargs)
        return self.form_class(**kwargs)


def confirm_email_change(request, token):
    """Shows the change (GET) and makes it (POST) for the account that asked for it."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=CONFIRMATION_DAYS * 24 * 3600)
    except signing.BadSignature:  # tampered or expired
        return link_refused(request)
    if payload["schema"] != connection.schema_name or payload["user"] != request.user.pk:
        raise PermissionDenied
    user = get_user_model().objects.get(pk=request.user.pk)
    if payload["replaces"] != fingerprint(user.email):  # used already, or another change since
        return link_refused(request)
    address = payload["email"]
    if request.method != "POST":
        return TemplateResponse(
            request, "workflows/admin/confirm_email_change.html", {"new_email": address}
        )
    if address_is_taken(address, user):
        messages.error(request, TAKEN_MESSAGE)
        return redirect("wagtailadmin_account")
    user.email = address
    user.save(update_fields=["email"])
    messages.success(request, _("Your e-mail address is now %(email)s.") % {"email": address})
    return redirect("wagtailadmin_account")


def link_refused(request):
    messages.error(
        request,
        _("This link has expired or has been used. Change your address again to get a new one."),
    )
    return redirect("wagtailadmin_home")
