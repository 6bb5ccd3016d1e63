"""Headers, cookies, rate limits and login lockout; `check --deploy` on production settings."""

import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from buurtpages.blueprint import dutch_section
from buurtpages.factories import ActivityPageFactory, StoryPageFactory, publish
from buurtpages.models import ActivityIndexPage, StoryIndexPage
from kernel.roles import BUURT_ADMIN, CONNECTOR
from tests.base import DEMO_PASSWORD, client_for, inside, logged_in
from trainings.factories import ResidentsEveningFactory
from workflows.factories import UserFactory

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>")
INLINE_STYLE = re.compile(r"<style\b|\sstyle=\"|\son[a-z]+=\"", re.IGNORECASE)


def public_urls(buurt):
    with inside(buurt):
        story = publish(StoryPageFactory(parent=dutch_section(StoryIndexPage), slug="feest"))
        activity = publish(
            ActivityPageFactory(parent=dutch_section(ActivityIndexPage), slug="koffie")
        )
        ResidentsEveningFactory(signups_open=True)  # the sign-up page shows open evenings
    return [
        "/",
        story.url_path.removeprefix("/home"),
        "/verhalen/feest/",
        "/agenda/",
        "/agenda/koffie/",
        "/agenda/koffie/poster/",
        "/signaal/",
        "/zoeken/?q=koffie",
        "/mensen/",
        "/inwonersavond/",
        "/account-aanvragen/",
        "/admin/login/",  # the login page is public, but under the admin's policy
        "/bestaat-niet/",
        activity.url_path.removeprefix("/home"),
    ]


def test_public_pages_have_a_strict_policy_and_no_inline_code(alpha):
    client = client_for(alpha)
    checked = 0
    for url in public_urls(alpha):
        response = client.get(url)
        # Every page a real page: only the made-up address is a 404.
        assert response.status_code == (404 if url == "/bestaat-niet/" else 200), url
        policy = response["Content-Security-Policy"]
        if url.startswith("/admin/"):
            assert "'unsafe-inline'" in policy
            continue
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, url
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html))
        assert not INLINE_STYLE.search(html), (url, INLINE_STYLE.search(html))
        checked += 1
    assert checked >= 12


def test_portal_and_unknown_host_pages_are_strict_too(db):
    for host, url in (("localhost", "/"), ("localhost", "/inloggen/"), ("nergens.test", "/")):
        response = client_for(host).get(url)
        policy = response["Content-Security-Policy"]
        assert "'unsafe-inline'" not in policy, (host, url)
        assert not INLINE_STYLE.search(response.content.decode()), (host, url)


def test_admin_policy_is_scoped_to_the_admin(alpha):
    client = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    assert "'unsafe-inline'" in client.get("/admin/")["Content-Security-Policy"]
    assert "'unsafe-inline'" not in client.get("/")["Content-Security-Policy"]


def test_session_cookie_is_host_only_and_http_only(alpha):
    with inside(alpha):
        UserFactory(username="anna@example.nl", email="anna@example.nl")
    response = client_for(alpha).post(
        "/admin/login/", {"username": "anna@example.nl", "password": DEMO_PASSWORD}
    )
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["domain"] == ""  # host-only: never sent to another buurt's host
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def failed_login(client, username="anna@example.nl"):
    return client.post("/admin/login/", {"username": username, "password": "fout"})


def test_login_is_locked_after_repeated_failures_with_a_dutch_message(alpha, beta):
    for buurt in (alpha, beta):
        with inside(buurt):
            UserFactory(username="anna@example.nl", email="anna@example.nl")
    client = client_for(alpha)
    for _attempt in range(settings.LOGIN_FAILURES_PER_ACCOUNT):
        assert failed_login(client).status_code == 200  # the form, with an error
    # Now even the right password is refused for a while, from any address.
    locked = client_for(alpha).post(
        "/admin/login/",
        {"username": "Anna@example.nl", "password": DEMO_PASSWORD},
        REMOTE_ADDR="198.51.100.9",
    )
    assert locked.status_code == 429
    with translation.override("nl"):
        assert "Te veel mislukte inlogpogingen" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # The same name in another buurt is another account: not locked.
    other = client_for(beta).post(
        "/admin/login/", {"username": "anna@example.nl", "password": DEMO_PASSWORD}
    )
    assert other.status_code == 302


