"""Public forms say plainly what is asked and what is optional, before anyone errs."""

import re

import polib
from django.utils import translation

from tests.base import client_for, inside
from tests.test_catalogues import DUTCH
from tests.test_rsvp import small_activity
from trainings.factories import ResidentsEveningFactory

OPTIONAL = "(niet verplicht)"
ONE_OF_TWO = "Eén van de twee is genoeg"


def labels(html):
    """The text of every <label> and <legend>, tags removed."""
    found = re.findall(r"<(?:label|legend)\b[^>]*>(.*?)</(?:label|legend)>", html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", label).split()) for label in found]


def test_signal_form_asks_real_questions_and_says_optional_once(alpha):
    page = client_for(alpha).get("/signaal/")
    assert page.status_code == 200
    shown = labels(page.content.decode())
    assert "Waar gaat het over?" in shown and "Over" not in shown
    assert "Waar is het? (niet verplicht)" in shown
    assert all(label.count(OPTIONAL) <= 1 for label in shown), shown


def test_activity_sign_up_says_one_of_two_before_the_error(alpha):
    small_activity(alpha, capacity=5)
    html = client_for(alpha).get("/agenda/taart/").content.decode()
    assert ONE_OF_TWO in html
    contact = [label for label in labels(html) if "mail" in label or "telefoon" in label]
    assert contact and not any(OPTIONAL in label for label in contact), contact
    assert html.index(ONE_OF_TWO) < html.index('for="id_phone"')


def test_inwonersavond_sign_up_says_one_of_two_before_the_error(alpha):
    with inside(alpha):
        ResidentsEveningFactory()
    html = client_for(alpha).get("/inwonersavond/").content.decode()
    assert ONE_OF_TWO in html
    contact = [label for label in labels(html) if "mail" in label or "telefoon" in label]
    assert contact and not any(OPTIONAL in label for label in contact), contact


def test_places_has_a_word_for_capacity_and_one_for_locations():
    with translation.override("nl"):
        capacity = translation.pgettext("number of people", "Places")
        locations = translation.pgettext("locations", "Places")
    assert (capacity, locations) == ("Aantal plaatsen", "Plekken in de buurt")


def test_every_public_error_banner_says_the_same_thing():
    banners = [
        "You are not signed up yet. Please look at the fields below.",
        "Your signal was not sent yet. Please look at the fields below.",
        "Your request was not sent yet. Please look at the fields below.",
        "Your report was not sent yet. Please look at the fields below.",
    ]
    dutch = {e.msgid: e.msgstr for e in polib.pofile(str(DUTCH))}
    endings = {dutch[banner].split(". ", 1)[1] for banner in banners}
    assert endings == {"Kijk naar de rode tekst bij de vragen hieronder."}
