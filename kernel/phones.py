"""Contact details typed by visitors: one normal form to store and to compare them.

E-mail addresses are stored as typed (mail goes to exactly that address) and compared
with the one normalisation of kernel.emails. Phone numbers are stored in one
normal form (E.164, Dutch numbers assumed when no country code is given), so
`06-12345678` and `+31 6 1234 5678` are the same person.
"""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_PHONE_REGION = "NL"


def normalise_phone(raw, region=DEFAULT_PHONE_REGION):
    """E.164 form of a valid phone number; None when it is not one. Empty stays empty."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    normal = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{normal};ext={number.extension}" if number.extension else normal


def phone_or_as_typed(raw):
    """For rows stored before phones were checked: the normal form where it parses."""
    return normalise_phone(raw) or (raw or "").strip()


class PhoneNumberFormField(forms.CharField):
    """A phone number field that accepts any usual way of writing and stores one form."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(*args, **kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs.setdefault("autocomplete", "tel")

    def clean(self, value):
        value = super().clean(value)
        normal = normalise_phone(value)
        if normal is None:
            raise ValidationError(
                _(
                    "Check the field “%(field)s”: this is not a phone number we can call. "
                    "Write it for example as 06 12345678 or +31 20 123 4567."
                ),
                code="invalid_phone",
                params={"field": self.label or _("phone number")},
            )
        return normal


class PhoneNumberField(models.CharField):
    """A phone number column: every form for it checks and normalises the number, and a
    number saved from code is normalised where it parses."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhoneNumberFormField, **kwargs})

    def pre_save(self, model_instance, add):
        value = phone_or_as_typed(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


def normalise_stored_phones(model, field_name, clashes=None):
    """Bring phone numbers stored before they were checked into the normal form.

    Numbers that do not parse stay as typed (nothing is lost). `clashes(row, normal)`
    says when the normal form would make a row equal to another one that must stay
    unique (an active sign-up for the same date): that row also stays as typed.
    """
    rows = model.objects.exclude(**{field_name: ""}).order_by("pk")
    for row in rows:
        typed = getattr(row, field_name)
        normal = normalise_phone(typed)
        if not normal or normal == typed:
            continue
        if clashes is not None and clashes(row, normal):
            continue
        model.objects.filter(pk=row.pk).update(**{field_name: normal})
