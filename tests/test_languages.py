"""Pages in community languages: switcher, hreflang, right-to-left, Dutch fallback."""

import pytest
from django.utils import translation
from wagtail.models import Locale

from buurtpages.blueprint import dutch_section
from buurtpages.factories import StoryPageFactory, publish
from buurtpages.models import StoryIndexPage
from tests.base import client_for, inside, logged_in, refused

# Right-to-left languages: (code, title of the translated story, own name of the language).
RIGHT_TO_LEFT = [("ar", "حفلة الحي", "العربية"), ("fa", "جشن محله", "فارسی")]


def speaking(buurt, language):
    """`buurt` with `language` added as a translators' locale (Betawijk speaks Arabic)."""
    with inside(buurt):
        Locale.objects.get_or_create(language_code=language)
    return buurt


def translated_story(buurt, language="ar", title="حفلة الحي"):
    """A Dutch story and its translation (with the translated home and section)."""
    with inside(buurt):
        dutch = publish(
            StoryPageFactory(
                parent=dutch_section(StoryIndexPage), title="Buurtfeest", slug="buurtfeest"
            )
        )
        translated = dutch.copy_for_translation(
            Locale.objects.get(language_code=language), copy_parents=True
        )
        # Translators publish the skeleton (home and section drafts made at launch).
        for skeleton in translated.get_ancestors().filter(depth__gt=1).specific():
            publish(skeleton)
        translated.title = title
        return dutch, publish(translated)


def arabic_story(buurt):
    return translated_story(buurt)


@pytest.mark.parametrize(("language", "title", "own_name"), RIGHT_TO_LEFT, ids=["ar", "fa"])
def test_translated_page_is_right_to_left_and_linked_both_ways(beta, language, title, own_name):
    translated_story(speaking(beta, language), language, title)
    client = client_for(beta)
    translated = client.get(f"/{language}/verhalen/buurtfeest/").content.decode()
    assert f'<html lang="{language}" dir="rtl">' in translated
    assert title in translated
    assert (
        '<a class="utrecht-link" href="/verhalen/buurtfeest/" lang="nl" hreflang="nl">'
        "Nederlands</a>" in translated
    )
    assert (
        f'hreflang="{language}" href="http://beta.localhost/{language}/verhalen/buurtfeest/"'
        in translated
    )
    assert 'hreflang="x-default" href="http://beta.localhost/verhalen/buurtfeest/"' in translated
    assert "translation-note" not in translated

    dutch = client.get("/verhalen/buurtfeest/").content.decode()
    assert '<html lang="nl" dir="ltr">' in dutch
    assert f'lang="{language}" hreflang="{language}">{own_name}</a>' in dutch


@pytest.mark.parametrize(("language", "title", "own_name"), RIGHT_TO_LEFT, ids=["ar", "fa"])
def test_missing_translation_falls_back_to_dutch_with_a_note(beta, language, title, own_name):
    translated_story(speaking(beta, language), language, title)
    with inside(beta):
        publish(
            StoryPageFactory(
                parent=dutch_section(StoryIndexPage), title="Alleen Nederlands", slug="alleen-nl"
            )
        )
    html = client_for(beta).get(f"/{language}/verhalen/alleen-nl/").content.decode()
    # the interface speaks the visitor's language
    assert f'<html lang="{language}" dir="rtl">' in html
    assert (
        '<main id="main" class="container utrecht-page utrecht-page-content" tabindex="-1" '
        'lang="nl" dir="ltr">' in html
    )
    assert "Alleen Nederlands" in html
    with translation.override(language):
        note = translation.gettext(
            "This page has not been translated into your language yet. "
            "You are reading the Dutch version."
        )
    assert f'lang="{language}" dir="rtl" role="note">{note}</p>' in html


def test_page_without_translations_has_no_switcher(alpha):
    html = client_for(alpha).get("/").content.decode()
    assert "language-switcher" not in html
    assert "hreflang" not in html


def test_language_chosen_at_launch_gets_a_draft_skeleton(db):
    from buurtpages.models import BuurtHomePage
    from tenants.launch import LaunchRequest, launch_buurt

    buurt = launch_buurt(
        LaunchRequest(slug="delta", name="Deltawijk", languages=["nl", "ar"])
    ).buurt
    with inside(buurt):
        arabic_home = BuurtHomePage.objects.get(locale__language_code="ar")
        assert not arabic_home.live
        assert arabic_home.get_children().count() == 5  # the five sections, as drafts
        assert not arabic_home.get_children().live().exists()
    html = client_for(buurt).get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'translation-note"' in html  # Dutch content until translators publish


