"""A Buurtbeheerder gives the buurt's home page a header photo: responsive renditions
(WebP in the srcset), a description for people who cannot see it (required, with a clear
message when missing), only on that buurt, and only the Buurtbeheerder may change it."""

import html
import re
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from buurtpages.models import HeaderPhoto
from kernel.roles import BUURT_ADMIN, RESIDENT
from tests.base import admin_allows, client_for, inside, logged_in, refused

SETTINGS_URL = "/admin/settings/buurtpages/headerphoto/"
ALT = "Kinderen spelen op het plein voor de bibliotheek"


def plant_photo(title="Plein"):
    buffer = BytesIO()
    PILImage.new("RGB", (1800, 900), (40, 120, 60)).save(buffer, "JPEG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="plein.jpg"))


def edit_url(client):
    """Wagtail sends the settings menu item to the edit URL of the buurt's one record."""
    response = client.get(SETTINGS_URL)
    assert response.status_code == 302, response.status_code
    return response["Location"]


def picture_of(page):
    match = re.search(r"<picture>.*?</picture>", page, re.S)
    return match.group(0) if match else ""


def test_the_buurtbeheerder_adds_a_header_photo_with_webp_renditions_and_alt_text(alpha, beta):
    with inside(alpha):
        photo = plant_photo()
    admin = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    url = edit_url(admin)
    assert url.startswith(SETTINGS_URL)
    assert admin_allows(admin.get(url))
    saved = admin.post(url, {"photo": photo.pk, "alt_text": ALT})
    assert saved.status_code == 302, saved.content[:500]

    home = html.unescape(client_for(alpha).get("/").content.decode())
    picture = picture_of(home)
    assert picture, "no <picture> on the home page"
    webp = re.search(r'<source [^>]*srcset="([^"]+)"[^>]*type="image/webp"', picture)
    assert webp, picture
    assert ".webp 480w" in webp.group(1) and ".webp 960w" in webp.group(1)
    assert re.search(r'<img [^>]*alt="' + ALT + '"', picture)
    assert 'srcset="' in picture.split("<img", 1)[1]  # the fallback image is responsive too
    # The name of the buurt is in the band over the photo, as the page's one h1.
    header = home.split('<div class="home-header">', 1)[1].split("</div>\n    </div>", 1)[0]
    assert '<h1 class="utrecht-heading-1"' in header and home.count("<h1") == 1

    # A visitor's browser may fetch the renditions, on this buurt's host only; never the
    # original upload.
    rendition_url = webp.group(1).split(" ", 1)[0]
    assert client_for(alpha).get(rendition_url).status_code == 200
    assert client_for(beta).get(rendition_url).status_code == 404
    with inside(alpha):
        original = "/media/tenants/alpha/" + get_image_model().objects.get(pk=photo.pk).file.name
    assert client_for(alpha).get(original).status_code == 404

    other = client_for(beta).get("/").content.decode()
    assert other.count("<h1") == 1 and "<picture>" not in other and ALT not in other


def test_a_photo_without_a_description_is_refused_with_a_clear_message(alpha):
    with inside(alpha):
        photo = plant_photo()
    admin = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    refused_form = admin.post(edit_url(admin), {"photo": photo.pk, "alt_text": "  "})
    assert refused_form.status_code == 200
    page = html.unescape(refused_form.content.decode())
    assert "Beschrijf wat er op de foto staat" in page
    with inside(alpha):
        assert HeaderPhoto.load().photo is None
    assert "<picture>" not in client_for(alpha).get("/").content.decode()


def test_a_resident_may_not_change_the_header_photo(alpha):
    with inside(alpha):
        photo = plant_photo()
        record = HeaderPhoto.load()
    resident = logged_in(alpha, "bewoner@example.nl", RESIDENT)
    assert admin_allows(resident.get("/admin/"))  # positive control: the resident's dashboard
    url = f"{SETTINGS_URL}{record.pk}/"
    assert refused(resident.get(url))
    assert refused(resident.post(url, {"photo": photo.pk, "alt_text": ALT}))
    with inside(alpha):
        assert HeaderPhoto.load().photo is None
    assert "<picture>" not in client_for(alpha).get("/").content.decode()
