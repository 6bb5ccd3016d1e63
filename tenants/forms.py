from django import forms
from django.utils.translation import gettext_lazy as _

from kernel.emails import PlainEmailField
from kernel.languages import COMMUNITY_LANGUAGES, DEFAULT_LANGUAGE
from kernel.text import PlainTextMixin
from tenants import theme
from tenants.launch import LaunchRequest, validate
from tenants.models import Municipality, Typeface
from tenants.portal_access import municipalities_for


def language_choices():
    return [
        (code, f"{local} ({english})" if local != english else local)
        for code, (english, local, _rtl) in COMMUNITY_LANGUAGES.items()
        if code != DEFAULT_LANGUAGE
    ]


class LaunchBuurtForm(PlainTextMixin, forms.Form):
    name = forms.CharField(
        label=_("Name of the buurt"),
        max_length=100,
        help_text=_("As residents say it, e.g. “De Bloemenbuurt”."),
    )
    slug = forms.CharField(
        label=_("Short name (slug)"),
        max_length=41,
        help_text=_(
            "Lowercase letters, digits and underscores; used for the web address and "
            "cannot be changed later."
        ),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    domain = forms.CharField(
        label=_("Web address (host name)"),
        max_length=253,
        required=False,
        help_text=_("Leave empty to use the standard address."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Community languages besides Dutch"),
        choices=language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    admin_email = PlainEmailField(
        label=_("E-mail address of the first buurt administrator"),
        required=False,
        help_text=_("They receive an e-mail with a link to set their password."),
    )

    def __init__(self, *args, user, **kwargs):
        """Only the user's own municipalities to choose from; a buurt without one is
        for the platform's operators (superusers) only."""
        super().__init__(*args, **kwargs)
        municipality = self.fields["municipality"]
        municipality.queryset = municipalities_for(user)
        municipality.required = not user.is_superuser
        own = list(municipality.queryset[:2])
        if len(own) == 1 and municipality.required:
            municipality.initial = own[0].pk  # the one choice there is

    def launch_request(self):
        data = self.cleaned_data
        return LaunchRequest(
            slug=data.get("slug", ""),
            name=data.get("name", ""),
            municipality=data.get("municipality"),
            domain=data.get("domain", ""),
            languages=[DEFAULT_LANGUAGE, *data.get("languages", [])],
            admin_email=data.get("admin_email", ""),
        )

    def clean(self):
        cleaned = super().clean()
        for field, messages in validate(self.launch_request()).items():
            if field not in self.errors:
                for message in messages:
                    self.add_error(field, message)
        return cleaned


class MunicipalityThemeForm(forms.Form):
    """The look of every buurt site of one municipality (checked in tenants/theme.py)."""

    colour = forms.CharField(
        label=_("Main colour"),
        required=False,
        max_length=7,
        help_text=_(
            "Of the top bar and the links, as # and six hexadecimal digits. Empty: the "
            "platform's blue. It must be dark enough for white text (WCAG AA)."
        ),
        widget=forms.TextInput(attrs={"placeholder": "#1d5c96", "autocomplete": "off"}),
    )
    font = forms.ChoiceField(label=_("Typeface"), choices=Typeface.choices)
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG or WebP, at most 300 KB. SVG is not accepted."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/webp"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    def clean_colour(self):
        colour = self.cleaned_data["colour"]
        return theme.check_colour(colour) if colour.strip() else ""

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        return theme.check_logo(upload) if upload else None
