"""Accounts: who an e-mail address belongs to, invitations, and what a Buurtbeheerder may
do to accounts."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.forms import CheckboxInput
from wagtail.users.models import UserProfile

from kernel.emails import is_lookalike, normal_email
from kernel.roles import (
    BUURT_ADMIN,
    CONNECTOR,
    GROUP_NAMES,
    PROFESSIONAL,
    RESIDENT,
    ROLES,
    group_name,
    role_key,
)
from tests.base import DEMO_PASSWORD, client_for, inside, logged_in, refused
from trainings.availability import plan_sessions
from trainings.completion import complete_training
from trainings.factories import confirmed_cohort
from trainings.models import Attendance
from workflows.factories import UserFactory
from workflows.models import AccountRequest

User = get_user_model()

VICTIM = "victim@example.nl"
DOTLESS = "v\u0131ctim@example.nl"  # the Turkish dotless i: PostgreSQL's upper() makes it I
LONG_S = "\u017ftaf@example.nl"  # the long s: NFKC and upper() make it s / S
STAF = "staf@example.nl"


def beheerder(buurt, email=VICTIM, language=""):
    with inside(buurt):
        user = UserFactory(username=email, email=email, roles=[BUURT_ADMIN])
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
    verbinder = logged_in(alpha, "vera@example.nl", CONNECTOR)
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
            assert roles_held(account) == {BUURT_ADMIN}
    assert logged_in(alpha, VICTIM).get("/admin/").status_code == 200


def test_an_account_that_has_a_password_gets_a_reminder_instead_of_a_set_password_link(
    alpha, sending
):
    beheerder(alpha, VICTIM, language="en")
    client_for(alpha).post("/account-aanvragen/", {"name": "Vic", "email": "VICTIM@example.NL"})
    with inside(alpha):
        account_request = AccountRequest.objects.get()
    verbinder = logged_in(alpha, "vera@example.nl", CONNECTOR)
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
    beheer = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    mail.outbox.clear()
    with sending():
        beheer.post("/admin/mensen-uitnodigen/", {"email": "lina@example.nl", "role": CONNECTOR})
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
            assert roles_held(account) == {BUURT_ADMIN}
        names = {m.email: m.name for m in cohort.residents()}
        assert set(result.without_contact) == {names[DOTLESS], names[LONG_S]}
        new = User.objects.get(email="Nieuw@Example.nl")  # positive control
        assert CONNECTOR in roles_held(new)
    invited = [m.to[0] for m in password_links(mail.outbox)]
    assert "Nieuw@Example.nl" in invited
    assert not {DOTLESS, LONG_S, VICTIM, STAF} & set(invited)


def test_training_completion_with_a_known_address_adds_the_role_without_a_link(alpha, sending):
    with inside(alpha):
        UserFactory(username="kim@example.nl", email="kim@example.nl", roles=[RESIDENT])
        cohort = attended_cohort(["KIM@example.nl"])
        mail.outbox.clear()
        with sending():
            complete_training(cohort)
        kim = User.objects.get(email="kim@example.nl")
        assert CONNECTOR in roles_held(kim)
        assert cohort.residents()[0].user == kim
    assert not [m for m in password_links(mail.outbox) if "KIM@example.nl" in [*m.to, m.body]]
    assert not [m for m in mail.outbox if m.to == ["kim@example.nl"]]


# --- What a Buurtbeheerder may do to accounts -------------------------------------------------

ROLE_NAMES = {group_name(role) for role in ROLES}
SITE_GROUP = "Sitebeheer"  # a group a superuser made: not a role a Buurtbeheerder grants


def form_data(form):
    """What the browser would post for Wagtail's form as shown, field by field."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field.widget, CheckboxInput):
            if value:
                data[name] = "on"
        elif value is None:
            data[name] = ""
        elif isinstance(value, (list, tuple)):
            data[name] = [str(v.pk if hasattr(v, "pk") else v) for v in value]
        else:
            data[name] = str(value)
    return data


def roles_held(user):
    """The user's groups as role keys (another group by its name)."""
    return {role_key(name) or name for name in user.groups.values_list("name", flat=True)}


def group_ids(buurt, *names):
    """Role keys or other groups' names."""
    with inside(buurt):
        Group.objects.get_or_create(name=SITE_GROUP)
        return [
            str(pk)
            for pk in Group.objects.filter(
                name__in=[GROUP_NAMES.get(n, n) for n in names]
            ).values_list("pk", flat=True)
        ]


