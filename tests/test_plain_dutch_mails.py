"""Mails that were missing: each says who writes, why, what next (one link), how to stop,
in the recipient's language, and only to the address stored on the record."""

import re

from django.core import mail

from kernel.roles import CONNECTOR
from tests.base import client_for, inside, logged_in
from tests.test_signals import SIGNAL
from tests.test_trainings import MONDAYS, cohort_with_poll
from trainings.factories import ResidentsEveningFactory
from trainings.models import AvailabilityAnswer
from workflows.models import AccountRequest

SENDER = re.compile(r'^"?Alphabuurt"? <[^>]+>$')


def links(body):
    return re.findall(r"https?://\S+", body)


def test_a_signal_with_an_address_gets_a_receipt_from_the_buurt(alpha, sending):
    mail.outbox.clear()
    with sending():
        response = client_for(alpha).post(
            "/en/signaal/",
            SIGNAL | {"contact_name": "Sam", "contact_email": "sam@example.nl"},
            REMOTE_ADDR="203.0.113.7",
        )
    assert response.status_code == 302
    [receipt] = mail.outbox
    assert receipt.to == ["sam@example.nl"] and SENDER.match(receipt.from_email)
    assert "Alphabuurt" in receipt.subject and "signal" in receipt.subject  # English
    assert "Hello Sam," in receipt.body and "never published" in receipt.body
    assert links(receipt.body) == ["http://alpha.localhost/"]
    assert "ignore this e-mail" in receipt.body


def test_a_signal_without_an_address_sends_nothing(alpha, sending):
    mail.outbox.clear()
    with sending():
        client_for(alpha).post("/signaal/", SIGNAL, REMOTE_ADDR="203.0.113.7")
    assert mail.outbox == []


def test_an_inwonersavond_sign_up_gets_a_receipt_in_its_language(alpha, sending):
    with inside(alpha):
        evening = ResidentsEveningFactory()
    mail.outbox.clear()
    with sending():
        response = client_for(alpha).post(
            f"/inwonersavond/{evening.pk}/",
            {
                "name": "Ilse de Boer",
                "email": "ilse@example.nl",
                "phone": "",
                "languages": ["nl"],
                "cares_about": "Meer groen in de straat.",
                "hours_per_week": "3",
                "website": "",
            },
        )
    assert response.status_code == 302
    [receipt] = mail.outbox
    assert receipt.to == ["ilse@example.nl"] and SENDER.match(receipt.from_email)
    assert receipt.subject == "Je bent aangemeld voor de inwonersavond van Alphabuurt"
    assert "Hallo Ilse de Boer," in receipt.body and "je hoeft je niet af te melden" in receipt.body
    assert links(receipt.body) == ["http://alpha.localhost/inwonersavond/"]


def test_a_declined_account_request_hears_it_from_the_buurtverbinder(alpha, sending):
    client_for(alpha).post("/en/account-aanvragen/", {"name": "Vic", "email": "vic@example.nl"})
    with inside(alpha):
        account_request = AccountRequest.objects.get()
        assert account_request.language == "en"
    verbinder = logged_in(alpha, "vera@example.nl", CONNECTOR)
    with inside(alpha):
        from django.contrib.auth import get_user_model

        get_user_model().objects.filter(email="vera@example.nl").update(
            first_name="Vera", last_name="Verbinder"
        )
    mail.outbox.clear()
    with sending():
        response = verbinder.post(
            f"/admin/accountaanvragen/{account_request.pk}/besluit/", {"decision": "decline"}
        )
    assert response.status_code == 302
    [answer] = mail.outbox
    assert answer.to == ["vic@example.nl"] and SENDER.match(answer.from_email)
    assert "Alphabuurt" in answer.subject
    assert "Vera Verbinder, a buurtverbinder of Alphabuurt" in answer.body
    assert "You do not get an account" in answer.body and "ignore this e-mail" in answer.body
    assert links(answer.body) == ["http://alpha.localhost/"]


def test_participants_hear_the_planned_training_days(alpha, sending):
    with inside(alpha):
        cohort = cohort_with_poll(MONDAYS)
        members = list(cohort.members.all())
        for member in members:
            for candidate in cohort.candidate_dates.all():
                AvailabilityAnswer.objects.create(member=member, candidate=candidate, answer="yes")
        with_address = [m for m in members if m.email]
    assert with_address
    organiser = logged_in(alpha, "verbinder@alpha.nl", role=CONNECTOR)
    mail.outbox.clear()
    with sending():
        response = organiser.post(f"/admin/trainingen/cohort/{cohort.pk}/planning/")
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in with_address)
    message = next(m for m in mail.outbox if m.to == [with_address[0].email])
    assert SENDER.match(message.from_email)
    assert message.subject == "De trainingsdagen van Alphabuurt zijn gepland"
    assert "Dag 1:" in message.body and "Dag 3:" in message.body
    assert links(message.body) == [f"http://alpha.localhost{with_address[0].poll_path}"]


def test_the_sign_up_confirmation_names_the_buurt_and_says_why(alpha, sending):
    from tests.test_rsvp import sign_up, small_activity

    activity = small_activity(alpha, capacity=3)
    mail.outbox.clear()
    with sending():
        sign_up(alpha, activity, "Anna", "anna@example.nl")
    [confirmation] = mail.outbox
    assert SENDER.match(confirmation.from_email)
    assert "omdat je je hebt aangemeld op de website van Alphabuurt" in confirmation.body
    assert "Groeten van Alphabuurt" in confirmation.body
    assert len(links(confirmation.body)) == 1  # the one link: to cancel


def test_the_consent_request_says_how_to_withdraw_later(alpha, sending):
    from tests.test_workflows import submit_person

    vera = logged_in(alpha, "vera@example.nl", CONNECTOR)
    mail.outbox.clear()
    with sending():
        submit_person(alpha, vera, "Henk Bos", "henk@example.nl")
    [request] = [m for m in mail.outbox if m.to == ["henk@example.nl"]]
    assert SENDER.match(request.from_email)
    assert request.subject == "Mag Alphabuurt een pagina over jou laten zien?"
    assert "Bedenk je je later?" in request.body and "Groeten van Alphabuurt" in request.body


def test_the_invitation_says_why_and_names_the_role_as_a_word(alpha, sending):
    client_for(alpha).post("/account-aanvragen/", {"name": "Nina", "email": "nina@example.nl"})
    with inside(alpha):
        account_request = AccountRequest.objects.get()
    verbinder = logged_in(alpha, "vera@example.nl", CONNECTOR)
    mail.outbox.clear()
    with sending():
        verbinder.post(
            f"/admin/accountaanvragen/{account_request.pk}/besluit/", {"decision": "approve"}
        )
    [invitation] = [m for m in mail.outbox if m.to == ["nina@example.nl"]]
    assert "uitgenodigd als bewoner van de website van Alphabuurt" in invitation.body
    assert "omdat iemand van Alphabuurt je heeft uitgenodigd" in invitation.body


def test_the_poll_without_dates_promises_only_what_is_sent(alpha):
    from trainings.factories import CohortMemberFactory

    with inside(alpha):
        member = CohortMemberFactory(name="Deelnemer zonder datums")
    page = client_for(alpha).get(member.poll_path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Open deze link later nog eens" in html and "Je krijgt bericht" not in html
