"""Uploads: size limits, type checks by content, decompression bombs, SVG, and no
photo (original or rendition) keeps where it was taken."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.models import Collection

from kernel.roles import BUURT_ADMIN
from tests.base import inside, logged_in

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
    return logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)


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


# --- Metadata in every accepted format, and no uploaded file name kept ----------------------

XMP = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{MARKER}</dc:creator></x:xmpmeta>'


def png_with_text_chunks():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", MARKER)
    info.add_text("GPSPosition", f"52.0 N, 4.9 E {MARKER}")
    info.add_text("Description", MARKER, zip=True)  # a compressed zTXt chunk
    info.add_itxt("Comment", MARKER, lang="nl")
    out = BytesIO()
    Image.new("RGB", (40, 30), (10, 200, 10)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def gif_with_comments():
    """An animated GIF with a comment block and an XMP application block."""
    frames = [Image.new("RGB", (40, 30), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    out = BytesIO()
    frames[0].save(
        out, format="GIF", save_all=True, append_images=frames[1:], loop=0, comment=MARKER
    )
    data = out.getvalue()
    assert Image.open(BytesIO(data)).n_frames == 2
    xmp_block = b"\x21\xff\x0bXMP DataXMP" + bytes([len(MARKER)]) + MARKER.encode() + b"\x00"
    return data[:-1] + xmp_block + data[-1:]


def jpeg_with_comment_and_xmp():
    data = photo_with_location()
    # The GPS photo, with a COM marker and an XMP block added by re-saving its EXIF too.
    exif = Image.open(BytesIO(data)).info["exif"]
    out = BytesIO()
    Image.open(BytesIO(data)).save(out, format="JPEG", comment=MARKER, xmp=XMP.encode(), exif=exif)
    return out.getvalue()


def webp_with_exif_and_xmp():
    exif = Image.open(BytesIO(photo_with_location())).info["exif"]
    out = BytesIO()
    Image.new("RGB", (40, 30), (10, 10, 200)).save(out, format="WEBP", exif=exif, xmp=XMP.encode())
    return out.getvalue()


def animated_webp_with_xmp():
    frames = [Image.new("RGB", (40, 30), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    out = BytesIO()
    frames[0].save(out, format="WEBP", save_all=True, append_images=frames[1:], xmp=XMP.encode())
    return out.getvalue()


@pytest.mark.parametrize(
    "name,make",
    [
        ("Jan-Jansen-Kerkstraat-12.png", png_with_text_chunks),
        ("Jan-Jansen-Kerkstraat-12-animatie.webp", animated_webp_with_xmp),
        ("Jan-Jansen-Kerkstraat-12.gif", gif_with_comments),
        ("Jan-Jansen-Kerkstraat-12.jpg", jpeg_with_comment_and_xmp),
        ("Jan-Jansen-Kerkstraat-12.webp", webp_with_exif_and_xmp),
    ],
)
def test_no_metadata_and_no_file_name_survive_an_upload(alpha, beheerder, name, make):
    data = make()
    assert data.count(MARKER.encode()) >= 1
    response = upload_image(beheerder, name, data, title="Straatfeest")
    assert response.status_code == 302, response.content.decode()[:2000]
    with inside(alpha):
        image = get_image_model().objects.get(title="Straatfeest")
        with image.open_file() as stored:
            original = stored.read()
        assert MARKER.encode() not in original
        assert "Jansen" not in image.file.name and "Kerkstraat" not in image.file.name
        assert image.file.name.startswith("original_images/")
        assert image.file.name.endswith(name.rsplit(".", 1)[1])
        picture = Image.open(BytesIO(original))
        assert picture.size == (40, 30) or picture.size == (64, 48)
        if name.endswith((".gif", "animatie.webp")):
            assert getattr(picture, "n_frames", 1) == 2  # the animation is kept
        for spec in ("width-32", "fill-20x20"):
            with image.get_rendition(spec).file.open() as rendered:
                assert MARKER.encode() not in rendered.read()


def test_a_documents_uploaded_name_is_not_kept(alpha, beheerder):
    response = upload_document(beheerder, "Jan-Jansen-schulden.txt", b"Notulen\n", title="N")
    assert response.status_code == 302
    with inside(alpha):
        stored = Document.objects.get(title="N").file.name
    assert stored.startswith("documents/") and stored.endswith(".txt")
    assert "Jansen" not in stored and "schulden" not in stored