def test_a_buurtbeheerder_creates_accounts_only_with_the_roles_and_never_a_superuser(alpha):
    group_ids(alpha)
    beheer = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    page = beheer.get("/admin/users/new/")
    assert page.status_code == 200
    form = page.context["form"]
    assert set(form.fields) == {
        "username",
        "email",
        "first_name",
        "last_name",
        "password1",
        "password2",
        "groups",
    }
    assert {group.name for group in form.fields["groups"].queryset} == ROLE_NAMES
    new = {
        "username": "nieuw@example.nl",
        "email": "nieuw@example.nl",
        "first_name": "Nieuw",
        "last_name": "Lid",
        "password1": "een-lang-wachtwoord-9",
        "password2": "een-lang-wachtwoord-9",
        "groups": group_ids(alpha, CONNECTOR),
    }
    created = beheer.post("/admin/users/new/", new | {"is_superuser": "on"})
    assert created.status_code == 302  # positive control: the account is made...
    with inside(alpha):
        user = User.objects.get(username="nieuw@example.nl")
        assert not user.is_superuser  # ...but never as a superuser
        assert roles_held(user) == {CONNECTOR}
    stock = beheer.post(
        "/admin/users/new/",
        new
        | {"username": "twee@example.nl", "email": "twee@example.nl"}
        | {"groups": group_ids(alpha, SITE_GROUP)},
    )
    assert stock.status_code == 200 and stock.context["form"].errors["groups"]
    with inside(alpha):
        assert not User.objects.filter(username="twee@example.nl").exists()


def test_a_buurtbeheerder_edits_accounts_without_superuser_rights_or_other_groups(alpha):
    group_ids(alpha)
    beheer = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    with inside(alpha):
        rik = UserFactory(username="rik@example.nl", email="rik@example.nl", roles=[RESIDENT])
    url = f"/admin/users/edit/{rik.pk}/"
    page = beheer.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    assert set(form.fields) == {
        "username",
        "email",
        "first_name",
        "last_name",
        "password1",
        "password2",
        "is_active",
        "groups",
    }
    assert {group.name for group in form.fields["groups"].queryset} == ROLE_NAMES
    data = form_data(form) | {"is_superuser": "on", "first_name": "Rikkert"}
    data["groups"] = group_ids(alpha, RESIDENT, CONNECTOR)
    assert beheer.post(url, data).status_code == 302
    with inside(alpha):
        rik.refresh_from_db()
        assert rik.first_name == "Rikkert" and not rik.is_superuser
        assert roles_held(rik) == {RESIDENT, CONNECTOR}
    refused = beheer.post(url, data | {"groups": group_ids(alpha, SITE_GROUP)})
    assert refused.status_code == 200 and refused.context["form"].errors["groups"]


def test_a_superuser_account_is_out_of_reach_of_a_buurtbeheerder(alpha):
    beheer = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    with inside(alpha):
        root = UserFactory(username="root@example.nl", email="root@example.nl", is_superuser=True)
        rik = UserFactory(username="rik@example.nl", email="rik@example.nl", roles=[RESIDENT])
    assert beheer.get(f"/admin/users/edit/{rik.pk}/").status_code == 200  # positive control
    assert refused(beheer.get(f"/admin/users/edit/{root.pk}/"))
    posted = beheer.post(
        f"/admin/users/edit/{root.pk}/",
        {
            "username": "root@example.nl",
            "email": "mallory@example.nl",
            "first_name": "M",
            "last_name": "M",
            "is_active": "on",
        },
    )
    assert refused(posted)
    assert refused(beheer.get(f"/admin/users/delete/{root.pk}/"))
    assert beheer.get(f"/admin/users/copy/{rik.pk}/").status_code == 404  # no copies at all
    for action, data in (
        ("assign_role", {"role": group_ids(alpha, RESIDENT)[0]}),
        ("set_active_state", {"mark_as_active": "False"}),
        ("delete", {}),
    ):
        beheer.post(f"/admin/bulk/auth/user/{action}/?id={root.pk}", data)
    with inside(alpha):
        root.refresh_from_db()
        assert root.email == "root@example.nl" and root.is_active
        assert not root.groups.exists()


