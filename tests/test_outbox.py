"""Mail that always arrives: written with the change that causes it, delivered by the
sender with retries once the mail server is back, exactly once, against a real SMTP
server on a loopback port; failing mails are visible to the Buurtbeheerder, who retries
or cancels them."""

import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.core.mail import EmailMessage
from django.core.mail.backends import smtp
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from buurtpages.models import Registration
from kernel.roles import BUURT_ADMIN, CONNECTOR, RESIDENT
from outbox.models import OutgoingMail
from tenants.models import Buurt
from tests.base import client_for, inside, logged_in, refused
from tests.smtp_server import LoopbackSmtpServer, body_of
from tests.test_consent_address import submit as submit_person_page
from tests.test_launch import launch_delta
from tests.test_rsvp import sign_up, small_activity
from workflows.models import ConsentRequest

SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def smtp_server(settings):
    server = LoopbackSmtpServer()
    settings.OUTBOX_DELIVERY_BACKEND = SMTP
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


def run_sender(minutes_later=5):
    """`manage.py send_outbox`, once the first wait after a failure has passed."""
    with time_machine.travel(timezone.now() + timedelta(minutes=minutes_later), tick=False):
        call_command("send_outbox", stdout=io.StringIO())


def link_in(message, host):
    return re.search(rf"http://{re.escape(host)}(/\S+)", body_of(message)).group(1)


def test_sign_up_while_the_mail_server_is_down(alpha, smtp_server, sending):
    activity = small_activity(alpha, capacity=5)
    with sending():
        page = sign_up(alpha, activity, "Anna", "anna@example.nl")
    assert page.status_code == 200
    assert "Anna, je bent aangemeld." in page.content.decode()
    with inside(alpha):
        assert Registration.objects.get().status == Registration.Status.CONFIRMED
        waiting = OutgoingMail.objects.get()
    assert waiting.status == OutgoingMail.Status.PENDING
    assert "Connection" in waiting.last_error
    assert smtp_server.messages == []

    smtp_server.start()
    run_sender()
    run_sender(minutes_later=30)  # a second run sends nothing twice
    [message] = smtp_server.messages
    assert message["To"] == "anna@example.nl"
    assert message["Subject"] == "Je bent aangemeld voor Taartjes bakken"
    assert message["Message-ID"] == waiting.message_id
    cancel_link = link_in(message, "alpha.localhost")
    client = client_for(alpha)
    assert "Meld mij af" in client.get(cancel_link).content.decode()
    assert "Je aanmelding is geannuleerd" in client.post(cancel_link).content.decode()
    with inside(alpha):
        assert Registration.objects.get().status == Registration.Status.CANCELLED


def test_consent_request_while_the_mail_server_is_down(alpha, smtp_server, sending):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    logged_in(alpha, "pieter@example.nl", CONNECTOR)
    with sending():
        assert submit_person_page(rik, alpha, "Fatma Yilmaz", "fatma@example.nl").status_code == 302
    with inside(alpha):
        token = ConsentRequest.objects.get(email="fatma@example.nl").token
    assert smtp_server.messages == []

    smtp_server.start()
    run_sender()
    run_sender(minutes_later=30)
    [message] = smtp_server.messages
    assert message["To"] == "fatma@example.nl"
    path = link_in(message, "alpha.localhost")
    assert path == f"/toestemming/{token}/"
    assert client_for(alpha).get(path).status_code == 200


def test_launch_invitation_while_the_mail_server_is_down(db, smtp_server, sending):
    with sending():
        launch_delta(admin_email="anna@example.nl")
    assert client_for("delta.localhost").get("/").status_code == 200
    assert smtp_server.messages == []

    smtp_server.start()
    run_sender()
    run_sender(minutes_later=30)
    [message] = smtp_server.messages
    assert message["To"] == "anna@example.nl"
    assert message["Subject"] == "Je account voor Deltawijk"
    form = client_for("delta.localhost").get(link_in(message, "delta.localhost"), follow=True)
    assert 'name="new_password1"' in form.content.decode()


class DiesOnTheThirdMail(smtp.EmailBackend):
    """The sender's process dying (out of memory, killed) while it hands over a batch."""

    handed_over = 0

    def send_messages(self, email_messages):
        if DiesOnTheThirdMail.handed_over == 2:
            raise SystemExit("the sender died")
        DiesOnTheThirdMail.handed_over += len(email_messages)
        return super().send_messages(email_messages)


def test_a_batch_retried_after_a_crash_sends_each_mail_once(alpha, smtp_server, settings, sending):
    activity = small_activity(alpha, capacity=5)
    people = ["anna", "bram", "cor", "dirk"]
    with sending():
        for name in people:
            sign_up(alpha, activity, name.title(), f"{name}@example.nl")
    smtp_server.start()
    settings.OUTBOX_DELIVERY_BACKEND = f"{__name__}.DiesOnTheThirdMail"
    with pytest.raises(SystemExit):
        run_sender()
    assert len(smtp_server.messages) == 2

    settings.OUTBOX_DELIVERY_BACKEND = SMTP
    run_sender()
    assert sorted(m["To"] for m in smtp_server.messages) == [f"{n}@example.nl" for n in people]


def test_a_rolled_back_change_mails_nobody(alpha, sending):
    with inside(alpha), sending():
        with pytest.raises(RuntimeError), transaction.atomic():
            EmailMessage("Teruggedraaid", "Tekst", to=["weg@example.nl"]).send()
            raise RuntimeError("the change failed")
        assert not OutgoingMail.objects.exists()
        EmailMessage("Opgeslagen", "Tekst", to=["blijft@example.nl"]).send()  # control
        assert OutgoingMail.objects.get().recipient == "blijft@example.nl"


