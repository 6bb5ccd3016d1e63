"""Translations that fall behind their Dutch page: the public page says so, in the
visitor's language, and links to the Dutch page."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.utils import translation
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from buurtpages.blueprint import dutch_section
from buurtpages.factories import StoryPageFactory, publish
from buurtpages.models import BuurtHomePage, StoryIndexPage
from tests.base import client_for, inside

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TRANSLATED_AT = datetime(2026, 3, 2, 10, 0, tzinfo=AMSTERDAM)


def translated_story(buurt):
    """A Dutch story translated into Arabic through wagtail-localize and published."""
    with inside(buurt), time_machine.travel(TRANSLATED_AT, tick=False):
        arabic = Locale.objects.get(language_code="ar")
        home = BuurtHomePage.objects.get(locale=arabic)
        publish(home)
        publish(StoryIndexPage.objects.get(locale=arabic))
        dutch = publish(
            StoryPageFactory(
                parent=dutch_section(StoryIndexPage),
                title="Buurtfeest",
                slug="buurtfeest",
                intro="Het feest was gezellig.",
            )
        )
        source, _created = TranslationSource.get_or_create_from_instance(dutch)
        translated, _created = source.create_or_update_translation(arabic, fallback=True)
        publish(translated.specific)
        return dutch


def outdated_note():
    with translation.override("ar"):
        return translation.gettext("The Dutch page has changed since this translation was made.")


def test_translation_behind_its_dutch_page_says_so_and_links_to_it(beta):
    dutch = translated_story(beta)
    client = client_for(beta)
    html = client.get("/ar/verhalen/buurtfeest/").content.decode()
    assert html.count("translation-note") == 0  # up to date: no note (positive control)
    with inside(beta), time_machine.travel(TRANSLATED_AT + timedelta(days=2), tick=False):
        dutch.intro = "Het feest was gezellig, volgend jaar weer!"
        publish(dutch)
    html = client.get("/ar/verhalen/buurtfeest/").content.decode()
    assert outdated_note() in html
    with translation.override("ar"):
        link = translation.gettext("Read the Dutch page")
    assert f'<a href="/verhalen/buurtfeest/" hreflang="nl">{link}</a>' in html
    assert outdated_note() not in client.get("/verhalen/buurtfeest/").content.decode()
