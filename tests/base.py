"""Tenant-aware helpers for tests.

The test database holds the portal, the blueprint and three launched buurten
(alpha, beta, gamma), built once per session in conftest.py. Each test runs in a
transaction that is rolled back, schema changes included, so a test may launch
buurten of its own.
"""

from contextlib import contextmanager

from django.db import connection
from django.test import Client

from tenants.across import in_buurt
from tenants.models import Buurt

# The password UserFactory gives every user.
DEMO_PASSWORD = "buurt-demo"

TEST_BUURTEN = [
    ("alpha", "Alphabuurt", ["nl", "en"]),
    ("beta", "Betawijk", ["nl", "ar"]),
    ("gamma", "Gammadorp", ["nl", "tr", "pl"]),
]


def client_for(buurt_or_host):
    """A test client whose requests go to a buurt's host (or any host name); its login()
    and force_login() pass the second factor too (SecondFactorClient)."""
    host = buurt_or_host if isinstance(buurt_or_host, str) else buurt_or_host.primary_domain
    return SecondFactorClient(HTTP_HOST=host)


@contextmanager
def inside(buurt):
    """Run ORM code in a buurt's schema, and come back to the public schema after."""
    with in_buurt(buurt):
        yield buurt


def logged_in(buurt, username, role=None):
    """A client logged in through the buurt's own admin login form.

    With `role`, the user is created in that buurt first (password: DEMO_PASSWORD).
    """
    from workflows.factories import UserFactory

    if role:
        with inside(buurt):
            UserFactory(username=username, email=username, roles=[role])
    client = client_for(buurt)
    response = client.post("/admin/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"{username} could not log in on {buurt}"
    if connection.schema_name == buurt.schema_name:  # leave the caller's schema as it is
        pass_second_factor(client, username)
    else:
        with inside(buurt):
            pass_second_factor(client, username)
    return client


def get_buurt(slug):
    return Buurt.objects.get(schema_name=slug)


def refused(response):
    """A refusal as the admin gives it: 403, or a redirect to exactly the dashboard (never
    the login page: that is what a logged-out client gets, and proves nothing)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def admin_allows(response):
    """200 is "yes"; "no" must be a real refusal (403 or back to exactly the dashboard),
    never a 500, a 404 or a redirect to the login page."""
    if response.status_code == 200:
        return True
    assert refused(response), f"neither allowed nor refused: {response.status_code}"
    return False


# The portal (list of buurten, launch wizard, municipality dashboard) answers on this host.
PORTAL = "localhost"


def portal_staff(username, municipalities=(), *, email=None, can_launch=True, superuser=False):
    """A portal employee of `municipalities`; with `can_launch`, they may launch buurten."""
    from django.contrib.auth.models import Permission

    from workflows.factories import UserFactory

    email = email or f"{username}@gemeente.nl"
    user = UserFactory(username=username, email=email, is_superuser=superuser)
    if can_launch:
        launching = Permission.objects.filter(codename__in=["add_buurt", "view_buurt"])
        user.user_permissions.add(*launching)
    for municipality in municipalities:
        municipality.staff.add(user)
    return user


def at_the_portal(user):
    """A client of the portal, logged in as `user`."""
    client = client_for(PORTAL)
    assert client.login(username=user.username, password=DEMO_PASSWORD)
    return client


def _slug(title):
    return title.lower().replace(" ", "-")


def story_form(title, *, slug=None, intro="Een verhaal uit de buurt.", body=(), **extra):
    """What the admin's story form posts; `extra` adds fields such as "action-submit"."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    fields = {"title": title, "slug": slug or _slug(title), "intro": intro}
    fields |= {"body": streamfield(list(body)), "comments": inline_formset([])}
    return nested_form_data(fields | extra)


def initiative_form(title, **extra):
    """What the admin's initiative form posts, with an empty team and no help wanted."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    fields = {"title": title, "slug": _slug(title), "goal": "Samen groente kweken."}
    fields |= {"status": "idea", "body": streamfield([])}
    for formset in ("team_members", "help_wanted", "status_changes", "comments"):
        fields[formset] = inline_formset([])
    return nested_form_data(fields | extra)


def person_form(title, email, **extra):
    """What the admin's Person page form posts, for a buurtverbinder reachable at `email`."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    fields = {"title": title, "slug": _slug(title), "kind": "buurtverbinder"}
    fields |= {"help_with": "Ik ken iedereen in de straat.", "contact_email": email}
    return nested_form_data(fields | {"comments": inline_formset([])} | extra)


# --- The second factor ----------------------------------------------------------------------
# Buurtbeheerders, Professionals and portal staff must give a code after their password
# (tenants/secondfactor). Tests that are about something else log in as the user would
# after that step: with a confirmed device recorded in the session.


def pass_second_factor(client, user_or_username):
    """Marks the client's session as verified by the user's device (made when the user
    needs one and has none), in the current schema."""
    from django.contrib.auth import get_user_model
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tenants.secondfactor.service import confirmed_device, is_required

    user = user_or_username
    if isinstance(user, str):
        user = get_user_model().objects.get(username=user)
    device = confirmed_device(user)
    if device is None and not is_required(user):
        return
    device = device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


class SecondFactorClient(Client):
    """login() and force_login() as a user who also gave the code of their device."""

    def _login(self, user, backend=None):
        super()._login(user, backend)
        pass_second_factor(self, user)
