"""A real Chromium against a live server on the test database.

One threaded WSGI server per test module, one Chromium and, for the whole e2e
package, a municipality and demo buurt of its own (the demo seed's content, in Dutch
and Arabic). The server thread commits through its own database connection and
cannot see a test's (rolled-back) transaction: module fixtures commit what the pages
need, a test body only reads, and the municipality, the demo buurt and the portal
staff are removed at the start (left-overs of an interrupted run) and at the end.
E-mails sent by the server land in the in-process locmem `mail.outbox`; every test
starts once the server has answered the previous test's requests, with an empty outbox.
"""

import os
import re
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.test import override_settings

from tenants.models import Municipality, MunicipalityStaff

CHROMIUM = Path("/usr/bin/chromium")
# Without the last four, Chromium keeps dialling out and the closed network refuses it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ARTIFACTS = Path(__file__).parent / "artifacts"
DEMO_SLUG = "bloemenbuurt"
DEMO_NAME = "De Bloemenbuurt"
DEMO_LANGUAGES = ["nl", "ar"]
DEMO_PASSWORD = "buurt-demo"
E2E_MUNICIPALITY = {"name": "Gemeente Browserstad", "slug": "browserstad"}
PHONE = {"width": 360, "height": 740}


def pytest_collection_modifyitems(config, items):
    # With several test processes (make test), every browser test runs in the same one:
    # it seeds the demo buurt and starts Chromium once instead of once per process.
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.xdist_group("browser"))
    if CHROMIUM.exists():
        return
    reason = f"Chromium not found at {CHROMIUM}: `apt-get install chromium` (CI installs it)"
    if os.environ.get("CI"):
        raise pytest.UsageError(f"{reason}; the browser tests must run in CI")
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.e2e_failed = report.failed
    return report


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class CountingApp:
    """Knows how many requests the server is still answering, so a test can wait for the
    mail a request of the previous test sends. Counts requests, not connections: the
    browser keeps connections open between requests (keep-alive)."""

    def __init__(self, app):
        self.app = app
        self.busy = 0
        self.idle = threading.Condition()

    def __call__(self, environ, start_response):
        with self.idle:
            self.busy += 1
        try:
            response = self.app(environ, start_response)
            try:
                return [b"".join(response)]  # the whole answer, before counting it done
            finally:
                if hasattr(response, "close"):
                    response.close()  # request_finished: mail on commit is sent by now
        finally:
            with self.idle:
                self.busy -= 1
                self.idle.notify_all()

    def wait_until_idle(self, timeout=15):
        with self.idle:
            assert self.idle.wait_for(lambda: self.busy == 0, timeout=timeout), (
                f"the test server still answers {self.busy} request(s) after {timeout} s"
            )


@pytest.fixture(scope="package")
def playwright_api():
    return pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="package")
def browser(playwright_api):
    # Playwright's sync API keeps an event loop in this thread; Django would refuse
    # synchronous database work next to it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        playwright_api.expect.set_options(timeout=10_000)
        yield chromium
        chromium.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(scope="module")
def e2e_server(django_db_setup, django_db_blocker, demo_buurt):
    """A threaded server on a free port; buurt links and e-mails point at that port."""
    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.requests = CountingApp(StaticFilesHandler(get_wsgi_application()))
    server.set_app(server.requests)
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    with django_db_blocker.unblock(), override_settings(BUURT_URL_PORT=port):
        thread.start()
        server.url = f"http://localhost:{port}"
        yield server
        server.shutdown()
        server.server_close()
        connection.set_schema_to_public()


@pytest.fixture(scope="module")
def live_server_url(e2e_server):
    return e2e_server.url


@pytest.fixture(autouse=True)
def empty_outbox(request):
    """Mail from a request of the previous test (answered after it ended) must not land
    in this test's outbox: wait until the server is idle, then empty the outbox."""
    from django.core import mail

    if "live_server_url" in request.fixturenames:
        request.getfixturevalue("e2e_server").requests.wait_until_idle()
    mail.outbox.clear()
    yield
    if "live_server_url" in request.fixturenames:
        request.getfixturevalue("e2e_server").requests.wait_until_idle()
    mail.outbox.clear()


@pytest.fixture(scope="package")
def demo_buurt(django_db_setup, django_db_blocker):
    """The demo seed's buurt (people per role, initiatives, activities, people pages,
    stories, signals, pages waiting in each workflow, a completed training)."""
    import factory.random

    from tenants.launch import LaunchRequest, launch_buurt
    from tenants.management.commands import seed_demo
    from trainings.demo import fill_trainings

    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        forget_e2e_records()  # left-overs of an interrupted run
        municipality = Municipality.objects.create(**E2E_MUNICIPALITY)
        factory.random.reseed_random(seed_demo.SEED)
        buurt = launch_buurt(
            LaunchRequest(
                slug=DEMO_SLUG,
                name=DEMO_NAME,
                languages=DEMO_LANGUAGES,
                municipality=municipality,
            )
        ).buurt
        command = seed_demo.Command()
        with buurt:
            command.ensure_people(DEMO_SLUG)
            command.ensure_stories(DEMO_SLUG)
            command.ensure_content(DEMO_SLUG)
            command.ensure_waiting_work(DEMO_SLUG)
            fill_trainings(DEMO_SLUG)
        connection.set_schema_to_public()
        yield buurt
        connection.set_schema_to_public()
        forget_e2e_records()


