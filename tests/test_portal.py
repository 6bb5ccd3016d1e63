"""The municipality portal: the list of buurt sites and the launch wizard."""

import re

from django_tenants.utils import schema_exists

from tenants.factories import MunicipalityFactory
from tenants.models import Buurt
from tests.base import PORTAL, at_the_portal, client_for, portal_staff


def portal_client(*, can_launch=True, municipality=None):
    username = "medewerker" if can_launch else "stagiair"
    municipalities = [municipality] if municipality else []
    return at_the_portal(portal_staff(username, municipalities, can_launch=can_launch))


def wizard_data(**overrides):
    return {
        "name": "Deltawijk",
        "slug": "delta",
        "domain": "",
        "languages": ["ar", "tr"],
        "admin_email": "anna@example.nl",
    } | overrides


def test_portal_lists_every_live_buurt_with_a_link(db):
    html = client_for(PORTAL).get("/").content.decode()
    for host, name in [("alpha", "Alphabuurt"), ("beta", "Betawijk"), ("gamma", "Gammadorp")]:
        assert f'href="http://{host}.localhost/"' in html
        assert name in html
    assert "blueprint" not in html.lower()
    assert "Portaal" not in html


def test_wizard_needs_a_logged_in_employee_with_permission(db):
    anonymous = client_for(PORTAL).get("/buurten/nieuw/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/inloggen/")
    assert portal_client(can_launch=False).get("/buurten/nieuw/").status_code == 403


def test_wizard_launches_a_live_buurt(db, django_capture_on_commit_callbacks):
    municipality = MunicipalityFactory(name="Gemeente Voorbeeldstad", slug="voorbeeldstad")
    client = portal_client(municipality=municipality)
    form = client.get("/buurten/nieuw/").content.decode()
    assert 'name="slug"' in form and 'value="ar"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/buurten/nieuw/", wizard_data(municipality=municipality.pk), follow=True
        )
    assert response.redirect_chain[-1][0] == "/buurten/delta/"
    page = response.content.decode()
    assert "http://delta.localhost/" in page
    # Dutch decimals: a comma
    assert re.search(
        r"staat online op http://delta\.localhost/ \(gestart in \d+,\d\d seconden\)", page
    )
    assert '<span lang="ar">العربية</span>' in page
    buurt = Buurt.objects.get(schema_name="delta")
    assert buurt.languages == ["nl", "ar", "tr"]
    assert buurt.municipality == municipality
    assert client_for("delta.localhost").get("/").status_code == 200
    assert "Deltawijk" in client_for(PORTAL).get("/").content.decode()


def test_wizard_shows_clear_errors_and_launches_nothing(db):
    municipality = MunicipalityFactory(slug="voorbeeldstad")
    client = portal_client(municipality=municipality)
    response = client.post(
        "/buurten/nieuw/",
        wizard_data(
            municipality=municipality.pk,
            slug="pg_stiekem",
            domain="alpha.localhost",
            admin_email="geen-mail",
            languages=["ar", "klingon"],
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "gereserveerd" in errors["slug"][0]
    assert "al in gebruik" in errors["domain"][0]
    assert "admin_email" in errors
    assert "languages" in errors
    assert "municipality" not in errors
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "De buurt is niet gestart" in html
    assert 'value="Deltawijk"' in html  # nothing the user typed is lost
    assert not schema_exists("pg_stiekem")
    assert not Buurt.objects.filter(name="Deltawijk").exists()


def test_portal_speaks_dutch_even_to_an_english_browser(db):
    html = client_for(PORTAL).get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl"' in html
    assert "Buurtwebsites" in html
    english = client_for(PORTAL).get("/en/").content.decode()
    assert '<html lang="en"' in english
    assert "Buurt websites" in english
