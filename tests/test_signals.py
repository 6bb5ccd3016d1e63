"""Signals: anyone may report, nothing is published, buurtverbinders triage privately."""

import pytest
from django.core.exceptions import ValidationError

from buurtpages.blueprint import dutch_section
from buurtpages.factories import InitiativePageFactory, publish
from buurtpages.models import InitiativeIndexPage, InitiativePage, Signal
from kernel.roles import CONNECTOR, RESIDENT
from tests.base import client_for, inside, logged_in, refused
from workflows.factories import UserFactory

SIGNAL = {
    "category": "loneliness",
    "description": "Mevrouw op nummer 12 komt nooit meer buiten sinds haar man overleed.",
    "location": "Tulpstraat",
    "contact_name": "",
    "contact_email": "",
    "contact_phone": "",
    "website": "",
}


def report(buurt, client=None, **changes):
    client = client or client_for(buurt)
    return client.post("/signaal/", {**SIGNAL, **changes}, REMOTE_ADDR="203.0.113.7")


def signals_in(buurt):
    with inside(buurt):
        return list(Signal.objects.values_list("description", flat=True))


def test_anyone_can_report_a_signal_without_an_account(alpha):
    form = client_for(alpha).get("/signaal/")
    assert form.status_code == 200
    assert "Niets van wat je schrijft wordt gepubliceerd" in form.content.decode()
    response = report(alpha)
    assert response.status_code == 302 and response["Location"] == "/signaal/bedankt/"
    assert signals_in(alpha) == [SIGNAL["description"]]
    with inside(alpha):
        assert Signal.objects.get().sender_hash != "203.0.113.7"


def test_bad_input_gets_clear_messages_and_keeps_what_was_typed(alpha):
    response = report(alpha, category="", contact_email="geen-adres")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert SIGNAL["description"] in html  # nothing typed is lost
    errors = response.context["form"].errors
    assert set(errors) == {"category", "contact_email"}
    assert signals_in(alpha) == []


def test_any_script_survives_the_form(alpha):
    words = "جارتي وحيدة جداً — Сусідка дуже самотня — Komşum çok yalnız"
    report(alpha, description=words, contact_name="Ольга Петренко")
    with inside(alpha):
        signal = Signal.objects.get()
    assert signal.description == words
    assert signal.contact_name == "Ольга Петренко"


def test_honeypot_duplicates_and_flooding_are_absorbed(alpha):
    assert report(alpha, website="http://spam.example").status_code == 302
    assert signals_in(alpha) == []
    report(alpha)
    report(alpha)  # the same signal again, e.g. a double click or a reload
    assert len(signals_in(alpha)) == 1
    for number in range(4):
        report(alpha, description=f"Losse stoeptegel nummer {number}")
    refused = report(alpha, description="Nog een")
    assert refused.status_code == 200
    assert "over een uur" in refused.content.decode()
    assert len(signals_in(alpha)) == 5


def test_signals_never_appear_publicly_or_in_another_buurt(alpha, beta):
    report(alpha)
    with inside(alpha):  # public content with the same words does show
        public_page = publish(
            InitiativePageFactory(
                parent=dutch_section(InitiativeIndexPage), title="Buurtkat komt weer buiten"
            )
        )
    public = client_for(alpha)
    shows = {
        "/": "Alphabuurt",
        "/sitemap.xml": public_page.slug,
        "/zoeken/?q=buiten": "Buurtkat komt weer buiten",
        "/agenda/": "Alphabuurt",
        "/initiatieven/": "Buurtkat komt weer buiten",
    }
    for path, planted in shows.items():
        response = public.get(path)
        html = response.content.decode()
        assert response.status_code == 200 and planted in html, path
        assert "komt nooit meer buiten" not in html and "overleed" not in html, path
    assert signals_in(beta) == []


def login(buurt, role):
    return logged_in(buurt, f"{role.lower()}@example.nl", role)


def test_only_buurtverbinders_see_signals_in_the_admin(alpha, beta):
    report(alpha)
    with inside(alpha):
        pk = Signal.objects.get().pk
    verbinder = login(alpha, CONNECTOR)
    assert "nummer 12" in verbinder.get("/admin/snippets/buurtpages/signal/").content.decode()
    resident = login(alpha, RESIDENT)
    assert refused(resident.get("/admin/snippets/buurtpages/signal/"))
    assert refused(resident.get(f"/admin/snippets/buurtpages/signal/edit/{pk}/"))
    assert resident.get("/admin/snippets/buurtpages/place/").status_code == 200  # may view
    other_buurt = login(beta, CONNECTOR)
    listing = other_buurt.get("/admin/snippets/buurtpages/signal/").content.decode()
    assert "nummer 12" not in listing


def test_triage_into_an_initiative_draft(alpha):
    report(alpha)
    with inside(alpha):
        pk = Signal.objects.get().pk
    verbinder = login(alpha, CONNECTOR)
    resident = login(alpha, RESIDENT)
    assert refused(resident.post(f"/admin/signalen/{pk}/initiatief/"))
    assert resident.get("/admin/").status_code == 200
    response = verbinder.post(f"/admin/signalen/{pk}/initiatief/")
    assert response.status_code == 302
    with inside(alpha):
        signal = Signal.objects.get()
        draft = InitiativePage.objects.get()
        assert signal.status == Signal.Status.INITIATIVE and signal.initiative_id == draft.pk
        assert not draft.live
        assert signal.triaged_by.username == "connector@example.nl"
    assert response["Location"] == f"/admin/pages/{draft.pk}/edit/"
    with inside(alpha):
        publish(
            InitiativePageFactory(
                parent=dutch_section(InitiativeIndexPage), title="Tegels op nummer 14"
            )
        )
    listing = client_for(alpha).get("/initiatieven/")
    assert listing.status_code == 200 and "nummer 14" in listing.content.decode()
    assert "nummer 12" not in listing.content.decode()


def test_referral_and_closing_need_a_note(alpha):
    report(alpha)
    with inside(alpha):
        signal = Signal.objects.get()
        user = UserFactory(username="v@example.nl", roles=[CONNECTOR])
        with pytest.raises(ValidationError):
            signal.mark(Signal.Status.REFERRED, user)
        signal.mark(Signal.Status.REFERRED, user, note="Doorgegeven aan de wijkverpleegkundige")
        assert Signal.objects.get().status == Signal.Status.REFERRED