def test_language_added_in_the_admin_belongs_to_that_buurt_only(alpha, beta):
    from kernel.roles import BUURT_ADMIN
    from tenants.models import Buurt

    client = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    response = client.post("/admin/locales/new/", {"language_code": "uk"})
    assert response.status_code == 302, response.content.decode()[:500]
    assert Buurt.objects.get(schema_name="alpha").languages[-1] == "uk"
    assert "uk" not in Buurt.objects.get(schema_name="beta").languages
    with inside(alpha):
        from buurtpages.models import BuurtHomePage

        assert BuurtHomePage.objects.filter(locale__language_code="uk").exists()
    with inside(beta):
        assert not Locale.objects.filter(language_code="uk").exists()


def test_only_the_buurt_s_own_languages_are_served(alpha, beta):
    assert client_for(alpha).get("/en/").status_code == 200  # alpha speaks nl and en
    assert client_for(alpha).get("/ar/").status_code == 404
    assert client_for(beta).get("/ar/").status_code == 200  # beta speaks nl and ar
    assert client_for(beta).get("/en/").status_code == 404


def test_public_interface_speaks_turkish_arabic_polish_and_ukrainian(gamma, beta):
    from django.utils import translation

    for buurt, code in ((beta, "ar"), (gamma, "tr"), (gamma, "pl")):
        with translation.override(code):
            search, join = translation.gettext("Search"), translation.gettext("Join in")
        assert search != "Search" and join != "Join in", code
        html = client_for(buurt).get(f"/{code}/").content.decode()
        assert search in html and join in html, code
    with translation.override("uk"):
        assert translation.gettext("Report what you notice") != "Report what you notice"


def test_translated_activity_has_ical_and_poster_in_its_language(beta):
    from datetime import timedelta

    from django.utils import timezone, translation
    from icalendar import Calendar

    from buurtpages.factories import ActivityPageFactory
    from buurtpages.models import ActivityIndexPage

    with inside(beta):
        start = timezone.localtime() + timedelta(days=3)
        dutch = publish(
            ActivityPageFactory(
                parent=dutch_section(ActivityIndexPage),
                title="Koffie",
                slug="koffie",
                start=start,
                end=start + timedelta(hours=1),
            )
        )
        arabic = dutch.copy_for_translation(
            Locale.objects.get(language_code="ar"), copy_parents=True
        )
        for skeleton in arabic.get_ancestors().filter(depth__gt=1).specific():
            publish(skeleton)
        arabic.title = "قهوة"
        publish(arabic)
    client = client_for(beta)
    [event] = Calendar.from_ical(client.get("/ar/agenda/koffie/ical/").content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "قهوة"
    assert str(event["URL"]) == "http://beta.localhost/ar/agenda/koffie/"
    poster = client.get("/ar/agenda/koffie/poster/").content.decode()
    assert '<html lang="ar" dir="rtl">' in poster
    with translation.override("ar"):
        assert translation.gettext("Scan the code for more information and to sign up:") in poster


def test_admin_follows_the_user_s_own_language(alpha):
    from kernel.roles import BUURT_ADMIN
    from workflows.factories import UserFactory

    with inside(alpha):
        user = UserFactory(username="ayla@example.nl", roles=[BUURT_ADMIN])
        from wagtail.users.models import UserProfile

        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "tr"
        profile.save()
    html = logged_in(alpha, "ayla@example.nl").get("/admin/").content.decode()
    assert '<html lang="tr"' in html


def test_buurtverbinder_translates_the_skeleton_a_resident_cannot(beta):
    from buurtpages.models import BuurtHomePage
    from kernel.roles import CONNECTOR, RESIDENT

    with inside(beta):
        arabic_home = BuurtHomePage.objects.get(locale__language_code="ar")
    editor_url = f"/admin/pages/{arabic_home.pk}/edit/"
    for username, role, allowed in (
        ("vera@example.nl", CONNECTOR, True),
        ("rik@example.nl", RESIDENT, False),
    ):
        response = logged_in(beta, username, role).get(editor_url)
        if allowed:
            assert response.status_code == 200
            # wagtail-localize's translation editor, not the plain page editor
            assert "translation-editor" in response.content.decode()
        else:
            assert refused(response)
