"""No empty pages in community languages: every listing shows what the Dutch one shows,
each item in the visitor's language where translated, else in Dutch and marked as such."""

from datetime import timedelta

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import Locale

from buurtpages.blueprint import dutch_section
from buurtpages.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    PersonPageFactory,
    StoryPageFactory,
    publish,
)
from buurtpages.models import (
    ActivityIndexPage,
    BuurtHomePage,
    InitiativeIndexPage,
    PersonIndexPage,
    StoryIndexPage,
)
from tests.base import client_for, inside

DUTCH = ' lang="nl" dir="ltr"'


def in_dutch_note():
    with translation.override("ar"):
        return (
            f' <span class="fallback-note" lang="ar" dir="rtl">'
            f"({translation.gettext('in Dutch')})</span>"
        )


def publish_arabic_skeleton():
    """Translators published the Arabic home and sections, nothing else."""
    arabic = Locale.objects.get(language_code="ar")
    home = BuurtHomePage.objects.get(locale=arabic)
    publish(home)
    for section in home.get_children().specific():
        publish(section)


def translate_to_arabic(page, title):
    arabic = page.copy_for_translation(Locale.objects.get(language_code="ar"))
    arabic.title = title
    return publish(arabic)


def dutch_content(buurt, stories=1):
    """A week of Dutch content of which only one story is translated into Arabic."""
    with inside(buurt):
        publish_arabic_skeleton()
        start = timezone.localtime() + timedelta(days=3)
        publish(
            ActivityPageFactory(
                parent=dutch_section(ActivityIndexPage),
                title="Koffieochtend",
                slug="koffie",
                start=start,
                end=start + timedelta(hours=1),
            )
        )
        publish(
            InitiativePageFactory(
                parent=dutch_section(InitiativeIndexPage), title="Moestuin", slug="moestuin"
            )
        )
        translated = publish(
            StoryPageFactory(
                parent=dutch_section(StoryIndexPage), title="Buurtfeest", slug="buurtfeest"
            )
        )
        translate_to_arabic(translated, "حفلة الحي")
        add_dutch_stories(stories)


def add_dutch_stories(count, offset=0):
    for number in range(offset, offset + count):
        publish(
            StoryPageFactory(
                parent=dutch_section(StoryIndexPage),
                title=f"Alleen Nederlands {number}",
                slug=f"alleen-nl-{number}",
            )
        )


def test_arabic_home_lists_everything_the_dutch_home_lists(beta):
    dutch_content(beta)
    html = client_for(beta).get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    # the translated story in Arabic, not its Dutch original
    assert "حفلة الحي" in html and "Buurtfeest" not in html
    # untranslated items in Dutch, marked and noted, linked within /ar/
    note = in_dutch_note()
    assert (
        f'<h3 class="utrecht-heading-3"{DUTCH}>'
        f'<a class="utrecht-link" href="/ar/agenda/koffie/">Koffieochtend</a>{note}</h3>' in html
    )
    assert (
        f'<li class="card"{DUTCH}><h3 class="utrecht-heading-3">'
        '<a class="utrecht-link" href="/ar/initiatieven/moestuin/">Moestuin</a>' in html
    )
    assert (
        f'<a class="utrecht-link" href="/ar/verhalen/alleen-nl-0/">Alleen Nederlands 0</a>{note}'
        in html
    )
    # the Dutch home itself is unchanged: no marks, no notes
    dutch = client_for(beta).get("/").content.decode()
    assert "Koffieochtend" in dutch and "Moestuin" in dutch and "Buurtfeest" in dutch
    assert "fallback-note" not in dutch


def test_section_pages_in_arabic_list_dutch_items(beta):
    dutch_content(beta)
    with inside(beta):
        from workflows.consent import agreed

        person = PersonPageFactory(parent=dutch_section(PersonIndexPage), title="Fatima de Vries")
        publish(agreed(person))
    client = client_for(beta)
    note = in_dutch_note()
    agenda = client.get("/ar/agenda/").content.decode()
    assert (
        f'<h2 class="utrecht-heading-2"{DUTCH}>'
        f'<a class="utrecht-link" href="/ar/agenda/koffie/">Koffieochtend</a>{note}</h2>' in agenda
    )
    initiatives = client.get("/ar/initiatieven/").content.decode()
    assert "Moestuin" in initiatives
    stories = client.get("/ar/verhalen/").content.decode()
    assert "حفلة الحي" in stories and "Alleen Nederlands 0" in stories
    assert "Buurtfeest" not in stories
    people = client.get("/ar/mensen/").content.decode()
    assert "Fatima de Vries" in people


def test_search_in_arabic_finds_dutch_content_once(beta):
    dutch_content(beta)
    client = client_for(beta)
    html = client.get("/ar/zoeken/", {"q": "Koffieochtend"}).content.decode()
    assert '<a class="utrecht-link" href="/ar/agenda/koffie/">Koffieochtend</a>' in html
    # a translated page is found once, in Arabic
    html = client.get("/ar/zoeken/", {"q": "Buurtfeest"}).content.decode()
    assert "حفلة الحي" in html and ">Buurtfeest<" not in html


def queries_for(client, url):
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # Leaving `inside()` may add one schema switch; only the page's own queries count.
    return len([query for query in queries if not query["sql"].startswith("SET ")])


def test_listings_in_arabic_cost_the_same_for_one_item_or_many(beta):
    dutch_content(beta, stories=1)
    client = client_for(beta)
    for url in ("/ar/", "/ar/verhalen/"):  # fills per-process caches (content types)
        client.get(url)
    few_home, few_stories = queries_for(client, "/ar/"), queries_for(client, "/ar/verhalen/")
    with inside(beta):
        add_dutch_stories(5, offset=1)
    assert queries_for(client, "/ar/") == few_home
    assert queries_for(client, "/ar/verhalen/") == few_stories


def test_untranslated_fields_of_a_translated_page_carry_their_own_language(beta):
    from buurtpages.blueprint import HOME_INTRO, SECTIONS

    with inside(beta):
        publish_arabic_skeleton()
        arabic_stories = StoryIndexPage.objects.get(locale__language_code="ar")
        arabic_stories.title = "القصص"
        publish(arabic_stories)
    html = client_for(beta).get("/ar/").content.decode()
    note = in_dutch_note()
    assert (
        f'<p class="utrecht-paragraph utrecht-paragraph--lead lead"{DUTCH}>{HOME_INTRO}{note}</p>'
        in html
    )
    stories_intro = next(intro for model, *_, intro in SECTIONS if model is StoryIndexPage)
    assert f"<p{DUTCH}>{stories_intro}{note}</p>" in html
    # the translated title is Arabic, laid out with the page
    assert '<a class="utrecht-link" href="/ar/verhalen/">القصص</a>' in html
    assert f'<a class="utrecht-link" href="/ar/agenda/"{DUTCH}>Agenda</a>' in html
    section = client_for(beta).get("/ar/verhalen/").content.decode()
    assert (
        f'<p class="utrecht-paragraph utrecht-paragraph--lead lead"{DUTCH}>'
        f"{stories_intro}{note}</p>" in section
    )
    assert '<h1 class="utrecht-heading-1">القصص</h1>' in section
