"""In a real Chromium: the Content-Security-Policy blocks nothing our pages need, on the
public site (strict policy) and in the Wagtail admin (its own policy)."""

import pytest
from django.db import connection

from tests.base import get_buurt
from tests.e2e.conftest import DEMO_SLUG, buurt_url, give_second_factor

pytestmark = pytest.mark.django_db


RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def csp_violations(browser_page):
    """Blocked scripts, styles or frames: Chromium's console messages and the page's
    securitypolicyviolation events (collected per page, read with `seen_on`)."""
    violations = []
    browser_page.add_init_script(RECORD_VIOLATIONS)
    browser_page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def seen_on(browser_page):
    return browser_page.evaluate("window.__cspViolations")


@pytest.fixture(scope="module")
def editor(live_server_url, django_db_blocker):
    """A committed Buurtbeheerder in the browser tests' own buurt (the server thread
    cannot see a test's data)."""
    from kernel.roles import BUURT_ADMIN
    from workflows.factories import UserFactory

    with django_db_blocker.unblock(), get_buurt(DEMO_SLUG):
        user = UserFactory(username="csp@example.nl", email="csp@example.nl", roles=[BUURT_ADMIN])
        connection.set_schema_to_public()
        yield user
        with get_buurt(DEMO_SLUG):
            user.delete()
        connection.set_schema_to_public()


def test_public_pages_run_under_the_strict_policy(live_server_url, page):
    violations = csp_violations(page)
    for path in ("/", "/agenda/", "/signaal/", "/zoeken/?q=buurt", "/inwonersavond/"):
        response = page.goto(buurt_url(live_server_url) + path)
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        assert seen_on(page) == [], path
    assert violations == []
    # The check can fail: an injected inline script is blocked and reported.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = 1'; document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.ran") is None
    assert any("script-src" in violation for violation in seen_on(page))


def test_wagtail_admin_works_under_its_policy(live_server_url, editor, page):
    violations = csp_violations(page)
    base = buurt_url(live_server_url)
    page.goto(base + "/admin/login/")
    page.locator("#id_username").fill("csp@example.nl")
    page.locator("#id_password").fill("buurt-demo")
    page.locator("button[type=submit]").first.click()
    give_second_factor(page, "csp@example.nl")
    page.wait_for_url(base + "/admin/")
    with get_buurt(DEMO_SLUG):
        from wagtail.models import Site

        home_id = Site.objects.get(is_default_site=True).root_page_id
    connection.set_schema_to_public()
    for path in (f"/admin/pages/{home_id}/edit/", "/admin/images/", f"/admin/pages/{home_id}/"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        assert seen_on(page) == [], path
    # The page editor's JavaScript ran: its tabs and panels are interactive.
    page.goto(base + f"/admin/pages/{home_id}/edit/")
    assert page.locator("[data-controller~='w-tabs'], .w-tabs").count() > 0
    assert violations == []
    # The public site with the editor's userbar, under the strict policy.
    page.goto(base + "/")
    page.wait_for_load_state("networkidle")
    assert seen_on(page) == []
    assert violations == []
