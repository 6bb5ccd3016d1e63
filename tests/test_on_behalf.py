"""A buurtverbinder records an offer, a sign-up or a signal for a resident who is not
online; it counts like an online one, mails the resident when there is an address and is
marked in lists and exports."""

import csv
import io

from django.core import mail

from buurtpages.models import HelpOffer, Registration, Signal
from kernel.roles import CONNECTOR, RESIDENT
from tests.base import inside, logged_in, refused
from tests.test_help_offers import initiative_with_ask
from tests.test_rsvp import small_activity


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_buurtverbinder_records_an_offer_for_a_resident(alpha, sending):
    page, ask = initiative_with_ask(alpha)
    url = f"/admin/namens-bewoner/initiatieven/{page.pk}/"
    connector = logged_in(alpha, "vera@example.nl", CONNECTOR)
    offline = {"name": "Meneer Jansen", "email": "", "phone": "", "language": "nl"}
    offline |= {"ask": str(ask.pk), "role": "", "message": "Belde op dinsdag", "languages": ""}
    no_tick = connector.post(url, offline)
    assert no_tick.status_code == 200
    with inside(alpha):
        assert not HelpOffer.objects.exists()
    with sending():
        done = connector.post(url, offline | {"resident_agreed": "on"})
    assert done.status_code == 302
    with sending():
        by_mail = offline | {"name": "Ola", "email": "ola@example.nl", "language": "en"}
        connector.post(url, by_mail | {"ask": "", "resident_agreed": "on"})
    to_ola = [m for m in mail.outbox if m.to == ["ola@example.nl"]]
    assert to_ola[0].subject == "Thank you for offering help to Moestuin"
    with inside(alpha):
        jansen = HelpOffer.objects.get(name="Meneer Jansen")
        assert (jansen.via_connector, jansen.resident_agreed) == (True, True)
        assert jansen.recorded_by.username == "vera@example.nl"
    listing = f"/admin/initiatieven/{page.pk}/hulpaanbod/"
    assert "via buurtverbinder" in connector.get(listing).content.decode()
    export = rows_of(connector.get(listing + "?export=csv"))
    marks = {row[1]: row[7] for row in export[1:]}
    assert marks == {"Meneer Jansen": "ja", "Ola": "ja"}
    with sending():
        connector.post(f"/admin/hulpaanbod/{jansen.pk}/antwoord/", {"answer": "welcome"})
    with inside(alpha):
        assert page.specific.ask_progress()[0].is_found  # counts like an online offer
    resident = logged_in(alpha, "rik@example.nl", RESIDENT)
    assert refused(resident.post(url, offline | {"resident_agreed": "on"}))
    assert resident.get("/admin/").status_code == 200


def test_a_buurtverbinder_signs_up_a_resident_and_records_a_signal(alpha, sending):
    activity = small_activity(alpha, capacity=5)
    connector = logged_in(alpha, "vera@example.nl", CONNECTOR)
    resident = {"name": "Mevrouw Bakker", "email": "", "phone": "", "language": "nl"}
    with sending():
        answer = connector.post(
            f"/admin/namens-bewoner/activiteiten/{activity.pk}/",
            resident | {"occurrence": activity.start.isoformat(), "resident_agreed": "on"},
        )
    assert answer.status_code == 302
    with inside(alpha):
        signed_up = Registration.objects.get()
        assert (signed_up.name, signed_up.via_connector) == ("Mevrouw Bakker", True)
    registrations = f"/admin/activiteiten/{activity.pk}/aanmeldingen/"
    assert "via buurtverbinder" in connector.get(registrations).content.decode()
    assert rows_of(connector.get(registrations + "?export=csv"))[1][-1] == "ja"
    signal = {"category": "greenery", "description": "Afval achter de school", "location": ""}
    answer = connector.post(
        "/admin/namens-bewoner/signaal/", resident | signal | {"resident_agreed": "on"}
    )
    assert answer.status_code == 302
    with inside(alpha):
        recorded = Signal.objects.get(description="Afval achter de school")
        assert recorded.via_connector and recorded.contact_name == "Mevrouw Bakker"
    neighbour = logged_in(alpha, "rik@example.nl", RESIDENT)
    assert refused(neighbour.get("/admin/namens-bewoner/signaal/"))
    assert refused(neighbour.get(f"/admin/namens-bewoner/activiteiten/{activity.pk}/"))
    assert neighbour.get("/admin/").status_code == 200


def test_a_signal_recorded_for_a_resident_gets_the_receipt_in_their_language(beta, sending):
    """Betawijk speaks Dutch and Arabic."""
    connector = logged_in(beta, "vera@example.nl", CONNECTOR)
    assert "/admin/namens-bewoner/signaal/" in connector.get("/admin/").content.decode()
    resident = {"name": "Samira", "email": "samira@example.nl", "phone": "", "language": "ar"}
    signal = {"category": "greenery", "description": "Kapotte lamp", "location": ""}
    with sending():
        answer = connector.post(
            "/admin/namens-bewoner/signaal/", resident | signal | {"resident_agreed": "on"}
        )
    assert answer.status_code == 302
    [receipt] = mail.outbox
    assert receipt.to == ["samira@example.nl"]
    assert receipt.subject.startswith("وصلتنا إشارتك"), receipt.subject
    neighbour = logged_in(beta, "rik@example.nl", RESIDENT)
    menu = neighbour.get("/admin/").content.decode()
    assert "/admin/namens-bewoner/signaal/" not in menu
