"""The "Blijf op de hoogte" form and the form behind a subscriber's personal link."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

from buurtpages.subscriptions import Choice, buurt_languages
from kernel.emails import normal_email, validate_plain_email
from kernel.forms import HoneypotMixin
from kernel.text import PlainTextMixin

KIND_CHOICES = [
    ("agenda", _("Activities in the coming weeks")),
    ("initiatives", _("Initiatives looking for people")),
    ("stories", _("New stories")),
]


class ChoiceFields(forms.Form):
    """Language and what to hear about: the same on both forms."""

    language = forms.ChoiceField(label=_("In which language?"), widget=forms.RadioSelect)
    kinds = forms.MultipleChoiceField(
        label=_("What do you want to hear about?"),
        choices=KIND_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = buurt_languages()

    def choice(self):
        return Choice(self.cleaned_data["language"], tuple(self.cleaned_data["kinds"]))


class SubscriptionForm(PlainTextMixin, HoneypotMixin, ChoiceFields):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        validators=[validate_plain_email],
        help_text=_("You get a mail with a link. Only after you click it do we send you news."),
    )
    field_order = ["email", "language", "kinds"]

    def clean_email(self):
        """The address is stored in its normal form; one that grows past the column when
        case-folded (some Greek letters become three) is refused like any invalid one."""
        address = normal_email(self.cleaned_data["email"])
        if len(address) > 254:
            raise ValidationError(EmailValidator.message, code="invalid")
        return address


class ManageSubscriptionForm(ChoiceFields):
    pass
