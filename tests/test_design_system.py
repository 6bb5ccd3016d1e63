"""The public sites and the portal are built on the NL Design System: its CSS (vendored from
npm into /static/vendor/) is served by the site itself — never from another host — every
file a stylesheet points to exists, and `collectstatic` with the manifest storage the
deployed site uses accepts the vendored files."""

import re
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from django.contrib.staticfiles.views import serve
from django.core.management import call_command
from django.test import RequestFactory, override_settings

from config.vendor_static import without_source_map
from tests.base import client_for

STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
VENDORED = ("vendor/utrecht/design-tokens.css", "vendor/utrecht/component-library.css")


def stylesheets(response):
    assert response.status_code == 200
    return STYLESHEET.findall(response.content.decode())


def served(static_path):
    """The file as the site serves it from its static files (200) and its text."""
    response = serve(RequestFactory().get(f"/static/{static_path}"), static_path, insecure=True)
    assert response.status_code == 200, static_path
    return b"".join(response.streaming_content).decode()


def assert_design_system_from_own_static(hrefs):
    static = [href.split("?")[0] for href in hrefs if href.startswith(settings.STATIC_URL)]
    assert [href for href in hrefs if "//" in href] == []  # no other host, no CDN
    paths = [href.removeprefix(settings.STATIC_URL) for href in static]
    assert paths[: len(VENDORED)] == list(VENDORED)  # tokens and components come first
    return paths


def test_a_buurt_page_and_the_portal_load_the_vendored_nl_design_system(alpha):
    home = client_for(alpha).get("/")
    assert '<body class="utrecht-theme' in home.content.decode()
    portal = client_for("localhost").get("/inloggen/")
    assert '<body class="utrecht-theme' in portal.content.decode()
    for response in (home, portal):
        for path in assert_design_system_from_own_static(stylesheets(response)):
            assert finders.find(path), path
            assert served(path)


def test_every_url_in_the_served_stylesheets_resolves(alpha):
    """A font or image a stylesheet names but the site lacks is a 404 on every page."""
    paths = assert_design_system_from_own_static(stylesheets(client_for(alpha).get("/")))
    for path in paths:
        for url in CSS_URL.findall(served(path)):
            if url.startswith("data:"):
                continue
            assert "//" not in url, f"{path} loads {url} from another host"
            target = str(PurePosixPath(path).parent / url.split("?")[0].split("#")[0])
            assert finders.find(target), f"{path} points to {url}, which does not exist"


def test_collectstatic_with_the_manifest_storage_accepts_the_vendored_files(tmp_path):
    """The deployed site hashes every static file and follows the references inside CSS and
    JavaScript: a reference to a file that is not vendored stops the deployment."""
    with override_settings(
        STATIC_ROOT=tmp_path,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
            },
        },
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        storage = ManifestStaticFilesStorage(location=tmp_path)
        for path in VENDORED:
            assert storage.hashed_name(path) != path


def test_vendoring_drops_source_map_comments_and_keeps_the_code():
    script = "var L = 1;\n//# sourceMappingURL=leaflet.js.map\n"
    style = ".a{color:red}\n/*# sourceMappingURL=index.css.map */\n"
    assert without_source_map(script) == "var L = 1;\n"
    assert without_source_map(style) == ".a{color:red}\n"


def test_a_group_of_radio_buttons_is_not_drawn_as_one_radio_button(alpha):
    """Django gives a choice group's classes to its wrapper too; the radio button's classes
    on the wrapper drew it as one tiny radio button, and the choices spilled over the
    fields below, where nobody could click them."""
    html = client_for(alpha).get("/signaal/").content.decode()
    wrapper = re.search(r'<div id="id_category"([^>]*)>', html)
    assert wrapper is not None and "utrecht-radio-button" not in wrapper.group(1)
    options = re.findall(r'<input type="radio" name="category"[^>]*>', html)
    assert len(options) > 1
    radio_classes = 'class="utrecht-radio-button utrecht-radio-button--html-input"'
    assert all(radio_classes in option for option in options)
