"""Pages in community languages: switcher, hreflang, right-to-left, Dutch fallback."""

from wagtail.models import Locale

from buurtpages.blueprint import dutch_section
from buurtpages.factories import StoryPageFactory, publish
from buurtpages.models import StoryIndexPage
from tests.base import client_for, inside


def arabic_story(buurt):
    """A Dutch story and its Arabic translation (with the Arabic home and section)."""
    with inside(buurt):
        dutch = publish(
            StoryPageFactory(
                parent=dutch_section(StoryIndexPage), title="Buurtfeest", slug="buurtfeest"
            )
        )
        arabic = dutch.copy_for_translation(
            Locale.objects.get(language_code="ar"), copy_parents=True
        )
        # The parents come along as aliases of the Dutch home and section, already live.
        arabic.title = "حفلة الحي"
        return dutch, publish(arabic)


def test_translated_page_is_right_to_left_and_linked_both_ways(beta):
    arabic_story(beta)
    client = client_for(beta)
    arabic = client.get("/ar/verhalen/buurtfeest/").content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic
    assert "حفلة الحي" in arabic
    assert '<a href="/verhalen/buurtfeest/" lang="nl" hreflang="nl">Nederlands</a>' in arabic
    assert 'hreflang="ar" href="http://beta.localhost/ar/verhalen/buurtfeest/"' in arabic
    assert 'hreflang="x-default" href="http://beta.localhost/verhalen/buurtfeest/"' in arabic
    assert "translation-note" not in arabic

    dutch = client.get("/verhalen/buurtfeest/").content.decode()
    assert '<html lang="nl" dir="ltr">' in dutch
    assert 'lang="ar" hreflang="ar">العربية</a>' in dutch


def test_missing_translation_falls_back_to_dutch_with_a_note(beta):
    arabic_story(beta)
    with inside(beta):
        publish(
            StoryPageFactory(
                parent=dutch_section(StoryIndexPage), title="Alleen Nederlands", slug="alleen-nl"
            )
        )
    html = client_for(beta).get("/ar/verhalen/alleen-nl/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html  # the interface speaks the visitor's language
    assert '<main id="main" class="container" tabindex="-1" lang="nl" dir="ltr">' in html
    assert "Alleen Nederlands" in html
    assert 'class="translation-note"' in html


def test_page_without_translations_has_no_switcher(alpha):
    html = client_for(alpha).get("/").content.decode()
    assert "language-switcher" not in html
    assert "hreflang" not in html
