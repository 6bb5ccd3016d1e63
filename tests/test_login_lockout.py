"""The login lockout holds on every login URL the sites expose, in every language.

The login URLs are not listed by hand: they are found by walking the URL resolvers of the
buurt sites and the portal for every view that checks a password (Django's LoginView and
its subclasses, Wagtail's admin and front-end logins among them), reversed under every
language prefix.
"""

import re

import pytest
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core import mail
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation

from kernel.roles import RESIDENT
from tests.base import DEMO_PASSWORD, client_for, inside, pass_second_factor
from workflows.factories import UserFactory

PORTAL = "localhost"
USER = "anna@example.nl"

_addresses = iter(f"10.9.{n // 250}.{n % 250 + 1}" for n in range(10_000))


def fresh_address():
    """Each post from its own address: the per-address limits stay out of the way, so
    what refuses a login is the lock on the account."""
    return next(_addresses)


def login_route_names(urlconf):
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(
                    pattern.url_patterns,
                    namespace + ([pattern.namespace] * bool(pattern.namespace)),
                )
                continue
            view = getattr(pattern.callback, "view_class", None)
            if view and issubclass(view, auth_views.LoginView) and pattern.name:
                names.add(":".join([*namespace, pattern.name]))

    walk(get_resolver(urlconf).url_patterns, [])
    return names


def login_urls(urlconf, host):
    """Every login URL under every language prefix that answers on `host`."""
    urls = set()
    for name in login_route_names(urlconf):
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                urls.add(reverse(name, urlconf=urlconf))
    return sorted(url for url in urls if client_for(host).get(url).status_code == 200)


def log_in(host, url, password=DEMO_PASSWORD):
    client = client_for(host)
    response = client.post(
        url, {"username": USER, "password": password}, REMOTE_ADDR=fresh_address()
    )
    return client, response


def is_logged_in(client):
    return "_auth_user_id" in client.session


def assert_lock_holds_everywhere(host, urls, check_session):
    # Positive control: the unlocked account logs in through every URL.
    for url in urls:
        client, response = log_in(host, url)
        assert response.status_code == 302, url
        assert is_logged_in(client) and check_session(client), url
    first, others = urls[0], urls[1:]
    for _attempt in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        log_in(host, first, password="fout")
    for url in urls:
        client, response = log_in(host, url)
        assert response.status_code == 429, url
        assert not is_logged_in(client), url
    assert others, "only one login URL found"


def test_the_walk_finds_every_known_login_url(alpha):
    buurt = login_urls(settings.ROOT_URLCONF, alpha.primary_domain)
    assert {"/admin/login/", "/_util/login/", "/en/_util/login/"} <= set(buurt)
    portal = login_urls(settings.PUBLIC_SCHEMA_URLCONF, PORTAL)
    assert {"/inloggen/", "/en/inloggen/"} <= set(portal)


def test_a_buurt_account_locked_on_one_login_url_is_refused_on_every_other(alpha):
    with inside(alpha):
        UserFactory(username=USER, email=USER, roles=[RESIDENT])
    urls = login_urls(settings.ROOT_URLCONF, alpha.primary_domain)
    assert_lock_holds_everywhere(
        alpha.primary_domain, urls, lambda client: client.get("/admin/").status_code == 200
    )


def test_a_portal_account_locked_on_one_login_url_is_refused_on_every_other(db):
    UserFactory(username=USER, email=USER, is_superuser=True, is_staff=True)
    urls = login_urls(settings.PUBLIC_SCHEMA_URLCONF, PORTAL)
    assert_lock_holds_everywhere(PORTAL, urls, reaches_the_launch_wizard)


def reaches_the_launch_wizard(client):
    pass_second_factor(client, USER)  # portal accounts give a code after the password
    return client.get("/buurten/nieuw/").status_code == 200


@pytest.mark.parametrize("first", ["/_util/login/", "/en/_util/login/"])
def test_a_lock_from_the_front_end_login_holds_in_the_admin(alpha, first):
    with inside(alpha):
        UserFactory(username=USER, email=USER, roles=[RESIDENT])
    for _attempt in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        log_in(alpha.primary_domain, first, password="fout")
    client, response = log_in(alpha.primary_domain, "/admin/login/")
    assert response.status_code == 429 and not is_logged_in(client)
    other = client_for(alpha)  # positive control: another account is not locked
    with inside(alpha):
        UserFactory(username="bert@example.nl", email="bert@example.nl", roles=[RESIDENT])
    answer = other.post(
        "/admin/login/",
        {"username": "bert@example.nl", "password": DEMO_PASSWORD},
        REMOTE_ADDR=fresh_address(),
    )
    assert answer.status_code == 302 and other.get("/admin/").status_code == 200


def test_a_password_reset_does_not_log_a_locked_account_in(alpha):
    with inside(alpha):
        UserFactory(username=USER, email=USER, roles=[RESIDENT])
    for _attempt in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        log_in(alpha.primary_domain, "/admin/login/", password="fout")
    mail.outbox.clear()
    client = client_for(alpha)
    client.post("/admin/password_reset/", {"email": USER}, REMOTE_ADDR=fresh_address())
    link = re.search(
        r"http://alpha\.localhost(/admin/password_reset/confirm/\S+)", mail.outbox[0].body
    )
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    new = {"new_password1": "een-nieuw-wachtwoord-7", "new_password2": "een-nieuw-wachtwoord-7"}
    done = client.post(form.redirect_chain[-1][0], new, REMOTE_ADDR=fresh_address())
    assert done.status_code == 302  # the password was changed...
    assert not is_logged_in(client)  # ...but nobody is logged in by it
    assert client.get("/admin/").status_code == 302
    _client, refused = log_in(alpha.primary_domain, "/_util/login/", "een-nieuw-wachtwoord-7")
    assert refused.status_code == 429
