"""A second factor after the password for Buurtbeheerders, Professionals and portal staff:
set up on first login (QR code and the key in text), a code or a one-time recovery code
at every login after that, the login lockout counting wrong codes, no way around the
step through any other URL, and a reset by the buurt's own Buurtbeheerder."""

import base64
import re

from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from tenants.secondfactor.models import RecoveryCode
from tests.base import (
    DEMO_PASSWORD,
    PORTAL,
    client_for,
    inside,
    logged_in,
    portal_staff,
    refused,
)

SETUP = "/admin/tweede-stap/instellen/"
VERIFY = "/admin/tweede-stap/"


def make_user(buurt, username, role):
    from workflows.factories import UserFactory

    with inside(buurt):
        return UserFactory(username=username, email=username, roles=[role] if role else [])


def password_only(host, username, login_path="/admin/login/"):
    """A client that has given the right password and nothing else."""
    client = client_for(host)
    response = client.post(login_path, {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, response.status_code
    return client


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def code_from_text(secret):
    """What an authenticator app into which the key was typed shows now."""
    return f"{totp(base64.b32decode(secret.replace(' ', ''))):06d}"


def device_of(buurt, username):
    with inside(buurt):
        return TOTPDevice.objects.get(user__username=username, confirmed=True)


def set_up(client, setup_path=SETUP):
    """Goes through the setup page as a person with an authenticator app would; returns
    the recovery codes shown."""
    page = client.get(setup_path)
    assert page.status_code == 200
    shown = page.content.decode()
    assert 'src="data:image/png;base64,' in shown  # the QR code
    secret = re.search(r"<code data-secret>([A-Z2-7 ]+)</code>", shown).group(1)
    assert client.get(setup_path).content.decode().count(secret) == 1  # the same on reload
    done = client.post(setup_path, {"code": code_from_text(secret)})
    assert done.status_code == 200
    return re.findall(r"<code>([a-z0-9-]{19})</code>", done.content.decode())


def test_a_buurtbeheerder_sets_up_a_second_factor_at_first_login_and_needs_it_after(alpha):
    make_user(alpha, "beheer@example.nl", "buurt_admin")
    client = password_only(alpha, "beheer@example.nl")
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 302
    assert dashboard["Location"] == SETUP + "?next=%2Fadmin%2F"

    wrong = client.post(SETUP, {"code": "12345x"})
    assert wrong.status_code == 200 and "klopt niet" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    codes = set_up(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/admin/").status_code == 200
    with inside(alpha):  # only digests are stored
        stored = set(RecoveryCode.objects.values_list("digest", flat=True))
    assert len(stored) == 10 and not {code.replace("-", "") for code in codes} & stored

    # The next login asks for a code; a recovery code works once.
    later = password_only(alpha, "beheer@example.nl")
    asked = later.get("/admin/pages/")
    assert asked["Location"] == VERIFY + "?next=%2Fadmin%2Fpages%2F"
    assert later.get(SETUP).status_code == 302  # no second device with a password alone
    in_ = later.post(VERIFY, {"code": codes[0], "next": "/admin/pages/"})
    assert in_.status_code == 302 and in_["Location"] == "/admin/pages/"
    assert later.get("/admin/").status_code == 200
    again = password_only(alpha, "beheer@example.nl")
    refused = again.post(VERIFY, {"code": codes[0]})
    assert refused.status_code == 200 and again.get("/admin/").status_code == 302
    assert again.post(VERIFY, {"code": codes[1].upper()}).status_code == 302
    assert again.get("/admin/").status_code == 200


def test_a_resident_logs_in_without_a_second_factor_and_may_add_one(alpha):
    make_user(alpha, "bewoner@example.nl", "resident")
    client = password_only(alpha, "bewoner@example.nl")
    assert client.get("/admin/").status_code == 200
    assert set_up(client)
    later = password_only(alpha, "bewoner@example.nl")
    assert later.get("/admin/")["Location"].startswith(VERIFY)


def test_a_professional_needs_one_too_and_a_code_from_the_app_lets_them_in(alpha):
    make_user(alpha, "prof@example.nl", "professional")
    client = password_only(alpha, "prof@example.nl")
    assert client.get("/admin/")["Location"].startswith(SETUP)
    set_up(client)
    device = device_of(alpha, "prof@example.nl")
    with inside(alpha):
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # a new time step
    later = password_only(alpha, "prof@example.nl")
    assert later.post(VERIFY, {"code": current_code(device)}).status_code == 302
    assert later.get("/admin/").status_code == 200


def half_logged_in_buurt_admin(buurt):
    make_user(buurt, "beheer@example.nl", "buurt_admin")
    set_up(password_only(buurt, "beheer@example.nl"))
    return password_only(buurt, "beheer@example.nl")


SIDE_DOORS = [
    "/admin/",
    "/admin/account/",
    "/admin/account/change_password/",
    "/admin/users/",
    "/admin/pages/search/?q=welkom",
    "/admin/api/main/pages/?child_of=root",
    "/admin/snippets/choose/buurtpages/place/",
    "/admin/documents/",
    "/admin/images/",
    "/admin/reports/site-history/",
    "/admin/logboek/",
    "/admin/tweede-stap-herstellen/1/",
    "/documents/1/x.pdf",
    "/media/tenants/alpha/original_images/x.jpg",
    "/_util/authenticate_with_password/1/1/",
]


def test_without_the_code_no_other_url_lets_the_user_in(alpha):
    client = half_logged_in_buurt_admin(alpha)
    for path in SIDE_DOORS:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(VERIFY + "?next="), path
    posted = client.post("/admin/pages/add/buurtpages/storypage/1/", {"title": "x"})
    assert posted.status_code == 302 and posted["Location"] == VERIFY
    # The public site is still there for them, as for anyone (positive control: the
    # step page itself answers).
    assert client.get(VERIFY).status_code == 200


def test_a_password_reset_link_does_not_skip_the_second_factor(alpha, sending):
    from django.core import mail

    make_user(alpha, "beheer@example.nl", "buurt_admin")
    set_up(password_only(alpha, "beheer@example.nl"))
    client = client_for(alpha)
    with sending():
        client.post("/admin/password_reset/", {"email": "beheer@example.nl"})
    link = re.search(r"(/admin/password_reset/confirm/\S+/)", mail.outbox[-1].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    new = "een-Nieuw-wachtwoord-42"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    after = client.post("/admin/login/", {"username": "beheer@example.nl", "password": new})
    assert after.status_code == 302
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_wrong_codes_count_towards_the_login_lockout(alpha):
    client = half_logged_in_buurt_admin(alpha)
    device = device_of(alpha, "beheer@example.nl")
    with inside(alpha):
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    for wrong in ("111111", "222222", "333333", "444444", "555555"):
        assert client.post(VERIFY, {"code": wrong}).status_code == 200
    locked = client.post(VERIFY, {"code": current_code(device)})
    assert locked.status_code == 429
    assert client.get("/admin/").status_code == 302
    # The password login of that account is locked as well.
    other = client_for(alpha)
    refused = other.post(
        "/admin/login/", {"username": "beheer@example.nl", "password": DEMO_PASSWORD}
    )
    assert refused.status_code == 429


def test_logging_in_again_with_the_password_does_not_reset_the_count_of_wrong_codes(alpha):
    client = half_logged_in_buurt_admin(alpha)
    for wrong in ("111111", "222222", "333333", "444444"):
        assert client.post(VERIFY, {"code": wrong}).status_code == 200
    again = password_only(alpha, "beheer@example.nl")
    assert again.post(VERIFY, {"code": "555555"}).status_code == 200
    assert again.post(VERIFY, {"code": "666666"}).status_code == 429


def test_portal_staff_set_up_a_second_factor_before_reaching_the_portal(db, gamma):
    staff = portal_staff("ambtenaar")
    client = client_for(PORTAL)
    response = client.post("/inloggen/", {"username": "ambtenaar", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    for path in (
        "/dashboard/",
        "/dashboard/csv/",
        "/buurten/nieuw/",
        f"/buurten/{gamma.schema_name}/",
    ):
        blocked = client.get(path)
        assert blocked.status_code == 302 and blocked["Location"].startswith(
            "/tweede-stap/instellen/"
        )
    codes = set_up(client, "/tweede-stap/instellen/")
    assert len(codes) == 10 and TOTPDevice.objects.get(user=staff).confirmed
    assert client.get("/buurten/nieuw/").status_code == 200


def test_a_buurtbeheerder_resets_a_second_factor_in_their_own_buurt_only(alpha, beta):
    make_user(alpha, "prof@example.nl", "professional")
    prof = password_only(alpha, "prof@example.nl")
    set_up(prof)
    assert prof.get("/admin/").status_code == 200
    with inside(alpha):
        target = get_user_model().objects.get(username="prof@example.nl")

    # Not a Professional (positive control: their own dashboard), not another buurt.
    make_user(alpha, "prof2@example.nl", "professional")
    other_prof = logged_in(alpha, "prof2@example.nl")
    assert other_prof.get("/admin/").status_code == 200
    assert refused(other_prof.post(f"/admin/tweede-stap-herstellen/{target.pk}/"))
    beta_admin = logged_in(beta, "beheer@example.nl", role="buurt_admin")
    assert beta_admin.get("/admin/users/").status_code == 200
    beta_admin.post(f"/admin/tweede-stap-herstellen/{target.pk}/")
    with inside(alpha):
        assert TOTPDevice.objects.filter(user=target, confirmed=True).exists()
    assert prof.get("/admin/").status_code == 200

    admin = logged_in(alpha, "beheer@example.nl", role="buurt_admin")
    assert admin.get(f"/admin/tweede-stap-herstellen/{target.pk}/").status_code == 200
    done = admin.post(f"/admin/tweede-stap-herstellen/{target.pk}/")
    assert done.status_code == 302
    with inside(alpha):
        assert not TOTPDevice.objects.filter(user=target).exists()
        assert not RecoveryCode.objects.filter(user=target).exists()
        entry = ModelLogEntry.objects.get(action="secondfactor.reset")
        assert entry.object_id == str(target.pk) and entry.user.username == "beheer@example.nl"
    # Their session is over; at the next login they set up a new device.
    assert prof.get("/admin/")["Location"].startswith("/admin/login/")
    again = password_only(alpha, "prof@example.nl")
    assert again.get("/admin/")["Location"].startswith(SETUP)
