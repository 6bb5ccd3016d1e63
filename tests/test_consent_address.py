"""Consent comes from the person shown, not from the author: a contact address that
belongs to an account of the buurt (the author's own included, in any letter case or
look-alike width) is refused, and the reviewer sees who agreed and when."""

import pytest
from django.core import mail
from django.utils import dateformat, timezone

from buurtpages.blueprint import dutch_section
from buurtpages.models import PersonIndexPage, PersonPage
from kernel.roles import CONNECTOR, RESIDENT
from tests.base import client_for, inside, logged_in, person_form
from workflows.models import ConsentRequest

REFUSED = "hoort bij een account"


def submit(client, buurt, title, email):
    with inside(buurt):
        index = dutch_section(PersonIndexPage)
    return client.post(
        f"/admin/pages/add/buurtpages/personpage/{index.pk}/",
        person_form(title, email, **{"action-submit": "1"}),
    )


@pytest.mark.parametrize(
    "address",
    [
        "rik@example.nl",  # the author's own
        "RIK@Example.NL",  # in other letter case
        "rik@ｅxample.nl",  # a fullwidth letter: the same address after NFKC
        "vera@example.nl",  # another account of the buurt
        "VERA@EXAMPLE.NL",
    ],
)
def test_an_address_of_an_account_of_the_buurt_is_refused(alpha, address):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    logged_in(alpha, "vera@example.nl", CONNECTOR)
    refused = submit(rik, alpha, "Ans de Wit", address)
    assert refused.status_code == 200
    assert REFUSED in str(refused.context["form"].errors["contact_email"])
    with inside(alpha):
        assert not PersonPage.objects.filter(title="Ans de Wit").exists()
    # Positive control: the same resident with the address of the person shown.
    assert submit(rik, alpha, "Ans de Wit", "ans@example.nl").status_code == 302


def test_the_reviewer_sees_who_agreed_and_when_and_visitors_do_not(alpha, sending):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    pieter = logged_in(alpha, "pieter@example.nl", CONNECTOR)
    with sending():
        assert submit(rik, alpha, "Fatma Yilmaz", "fatma@example.nl").status_code == 302
    with inside(alpha):
        page = PersonPage.objects.get(title="Fatma Yilmaz")
        token = ConsentRequest.objects.get(page_id=page.pk).token
    client_for(alpha).post(f"/toestemming/{token}/", {"decision": "yes"})
    with inside(alpha):
        page = PersonPage.objects.get(pk=page.pk)
        task = page.current_workflow_task
        state = page.current_workflow_task_state
        given_at = page.person_consents.get().given_at
    preview = pieter.get(f"/admin/pages/workflow/preview/{page.pk}/{task.pk}/")
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "fatma@example.nl" in html
    assert dateformat.format(timezone.localtime(given_at), "j-n-Y H:i") in html
    pieter.post(f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/")
    with inside(alpha):
        url = PersonPage.objects.get(pk=page.pk).url
    public = client_for(alpha).get(url)
    assert public.status_code == 200
    assert "Ik ken iedereen in de straat." in public.content.decode()
    assert "fatma@example.nl" not in public.content.decode()
    mail.outbox.clear()
