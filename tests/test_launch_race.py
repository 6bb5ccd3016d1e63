"""Two launches at once with the same slug or domain: one launches, the other gets the
normal "already in use" answer, never a server error.

The launches really run at the same time, each in its own thread with its own database
connection, so they work on committed data (like the privacy and backup tests): the
buurten, the employee and their sessions are removed after the test.
"""

import threading
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tenants.utils import schema_exists

from tenants.across import use_public_schema
from tenants.models import Buurt, Domain
from tests.base import DEMO_PASSWORD, client_for
from workflows.factories import UserFactory

PORTAL = "localhost"


def at_once(*jobs):
    """Run the jobs in parallel threads, released together; returns each one's result
    or the exception it raised."""
    start = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            start.wait()
            results[index] = job()
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.fixture
def operator(committed_buurten):
    """A committed platform operator, deleted with their sessions after the test."""
    forget_operator()
    user = UserFactory(username="race-operator", email="race@gemeente.nl", is_superuser=True)
    yield user
    forget_operator()


def forget_operator():
    use_public_schema()  # a request may have left it on a buurt's schema
    operators = get_user_model().objects.filter(username="race-operator")
    ids = {str(pk) for pk in operators.values_list("pk", flat=True)}
    for session in Session.objects.all():
        if session.get_decoded().get("_auth_user_id") in ids:
            session.delete()
    # Their second-factor device (portal accounts need one) goes first.
    TOTPDevice.objects.filter(user__in=operators).delete()
    # The portal schema has no admin log or profiles to cascade into: delete the row only.
    operators._raw_delete(connection.alias)


def wizard_client():
    client = client_for(PORTAL)
    assert client.login(username="race-operator", password=DEMO_PASSWORD)
    return client


def test_two_wizard_launches_with_the_same_slug_give_one_buurt_and_a_form_error(
    committed_buurten, operator
):
    committed_buurten.slugs.append("racewijk")
    clients = [wizard_client(), wizard_client()]
    responses = at_once(
        *(
            lambda client=client, n=n: client.post(
                "/buurten/nieuw/", {"name": f"Racewijk {n}", "slug": "racewijk"}
            )
            for n, client in enumerate(clients)
        )
    )
    for response in responses:
        assert not isinstance(response, Exception), repr(response)
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 302], statuses
    refused = next(response for response in responses if response.status_code == 200)
    assert refused.context["form"].errors["slug"] == [
        "Er is al een buurt met de korte naam “racewijk”."
    ]
    assert Buurt.objects.filter(schema_name="racewijk").count() == 1
    assert client_for("racewijk.localhost").get("/").status_code == 200


def test_two_cli_launches_with_the_same_domain_give_one_buurt_and_a_clear_message(
    committed_buurten,
):
    committed_buurten.slugs.extend(["race_een", "race_twee"])

    def launch(slug):
        return lambda: call_command(
            "launch_buurt", slug, name=slug, domain="race.localhost", stdout=StringIO()
        )

    results = at_once(launch("race_een"), launch("race_twee"))
    errors = [result for result in results if isinstance(result, Exception)]
    assert len(errors) == 1, results
    assert isinstance(errors[0], CommandError), repr(errors[0])
    assert "domain" in str(errors[0]) and "race.localhost" in str(errors[0])
    assert Domain.objects.filter(domain="race.localhost").count() == 1
    launched = Buurt.objects.filter(schema_name__in=["race_een", "race_twee"])
    assert launched.count() == 1
    refused = {"race_een", "race_twee"} - {launched.get().schema_name}
    assert not schema_exists(refused.pop())