def test_the_bulk_role_assignment_offers_only_the_roles(alpha):
    beheer = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    with inside(alpha):
        rik = UserFactory(username="rik@example.nl", email="rik@example.nl", roles=[RESIDENT])
    url = f"/admin/bulk/auth/user/assign_role/?id={rik.pk}"
    beheer.post(url, {"role": group_ids(alpha, SITE_GROUP)[0]})
    with inside(alpha):
        assert roles_held(rik) == {RESIDENT}
    beheer.post(url, {"role": group_ids(alpha, PROFESSIONAL)[0]})  # positive control
    with inside(alpha):
        assert roles_held(rik) == {RESIDENT, PROFESSIONAL}


def test_a_superuser_still_sees_every_field(alpha):
    with inside(alpha):
        UserFactory(username="root@example.nl", email="root@example.nl", is_superuser=True)
    group_ids(alpha)
    root = logged_in(alpha, "root@example.nl")
    form = root.get("/admin/users/new/").context["form"]
    assert "is_superuser" in form.fields
    assert {SITE_GROUP, *ROLE_NAMES} <= {group.name for group in form.fields["groups"].queryset}


# --- A buurt always keeps a Buurtbeheerder ----------------------------------------------------

LAST_ONE = "laatste buurtbeheerder"


def roles_of(buurt, user):
    with inside(buurt):
        user.refresh_from_db()
        return roles_held(user), user.is_active


def test_the_last_buurtbeheerder_cannot_drop_their_own_role(alpha):
    beheer = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    with inside(alpha):
        me = User.objects.get(username="beheer@example.nl")
    url = f"/admin/users/edit/{me.pk}/"
    form = beheer.get(url).context["form"]
    data = form_data(form) | {"groups": group_ids(alpha, RESIDENT)}
    answer = beheer.post(url, data)
    assert answer.status_code == 200
    assert LAST_ONE in answer.content.decode().lower()
    assert roles_of(alpha, me) == ({BUURT_ADMIN}, True)
    # Positive control: once there is a second Buurtbeheerder, the first may step down.
    with inside(alpha):
        UserFactory(username="tweede@example.nl", roles=[BUURT_ADMIN])
    assert beheer.post(url, data).status_code == 302
    assert roles_of(alpha, me) == ({RESIDENT}, True)


def test_nobody_removes_deactivates_or_deletes_the_last_buurtbeheerder(alpha):
    with inside(alpha):
        last = UserFactory(username="beheer@example.nl", roles=[BUURT_ADMIN])
        UserFactory(username="root@example.nl", is_superuser=True)
        rik = UserFactory(username="rik@example.nl", roles=[RESIDENT])
    root = logged_in(alpha, "root@example.nl")
    url = f"/admin/users/edit/{last.pk}/"
    data = form_data(root.get(url).context["form"])
    for change in ({"groups": group_ids(alpha, RESIDENT)}, {"is_active": ""}):
        answer = root.post(url, {**data, **change})
        assert answer.status_code == 200 and LAST_ONE in answer.content.decode().lower()
    deleting = root.post(f"/admin/users/delete/{last.pk}/", follow=True)
    assert LAST_ONE in deleting.content.decode().lower()
    for action, extra in (("set_active_state", {"mark_as_active": "False"}), ("delete", {})):
        answer = root.post(
            f"/admin/bulk/auth/user/{action}/?id={last.pk}&next=/admin/users/", extra, follow=True
        )
        assert LAST_ONE in answer.content.decode().lower()
    assert roles_of(alpha, last) == ({BUURT_ADMIN}, True)
    # Positive control: the same superuser deactivates and deletes an ordinary account.
    root.post(f"/admin/bulk/auth/user/set_active_state/?id={rik.pk}", {"mark_as_active": "False"})
    assert roles_of(alpha, rik) == ({RESIDENT}, False)
    assert root.post(f"/admin/users/delete/{rik.pk}/").status_code == 302
    with inside(alpha):
        assert not User.objects.filter(pk=rik.pk).exists()


# --- One account per address; a new address is confirmed from that address ----------------


def account_form_data(client):
    """Every field of every panel of /admin/account/ as the page shows it."""
    page = client.get("/admin/account/")
    assert page.status_code == 200
    data = {}
    for panels in page.context["panels_by_tab"].values():
        for panel in panels:
            form = panel.get_form()
            for name, value in form_data(form).items():
                data[form.add_prefix(name)] = value
    return data


