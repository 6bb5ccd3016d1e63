"""Changing a password or having the second factor reset ends the account's other
sessions: a laptop left logged in somewhere is logged out, the browser used for the
change stays logged in."""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session

from tests.base import inside, logged_in
from tests.test_accounts import account_form_data

NEW_PASSWORD = "een-Nieuw-wachtwoord-42"


def sessions_of(buurt, username):
    with inside(buurt):
        user = get_user_model().objects.get(username=username)
        return [
            session
            for session in Session.objects.all()
            if session.get_decoded().get("_auth_user_id") == str(user.pk)
        ]


def test_changing_ones_own_password_ends_ones_other_sessions(alpha):
    here = logged_in(alpha, "beheer@example.nl", role="buurt_admin")
    elsewhere = logged_in(alpha, "beheer@example.nl")
    assert elsewhere.get("/admin/").status_code == 200
    data = account_form_data(here) | {
        "password-old_password": "buurt-demo",
        "password-new_password1": NEW_PASSWORD,
        "password-new_password2": NEW_PASSWORD,
    }
    assert here.post("/admin/account/", data).status_code == 302
    # Gone at once, not only refused when the other browser comes back.
    assert len(sessions_of(alpha, "beheer@example.nl")) == 1
    assert here.get("/admin/").status_code == 200
    assert elsewhere.get("/admin/")["Location"].startswith("/admin/login/")


def test_a_password_set_by_the_buurtbeheerder_ends_the_accounts_sessions(alpha):
    resident = logged_in(alpha, "bewoner@example.nl", role="resident")
    admin = logged_in(alpha, "beheer@example.nl", role="buurt_admin")
    with inside(alpha):
        user = get_user_model().objects.get(username="bewoner@example.nl")
        user.set_password(NEW_PASSWORD)
        user.save()
    assert sessions_of(alpha, "bewoner@example.nl") == []
    assert admin.get("/admin/").status_code == 200
    assert resident.get("/admin/")["Location"].startswith("/admin/login/")


def test_a_reset_second_factor_ends_every_session_of_the_account(alpha):
    first = logged_in(alpha, "prof@example.nl", role="professional")
    second = logged_in(alpha, "prof@example.nl")
    admin = logged_in(alpha, "beheer@example.nl", role="buurt_admin")
    assert first.get("/admin/").status_code == 200 and second.get("/admin/").status_code == 200
    with inside(alpha):
        target = get_user_model().objects.get(username="prof@example.nl")
    assert admin.post(f"/admin/tweede-stap-herstellen/{target.pk}/").status_code == 302
    assert sessions_of(alpha, "prof@example.nl") == []
    for client in (first, second):
        assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert admin.get("/admin/").status_code == 200
