"""wagtail-localize asks only for a global permission; these are the checks added on top.

Submitting a snippet for translation and syncing its translations need the snippet's
change permission; syncing a page's translations needs edit permission on the page;
translating one's own page together with its subtree needs edit permission on every
page of that subtree. Each refusal sits next to something the same person may do.
"""

from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from buurtpages.blueprint import dutch_section
from buurtpages.factories import ActivityPageFactory, InitiativePageFactory, ThemeFactory
from buurtpages.models import InitiativeIndexPage, Theme
from kernel.roles import CONNECTOR, PROFESSIONAL, RESIDENT
from tests.base import inside, logged_in, refused
from workflows.factories import UserFactory


def english(buurt):
    with inside(buurt):
        return Locale.objects.get(language_code="en")


def translated_theme(buurt):
    """A theme with an English translation in progress: what a sync would update."""
    with inside(buurt):
        theme = ThemeFactory(name="Groen")
        source, _created = TranslationSource.get_or_create_from_instance(theme)
        translation = Translation.objects.create(
            source=source, target_locale=Locale.objects.get(language_code="en")
        )
        translation.save_target()
        return theme, source


def test_only_who_may_change_themes_submits_one_for_translation(alpha):
    bewoner = logged_in(alpha, "bewoner@example.nl", RESIDENT)
    verbinder = logged_in(alpha, "verbinder@example.nl", CONNECTOR)
    with inside(alpha):
        theme = ThemeFactory(name="Jongeren")
    url = f"/admin/localize/submit/snippet/buurtpages/theme/{theme.pk}/"
    locale = english(alpha)
    assert refused(bewoner.get(url))
    assert refused(bewoner.post(url, {"locales": [locale.pk]}))
    with inside(alpha):
        assert not Theme.objects.filter(locale=locale).exists()
    assert bewoner.get("/admin/").status_code == 200  # still in the admin: a real refusal
    assert verbinder.get(url).status_code == 200
    verbinder.post(url, {"locales": [locale.pk]})
    with inside(alpha):
        assert Theme.objects.filter(locale=locale, translation_key=theme.translation_key).exists()


def test_only_who_may_change_themes_syncs_their_translations(alpha):
    professional = logged_in(alpha, "prof@example.nl", PROFESSIONAL)
    verbinder = logged_in(alpha, "verbinder@example.nl", CONNECTOR)
    _theme, source = translated_theme(alpha)
    url = f"/admin/localize/update/{source.pk}/"
    assert refused(professional.get(url))
    assert refused(professional.post(url, {}))
    assert professional.get("/admin/").status_code == 200
    assert verbinder.get(url).status_code == 200


def test_a_professional_cannot_sync_translations_of_someone_elses_page(alpha):
    professional = logged_in(alpha, "prof@example.nl", PROFESSIONAL)
    with inside(alpha):
        author = UserFactory(username="auteur@example.nl", roles=[RESIDENT])
        me = get_user_model().objects.get(username="prof@example.nl")
        initiatives = dutch_section(InitiativeIndexPage)
        theirs = InitiativePageFactory(parent=initiatives, owner=author, title="Buurttuin")
        mine = InitiativePageFactory(parent=initiatives, owner=me, title="Spreekuur")
        their_source, _created = TranslationSource.get_or_create_from_instance(theirs)
        my_source, _created = TranslationSource.get_or_create_from_instance(mine)
    assert refused(professional.get(f"/admin/localize/update/{their_source.pk}/"))
    assert professional.get(f"/admin/localize/update/{my_source.pk}/").status_code == 200


def test_translating_ones_own_page_with_its_subtree_needs_every_page_of_it(alpha):
    bewoner = logged_in(alpha, "bewoner@example.nl", RESIDENT)
    with inside(alpha):
        me = get_user_model().objects.get(username="bewoner@example.nl")
        other = UserFactory(username="ander@example.nl", roles=[RESIDENT])
        initiative = InitiativePageFactory(
            parent=dutch_section(InitiativeIndexPage), owner=me, title="Moestuin"
        )
        ActivityPageFactory(parent=initiative, owner=other, title="Zaaidag van een ander")
    url = f"/admin/localize/submit/page/{initiative.pk}/"
    locale = english(alpha)
    refusal = bewoner.post(url, {"locales": [locale.pk], "include_subtree": "on"})
    assert refused(refusal)
    with inside(alpha):
        assert not Page.objects.filter(locale=locale, title="Zaaidag van een ander").exists()
        assert not Page.objects.filter(locale=locale, title="Moestuin").exists()
    # Without the subtree, their own page alone: yes.
    bewoner.post(url, {"locales": [locale.pk]})
    with inside(alpha):
        assert Page.objects.filter(locale=locale, title="Moestuin").exists()
        assert not Page.objects.filter(locale=locale, title="Zaaidag van een ander").exists()
