"""Blijf op de hoogte: subscribing with double opt-in, in the subscriber's language, a
personal page to change or stop it, and one-click unsubscribe (RFC 8058) that works only
on the subscription's own buurt."""

import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client

from buurtpages.models import Subscription
from outbox.models import OutgoingMail
from tests.base import client_for, inside

MONDAY = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def monday():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


def deliver():
    """What `manage.py send_outbox` does every minute."""
    call_command("send_outbox", stdout=io.StringIO())


def subscribe(buurt, email, language="nl", kinds=("agenda",), prefix="", **extra):
    data = {"email": email, "language": language, "kinds": list(kinds), "website": ""}
    return client_for(buurt).post(f"{prefix}/blijf-op-de-hoogte/", data | extra, **_ip())


_counter = iter(range(1, 10**6))


def _ip():
    n = next(_counter)
    return {"REMOTE_ADDR": f"10.9.{n // 256 % 256}.{n % 256}"}


def link_in(message, host):
    return re.search(rf"http://{re.escape(host)}(/\S+)", message.body).group(1)


def subscribed(buurt, email, language="nl", kinds=("agenda", "initiatives", "stories")):
    """A confirmed subscription, made through the form and the confirmation link."""
    subscribe(buurt, email, language, kinds)
    deliver()
    message = [m for m in mail.outbox if m.to == [email]][-1]
    assert client_for(buurt).post(link_in(message, buurt.primary_domain)).status_code == 302
    mail.outbox.clear()
    with inside(buurt):
        subscription = Subscription.objects.get(email=email)
        assert subscription.is_active
        return subscription


def test_arabic_subscriber_confirms_by_a_link_on_the_buurts_own_host(beta, monday):
    page = client_for(beta).get("/ar/blijf-op-de-hoogte/")
    assert page.status_code == 200
    # The page's language is chosen by default.
    assert re.search(r'value="ar"[^>]*checked', page.content.decode())

    answer = subscribe(beta, "Sara@Example.nl", "ar", ("agenda", "stories"), prefix="/ar")
    assert answer.status_code == 302
    assert answer["Location"] == "/ar/blijf-op-de-hoogte/verstuurd/"
    # Stored with its mail in the outbox, nothing delivered before the sender runs.
    assert mail.outbox == []
    with inside(beta):
        subscription = Subscription.objects.get()
        assert not subscription.is_active
        assert OutgoingMail.objects.get().status == OutgoingMail.Status.PENDING
        assert subscription.confirmation_hash and "Sara" not in subscription.confirmation_hash

    deliver()
    [message] = mail.outbox
    assert message.to == ["sara@example.nl"]
    assert message.subject == "أكّد اشتراكك في أخبار Betawijk"
    assert "Someone" not in message.body and "Iemand" not in message.body
    path = link_in(message, "beta.localhost")
    assert path.startswith("/ar/blijf-op-de-hoogte/bevestigen/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://beta.localhost/ar/")
    token = path.split("/")[-2]
    with inside(beta):  # only a hash of the token is stored
        assert not Subscription.objects.filter(confirmation_hash=token).exists()

    client = client_for(beta)
    opened = client.get(path)  # a link scanner opening the link confirms nothing
    assert opened.status_code == 200
    with inside(beta):
        assert not Subscription.objects.get().is_active
    confirmed = client.post(path)
    assert confirmed.status_code == 302
    manage = client.get(confirmed["Location"])
    assert manage.status_code == 200
    assert "sara@example.nl" in manage.content.decode()
    with inside(beta):
        subscription = Subscription.objects.get()
        assert subscription.is_active
        assert subscription.language == "ar"
        assert subscription.kinds == ["agenda", "stories"]
    assert client.post(path).status_code == 404  # used once


def test_a_confirmation_link_expires_after_a_week(alpha, monday):
    subscribe(alpha, "anna@example.nl")
    deliver()
    path = link_in(mail.outbox[0], "alpha.localhost")
    monday.shift(timedelta(days=8))
    assert client_for(alpha).post(path).status_code == 404
    with inside(alpha):
        assert not Subscription.objects.get().is_active


def test_the_form_never_tells_whether_an_address_is_known(alpha, monday):
    first = subscribe(alpha, "anna@example.nl", kinds=("stories",))
    again = subscribe(alpha, "ANNA@example.nl", kinds=("agenda",))
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    deliver()
    assert len(mail.outbox) == 1  # one mail per address an hour, however often it is typed

    monday.shift(timedelta(hours=2))
    subscribe(alpha, "anna@example.nl", kinds=("agenda",))
    deliver()
    assert len(mail.outbox) == 2  # a fresh link after the pause
    client = client_for(alpha)
    assert client.post(link_in(mail.outbox[0], "alpha.localhost")).status_code == 404
    assert client.post(link_in(mail.outbox[1], "alpha.localhost")).status_code == 302

    # Once active, typing the address changes nothing: the owner gets their link.
    monday.shift(timedelta(hours=2))
    mail.outbox.clear()
    answer = subscribe(alpha, "anna@example.nl", kinds=("stories",))
    assert answer["Location"] == first["Location"]
    deliver()
    [reminder] = mail.outbox
    assert reminder.to == ["anna@example.nl"]
    assert "/blijf-op-de-hoogte/" in reminder.body and "bevestigen" not in reminder.body
    with inside(alpha):
        assert Subscription.objects.get().kinds == ["agenda"]


