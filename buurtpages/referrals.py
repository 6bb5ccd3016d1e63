"""Referral slips (verwijskaartjes): a professional hands a client an A6 slip about an
activity or initiative, in the client's language, with a QR code to the page and the
name of a buurtverbinder to ask for.

Nothing about the client is asked or stored; per slip only a count goes up (page,
language, ISO week), which the buurt sees in the admin and the municipality as a number.
"""

from dataclasses import dataclass

from django import forms
from django.db.models import F, Sum
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from buurtpages.models import ActivityPage, InitiativePage, PersonPage, ReferralCount
from buurtpages.poster import qr_png_data_uri
from buurtpages.printed import in_language, render_pdf
from buurtpages.recurrence import describe
from kernel.languages import COMMUNITY_LANGUAGES

SLIPS_PER_SHEET = 4  # A6 on A4, two by two
MAX_PAGES = 8


def referable_pages():
    """The buurt's live Dutch activities and initiatives (a slip follows the client's
    language by choosing the translation, when there is one)."""
    default = Locale.get_default()
    activities = ActivityPage.objects.live().public().filter(locale=default, is_cancelled=False)
    initiatives = InitiativePage.objects.live().public().filter(locale=default)
    ids = [*activities.values_list("pk", flat=True), *initiatives.values_list("pk", flat=True)]
    return Page.objects.filter(pk__in=ids).order_by("title")


def buurtverbinders():
    return PersonPage.objects.live().filter(
        kind=PersonPage.Kind.BUURTVERBINDER, locale=Locale.get_default()
    )


class ReferralSlipForm(forms.Form):
    """Only pages of this buurt can be chosen: the choices are read in its own schema,
    so the id of another buurt's page is refused as an invalid choice."""

    pages = forms.ModelMultipleChoiceField(
        label=_("Activities and initiatives"),
        queryset=Page.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(label=_("Language of the client"))
    buurtverbinder = forms.ModelChoiceField(
        label=_("Buurtverbinder to ask for"), queryset=PersonPage.objects.none()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pages"].queryset = referable_pages()
        self.fields["language"].choices = [
            (code, COMMUNITY_LANGUAGES.get(code, (code, code))[1])
            for code in Locale.objects.order_by("pk").values_list("language_code", flat=True)
        ]
        self.fields["buurtverbinder"].queryset = buurtverbinders()

    def clean_pages(self):
        pages = self.cleaned_data["pages"]
        if len(pages) > MAX_PAGES:
            raise forms.ValidationError(
                _("Choose at most %(number)d activities or initiatives.") % {"number": MAX_PAGES}
            )
        return pages


@dataclass
class Slip:
    page: object
    in_dutch: bool
    url: str
    qr_code: str
    when: str
    recurrence: str
    place: str
    walk_in: bool
    help_asks: list


def slip_for(page, locale, request):
    shown, in_dutch = in_language(page, locale)
    url = shown.get_full_url(request)
    when = recurrence = place = ""
    walk_in = False
    help_asks = []
    if isinstance(shown, ActivityPage):
        upcoming = shown.next_occurrence()
        if upcoming:
            start = timezone.localtime(upcoming.start)
            end = timezone.localtime(upcoming.end)
            when = f"{date_text(start)}, {start:%H:%M}–{end:%H:%M}"
        recurrence = describe(timezone.localtime(shown.start), shown.frequency)
        place = shown.place.location_text if shown.place else ""
        walk_in = shown.capacity is None
    else:
        help_asks = [ask.what for ask in shown.help_wanted.all()]
    qr_code = qr_png_data_uri(url)
    return Slip(shown, in_dutch, url, qr_code, when, recurrence, place, walk_in, help_asks)


def date_text(moment):
    return date_format(moment, "l j F")


def count_slips(pages, language, today=None):
    """One more slip per page for this language and ISO week: the only trace kept."""
    year, week, _day = (today or timezone.localdate()).isocalendar()
    for page in pages:
        counter, _created = ReferralCount.objects.get_or_create(
            page=page, language=language, iso_year=year, iso_week=week
        )
        ReferralCount.objects.filter(pk=counter.pk).update(slips=F("slips") + 1)


def slips_pdf(pages, language, buurtverbinder, request, buurt_name):
    locale = Locale.objects.get(language_code=language)
    with translation.override(language):  # dates on the slips in the client's language
        slips = [slip_for(page, locale, request) for page in pages]
    connector, _in_dutch = in_language(buurtverbinder, locale)
    context = {"slips": slips, "buurt_name": buurt_name, "buurtverbinder": connector}
    return render_pdf("buurtpages/print/referral_slips.html", context, language)


def counts_for_buurt():
    """(page title, language, ISO year, week, slips), newest week first, for the admin."""
    return (
        ReferralCount.objects.select_related("page")
        .order_by("-iso_year", "-iso_week", "page__title", "language")
        .values_list("page__title", "language", "iso_year", "iso_week", "slips")[:200]
    )


def referrals_for_current_buurt():
    """The number of slips handed out in this buurt (the portal calls this per buurt)."""
    return ReferralCount.objects.aggregate(total=Sum("slips"))["total"] or 0