def change_email(client, address):
    data = account_form_data(client)
    fields = [name for name in ("email_address-email", "name_email-email") if name in data]
    assert fields == ["email_address-email"] or fields == ["name_email-email"]
    return client.post("/admin/account/", data | dict.fromkeys(fields, address))


def confirmation_path(message):
    return re.search(r"http://[a-z.]+(/admin/account/e-mailadres/\S+/)", message.body).group(1)


def test_an_address_of_another_account_cannot_be_claimed(alpha):
    with inside(alpha):
        UserFactory(username="vera@example.nl", email="vera@example.nl", roles=[CONNECTOR])
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    mail.outbox.clear()
    for claimed in ("vera@example.nl", "Vera@Example.NL", "v\u0435ra@example.nl"):
        answer = change_email(rik, claimed)
        assert answer.status_code == 200, claimed
    assert mail.outbox == []
    with inside(alpha):
        assert User.objects.get(username="rik@example.nl").email == "rik@example.nl"
    beheer = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    taken = beheer.post(
        "/admin/users/new/",
        {
            "username": "ander",
            "email": "VERA@example.nl",
            "first_name": "A",
            "last_name": "B",
            "password1": "een-lang-wachtwoord-9",
            "password2": "een-lang-wachtwoord-9",
            "groups": group_ids(alpha, RESIDENT),
        },
    )
    assert taken.status_code == 200 and taken.context["form"].errors["email"]


def test_a_new_address_counts_only_after_its_confirmation_link_is_used_once(alpha, sending):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    with inside(alpha):
        account = User.objects.get(username="rik@example.nl")
    mail.outbox.clear()
    with sending():
        assert change_email(rik, "rik.nieuw@example.nl").status_code == 302
    with inside(alpha):
        account.refresh_from_db()
        assert account.email == "rik@example.nl"  # the old address stays until confirmed
    to_new = [m for m in mail.outbox if m.to == ["rik.nieuw@example.nl"]]
    to_old = [m for m in mail.outbox if m.to == ["rik@example.nl"]]
    assert len(to_new) == 1 and len(to_old) == 1
    assert "alpha.localhost/admin/account/e-mailadres/" not in to_old[0].body
    path = confirmation_path(to_new[0])
    other = logged_in(alpha, "vera@example.nl", CONNECTOR)
    assert refused(other.post(path))  # someone else's session: refused
    assert rik.get(path).status_code == 200  # looking does not confirm
    with inside(alpha):
        account.refresh_from_db()
        assert account.email == "rik@example.nl"
    assert rik.post(path).status_code == 302
    with inside(alpha):
        account.refresh_from_db()
        assert account.email == "rik.nieuw@example.nl"
    # Single use: after it is used, the link changes nothing any more.
    with sending():
        change_email(rik, "rik.derde@example.nl")
    third = confirmation_path(next(m for m in mail.outbox if m.to == ["rik.derde@example.nl"]))
    assert rik.post(third).status_code == 302
    assert refused(rik.post(path))
    with inside(alpha):
        account.refresh_from_db()
        assert account.email == "rik.derde@example.nl"


def test_a_confirmation_link_expires(alpha, sending):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    with time_machine.travel(datetime(2026, 5, 4, 10, 0, tzinfo=UTC), tick=False):
        mail.outbox.clear()
        with sending():
            change_email(rik, "rik.nieuw@example.nl")
        path = confirmation_path(next(m for m in mail.outbox if m.to == ["rik.nieuw@example.nl"]))
    with time_machine.travel(datetime(2026, 5, 8, 10, 1, tzinfo=UTC), tick=False):
        assert refused(rik.post(path))
    with time_machine.travel(datetime(2026, 5, 6, 10, 0, tzinfo=UTC), tick=False):
        assert rik.post(path).status_code == 302  # positive control: within three days
    with inside(alpha):
        assert User.objects.get(username="rik@example.nl").email == "rik.nieuw@example.nl"


def test_two_accounts_sharing_an_address_do_not_break_training_completion(alpha, sending):
    with inside(alpha):
        UserFactory(username="dup1", email="dup@example.nl", roles=[RESIDENT])
        UserFactory(username="dup2", email="DUP@example.nl", roles=[RESIDENT])
        cohort = attended_cohort(["dup@example.nl"])
        with sending():
            result = complete_training(cohort)
        assert result.without_contact == [cohort.residents()[0].name]
        assert not User.objects.filter(
            groups__name=group_name(CONNECTOR), username__startswith="dup"
        )
