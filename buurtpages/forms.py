from datetime import datetime

from django import forms
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from buurtpages.models import Signal
from buurtpages.rsvp import bookable_occurrences
from buurtpages.teams import TeamRole
from kernel.forms import HoneypotMixin
from kernel.phones import PhoneNumberFormField
from kernel.text import PlainTextMixin

ONE_OF_TWO = _("Fill in your e-mail address or your phone number. One of the two is enough.")


def one_of_two(first, second):
    """Two contact fields of which one is needed: say so before anyone makes the mistake.

    Neither field is marked "optional" (includes/form_fields.html reads `one_of_two`),
    and the first field's help text starts with the rule.
    """
    first.one_of_two = second.one_of_two = True
    first.help_text = format_lazy("{} {}", ONE_OF_TWO, first.help_text or "")


class SignalForm(PlainTextMixin, HoneypotMixin, forms.ModelForm):
    class Meta:
        model = Signal
        fields = [
            "category",
            "description",
            "location",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "category": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        # Questions, not the column names of the record (which say "optional" themselves).
        labels = {
            "category": _("What is it about?"),
            "location": _("Where is it?"),
            "contact_name": _("Your name"),
            "contact_email": _("Your e-mail address"),
            "contact_phone": _("Your phone number"),
        }
        help_texts = {
            "description": _("Tell it in your own words and in your own language."),
            "contact_email": _("Only if you want us to get back to you. We never publish it."),
        }


class RegistrationForm(PlainTextMixin, HoneypotMixin, forms.Form):
    occurrence = forms.ChoiceField(label=_("Which date?"))
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("You get a confirmation with a link to cancel."),
    )
    phone = PhoneNumberFormField(
        label=_("Or your phone number"),
        required=False,
        help_text=_("If you have no e-mail address."),
    )

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        one_of_two(self.fields["email"], self.fields["phone"])
        self.activity = activity
        self.fields["occurrence"].choices = [
            (o.start.isoformat(), date_format(timezone.localtime(o.start), "l j E Y, H:i"))
            for o in bookable_occurrences(activity)
        ]

    def clean_occurrence(self):
        return datetime.fromisoformat(self.cleaned_data["occurrence"])

    def clean(self):
        cleaned = super().clean()
        if "phone" in self.errors:
            return cleaned  # the phone number's own error says what to do
        if not cleaned.get("email") and not cleaned.get("phone"):
            self.add_error("email", _("Fill in an e-mail address or a phone number."))
        return cleaned

    def registration_data(self):
        data = self.cleaned_data
        return {
            "occurrence_start": data["occurrence"],
            "name": data["name"],
            "email": data["email"],
            "phone": data["phone"],
            "language": translation.get_language(),
        }


class HelpOfferForm(PlainTextMixin, HoneypotMixin, forms.Form):
    """ "Ik help mee" / "Ik doe mee": no account, one way to reach the person is enough."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_(
            "Fill in your e-mail address or your phone number: one of the two is enough. "
            "You get a confirmation with a link to see or withdraw your offer."
        ),
    )
    phone = PhoneNumberFormField(
        label=_("Or your phone number"),
        required=False,
        help_text=_("If you have no e-mail address. The team will call you."),
    )
    message = forms.CharField(
        label=_("A short message to the team"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What would you like to do? When are you free?"),
    )
    languages = forms.CharField(
        label=_("Which languages do you speak?"),
        required=False,
        max_length=200,
        help_text=_("For example: Dutch, Arabic."),
    )
    role = forms.ChoiceField(
        label=_("Which role would you like to take?"),
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, with_role=True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_role:
            self.fields["role"].choices = [("", _("I don't know yet")), *TeamRole.choices]
        else:
            del self.fields["role"]

    def clean(self):
        cleaned = super().clean()
        if "phone" in self.errors or "email" in self.errors:
            return cleaned  # their own error says what to do
        if not cleaned.get("email") and not cleaned.get("phone"):
            self.add_error("email", _("Fill in an e-mail address or a phone number."))
        return cleaned

    def offer_data(self):
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data["email"],
            "phone": data["phone"] or "",
            "message": data["message"],
            "languages": data["languages"],
            "role": data.get("role", ""),
            "language": translation.get_language(),
        }
