"""In a real Chromium: a municipality employee launches a buurt from the portal and
visits it; axe-core finds no WCAG 2.2 AA violations on the pages people see.

The pages are served by a real threaded WSGI server on the test database; these
tests see only committed data (the session's buurten), and clean up what they add.
"""

import io
import os
import threading

import pytest
import zxingcpp
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Permission
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.test import override_settings
from PIL import Image
from pypdf import PdfReader

from buurtpages.blueprint import dutch_section
from tenants.factories import UserFactory
from tenants.launch import drop_buurt

playwright_api = pytest.importorskip("playwright.sync_api")

# The marker makes pytest-django set up the test database; the tests themselves only
# drive the browser, the server thread commits through its own connection.
pytestmark = pytest.mark.django_db

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def live_server_url(django_db_setup, django_db_blocker):
    """A threaded server on a free port; buurt links and e-mails point at that port."""
    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(StaticFilesHandler(get_wsgi_application()))
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    with django_db_blocker.unblock(), override_settings(BUURT_URL_PORT=port):
        thread.start()
        yield f"http://localhost:{port}"
        server.shutdown()
        server.server_close()
        connection.set_schema_to_public()
        drop_buurt("delta")


@pytest.fixture(scope="module")
def portal_employee(live_server_url, django_db_blocker):
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        user = UserFactory(username="browser-medewerker", email="browser@gemeente.nl")
        user.user_permissions.add(
            *Permission.objects.filter(codename__in=["add_buurt", "view_buurt"])
        )
        # Kept, not deleted: a portal user cannot be deleted yet (see README, known issues).
        return user


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API keeps an event loop running in this thread, which makes
    # Django refuse the (synchronous) test transaction around each test.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL")
    yield context.new_page()
    context.close()


def assert_accessible(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, results.generate_report()


def buurt_url(live_server_url, slug):
    return live_server_url.replace("//localhost", f"//{slug}.localhost")


def test_employee_launches_a_buurt_from_the_portal_and_visits_it(
    live_server_url, portal_employee, page
):
    page.goto(live_server_url + "/")
    page.get_by_role("link", name="Inloggen voor medewerkers van de gemeente").click()
    page.get_by_label("Gebruikersnaam").fill("browser-medewerker")
    page.get_by_label("Wachtwoord").fill("buurt-demo")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Buurt starten").click()
    assert_accessible(page)

    # A reserved slug first: a clear error, and what was typed is kept.
    page.get_by_label("Naam van de buurt").fill("Deltawijk")
    page.get_by_label("Korte naam (slug)").fill("public")
    page.get_by_label("العربية (Arabic)").check()
    page.get_by_role("button", name="Start de buurtwebsite").click()
    assert page.get_by_text("is gereserveerd door het platform").is_visible()
    assert page.get_by_label("Naam van de buurt").input_value() == "Deltawijk"
    assert page.get_by_label("العربية (Arabic)").is_checked()
    assert_accessible(page)

    page.get_by_label("Korte naam (slug)").fill("delta")
    page.get_by_role("button", name="Start de buurtwebsite").click()
    assert page.get_by_text("Deltawijk staat online op").is_visible()
    page.get_by_role("link", name=buurt_url(live_server_url, "delta") + "/").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Deltawijk"
    assert page.locator("html").get_attribute("lang") == "nl"


@pytest.mark.parametrize(
    "path", ["/", "/verhalen/", "/zoeken/?q=buurt", "/bestaat-niet/", "/agenda/", "/signaal/"]
)
def test_buurt_pages_have_no_accessibility_violations(live_server_url, page, path):
    page.goto(buurt_url(live_server_url, "alpha") + path)
    assert_accessible(page)


def test_portal_home_has_no_accessibility_violations(live_server_url, page):
    page.goto(live_server_url + "/")
    assert page.get_by_role("link", name="Alphabuurt").is_visible()
    assert_accessible(page)


@pytest.fixture(scope="module")
def poster_activity(live_server_url, django_db_blocker):
    """A committed activity in gamma (the server thread cannot see a test's transaction)."""
    from buurtpages.factories import ActivityPageFactory, publish
    from buurtpages.models import ActivityIndexPage
    from tests.base import get_buurt

    with django_db_blocker.unblock(), get_buurt("gamma"):
        index = dutch_section(ActivityIndexPage)
        activity = publish(
            ActivityPageFactory(parent=index, title="Buurtfeest", slug="posterproef")
        )
        connection.set_schema_to_public()
        yield activity
        with get_buurt("gamma"):
            activity.delete()
        connection.set_schema_to_public()


def test_activity_poster_prints_on_one_a4_page_with_a_working_qr_code(
    live_server_url, poster_activity, page
):
    url = buurt_url(live_server_url, "gamma") + "/agenda/posterproef/"
    page.goto(url + "poster/")
    assert page.get_by_role("heading", level=1).inner_text() == "Buurtfeest"
    assert_accessible(page)

    screenshot = page.locator(".poster__qr-code").screenshot()
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(screenshot)))
    # The QR code carries the page's canonical address (the Site's host and port).
    assert [code.text for code in decoded] == ["http://gamma.localhost/agenda/posterproef/"]

    pdf = page.pdf(format="A4", print_background=True)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 1
    assert "Buurtfeest" in pages[0].extract_text()
    assert "Print this poster" not in pages[0].extract_text()
    assert "Druk deze poster af" not in pages[0].extract_text()
