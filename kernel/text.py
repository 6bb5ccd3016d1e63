"""Text typed into public forms is stored as typed, in any script, but never with
control characters: NUL and the other invisible C0/C1 codes (tabs and line breaks
excepted) end up in exports, e-mails and terminals where they do harm. They are
refused with a clear message rather than silently dropped."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def has_control_characters(value):
    return any(unicodedata.category(c) == "Cc" and c not in ALLOWED_CONTROLS for c in value)


def no_control_characters(value):
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(
            _("Remove the invisible control characters from this text."),
            code="control_characters",
        )


class PlainTextMixin:
    """Every text field of the form refuses control characters."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(no_control_characters)


def without_control_characters(value):
    """For input that is not a form to correct (a search query): drop them quietly."""
    return "".join(c for c in value if unicodedata.category(c) != "Cc" or c in ALLOWED_CONTROLS)


def search_query(value, max_length):
    """What a search box sent, ready to filter with: control characters (NUL cannot go to
    PostgreSQL) dropped, spaces around trimmed, at most `max_length` characters."""
    return without_control_characters(value).strip()[:max_length]
