"""Signing up for activities: capacity, waitlist, cancel links, mails, bad input, export."""

import csv
import io
import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from buurtpages.blueprint import dutch_section
from buurtpages.factories import ActivityPageFactory, publish
from buurtpages.models import ActivityIndexPage, ActivitySkippedDate, Registration
from kernel.roles import CONNECTOR, RESIDENT
from tests.base import client_for, inside, logged_in, refused


def next_week():
    return (timezone.localtime() + timedelta(days=7)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )


def small_activity(buurt, capacity=1, **fields):
    with inside(buurt):
        start = fields.pop("start", next_week())
        return publish(
            ActivityPageFactory(
                parent=dutch_section(ActivityIndexPage),
                title="Taartjes bakken",
                slug="taart",
                start=start,
                end=start + timedelta(hours=2),
                capacity=capacity,
                **fields,
            )
        )


def sign_up(buurt, activity, name, email="", phone="", when=None, capture=None):
    data = {
        "occurrence": (when or activity.start).isoformat(),
        "name": name,
        "email": email,
        "phone": phone,
        "website": "",
    }
    client = client_for(buurt)
    if capture is None:
        return client.post("/agenda/taart/aanmelden/", data, follow=True)
    with capture(execute=True):
        return client.post("/agenda/taart/aanmelden/", data, follow=True)


def statuses(buurt):
    with inside(buurt):
        return {r.name: r.status for r in Registration.objects.all()}


def test_sign_up_confirms_then_waitlists_with_mails(alpha, django_capture_on_commit_callbacks):
    activity = small_activity(alpha, capacity=1)
    first = sign_up(
        alpha, activity, "Anna", "anna@example.nl", capture=django_capture_on_commit_callbacks
    )
    assert "Anna, je bent aangemeld." in first.content.decode()
    second = sign_up(
        alpha, activity, "Bram", "bram@example.nl", capture=django_capture_on_commit_callbacks
    )
    assert "wachtlijst" in second.content.decode()
    assert statuses(alpha) == {"Anna": "confirmed", "Bram": "waitlist"}
    subjects = [m.subject for m in mail.outbox]
    assert subjects == [
        "Je bent aangemeld voor Taartjes bakken",
        "Je staat op de wachtlijst voor Taartjes bakken",
    ]
    assert all("http://alpha.localhost/agenda/taart/aanmelding/" in m.body for m in mail.outbox)


def test_cancelling_promotes_the_first_on_the_waitlist(alpha, django_capture_on_commit_callbacks):
    activity = small_activity(alpha, capacity=1)
    for name in ("Anna", "Bram", "Cor"):
        sign_up(
            alpha,
            activity,
            name,
            f"{name.lower()}@example.nl",
            capture=django_capture_on_commit_callbacks,
        )
    cancel_link = re.search(r"http://alpha\.localhost(/\S+)", mail.outbox[0].body).group(1)
    mail.outbox.clear()
    client = client_for(alpha)
    assert "Meld mij af" in client.get(cancel_link).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = client.post(cancel_link)
    assert "Je aanmelding is geannuleerd" in cancelled.content.decode()
    assert statuses(alpha) == {"Anna": "cancelled", "Bram": "confirmed", "Cor": "waitlist"}
    assert [m.to for m in mail.outbox] == [["bram@example.nl"]]
    assert "Er kwam een plek vrij" in mail.outbox[0].subject
    # Cancelling twice changes nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_link)
    assert statuses(alpha)["Cor"] == "waitlist"


def test_double_submission_creates_one_registration(alpha):
    activity = small_activity(alpha, capacity=5)
    sign_up(alpha, activity, "Anna", "anna@example.nl")
    sign_up(alpha, activity, "Anna", "ANNA@example.nl")
    sign_up(alpha, activity, "Piet", phone="0612345678")
    sign_up(alpha, activity, "Piet", phone="0612345678")
    assert len(statuses(alpha)) == 2


def test_bad_input_is_explained_and_kept(alpha):
    activity = small_activity(alpha)
    response = sign_up(alpha, activity, "Ольга Петренко")
    html = response.content.decode()
    assert "Vul een e-mailadres of telefoonnummer in." in html
    assert 'value="Ольга Петренко"' in html
    assert statuses(alpha) == {}


def test_past_skipped_and_cancelled_dates_are_refused_politely(alpha):
    start = next_week()
    activity = small_activity(alpha, capacity=None, frequency="weekly")
    with inside(alpha):
        ActivitySkippedDate.objects.create(
            activity=activity, date=(start + timedelta(days=7)).date()
        )
    # Skipped and past dates are not offered, and a forged one is refused.
    for when in (start + timedelta(days=7), start - timedelta(days=7)):
        refused = sign_up(alpha, activity, "Anna", "anna@example.nl", when=when)
        assert "Selecteer een geldige keuze" in refused.content.decode()
    assert statuses(alpha) == {}
    with inside(alpha):
        activity.is_cancelled = True
        publish(activity)
    page = client_for(alpha).get("/agenda/taart/").content.decode()
    assert "Deze activiteit gaat niet door." in page
    assert 'name="occurrence"' not in page
    sign_up(alpha, activity, "Anna", "anna@example.nl")
    assert statuses(alpha) == {}


def test_organiser_sees_and_exports_the_list_others_do_not(alpha, beta):
    activity = small_activity(alpha, capacity=1)
    sign_up(alpha, activity, "Anna", "anna@example.nl")
    sign_up(alpha, activity, "Bülent", "bulent@example.nl")
    organiser = logged_in(alpha, "org@example.nl", CONNECTOR)
    url = f"/admin/activiteiten/{activity.pk}/aanmeldingen/"
    assert "Bülent" in organiser.get(url).content.decode()
    export = organiser.get(url + "?export=csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["Anna", "Bülent"]
    assert rows[2][4] == "Op de wachtlijst"
    neighbour = logged_in(alpha, "buur@example.nl", RESIDENT)
    assert refused(neighbour.get(url))
    assert neighbour.get("/admin/").status_code == 200
    other = logged_in(beta, "org@example.nl", CONNECTOR)
    assert other.get(url).status_code == 404