def test_retries_wait_twice_as_long_each_time_then_give_up(alpha, smtp_server, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    start = timezone.now()
    waits = []
    with time_machine.travel(start, tick=False), inside(alpha):
        EmailMessage("Hallo", "Tekst", to=["anna@example.nl"]).send()  # first attempt fails
        mail = OutgoingMail.objects.get()
        waits.append((mail.next_attempt_at - timezone.now()).total_seconds())
    for minutes in (2, 4):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            call_command("send_outbox", stdout=io.StringIO())
            with inside(alpha):
                mail.refresh_from_db()
            waits.append((mail.next_attempt_at - timezone.now()).total_seconds())
    assert waits[:2] == [60.0, 120.0]  # 60 s after the first failure, doubled after the next
    assert mail.status == OutgoingMail.Status.FAILED
    assert mail.attempts == 3
    smtp_server.start()
    run_sender(minutes_later=600)
    assert smtp_server.messages == []  # given up: it waits for the Buurtbeheerder


def test_a_suspended_buurt_keeps_its_mails_until_it_is_resumed(alpha, smtp_server):
    with inside(alpha):
        EmailMessage("Hallo", "Tekst", to=["anna@example.nl"]).send()  # server down
    smtp_server.start()
    Buurt.objects.filter(pk=alpha.pk).update(status=Buurt.Status.SUSPENDED)
    run_sender()
    assert smtp_server.messages == []
    Buurt.objects.filter(pk=alpha.pk).update(status=Buurt.Status.LIVE)
    run_sender()
    assert [m["To"] for m in smtp_server.messages] == ["anna@example.nl"]


def failing_mail(buurt, address, subject="Je bent aangemeld"):
    with inside(buurt):
        EmailMessage(subject, "Tekst", to=[address]).send()
        mail = OutgoingMail.objects.get(recipient=address)
        OutgoingMail.objects.filter(pk=mail.pk).update(
            status=OutgoingMail.Status.FAILED, attempts=10, last_error="SMTPDataError: 554 nee"
        )
    return mail


def test_the_buurtbeheerder_sees_failing_mails_and_retries_or_cancels_them(
    alpha, beta, smtp_server, sending
):
    retried = failing_mail(alpha, "anna@example.nl")
    cancelled = failing_mail(alpha, "bram@example.nl")
    failing_mail(beta, "beta-bewoner@example.nl")
    admin = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    resident = logged_in(alpha, "rik@example.nl", RESIDENT)

    dashboard = admin.get("/admin/").content.decode()
    assert "2 mails konden niet worden verstuurd." in dashboard
    listing = admin.get("/admin/uitgaande-mail/")
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "anna@example.nl" in html and "SMTPDataError: 554 nee" in html
    assert "beta-bewoner@example.nl" not in html  # another buurt's mail

    # A resident sees no count, may not open the list, retry or cancel.
    assert resident.get("/admin/").status_code == 200
    assert "konden niet worden verstuurd" not in resident.get("/admin/").content.decode()
    assert refused(resident.get("/admin/uitgaande-mail/"))
    assert refused(resident.post(f"/admin/uitgaande-mail/{retried.pk}/opnieuw/"))
    assert refused(resident.post(f"/admin/uitgaande-mail/{cancelled.pk}/annuleren/"))
    # Another buurt's admin sees and changes only their own buurt's outbox.
    beta_admin = logged_in(beta, "beheer-beta@example.nl", BUURT_ADMIN)
    beta_list = beta_admin.get("/admin/uitgaande-mail/").content.decode()
    assert "beta-bewoner@example.nl" in beta_list and "anna@example.nl" not in beta_list
    beta_admin.post(f"/admin/uitgaande-mail/{retried.pk}/annuleren/")
    with inside(alpha):
        assert OutgoingMail.objects.get(pk=retried.pk).status == OutgoingMail.Status.FAILED
    assert smtp_server.messages == []

    smtp_server.start()
    with sending():
        assert admin.post(f"/admin/uitgaande-mail/{retried.pk}/opnieuw/").status_code == 302
    assert admin.post(f"/admin/uitgaande-mail/{cancelled.pk}/annuleren/").status_code == 302
    run_sender(minutes_later=600)
    assert [m["To"] for m in smtp_server.messages] == ["anna@example.nl"]
    assert "konden niet" not in admin.get("/admin/").content.decode()


def test_delivered_mails_are_deleted_after_the_configured_days(alpha, settings):
    settings.OUTBOX_KEEP_DAYS = 7
    with inside(alpha):
        EmailMessage("Oud", "Tekst", to=["oud@example.nl"]).send()
        EmailMessage("Nieuw", "Tekst", to=["nieuw@example.nl"]).send()
        OutgoingMail.objects.filter(recipient="oud@example.nl").update(
            status=OutgoingMail.Status.SENT, sent_at=timezone.now() - timedelta(days=8)
        )
    run_sender()
    with inside(alpha):
        assert list(OutgoingMail.objects.values_list("recipient", flat=True)) == [
            "nieuw@example.nl"
        ]


def test_mails_to_a_person_are_in_their_export_and_go_with_their_erasure(alpha):
    from tenants.privacy import erase_person, export_person

    with inside(alpha):
        EmailMessage("Je bent aangemeld", "Tekst", to=["Nadia@Example.nl"]).send()
        EmailMessage("Je bent aangemeld", "Tekst", to=["ria@example.nl"]).send()
        exported = export_person("nadia@example.nl")["outgoing_mails"]
        assert [(row["recipient"], row["subject"]) for row in exported] == [
            ("Nadia@Example.nl", "Je bent aangemeld")
        ]
        erase_person("nadia@example.nl")
        assert list(OutgoingMail.objects.values_list("recipient", flat=True)) == ["ria@example.nl"]