def test_at_least_one_kind_and_a_buurt_language(alpha, monday):
    none = subscribe(alpha, "anna@example.nl", kinds=())
    assert none.status_code == 200
    assert "kinds" in none.context["form"].errors
    arabic = subscribe(alpha, "anna@example.nl", language="ar")  # alpha speaks nl and en
    assert "language" in arabic.context["form"].errors
    with inside(alpha):
        assert not Subscription.objects.exists()
    assert subscribe(alpha, "anna@example.nl", language="en").status_code == 302  # control


def test_a_filled_honeypot_stores_nothing_and_looks_the_same(alpha, monday):
    answer = subscribe(alpha, "bot@example.nl", website="http://spam.example")
    assert answer.status_code == 302
    assert answer["Location"] == "/blijf-op-de-hoogte/verstuurd/"
    with inside(alpha):
        assert not Subscription.objects.exists()


def test_the_manage_page_changes_language_and_kinds(alpha, monday):
    subscription = subscribed(alpha, "anna@example.nl", kinds=("agenda",))
    with inside(alpha):
        token = subscription.manage_token()
    client = client_for(alpha)
    path = f"/blijf-op-de-hoogte/{token}/"
    assert client.get(path).status_code == 200
    saved = client.post(path, {"language": "en", "kinds": ["stories", "initiatives"]})
    assert saved.status_code == 200
    with inside(alpha):
        subscription.refresh_from_db()
    assert subscription.language == "en"
    assert subscription.kinds == ["initiatives", "stories"]
    assert client_for(alpha).get(f"/blijf-op-de-hoogte/{token[:-1]}x/").status_code == 404


def test_one_click_unsubscribe_only_on_its_own_buurt(alpha, beta, monday):
    subscription = subscribed(alpha, "anna@example.nl")
    with inside(alpha):
        path = f"/blijf-op-de-hoogte/{subscription.manage_token()}/afmelden/"
    # Another buurt's host knows nothing of it, also by POST.
    assert client_for(beta).get(path).status_code == 404
    assert client_for(beta).post(path).status_code == 404
    # GET only asks: a link scanner unsubscribes nobody.
    asked = client_for(alpha).get(path)
    assert asked.status_code == 200
    with inside(alpha):
        assert Subscription.objects.filter(pk=subscription.pk).exists()
    # A mail program posts without login, cookie or CSRF token.
    strict = Client(enforce_csrf_checks=True, HTTP_HOST=alpha.primary_domain)
    done = strict.post(path, "List-Unsubscribe=One-Click", content_type="text/plain")
    assert done.status_code == 200
    with inside(alpha):
        assert not Subscription.objects.exists()


def test_the_manage_form_keeps_its_csrf_protection(alpha, monday):
    subscription = subscribed(alpha, "anna@example.nl", kinds=("agenda",))
    with inside(alpha):
        path = f"/blijf-op-de-hoogte/{subscription.manage_token()}/"
    strict = Client(enforce_csrf_checks=True, HTTP_HOST=alpha.primary_domain)
    assert strict.post(path, {"language": "en", "kinds": ["stories"]}).status_code == 403
    with inside(alpha):
        subscription.refresh_from_db()
    assert subscription.kinds == ["agenda"]


def test_a_subscription_is_in_the_export_and_goes_with_the_erasure(alpha, monday):
    from tenants.privacy import erase_person, export_person

    subscribed(alpha, "anna@example.nl", kinds=("stories",))
    subscribed(alpha, "ria@example.nl", kinds=("agenda",))
    with inside(alpha):
        [row] = export_person("Anna@Example.nl")["news_subscriptions"]
        assert row["email"] == "anna@example.nl"
        assert row["kinds"] == ["stories"]
        assert not any("hash" in key or "nonce" in key for key in row)
        erase_person("anna@example.nl")
        assert list(Subscription.objects.values_list("email", flat=True)) == ["ria@example.nl"]
        # Its mails in the outbox went with it; the other reader's stay.
        assert set(OutgoingMail.objects.values_list("recipient", flat=True)) == {"ria@example.nl"}


def test_the_form_is_rate_limited_per_network_address(alpha, monday, settings):
    settings.PUBLIC_POSTS_PER_WINDOW = 2
    client = client_for(alpha)
    data = {"language": "nl", "kinds": ["agenda"], "website": ""}
    for number in range(2):
        answer = client.post(
            "/blijf-op-de-hoogte/",
            data | {"email": f"buur{number}@example.nl"},
            REMOTE_ADDR="10.7.7.7",
        )
        assert answer.status_code == 302  # positive control
    third = client.post(
        "/blijf-op-de-hoogte/", data | {"email": "buur3@example.nl"}, REMOTE_ADDR="10.7.7.7"
    )
    assert third.status_code == 429
    with inside(alpha):
        assert Subscription.objects.count() == 2


def test_an_address_that_grows_when_normalised_gets_a_clear_message(alpha, monday):
    # Valid as typed (125 characters), but its case-folded form (365) no longer fits.
    address = "a@" + "ΐ" * 60 + "." + "ΐ" * 60 + ".gr"
    answer = subscribe(alpha, address)
    assert answer.status_code == 200
    assert "email" in answer.context["form"].errors
    with inside(alpha):
        assert not Subscription.objects.exists()
