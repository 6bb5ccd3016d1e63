"""A municipality's look on every one of its buurt sites: staff choose a colour (refused
below WCAG AA contrast), a typeface and a logo (PNG or WebP; SVG refused), and every buurt
of that municipality — only that municipality — shows it at once, also from the page cache."""

import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kernel.colours import contrast_ratio
from tenants.hostmap import tenancy_changed
from tenants.models import Municipality
from tests.base import at_the_portal, client_for, portal_staff


def png_bytes(colour=(200, 0, 0)):
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def north_and_south(alpha, beta, gamma):
    north = Municipality.objects.create(name="Noorderstad", slug="noorderstad")
    south = Municipality.objects.create(name="Zuiderdorp", slug="zuiderdorp")
    for buurt, municipality in ((alpha, north), (beta, north), (gamma, south)):
        buurt.municipality = municipality
        buurt.save(update_fields=["municipality"])
    tenancy_changed()
    yield north, south
    tenancy_changed()


def theme_url(municipality):
    return f"/gemeenten/{municipality.slug}/huisstijl/"


def post_theme(client, municipality, **fields):
    data = {"colour": "", "font": "system", **fields}
    return client.post(theme_url(municipality), data)


def test_the_contrast_check_follows_wcag():
    assert round(contrast_ratio("#ffffff", "#000000"), 1) == 21.0
    assert round(contrast_ratio("#1d5c96", "#ffffff"), 2) == pytest.approx(6.94, abs=0.05)
    assert contrast_ratio("#777777", "#ffffff") < 4.5 < contrast_ratio("#767676", "#ffffff")


def test_a_colour_too_light_for_white_text_is_refused_with_the_measured_contrast(
    north_and_south,
):
    north, _south = north_and_south
    staff = at_the_portal(portal_staff("anna", [north]))
    assert staff.get(theme_url(north)).status_code == 200
    refused = post_theme(staff, north, colour="#ffcc00")
    assert refused.status_code == 200
    page = html.unescape(refused.content.decode())
    assert "te licht" in page and "1,5:1" in page and "4,5:1" in page
    north.refresh_from_db()
    assert north.theme_colour == "" and north.theme_version == 0
    typo = post_theme(staff, north, colour="blauw")
    assert "zes" in typo.content.decode()  # "# en zes hexadecimale tekens"


def test_every_buurt_of_the_municipality_wears_its_look_and_no_other_does(
    north_and_south, page_cache_on
):
    north, _south = north_and_south
    staff = at_the_portal(portal_staff("anna", [north]))
    alpha_home, gamma_home = client_for("alpha.localhost"), client_for("gamma.localhost")
    # Cached before the change: the change must reach cached pages too.
    assert alpha_home.get("/").get("X-Page-Cache") == "miss"
    assert alpha_home.get("/").get("X-Page-Cache") == "hit"
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    saved = staff.post(theme_url(north), {"colour": "#0B5E3A", "font": "georgia", "logo": logo})
    assert saved.status_code == 302
    home = alpha_home.get("/")
    assert home.get("X-Page-Cache") == "miss"
    html = home.content.decode()
    assert '<link rel="stylesheet" href="/thema.css?v=1">' in html
    assert 'src="/thema/logo?v=1" alt="Noorderstad"' in html
    css = alpha_home.get("/thema.css?v=1")
    assert css["Content-Type"].startswith("text/css")
    tokens = css.content.decode()
    # The NL Design System components read these tokens: links, buttons, header, typeface.
    assert tokens.startswith(".utrecht-theme {")
    for token in (
        "--utrecht-link-color: #0b5e3a;",
        "--utrecht-button-primary-action-background-color: #0b5e3a;",
        "--utrecht-button-primary-action-color: #ffffff;",
        "--utrecht-page-header-background-color: #0b5e3a;",
    ):
        assert token in tokens
    assert '--utrecht-document-font-family: Georgia, "Times New Roman", serif;' in tokens
    assert client_for("beta.localhost").get("/thema.css").content == css.content
    logo_response = alpha_home.get("/thema/logo")
    assert logo_response["Content-Type"] == "image/png"
    assert bytes(logo_response.content) == png_bytes()
    # Zuiderdorp's buurt keeps the platform's look and has no logo to show.
    other = gamma_home.get("/").content.decode()
    assert "/thema.css" not in other and "/thema/logo" not in other
    assert b"#0b5e3a" not in gamma_home.get("/thema.css").content
    assert gamma_home.get("/thema/logo").status_code == 404


def test_an_svg_logo_is_refused_even_named_png(north_and_south):
    north, _south = north_and_south
    staff = at_the_portal(portal_staff("anna", [north]))
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    for name in ("logo.svg", "logo.png"):
        upload = SimpleUploadedFile(name, svg, content_type="image/png")
        response = staff.post(theme_url(north), {"colour": "", "font": "system", "logo": upload})
        assert response.status_code == 200
        assert "SVG" in response.content.decode()
    not_an_image = SimpleUploadedFile("logo.png", b"GIF89a....", content_type="image/png")
    response = staff.post(theme_url(north), {"colour": "", "font": "system", "logo": not_an_image})
    assert "geen PNG" in response.content.decode()
    north.refresh_from_db()
    assert not north.theme_has_logo
    assert client_for("alpha.localhost").get("/thema/logo").status_code == 404


def test_staff_of_another_municipality_cannot_see_or_change_its_look(north_and_south):
    north, south = north_and_south
    other = at_the_portal(portal_staff("bert", [south]))
    assert other.get(theme_url(south)).status_code == 200  # positive control
    assert other.get(theme_url(north)).status_code == 404
    assert post_theme(other, north, colour="#000000").status_code == 404
    assert other.get(f"/gemeenten/{north.slug}/logo").status_code == 404
    north.refresh_from_db()
    assert north.theme_colour == ""
    anonymous = client_for("localhost").get(theme_url(north))
    assert anonymous.status_code == 302 and "/inloggen/" in anonymous["Location"]


def test_the_theme_addresses_do_not_exist_on_the_portal(db):
    portal = client_for("localhost")
    assert portal.get("/thema.css").status_code == 404


def test_hovered_links_and_buttons_stay_readable_in_the_municipality_colour():
    """The hover colour is derived (darker), so it passes AA whenever the chosen one does."""
    from tenants.theme import colour_tokens

    tokens = colour_tokens("#0b5e3a")
    for name in (
        "--utrecht-link-hover-color",
        "--utrecht-button-primary-action-hover-background-color",
    ):
        assert contrast_ratio(tokens[name], "#ffffff") >= contrast_ratio("#0b5e3a", "#ffffff")
