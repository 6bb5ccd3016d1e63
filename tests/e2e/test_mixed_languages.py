"""An Arabic or Farsi page with Dutch fallbacks reads correctly in a real browser: every
Dutch text is laid out left to right, its punctuation stays at its end, and axe finds
nothing. A buurt seeded like the demo, with the demo's Arabic and Farsi translations
published: the home and section titles are translated, the welcome text and section descriptions are
still Dutch, and the activities and initiatives exist only in Dutch."""

import factory.random
import pytest
from django.db import connection
from django.utils import translation

from buurtpages.blueprint import HOME_INTRO, SECTIONS
from tests.e2e.conftest import assert_accessible, buurt_url

SLUG = "meertalig"
LANGUAGES = ["nl", "ar", "fa", "ti"]

pytestmark = pytest.mark.django_db

# Text nodes with Latin letters and no Arabic script are Dutch (or a Dutch name).
DUTCH_TEXT_OUTSIDE_LTR = """
() => {
  const main = document.querySelector("main");
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const wrong = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    if (!/[A-Za-z]/.test(text) || /[\\u0600-\\u06FF]/.test(text)) continue;
    const holder = node.parentElement.closest("[dir]");
    if (!holder || holder.getAttribute("dir") !== "ltr") wrong.push(text);
  }
  return wrong;
}
"""

# Where the browser draws the last two characters of the text node holding `sentence`.
LAST_TWO_CHARACTERS = """
(sentence) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent.indexOf(sentence);
    if (at < 0) continue;
    const end = at + sentence.length;
    const box = (start) => {
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + 1);
      const rect = range.getBoundingClientRect();
      return {left: rect.left, right: rect.right, top: rect.top};
    };
    return [box(end - 2), box(end - 1)];
  }
  return null;
}
"""


@pytest.fixture(scope="module")
def multilingual_buurt(django_db_setup, django_db_blocker, e2e_server):
    """Committed for the server thread; dropped again at the end (and left-overs first)."""
    from tenants.launch import LaunchRequest, drop_buurt, launch_buurt
    from tenants.management.commands import seed_demo

    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        drop_buurt(SLUG)
        factory.random.reseed_random(seed_demo.SEED)
        buurt = launch_buurt(LaunchRequest(slug=SLUG, name="Meertalig", languages=LANGUAGES)).buurt
        command = seed_demo.Command()
        with buurt:
            command.ensure_people(SLUG)
            command.ensure_stories(SLUG)
            command.ensure_content(SLUG)
            command.ensure_translations(SLUG, LANGUAGES)
        connection.set_schema_to_public()
        yield buurt
        connection.set_schema_to_public()
        drop_buurt(SLUG)


# The fallback notes whose text the browser breaks over more than one line.
NOTES_SPLIT_OVER_LINES = """
() => [...document.querySelectorAll(".fallback-note")]
  .filter((note) => note.getClientRects().length > 1)
  .map((note) => note.textContent)
"""


# The web fonts the browser downloaded for the page (once its text is laid out).
LOADED_FONT_FACES = """
async () => {
  await document.fonts.ready;
  const loaded = [...document.fonts].filter((face) => face.status === "loaded");
  return [...new Set(loaded.map((face) => face.family.replaceAll('"', "")))];
}
"""


def assert_punctuation_at_the_end(page, sentence):
    """Left to right, a sentence's final mark is drawn right of the letter before it;
    laid out right to left without isolation it jumps to the far left ("!te doen...")."""
    boxes = page.evaluate(LAST_TWO_CHARACTERS, sentence)
    assert boxes, f"not on the page: {sentence!r}"
    letter, mark = boxes
    assert abs(letter["top"] - mark["top"]) < 2, "the sentence's end is split over lines"
    assert mark["left"] >= letter["right"] - 1, f"{sentence[-1]!r} drawn before the text"


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_right_to_left_home_with_dutch_fallbacks_reads_left_to_right(
    page, live_server_url, multilingual_buurt, language
):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(buurt_url(live_server_url, SLUG) + f"/{language}/")
    assert page.locator("main").get_attribute("lang") is None  # the translated home is live
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate(DUTCH_TEXT_OUTSIDE_LTR) == []
    assert_punctuation_at_the_end(page, HOME_INTRO)
    agenda_intro = next(intro for _model, title, *_, intro in SECTIONS if title == "Agenda")
    assert_punctuation_at_the_end(page, agenda_intro)
    # Dutch activities and initiatives are listed, each noted in the visitor's language
    notes = page.locator(".fallback-note")
    assert notes.count() >= 3
    assert notes.first.get_attribute("lang") == language
    assert notes.first.inner_text() != "(in Dutch)"
    # a right-to-left note split over two lines shows its brackets the wrong way round
    assert page.evaluate(NOTES_SPLIT_OVER_LINES) == []
    # the page's letters are drawn in the font the project serves, not a device font
    assert page.evaluate(LOADED_FONT_FACES) == ["Noto Sans Arabic"]
    assert_accessible(page)


@pytest.mark.parametrize(
    ("language", "direction"),
    [
        ("ar", "rtl"),
        ("fa", "rtl"),
        ("ti", "ltr"),
    ],
)
def test_home_in_each_script_keeps_a_screenshot(
    page, live_server_url, multilingual_buurt, language, direction
):
    """Arabic, Farsi and Tigrinya homes at desktop width, kept in tests/e2e/artifacts so a
    reviewer can look at how each script renders."""
    from tests.e2e.conftest import ARTIFACTS

    page.set_viewport_size({"width": 1280, "height": 720})
    response = page.goto(buurt_url(live_server_url, SLUG) + f"/{language}/")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"home-{language}-1280.png", full_page=True)
    assert response.status == 200
    assert page.locator("html").get_attribute("dir") == direction
    assert page.evaluate(DUTCH_TEXT_OUTSIDE_LTR) == []
    # the interface speaks the language: without its catalogue Django shows Dutch
    with translation.override(language):
        coming_up = translation.gettext("Coming up")
    with translation.override("nl"):
        assert coming_up != translation.gettext("Coming up"), "the interface is Dutch"
    assert page.get_by_role("heading", name=coming_up).is_visible()
