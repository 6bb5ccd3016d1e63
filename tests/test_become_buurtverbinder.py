"""The footer's "Word buurtverbinder" leads somewhere useful in every buurt: the open
inwonersavond's sign-up, or else an interest form and the buurtverbinders to talk to."""

import itertools
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtpages.blueprint import dutch_section
from buurtpages.factories import PersonPageFactory
from buurtpages.models import PersonIndexPage, PersonPage
from tests.base import client_for, inside
from tests.test_fuzz_public_forms import (
    INTEREST_FIELDS,
    Tally,
    assert_clean,
    check_outcome,
    count,
    fresh_ip,
    one_field_changed,
    rows,
)
from trainings.factories import ResidentsEveningFactory
from trainings.models import InterestSignup
from workflows.consent import agreed

INTEREST = {
    "name": "Ilse de Boer",
    "email": "ilse@example.nl",
    "phone": "",
    "languages": ["nl"],
    "cares_about": "Meer groen in de straat.",
    "hours_per_week": "3",
    "website": "",
}


def live_buurtverbinder(buurt, name):
    with inside(buurt):
        person = PersonPageFactory(parent=dutch_section(PersonIndexPage), title=name)
        agreed(person)
        person.save_revision().publish()
        return PersonPage.objects.get(pk=person.pk)


def test_without_an_evening_the_footer_link_offers_interest_and_people(alpha, beta, sending):
    live_buurtverbinder(alpha, "Ans de Wit")
    live_buurtverbinder(beta, "Bep Betawijk")  # another buurt's: never shown here
    home = client_for(alpha).get("/").content.decode()
    assert 'href="/inwonersavond/"' in home
    page = client_for(alpha).get("/inwonersavond/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Er is nu geen inwonersavond gepland" in html
    assert "Ans de Wit" in html and "Bep Betawijk" not in html
    assert 'name="cares_about"' in html
    mail.outbox.clear()
    with sending():
        response = client_for(alpha).post("/inwonersavond/", INTEREST)
    assert response.status_code == 302 and response["Location"] == "/inwonersavond/bedankt/"
    with inside(alpha):
        signup = InterestSignup.objects.get()
        assert signup.evening is None and signup.name == "Ilse de Boer"
    with inside(beta):
        assert not InterestSignup.objects.exists()
    [receipt] = mail.outbox
    assert receipt.to == ["ilse@example.nl"]
    assert "volgende inwonersavond" in receipt.body


def test_the_same_person_twice_is_stored_once_and_bots_not_at_all(alpha):
    client_for(alpha).post("/inwonersavond/", INTEREST)
    client_for(alpha).post("/inwonersavond/", INTEREST | {"email": "ILSE@example.nl"})
    client_for(alpha).post("/inwonersavond/", INTEREST | {"email": "bot@x.nl", "website": "x"})
    with inside(alpha):
        assert InterestSignup.objects.count() == 1


def test_with_an_open_evening_the_link_signs_up_for_it(alpha):
    with inside(alpha):
        evening = ResidentsEveningFactory(
            title="Inwonersavond in het buurthuis", starts_at=timezone.now() + timedelta(days=9)
        )
    html = client_for(alpha).get("/inwonersavond/").content.decode()
    assert "Inwonersavond in het buurthuis" in html
    assert "geen inwonersavond gepland" not in html
    client_for(alpha).post("/inwonersavond/", INTEREST)
    with inside(alpha):
        assert InterestSignup.objects.get().evening_id == evening.pk


def test_the_interest_form_without_an_evening_survives_any_input(alpha):
    """Fuzzed like every public form: stored, or refused on the changed field; never a
    server error, never a control character stored."""
    tally = Tally()
    serial = itertools.count()

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(change=st.data())
    def post(change):
        valid = INTEREST | {"email": f"ilse{next(serial)}@example.nl"}
        field, data = change.draw(one_field_changed(valid, INTEREST_FIELDS))
        before = count(alpha, InterestSignup)
        response = client_for(alpha).post("/inwonersavond/", data, REMOTE_ADDR=fresh_ip())
        stored = count(alpha, InterestSignup) - before == 1
        check_outcome(response, field, stored, {field, "email"})
        tally.count(stored)

    post()
    tally.assert_share(0.3)
    assert_clean(rows(alpha, InterestSignup, "name", "email", "phone", "cares_about"))
    with inside(alpha):
        assert not InterestSignup.objects.exclude(evening=None).exists()
