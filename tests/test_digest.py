"""The weekly digest: per subscriber, in their language, only what is new, never twice,
with one-click unsubscribe headers, queued in the outbox and delivered by the sender."""

import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from buurtpages.blueprint import dutch_section
from buurtpages.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    StoryPageFactory,
    publish,
)
from buurtpages.models import (
    ActivityIndexPage,
    InitiativeIndexPage,
    InitiativeStatus,
    StoryIndexPage,
    Subscription,
)
from outbox.models import OutgoingMail
from tenants.models import Buurt
from tests.base import client_for, inside
from tests.smtp_server import LoopbackSmtpServer
from tests.test_fallback_listings import publish_skeleton, translate_to
from tests.test_subscriptions import MONDAY, deliver, subscribe, subscribed

SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


def run_digests():
    out = io.StringIO()
    call_command("send_digests", stdout=out)
    deliver()
    return out.getvalue()


def story(title, slug):
    return publish(StoryPageFactory(parent=dutch_section(StoryIndexPage), title=title, slug=slug))


def a_week_of_news(buurt, clock):
    """Published an hour after the subscriptions: a story translated into Arabic, one
    only in Dutch, an activity next week and an initiative that looks for a cook."""
    clock.shift(timedelta(hours=1))
    with inside(buurt):
        publish_skeleton("ar")
        translate_to(story("Buurtfeest", "buurtfeest"), "ar", "حفلة الحي")
        story("Alleen Nederlands", "alleen-nl")
        start = MONDAY + timedelta(days=9, hours=4)
        publish(
            ActivityPageFactory(
                parent=dutch_section(ActivityIndexPage),
                title="Koffieochtend",
                slug="koffie",
                start=start,
                end=start + timedelta(hours=1),
            )
        )
        garden = InitiativePageFactory(
            parent=dutch_section(InitiativeIndexPage),
            title="Moestuin",
            slug="moestuin",
            status=InitiativeStatus.LOOKING,
        )
        garden.help_wanted.create(what="Iemand die kookt", people_needed=1)
        publish(garden)
    clock.shift(timedelta(days=6, hours=23))  # the next Monday morning