def test_a_successful_login_resets_the_failure_count(alpha):
    with inside(alpha):
        UserFactory(username="anna@example.nl", email="anna@example.nl")
    client = client_for(alpha)
    for _round in range(2):
        for _attempt in range(settings.LOGIN_FAILURES_PER_ACCOUNT - 1):
            failed_login(client)
        ok = client_for(alpha).post(
            "/admin/login/", {"username": "anna@example.nl", "password": DEMO_PASSWORD}
        )
        assert ok.status_code == 302


def test_one_address_guessing_many_accounts_is_locked_out(alpha):
    client = client_for(alpha)
    for number in range(settings.LOGIN_FAILURES_PER_ADDRESS):
        failed_login(client, username=f"gok{number}@example.nl")
    assert failed_login(client, username="nieuw@example.nl").status_code == 429
    assert failed_login(client_for(alpha), "x@example.nl").status_code == 429  # same address
    elsewhere = client_for(alpha).post(
        "/admin/login/", {"username": "y@example.nl", "password": "x"}, REMOTE_ADDR="192.0.2.44"
    )
    assert elsewhere.status_code == 200


SIGNAL = {"category": "idea", "description": "Een bankje bij de speeltuin", "location": ""}


@override_settings(PUBLIC_POSTS_PER_WINDOW=3)
def test_public_form_posts_are_rate_limited_per_address(alpha):
    client = client_for(alpha)
    statuses = [
        client.post("/account-aanvragen/", {"name": "", "email": ""}).status_code for _ in range(4)
    ]
    assert statuses[:3] == [200, 200, 200] and statuses[3] == 429
    with translation.override("nl"):
        assert "Even geduld" in client.post("/signaal/", SIGNAL).content.decode()
    other = client_for(alpha).post("/signaal/", SIGNAL, REMOTE_ADDR="192.0.2.77")
    assert other.status_code == 302


@override_settings(PUBLIC_POSTS_PER_WINDOW=1)
def test_logged_in_editors_are_not_rate_limited(alpha):
    client = logged_in(alpha, "verbinder@example.nl", CONNECTOR)
    for _ in range(3):
        assert client.post("/signaal/", SIGNAL).status_code == 302


def database_url_of_tests():
    """The test database as a DATABASE_URL (socket directory percent-encoded as the host)."""
    db = settings.DATABASES["default"]
    host = quote(db["HOST"], safe="")
    return f"postgres://{db['USER']}@{host}:{db['PORT']}/{db['NAME']}"


def production_check(project_dir, *arguments, **environment):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "DATABASE_URL")}
    env.update(environment, DJANGO_SETTINGS_MODULE="config.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", "check", *arguments],
        cwd=project_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = production_check(
        Path(settings.BASE_DIR),
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url_of_tests(),
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.fixture
def project_copy(tmp_path):
    """The code without .data/: shows whether loading settings creates anything."""
    copy = tmp_path / "project"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(".data", ".venv", ".git", "node_modules", "__pycache__"),
    )
    return copy


@pytest.mark.parametrize(
    ("missing", "environment"),
    [
        ("DJANGO_SECRET_KEY", {"DATABASE_URL": "postgres://buurt@db.invalid:5432/buurt"}),
        ("DATABASE_URL", {"DJANGO_SECRET_KEY": "x" * 50}),
    ],
)
def test_production_refuses_to_start_without_its_environment(project_copy, missing, environment):
    result = production_check(project_copy, **environment)
    assert result.returncode != 0
    assert f"Set {missing}" in result.stderr
    assert "Traceback" not in result.stderr  # one clear sentence for the operator
    # Nothing was started or created: no embedded database, no cache, no secret key file.
    assert not (project_copy / ".data").exists()
