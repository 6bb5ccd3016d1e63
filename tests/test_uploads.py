"""Uploads: size limits, type checks by content, decompression bombs, SVG, and no
photo (original or rendition) keeps where it was taken."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.base import inside, logged_in
from workflows.roles import BUURTBEHEERDER

GPS_IFD = 0x8825
ORIENTATION = 0x0112
MARKER = "Kerkstraat-12-GEHEIM"


def photo_with_location(fmt="JPEG", size=(64, 48)):
    """A phone photo as it leaves a phone: GPS position, a description, the orientation."""
    exif = Image.Exif()
    exif[0x010E] = MARKER  # ImageDescription
    exif[0x010F] = "PhoneMaker"  # Make
    exif[ORIENTATION] = 6
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (52.0, 5.0, 31.2)
    gps[3], gps[4] = "E", (4.0, 53.0, 12.9)
    out = BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, format=fmt, exif=exif.tobytes())
    data = out.getvalue()
    assert MARKER.encode() in data
    return data


def assert_no_location(data):
    image = Image.open(BytesIO(data))
    exif = image.getexif()
    assert not exif.get_ifd(GPS_IFD), "GPS data left in the file"
    assert MARKER.encode() not in data
    assert b"PhoneMaker" not in data
    return exif


def upload_image(client, name, data, title="Foto"):
    root = Collection.get_first_root_node().pk
    return client.post(
        "/admin/images/add/",
        {"title": title, "file": SimpleUploadedFile(name, data), "collection": root},
    )


def upload_document(client, name, data, title="Stuk"):
    root = Collection.get_first_root_node().pk
    return client.post(
        "/admin/documents/add/",
        {"title": title, "file": SimpleUploadedFile(name, data), "collection": root},
    )


@pytest.fixture
def beheerder(alpha):
    return logged_in(alpha, "beheer@example.nl", BUURTBEHEERDER)


@pytest.mark.parametrize(
    "fmt,name", [("JPEG", "foto.jpg"), ("PNG", "foto.png"), ("WEBP", "foto.webp")]
)
def test_uploaded_photo_and_its_renditions_keep_no_location(alpha, beheerder, fmt, name):
    response = upload_image(beheerder, name, photo_with_location(fmt), title="Buurtfeest")
    assert response.status_code == 302, response.content.decode()[:2000]
    with inside(alpha):
        image = get_image_model().objects.get(title="Buurtfeest")
        with image.open_file() as stored:
            exif = assert_no_location(stored.read())
        assert exif.get(ORIENTATION) == 6  # still shown the right way up
        for spec in ("width-32", "fill-20x20", "width-32|format-webp", "width-32|format-jpeg"):
            rendition = image.get_rendition(spec)
            with rendition.file.open() as rendered:
                assert_no_location(rendered.read())


def test_images_made_in_code_are_stripped_as_well(alpha):
    import wagtail_factories
    from django.core.files.base import ContentFile

    with inside(alpha):
        image = wagtail_factories.ImageFactory(
            file=ContentFile(photo_with_location(), name="seed.jpg")
        )
        with image.open_file() as stored:
            assert_no_location(stored.read())


def test_svg_and_disguised_files_are_refused_as_images(alpha, beheerder):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    for name, data in [("logo.svg", svg), ("logo.png", svg), ("foto.jpg", b"MZ\x90\x00binary")]:
        response = upload_image(beheerder, name, data, title="Niet doen")
        assert response.status_code == 200, name
        assert response.context["form"].errors["file"], name
    with inside(alpha):
        assert not get_image_model().objects.filter(title="Niet doen").exists()


def test_decompression_bomb_is_refused_before_decoding(alpha, beheerder):
    out = BytesIO()
    Image.new("1", (9000, 9000)).save(out, format="PNG")  # 81 megapixels in a few kB
    assert len(out.getvalue()) < 100_000
    response = upload_image(beheerder, "bom.png", out.getvalue(), title="Bom")
    assert response.status_code == 200
    assert "pixels" in str(response.context["form"].errors["file"])
    with inside(alpha):
        assert not get_image_model().objects.filter(title="Bom").exists()


def test_oversized_image_and_document_are_refused_with_the_limit(alpha, beheerder, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10_000
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10_000
    big_photo = BytesIO()
    Image.effect_noise((200, 200), 100).convert("RGB").save(big_photo, format="PNG")
    response = upload_image(beheerder, "groot.png", big_photo.getvalue(), title="Groot")
    assert response.status_code == 200 and response.context["form"].errors["file"]
    response = upload_document(beheerder, "groot.txt", b"tekst\n" * 5000, title="Groot")
    assert response.status_code == 200
    assert "te groot" in str(response.context["form"].errors["file"])
    with inside(alpha):
        assert not Document.objects.filter(title="Groot").exists()


MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def office_zip(kind):
    import zipfile

    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        if kind == "odt":
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
    return out.getvalue()


@pytest.mark.parametrize(
    "name,data",
    [
        ("notulen.pdf", MINIMAL_PDF),
        ("notulen.docx", office_zip("docx")),
        ("notulen.odt", office_zip("odt")),
        ("notulen.txt", "Notulen — ملاحظات — Нотатки\n".encode()),
        ("lijst.csv", b"naam;straat\nAnna;Kerkstraat\n"),
        ("brief.rtf", b"{\\rtf1\\ansi Hallo}"),
    ],
)
def test_real_documents_are_accepted(alpha, beheerder, name, data):
    response = upload_document(beheerder, name, data, title=name)
    assert response.status_code == 302, response.context["form"].errors
    with inside(alpha):
        assert Document.objects.filter(title=name).exists()


@pytest.mark.parametrize(
    "name,data",
    [
        ("notulen.pdf", b"MZ\x90\x00\x03 this is a Windows program"),
        ("notulen.docx", MINIMAL_PDF),
        ("notulen.xlsx", b"PK\x03\x04 not really a zip"),
        ("notulen.txt", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("notulen.txt", b"\x7fELF\x02\x01\x01\x00binary"),
        ("plaatje.csv", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
        ("plaatje.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
        ("pagina.html", b"<html></html>"),
    ],
)
def test_documents_are_judged_by_content_not_by_name(alpha, beheerder, name, data):
    response = upload_document(beheerder, name, data, title="Vermomd")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    with inside(alpha):
        assert not Document.objects.filter(title="Vermomd").exists()