# Portal staff and buurten the browser tests create; removed at the start and the end.
E2E_PORTAL_USERS = ["browser-medewerker", "a11y-medewerker"]
E2E_BUURTEN = [DEMO_SLUG, "delta"]


def forget_e2e_records():
    from tenants.launch import drop_buurt

    connection.set_schema_to_public()
    for slug in E2E_BUURTEN:
        drop_buurt(slug)
    for username in E2E_PORTAL_USERS:
        forget_portal_user(username)
    Municipality.objects.filter(slug=E2E_MUNICIPALITY["slug"]).delete()


def portal_staff_user(username, email):
    """A committed employee of the e2e municipality who may launch buurten."""

    from tests.base import portal_staff

    connection.set_schema_to_public()
    forget_portal_user(username)
    municipality = Municipality.objects.get(slug=E2E_MUNICIPALITY["slug"])
    return portal_staff(username, [municipality], email=email)


def forget_portal_user(username):
    """Delete a portal account row by row: the portal schema has none of the buurt tables
    (admin log, profiles) an ordinary delete would cascade into."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tenants.secondfactor.models import RecoveryCode

    connection.set_schema_to_public()
    for user in get_user_model().objects.filter(username=username):
        for session in Session.objects.all():
            if session.get_decoded().get("_auth_user_id") == str(user.pk):
                session.delete()
        MunicipalityStaff.objects.filter(user=user).delete()
        TOTPDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        user.groups.clear()
        user.user_permissions.clear()
        get_user_model().objects.filter(pk=user.pk)._raw_delete(connection.alias)


@pytest.fixture
def orm(django_db_blocker):
    """`with orm(slug):` reads what the server committed in a buurt's schema."""

    @contextmanager
    def inside(slug=None):
        from tenants.models import Buurt

        with django_db_blocker.unblock():
            if slug is None:
                connection.set_schema_to_public()
                yield
            else:
                connection.set_schema_to_public()
                with Buurt.objects.get(schema_name=slug):
                    yield
            connection.set_schema_to_public()

    return inside


@pytest.fixture
def new_context(browser, request):
    """Open browser contexts (one per person); on failure each one's last screen is saved."""
    contexts = []

    def make(**options):
        options.setdefault("locale", "nl-NL")
        options.setdefault("timezone_id", "Europe/Amsterdam")
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        context.new_page()
        contexts.append(context)
        return context.pages[0]

    yield make
    if getattr(request.node, "e2e_failed", False):
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        for number, context in enumerate(contexts):
            for page in context.pages:
                if not page.is_closed():
                    page.screenshot(path=ARTIFACTS / f"{name}-{number}.png", full_page=True)
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context()


def buurt_url(live_server_url, slug=DEMO_SLUG):
    return live_server_url.replace("//localhost", f"//{slug.replace('_', '-')}.localhost")


def assert_accessible(page, context=None):
    """No WCAG 2.2 AA violations found by axe-core on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_AA}}
    results = Axe().run(page, context=context, options=options)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def assert_no_horizontal_scroll(page):
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths[0]} > {widths[1]} px"


def log_in(page, base_url, username, password=DEMO_PASSWORD):
    """Through the buurt's own Wagtail login form, and the second step when asked."""
    page.goto(base_url + "/admin/login/")
    page.get_by_label("E-mailadres").or_(page.get_by_label("Gebruikersnaam")).fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    give_second_factor(page, username)


# The people's phones: the key of the authenticator each set up at their first login.
AUTHENTICATORS = {}


def give_second_factor(page, username):
    """After the password: on first login set up the authenticator from the key the page
    shows in text, later type the code it generates; nothing when no code is asked."""
    page.wait_for_url(lambda url: "/login/" not in url and "/inloggen/" not in url)
    if "/tweede-stap/instellen/" in page.url:
        key = page.locator("[data-secret]").inner_text().replace(" ", "")
        AUTHENTICATORS[username] = key
        page.get_by_label("Code").fill(code_from(key))
        page.get_by_role("button", name="Bevestigen").click()
        page.get_by_role("link", name="Ik heb ze bewaard, ga verder").click()
    elif "/tweede-stap/" in page.url:
        page.get_by_label("Code").fill(code_from(AUTHENTICATORS[username]))
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_url(lambda url: "/tweede-stap/" not in url)


def code_from(key):
    """What an authenticator app shows for this key now."""
    import base64

    from django_otp.oath import totp

    return f"{totp(base64.b32decode(key)):06d}"


def mails_to(address):
    from django.core import mail

    return [message for message in mail.outbox if address in message.to]


def link_in(message, pattern):
    match = re.search(pattern, message.body)
    assert match, f"no link matching {pattern!r} in:\n{message.body}"
    return match.group(0)
