"""The privacy statement, the accessibility statement and the colophon every Dutch public
website publishes: present on every buurt, generated from what the platform knows, with
the contact a Buurtbeheerder fills in, linked from every page."""

import html
import json

from django.utils import translation

from buurtpages.legal import ACCESSIBILITY_CHECK
from buurtpages.models import LegalInformation
from kernel.personal_data import exported, privacy_notices
from kernel.roles import BUURT_ADMIN, RESIDENT
from tenants.privacy import erase_person, export_person
from tests.base import admin_allows, client_for, inside, logged_in
from tests.e2e.test_accessibility import PUBLIC_PAGES

LEGAL_PAGES = {
    "/privacy/": "Privacyverklaring",
    "/toegankelijkheid/": "Toegankelijkheidsverklaring",
    "/colofon/": "Colofon",
}
SETTINGS_URL = "/admin/settings/buurtpages/legalinformation/"


def settings_page(client):
    """Wagtail sends the settings menu item to the edit URL of the buurt's one record."""
    response = client.get(SETTINGS_URL)
    if response.status_code == 302 and response["Location"].startswith(SETTINGS_URL):
        return client.get(response["Location"])
    return response


def text_of(response):
    return html.unescape(response.content.decode())


def test_every_page_links_to_the_three_statements(alpha):
    client = client_for(alpha)
    home = text_of(client.get("/"))
    for path, title in LEGAL_PAGES.items():
        assert f'href="{path}"' in home
        page = client.get(path)
        assert page.status_code == 200, path
        assert f'<h1 class="utrecht-heading-1">{title}</h1>' in text_of(page)
        assert alpha.name in text_of(page)


def test_the_privacy_statement_names_every_kind_of_data_the_export_contains(alpha):
    statement = text_of(client_for(alpha).get("/privacy/"))
    with translation.override("nl"):
        for notice in privacy_notices():
            for sentence in (notice.what, notice.why, notice.kept):
                assert str(sentence) in statement, sentence
    assert "Autoriteit Persoonsgegevens" in statement


def test_every_exported_kind_of_data_has_a_plain_privacy_notice():
    """A new record set in the export without a notice would be missing from the statement."""
    assert [record_set.name for record_set in exported() if not record_set.notice] == []


def test_the_statements_speak_the_visitors_language(alpha):
    arabic = text_of(client_for(alpha).get("/ar/privacy/"))
    assert 'lang="ar"' in arabic and "Privacyverklaring" not in arabic


def test_the_buurtbeheerder_fills_in_the_contact_and_the_statements_show_it(alpha):
    without_contact = text_of(client_for(alpha).get("/privacy/"))
    assert 'href="/signaal/"' in without_contact  # a way to reach someone all the same
    resident = logged_in(alpha, "bewoner@example.nl", RESIDENT)
    assert not admin_allows(settings_page(resident))
    assert admin_allows(resident.get("/admin/"))
    admin = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    edit = settings_page(admin)
    assert admin_allows(edit)
    response = admin.post(
        edit.request["PATH_INFO"],
        {
            "responsible": "Bewonersgroep Bloemenbuurt",
            "contact_email": "contact@bloemenbuurt.example",
            "contact_phone": "020 123 4567",
            "privacy_addition": "",
            "accessibility_addition": "De kaart werkt nog niet met een schermlezer.",
            "colophon_addition": "",
        },
    )
    assert response.status_code == 302, response.content[:500]
    for path in LEGAL_PAGES:
        page = text_of(client_for(alpha).get(path))
        assert "Bewonersgroep Bloemenbuurt" in page
        assert 'href="mailto:contact@bloemenbuurt.example"' in page
        assert "+31201234567" in page
    assert "De kaart werkt nog niet" in text_of(client_for(alpha).get("/toegankelijkheid/"))
    with inside(alpha):
        assert LegalInformation.load().contact_email == "contact@bloemenbuurt.example"


def test_another_buurt_keeps_its_own_contact(alpha, beta):
    with inside(alpha):
        LegalInformation.objects.update_or_create(defaults={"responsible": "Groep Alfa"})
    assert "Groep Alfa" in text_of(client_for(alpha).get("/colofon/"))
    other = text_of(client_for(beta).get("/colofon/"))
    assert beta.name in other and "Groep Alfa" not in other


def test_the_accessibility_statement_quotes_the_check_the_browser_tests_run(alpha):
    check = json.loads(ACCESSIBILITY_CHECK.read_text())
    # The statement's claim covers exactly the page types the browser tests check with axe.
    assert check["page_types"] == PUBLIC_PAGES
    assert check["violations"] == 0
    statement = text_of(client_for(alpha).get("/toegankelijkheid/"))
    assert f"{len(PUBLIC_PAGES)} soorten pagina's" in statement
    assert check["tool"] in statement


def test_an_anonymous_visitor_gets_no_cookie(alpha):
    """The privacy statement promises no following with cookies."""
    client = client_for(alpha)
    for path in ("/", "/agenda/", "/privacy/", "/zoeken/?q=koffie"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert not response.cookies, (path, list(response.cookies))


def test_a_contact_address_is_exported_and_erased_like_other_personal_data(alpha):
    with inside(alpha):
        LegalInformation.objects.update_or_create(
            defaults={"contact_email": "jan@example.nl", "responsible": "Jan"}
        )
        assert export_person("jan@example.nl")["website_contact"][0]["contact_email"] == (
            "jan@example.nl"
        )
        erase_person("jan@example.nl")
        assert LegalInformation.load().contact_email == ""
