"""Every mail in its recipient's language: a resident who asked for an account on the
Arabic site gets the invitation in Arabic, and later password resets too."""

import re

from django.core import mail
from django.utils import translation
from wagtail.users.models import UserProfile

from kernel.roles import CONNECTOR
from tests.base import client_for, inside, logged_in
from workflows.models import AccountRequest

NOOR = "noor@example.nl"
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")


def arabic(message):
    with translation.override("ar"):
        return translation.gettext(message)


def test_account_asked_for_in_arabic_gets_arabic_mails(beta, sending):
    from django.contrib.auth import get_user_model

    response = client_for(beta).post("/ar/account-aanvragen/", {"name": "Noor", "email": NOOR})
    assert response.status_code == 302
    with inside(beta):
        account_request = AccountRequest.objects.get(email=NOOR)
    assert account_request.language == "ar"
    verbinder = logged_in(beta, "vera@example.nl", CONNECTOR)
    mail.outbox.clear()
    with sending():
        verbinder.post(
            f"/admin/accountaanvragen/{account_request.pk}/besluit/", {"decision": "approve"}
        )
    [invitation] = [message for message in mail.outbox if message.to == [NOOR]]
    assert invitation.subject == arabic("Your account for %(buurt)s") % {"buurt": beta.name}
    assert ARABIC_SCRIPT.search(invitation.subject) and ARABIC_SCRIPT.search(invitation.body)
    assert "/admin/password_reset/confirm/" in invitation.body
    assert "Choose your password" not in invitation.body and "Kies je" not in invitation.body
    # the language is remembered with the account: a later password reset is Arabic too
    with inside(beta):
        noor = get_user_model().objects.get(email=NOOR)
        assert UserProfile.get_for_user(noor).preferred_language == "ar"
        noor.set_password("een-lang-wachtwoord-2026")  # she followed the link
        noor.save()
    mail.outbox.clear()
    with sending():
        client_for(beta).post("/admin/password_reset/", {"email": NOOR})
    [reset] = mail.outbox
    assert arabic("Please follow the link below to reset your password:") in reset.body
    # positive control: a Dutch resident's reset stays Dutch
    mail.outbox.clear()
    with sending():
        client_for(beta).post("/admin/password_reset/", {"email": "vera@example.nl"})
    [dutch] = mail.outbox
    with translation.override("nl"):
        assert translation.gettext("Please follow the link below to reset your password:") in (
            dutch.body
        )


def test_inwonersavond_sign_up_in_arabic_gets_the_buurtverbinder_invitation_in_arabic(
    beta, sending
):
    from tests.test_accounts import attended_cohort
    from trainings.completion import complete_training
    from trainings.factories import ResidentsEveningFactory
    from trainings.models import InterestSignup

    with inside(beta):
        evening = ResidentsEveningFactory()
    signup = {
        "name": "Amal",
        "email": "amal@example.nl",
        "phone": "",
        "languages": ["ar", "nl"],
        "cares_about": "Dat buren elkaar helpen.",
        "hours_per_week": "3",
        "website": "",
    }
    response = client_for(beta).post(f"/ar/inwonersavond/{evening.pk}/", signup)
    assert response.status_code == 302
    client_for(beta).post(f"/inwonersavond/{evening.pk}/", signup | {"email": "ilse@example.nl"})
    mail.outbox.clear()
    with inside(beta):
        cohort = attended_cohort(["amal@example.nl", "ilse@example.nl"])
        for member in cohort.residents()[:2]:  # the two who signed up
            member.signup = InterestSignup.objects.get(email=member.email)
            member.save()
        with sending():
            complete_training(cohort)
    [amal] = [message for message in mail.outbox if message.to == ["amal@example.nl"]]
    assert ARABIC_SCRIPT.search(amal.subject) and ARABIC_SCRIPT.search(amal.body)
    [ilse] = [message for message in mail.outbox if message.to == ["ilse@example.nl"]]
    assert ilse.subject.startswith("Je account voor")  # signed up on the Dutch site
