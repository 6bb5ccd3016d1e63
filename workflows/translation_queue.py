"""The translator's queue: per language, the Dutch pages without a live translation and
the translations that fell behind their Dutch page (with what changed)."""

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import BaseSettingsPanel
from wagtail.models import Locale, Page

from buurtpages.translation_status import behind_dutch
from kernel.languages import own_names
from workflows.models import TranslatorLanguages


@dataclass
class LanguageQueue:
    code: str
    name: str
    untranslated: list = field(default_factory=list)  # Dutch pages
    behind: list = field(default_factory=list)  # translation_status.Behind

    @property
    def count(self):
        return len(self.untranslated) + len(self.behind)


def queue_for(code):
    """What waits for translators of one language of this buurt."""
    default = Locale.get_default()
    locale = Locale.objects.filter(language_code=code).exclude(pk=default.pk).first()
    name = dict(own_names([code])).get(code, code)
    if locale is None:
        return LanguageQueue(code, name)
    live_translations = Page.objects.live().filter(locale=locale)
    translated_keys = set(live_translations.values_list("translation_key", flat=True))
    dutch_pages = Page.objects.live().public().filter(locale=default, depth__gt=1)
    untranslated = [
        page for page in dutch_pages.order_by("path") if page.translation_key not in translated_keys
    ]
    return LanguageQueue(code, name, untranslated, behind_dutch(live_translations.specific()))


def queues_for(user):
    """The queues of the languages this person translates (that the buurt speaks)."""
    spoken = set(Locale.objects.values_list("language_code", flat=True))
    return [queue_for(code) for code in TranslatorLanguages.of(user) if code in spoken]


class TranslatorLanguagesForm(forms.ModelForm):
    class Meta:
        model = TranslatorLanguages
        fields = ["languages"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = Locale.get_default().language_code
        codes = Locale.objects.exclude(language_code=default).values_list(
            "language_code", flat=True
        )
        self.fields["languages"] = forms.MultipleChoiceField(
            label=_("Languages I translate"),
            choices=own_names(codes),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=_("Pages waiting for a translation into these languages show in your queue."),
        )


class TranslatorLanguagesPanel(BaseSettingsPanel):
    name = "translator_languages"
    title = _("Languages I translate")
    order = 450
    form_class = TranslatorLanguagesForm

    def get_form(self):
        instance = TranslatorLanguages.objects.filter(user=self.user).first()
        instance = instance or TranslatorLanguages(user=self.user)
        data = self.request.POST if self.request.method == "POST" else None
        return self.form_class(data, instance=instance, prefix=self.name)
