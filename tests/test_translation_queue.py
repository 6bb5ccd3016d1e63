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


def test_translators_queue_lists_untranslated_and_outdated_pages_in_their_languages(beta):
    from kernel.roles import CONNECTOR
    from tests.base import logged_in
    from workflows.models import TranslatorLanguages

    dutch = translated_story(beta)
    with inside(beta), time_machine.travel(TRANSLATED_AT + timedelta(days=2), tick=False):
        dutch.intro = "Het feest was gezellig, volgend jaar weer!"
        publish(dutch)
        publish(
            StoryPageFactory(
                parent=dutch_section(StoryIndexPage), title="Nieuwe bank", slug="nieuwe-bank"
            )
        )
    translator = logged_in(beta, "vera@example.nl", CONNECTOR)
    other = logged_in(beta, "rik@example.nl", CONNECTOR)
    settings_page = translator.get("/admin/account/").content.decode()
    assert "Talen waarin ik vertaal" in settings_page and 'value="ar"' in settings_page
    with inside(beta):
        from django.contrib.auth import get_user_model

        vera = get_user_model().objects.get(username="vera@example.nl")
        TranslatorLanguages.objects.create(user=vera, languages=["ar"])

    queue = translator.get("/admin/vertalen/")
    assert queue.status_code == 200
    html = queue.content.decode()
    assert "Vertalingen die achterlopen op de Nederlandse pagina" in html
    behind_section = html.split("Vertalingen die achterlopen")[1].split("Nog niet vertaald")[0]
    assert "Buurtfeest" in behind_section and "inleiding" in behind_section
    untranslated = html.split("Nog niet vertaald")[1]
    assert "Nieuwe bank" in untranslated and "Buurtfeest" not in untranslated

    dashboard = translator.get("/admin/").content.decode()
    assert "Te vertalen pagina&#x27;s" in dashboard or "Te vertalen pagina's" in dashboard
    assert "العربية:" in dashboard
    # someone who translates nothing sees no queue, and is told how to get one
    assert "العربية:" not in other.get("/admin/").content.decode()
    empty = other.get("/admin/vertalen/")
    assert empty.status_code == 200
    assert "Nieuwe bank" not in empty.content.decode()
    assert "accountinstellingen" in empty.content.decode()
