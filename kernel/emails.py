"""One way to compare e-mail addresses, used wherever an address finds an account or record.

The normal form of an address is its NFKC normalisation, case-folded as a whole
(`normal_email`). Two addresses are the same when their normal forms are equal, compared
in Python: never with the database's case folding (`email__iexact`, `upper()`), which
maps the Turkish dotless i (U+0131) to `I` and the long s (U+017F) to `S`, so a look-alike address
found someone else's account.

Addresses that only look like plain ones are refused where they are typed
(`validate_plain_email`): an address that NFKC changes (the long s, the Kelvin sign,
ligatures, full-width letters) or that holds a non-ASCII letter whose upper or lower
case is an ASCII letter (the dotless i, the dotted capital I, the sharp s). Django's own
e-mail validator accepts those, because its pattern is matched ignoring case.
"""

import unicodedata
from email.utils import formataddr, parseaddr

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LOOKALIKE_MESSAGE = _(
    "This address contains a letter that looks like another letter (such as ı or ſ). "
    "Type the address with plain letters."
)


def normal_email(address):
    """The form two addresses are compared in: NFKC, then case-folded as a whole."""
    return unicodedata.normalize("NFKC", (address or "").strip()).casefold()


def is_lookalike(address):
    if unicodedata.normalize("NFKC", address) != address:
        return True
    return any(not char.isascii() and _maps_to_ascii_letter(char) for char in address)


def _maps_to_ascii_letter(char):
    return any(
        mapped.isascii() and mapped.isalpha()
        for mapped in char.upper() + char.lower() + char.casefold()
    )


def validate_plain_email(address):
    """Refuses an address that looks like a plain one without being one."""
    if address and is_lookalike(address):
        raise ValidationError(LOOKALIKE_MESSAGE, code="lookalike_email")


def same_email(first, second):
    return bool(first) and normal_email(first) == normal_email(second)


def matching(records, address, field="email"):
    """The records (a queryset or list) whose `field` has the same normal form as `address`."""
    wanted = normal_email(address)
    if not wanted:
        return []
    return [record for record in records if normal_email(getattr(record, field)) == wanted]


def accounts_with_email(address, exclude=None):
    """The accounts of the current schema whose e-mail is `address` after normalisation.

    A buurt has at most a few hundred accounts: comparing in Python is cheap and keeps
    the one normalisation in one place.
    """
    accounts = get_user_model().objects.exclude(email="")
    if exclude is not None and exclude.pk is not None:
        accounts = accounts.exclude(pk=exclude.pk)
    return matching(accounts.only("pk", "email"), address)


class PlainEmailField(forms.EmailField):
    """An e-mail field that also refuses look-alike addresses."""

    default_validators = [*forms.EmailField.default_validators, validate_plain_email]


def sender_named(name):
    """The From header of a mail sent for `name` (a buurt): its name before our address,
    so the reader sees who writes before opening it."""
    return formataddr((name, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))
