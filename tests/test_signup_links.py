"""Personal links are only ever sent to their owner: signing up again with someone's
e-mail address or phone number never shows or redirects to their sign-up."""

from django.core import mail

from buurtpages.models import Registration
from tests.base import client_for, inside
from tests.test_rsvp import sign_up, small_activity

ALREADY = "Je bent al aangemeld voor deze datum."
RESENT = "We hebben de link naar je aanmelding opnieuw gestuurd"
CALL_ORGANISER = "neem contact op met de organisator"


def token_of(buurt, name):
    with inside(buurt):
        return Registration.objects.get(name=name).token


def assert_nothing_personal_shown(response, owner_name, token):
    html = response.content.decode()
    assert response.status_code == 200
    assert "Taartjes bakken" in html  # the activity page itself (positive control)
    assert ALREADY in html
    assert owner_name not in html
    assert token not in html
    assert all("/aanmelding/" not in url for url, _status in response.redirect_chain)
    assert "Meld mij af" not in html


def test_signing_up_again_by_email_in_other_letter_case_resends_link_to_owner_only(alpha, sending):
    activity = small_activity(alpha, capacity=5)
    with sending():
        sign_up(alpha, activity, "Anna Jansen", "anna.jansen@example.nl")
    token = token_of(alpha, "Anna Jansen")
    mail.outbox.clear()

    for typed in ("ANNA.Jansen@Example.NL", " anna.jansen@EXAMPLE.nl "):
        with sending():
            response = sign_up(alpha, activity, "Mallory", typed)
        assert_nothing_personal_shown(response, "Anna Jansen", token)
        assert RESENT in response.content.decode()

    # The link went again, to the address on file only (not to what was typed), and at
    # most once in a short while, so nobody can flood the owner's mailbox.
    assert [m.to for m in mail.outbox] == [["anna.jansen@example.nl"]]
    assert token in mail.outbox[0].body
    with inside(alpha):
        assert Registration.objects.count() == 1


def test_signing_up_again_by_phone_mails_the_address_on_file_or_points_to_organiser(alpha, sending):
    activity = small_activity(alpha, capacity=5)
    with sending():
        sign_up(alpha, activity, "Kees", "kees@example.nl", phone="0612345678")
        sign_up(alpha, activity, "Piet", phone="0687654321")
    kees, piet = token_of(alpha, "Kees"), token_of(alpha, "Piet")
    mail.outbox.clear()

    with sending():
        response = sign_up(alpha, activity, "Mallory", phone="0612345678")
    assert_nothing_personal_shown(response, "Kees", kees)
    assert [m.to for m in mail.outbox] == [["kees@example.nl"]]

    with sending():
        response = sign_up(alpha, activity, "Mallory", phone="0687654321")
    assert_nothing_personal_shown(response, "Piet", piet)
    assert CALL_ORGANISER in response.content.decode()
    assert len(mail.outbox) == 1  # no address on file: nothing sent


def test_the_owner_still_reaches_their_own_page_through_the_link(alpha, sending):
    activity = small_activity(alpha, capacity=5)
    with sending():
        first = sign_up(alpha, activity, "Anna", "anna@example.nl")
    # A new sign-up is shown to the person who just made it.
    assert "Anna, je bent aangemeld." in first.content.decode()
    token = token_of(alpha, "Anna")
    page = client_for(alpha).get(f"/agenda/taart/aanmelding/{token}/")
    assert "Anna, je bent aangemeld." in page.content.decode()
