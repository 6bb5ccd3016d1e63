"""Accounts: who an e-mail address belongs to, invitations, and what a Buurtbeheerder may
do to accounts."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.users.models import UserProfile

from tenants.emails import is_lookalike, normal_email
from tenants.factories import UserFactory
from tests.base import DEMO_PASSWORD, client_for, inside, logged_in
from trainings.availability import plan_sessions
from trainings.completion import complete_training
from trainings.factories import confirmed_cohort
from trainings.models import Attendance
from workflows.models import AccountRequest
from workflows.roles import BEWONER, BUURTBEHEERDER, BUURTVERBINDER

User = get_user_model()

VICTIM = "victim@example.nl"
DOTLESS = "v\u0131ctim@example.nl"  # the Turkish dotless i: PostgreSQL's upper() makes it I
LONG_S = "\u017ftaf@example.nl"  # the long s: NFKC and upper() make it s / S
STAF = "staf@example.nl"


def beheerder(buurt, email=VICTIM, language=""):
    with inside(buurt):
        user = UserFactory(username=email, email=email, roles=[BUURTBEHEERDER])
        if language:
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save()
    return user


def password_links(messages):
    return [m for m in messages if "/admin/password_reset/confirm/" in m.body]


def test_the_normal_form_folds_case_and_compatibility_letters_and_refuses_lookalikes():
    assert normal_email(" Victim@Example.NL ") == VICTIM
    assert normal_email(DOTLESS) != VICTIM
    for lookalike in (DOTLESS, LONG_S, "\u212aim@example.nl", "stra\u00dfe@example.nl"):
        assert is_lookalike(lookalike), lookalike
    for plain in (VICTIM, "Victim@Example.nl", "an.de-vries+buurt@example.nl", "ö@bücher.de"):
        assert not is_lookalike(plain), plain


@pytest.mark.parametrize("lookalike", [DOTLESS, LONG_S])
def test_a_lookalike_address_in_an_account_request_never_reaches_an_existing_account(
    alpha, sending, lookalike
):
    beheerder(alpha, VICTIM)
    beheerder(alpha, STAF)
    response = client_for(alpha).post(
        "/account-aanvragen/", {"name": "Mallory", "email": lookalike, "motivation": "Hoi"}
    )
    assert response.status_code == 200
    assert "lijkt op een andere letter" in response.content.decode()
    plain = client_for(alpha).post(
        "/account-aanvragen/", {"name": "Mallory", "email": "mallory@example.nl"}
    )
    assert plain.status_code == 302  # positive control: a plain address is accepted
    # A request stored before this check existed: approving it invites nobody.
    with inside(alpha):
        AccountRequest.objects.create(name="Mallory", email=lookalike)
        stored = AccountRequest.objects.get(email=lookalike)
    verbinder = logged_in(alpha, "vera@example.nl", BUURTVERBINDER)
    mail.outbox.clear()
    with sending():
        verbinder.post(f"/admin/accountaanvragen/{stored.pk}/besluit/", {"decision": "approve"})
    assert password_links(mail.outbox) == []
    assert not [m for m in mail.outbox if lookalike in m.to]
    with inside(alpha):
        assert AccountRequest.objects.get(pk=stored.pk).status == AccountRequest.Status.PENDING
        for email in (VICTIM, STAF):
            account = User.objects.get(email=email)
            assert account.check_password(DEMO_PASSWORD)
            assert set(account.groups.values_list("name", flat=True)) == {BUURTBEHEERDER}
    assert logged_in(alpha, VICTIM).get("/admin/").status_code == 200


def test_an_account_that_has_a_password_gets_a_reminder_instead_of_a_set_password_link(
    alpha, sending
):
    beheerder(alpha, VICTIM, language="en")
    client_for(alpha).post("/account-aanvragen/", {"name": "Vic", "email": "VICTIM@example.NL"})
    with inside(alpha):
        account_request = AccountRequest.objects.get()
    verbinder = logged_in(alpha, "vera@example.nl", BUURTVERBINDER)
    mail.outbox.clear()
    with sending():
        verbinder.post(
            f"/admin/accountaanvragen/{account_request.pk}/besluit/", {"decision": "approve"}
        )
    assert password_links(mail.outbox) == []
    reminder = [m for m in mail.outbox if m.to == [VICTIM]]  # the stored address, not as typed
    assert len(reminder) == 1
    assert "You already have an account" in reminder[0].body  # the recipient's language
    assert "http://alpha.localhost/admin/password_reset/" in reminder[0].body
    assert not [m for m in mail.outbox if "VICTIM@example.NL" in m.to]
    # Positive control: a new address still gets its set-password link, in Dutch.
    client_for(alpha).post("/account-aanvragen/", {"name": "Noor", "email": "noor@example.nl"})
    with inside(alpha):
        noor_request = AccountRequest.objects.get(email="noor@example.nl")
    mail.outbox.clear()
    with sending():
        verbinder.post(
            f"/admin/accountaanvragen/{noor_request.pk}/besluit/", {"decision": "approve"}
        )
    assert [m.to for m in password_links(mail.outbox)] == [["noor@example.nl"]]
    assert "Kies je wachtwoord" in mail.outbox[0].body


def test_an_invitation_for_an_account_without_password_goes_to_the_stored_address(alpha, sending):
    with inside(alpha):
        invited = User(username="lina@example.nl", email="Lina@Example.nl")
        invited.set_unusable_password()
        invited.save()
    beheer = logged_in(alpha, "beheer@example.nl", BUURTBEHEERDER)
    mail.outbox.clear()
    with sending():
        beheer.post(
            "/admin/mensen-uitnodigen/", {"email": "lina@example.nl", "role": BUURTVERBINDER}
        )
    assert [m.to for m in password_links(mail.outbox)] == [["Lina@Example.nl"]]
    with inside(alpha):
        assert User.objects.filter(email__in=["lina@example.nl", "Lina@Example.nl"]).count() == 1


def attended_cohort(emails):
    cohort = confirmed_cohort(residents=5, professionals=1)
    sessions = plan_sessions(cohort, [date(2026, 3, 2) + timedelta(weeks=n) for n in range(3)])
    for member, email in zip(cohort.residents(), emails, strict=False):
        member.email = email
        member.save()
    for session in sessions:
        for member in cohort.members.all():
            Attendance.objects.create(session=session, member=member, present=True)
    return cohort


def test_training_completion_never_gives_an_account_to_a_lookalike_address(alpha, sending):
    beheerder(alpha, VICTIM)
    beheerder(alpha, STAF)
    mail.outbox.clear()
    with inside(alpha):
        cohort = attended_cohort([DOTLESS, LONG_S, "Nieuw@Example.nl"])
        with sending():
            result = complete_training(cohort)
        for email in (VICTIM, STAF):
            account = User.objects.get(email=email)
            assert set(account.groups.values_list("name", flat=True)) == {BUURTBEHEERDER}
        names = {m.email: m.name for m in cohort.residents()}
        assert set(result.without_contact) == {names[DOTLESS], names[LONG_S]}
        new = User.objects.get(email="Nieuw@Example.nl")  # positive control
        assert BUURTVERBINDER in new.groups.values_list("name", flat=True)
    invited = [m.to[0] for m in password_links(mail.outbox)]
    assert "Nieuw@Example.nl" in invited
    assert not {DOTLESS, LONG_S, VICTIM, STAF} & set(invited)


def test_training_completion_with_a_known_address_adds_the_role_without_a_link(alpha, sending):
    with inside(alpha):
        UserFactory(username="kim@example.nl", email="kim@example.nl", roles=[BEWONER])
        cohort = attended_cohort(["KIM@example.nl"])
        mail.outbox.clear()
        with sending():
            complete_training(cohort)
        kim = User.objects.get(email="kim@example.nl")
        assert BUURTVERBINDER in kim.groups.values_list("name", flat=True)
        assert cohort.residents()[0].user == kim
    assert not [m for m in password_links(mail.outbox) if "KIM@example.nl" in [*m.to, m.body]]
    assert not [m for m in mail.outbox if m.to == ["kim@example.nl"]]
