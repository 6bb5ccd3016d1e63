from django import forms
from django.utils.translation import gettext_lazy as _

from buurtpages.models import Signal


class SignalForm(forms.ModelForm):
    # Invisible to people, filled in by bots: a submission with it is quietly dropped.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

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
        help_texts = {
            "description": _("Tell it in your own words and in your own language."),
            "contact_email": _("Only if you want us to get back to you. We never publish it."),
        }

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))