def digests_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def html_of(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def test_an_arabic_subscriber_gets_the_arabic_digest(beta, clock):
    subscribed(beta, "sara@example.nl", "ar")
    subscribed(beta, "piet@example.nl", "nl", kinds=("stories",))
    subscribe(beta, "nooit@example.nl", "ar")  # never confirmed
    deliver()
    mail.outbox.clear()
    a_week_of_news(beta, clock)

    assert "2 digests queued" in run_digests()
    assert digests_to("nooit@example.nl") == []
    [arabic] = digests_to("sara@example.nl")
    assert arabic.subject == "أخبار من Betawijk"
    with translation.override("ar"):
        in_dutch = translation.gettext("in Dutch")
    body = arabic.body
    assert "حفلة الحي" in body and "Buurtfeest" not in body  # the live translation
    assert f"Alleen Nederlands ({in_dutch})" in body  # no translation: Dutch, marked
    assert "Koffieochtend" in body and "Moestuin" in body and "Iemand die kookt" in body
    html = html_of(arabic)
    assert '<html lang="ar" dir="rtl">' in html
    assert 'lang="nl" dir="ltr">Alleen Nederlands</a>' in html
    # Links on the buurt's own domain, in Arabic, and they open.
    links = re.findall(r"http://([a-z.]+)(/\S*)", body)
    assert {host for host, _path in links} == {"beta.localhost"}
    client = client_for(beta)
    for _host, path in links:
        assert path.startswith("/ar/"), path
        assert client.get(path).status_code == 200, path
    headers = arabic.extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(
        r"<http://beta\.localhost/ar/blijf-op-de-hoogte/\w+/afmelden/>",
        headers["List-Unsubscribe"],
    )

    [dutch] = digests_to("piet@example.nl")  # only the kind he chose
    assert dutch.subject == "Nieuws uit Betawijk"
    assert "Buurtfeest" in dutch.body and "Alleen Nederlands" in dutch.body
    assert "Koffieochtend" not in dutch.body and "Moestuin" not in dutch.body
    assert "(in Dutch)" not in dutch.body and "in het Nederlands" not in dutch.body
    assert 'dir="ltr"' in html_of(dutch)


def test_nothing_new_sends_nothing_and_nothing_is_sent_twice(alpha, clock):
    subscribed(alpha, "anna@example.nl", kinds=("stories", "agenda"))
    clock.shift(timedelta(days=7))
    assert "0 digests queued" in run_digests()  # an empty week
    assert mail.outbox == []

    with inside(alpha):
        story("Het eerste verhaal", "eerste")
        start = MONDAY + timedelta(days=25)  # within two weeks of the next two runs
        publish(
            ActivityPageFactory(
                parent=dutch_section(ActivityIndexPage),
                title="Koffieochtend",
                slug="koffie",
                start=start,
                end=start + timedelta(hours=1),
            )
        )
    clock.shift(timedelta(days=7))
    run_digests()
    [first] = mail.outbox
    assert "Het eerste verhaal" in first.body and "Koffieochtend" in first.body

    clock.shift(timedelta(days=7))
    mail.outbox.clear()
    run_digests()  # the same story is not new any more
    assert mail.outbox == []

    with inside(alpha):
        story("Het tweede verhaal", "tweede")
    clock.shift(timedelta(days=7))
    run_digests()
    run_digests()  # a second run the same morning sends nothing again
    [second] = mail.outbox
    assert "Het tweede verhaal" in second.body and "Het eerste verhaal" not in second.body
    assert "Koffieochtend" not in second.body


def test_a_suspended_buurt_sends_no_digest(alpha, clock):
    subscribed(alpha, "anna@example.nl", kinds=("stories",))
    clock.shift(timedelta(minutes=1))
    with inside(alpha):
        story("Verhaal", "verhaal")
    clock.shift(timedelta(days=7))
    Buurt.objects.filter(pk=alpha.pk).update(status=Buurt.Status.SUSPENDED)
    run_digests()
    with inside(alpha):
        assert not OutgoingMail.objects.filter(subject="Nieuws uit Alphabuurt").exists()
    Buurt.objects.filter(pk=alpha.pk).update(status=Buurt.Status.LIVE)
    run_digests()
    assert len(mail.outbox) == 1  # positive control


def test_unconfirmed_requests_are_forgotten_after_a_week(alpha, clock):
    subscribe(alpha, "nooit@example.nl", kinds=("stories",))
    clock.shift(timedelta(days=8))
    run_digests()
    with inside(alpha):
        assert not Subscription.objects.exists()


@pytest.fixture
def smtp_server(settings):
    server = LoopbackSmtpServer()
    settings.OUTBOX_DELIVERY_BACKEND = SMTP
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    server.start()
    yield server
    server.stop()


def test_the_delivered_digest_unsubscribes_in_one_click(alpha, beta, clock, smtp_server):
    subscribe(alpha, "anna@example.nl", kinds=("stories",))
    deliver()
    [confirmation] = smtp_server.messages
    text = confirmation.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"http://alpha\.localhost(/\S+)", text).group(1)
    assert client_for(alpha).post(link).status_code == 302
    smtp_server.messages.clear()
    clock.shift(timedelta(minutes=1))
    with inside(alpha):
        story("Verhaal", "verhaal")
    clock.shift(timedelta(days=7))
    run_digests()
    [digest] = smtp_server.messages
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = digest["List-Unsubscribe"].strip()  # a long header is folded onto its own line
    url = re.fullmatch(r"<http://alpha\.localhost(/\S+)>", header).group(1)
    assert digest.get_body(preferencelist=("html",)) is not None
    assert digest.get_body(preferencelist=("plain",)) is not None

    # As a mail program does it: a POST without cookies or CSRF token, on the right host.
    elsewhere = Client(enforce_csrf_checks=True, HTTP_HOST=beta.primary_domain)
    assert (
        elsewhere.post(url, "List-Unsubscribe=One-Click", content_type="text/plain").status_code
        == 404
    )
    with inside(alpha):
        assert Subscription.objects.get().is_active
    own = Client(enforce_csrf_checks=True, HTTP_HOST=alpha.primary_domain)
    assert own.post(url, "List-Unsubscribe=One-Click", content_type="text/plain").status_code == 200
    with inside(alpha):
        assert not Subscription.objects.exists()
