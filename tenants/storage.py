"""Media storage of a buurt: files under MEDIA_ROOT/tenants/<schema>/, stored under
random names, and no image leaves the upload with where or when it was taken or who made it.

Phones write GPS coordinates, the time, the camera's serial number and more into a
photo's EXIF/XMP data; editors write author, description and position into PNG text
chunks and GIF comments; Willow copies EXIF into every JPEG/WebP rendition. Every image
this storage saves, original or rendition, is rewritten with only its orientation kept
(so it still shows the right way up) and its colour profile. JPEGs keep their
quantisation tables (quality="keep"), so the picture itself does not change visibly.
GIFs are cleaned block by block (comments, plain-text and application blocks other than
the animation loop are dropped), so animations stay as they are.

An uploaded file's own name (often a person's name, a date, a place) is not kept: an
original image or document is stored under a random name with its extension.
"""

import secrets
from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django_tenants.files.storage import TenantFileSystemStorage
from PIL import Image, UnidentifiedImageError

ORIENTATION = 0x0112
# Keys Pillow puts in `info` that describe how to decode or show the picture, and say
# nothing about a person. Anything else (exif, xmp, comment, text chunks, iptc, ...) is
# metadata and makes the file be rewritten.
HARMLESS_INFO = {
    "adobe",
    "adobe_transform",
    "aspect",
    "background",
    "bbox",
    "chromaticity",
    "dpi",
    "duration",
    "exif",  # judged separately: only the orientation may stay
    "gamma",
    "icc_profile",
    "interlace",
    "jfif",
    "jfif_density",
    "jfif_unit",
    "jfif_version",
    "loop",
    "lossless",
    "progression",
    "progressive",
    "srgb",
    "transparency",
    "version",
}
REWRITABLE = {"JPEG", "PNG", "WEBP"}
IMAGE_FOLDERS = ("original_images/", "images/")
# Folders whose files keep nothing of the uploader's file name.
RANDOMLY_NAMED_FOLDERS = ("original_images/", "documents/")


def has_metadata(image):
    """Anything besides the orientation and how to decode the picture (renditions carry
    just that: not rewritten)."""
    other_info = set(image.info) - HARMLESS_INFO
    text_chunks = bool(getattr(image, "text", None)) if image.format == "PNG" else False
    return bool(other_info) or text_chunks or bool(set(image.getexif()) - {ORIENTATION})


def without_metadata(data):
    """The image bytes with all metadata removed except the orientation, or None when
    there is nothing to remove (or it is no image we rewrite)."""
    if data[:6] in (b"GIF87a", b"GIF89a"):
        cleaned = gif_without_metadata(data)
        return cleaned if cleaned != data else None
    try:
        image = Image.open(BytesIO(data))
        if image.format not in REWRITABLE or not has_metadata(image):
            return None
        return _rewritten(image)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None  # not for us to judge here: the upload forms validate images


def _rewritten(image):
    exif = Image.Exif()
    orientation = image.getexif().get(ORIENTATION)
    if orientation:
        exif[ORIENTATION] = orientation
    # Explicitly empty: Pillow otherwise copies some blocks (JPEG comments) from the source.
    options = {"exif": exif.tobytes() if orientation else b""}
    if image.info.get("icc_profile"):
        options["icc_profile"] = image.info["icc_profile"]
    if image.format == "JPEG":
        options.update(quality="keep", subsampling="keep", comment=b"")
    elif image.format == "WEBP":
        options.update(lossless=image.info.get("lossless", False), quality=90, xmp=b"")
    if getattr(image, "is_animated", False):
        options["save_all"] = True  # every frame of an animated WebP or PNG
    out = BytesIO()
    image.save(out, format=image.format, **options)
    return out.getvalue()


def gif_without_metadata(data):
    """A GIF with its comment, plain-text and application extensions removed (except
    the NETSCAPE2.0 loop count); picture and animation blocks are copied byte for byte.
    Returns the data unchanged when it cannot be read as a GIF."""
    try:
        return bytes(_gif_blocks_kept(data))
    except IndexError:
        return data


def _gif_blocks_kept(data):
    out = bytearray(data[:13])
    flags = data[10]
    position = 13
    if flags & 0x80:  # global colour table
        table = 3 * (2 ** ((flags & 0x07) + 1))
        out += data[position : position + table]
        position += table
    while position < len(data):
        introducer = data[position]
        if introducer == 0x3B:  # trailer
            out.append(0x3B)
            return out
        if introducer == 0x2C:  # image: descriptor, optional local table, LZW data
            local_flags = data[position + 9]
            end = position + 10
            if local_flags & 0x80:
                end += 3 * (2 ** ((local_flags & 0x07) + 1))
            end = _after_sub_blocks(data, end + 1)  # +1: the LZW minimum code size
            out += data[position:end]
            position = end
        elif introducer == 0x21:  # extension
            label = data[position + 1]
            end = _after_sub_blocks(data, position + 2)
            if label == 0xF9 or _is_loop_extension(data, position, label):
                out += data[position:end]
            position = end
        else:
            raise IndexError("not a GIF block")
    out.append(0x3B)
    return out


def _after_sub_blocks(data, position):
    while data[position] != 0:
        position += data[position] + 1
    return position + 1


def _is_loop_extension(data, position, label):
    return label == 0xFF and data[position + 3 : position + 14] == b"NETSCAPE2.0"


def random_name(name):
    """`folder/<random>.<ext>` for `folder/anything.ext`: nothing of the uploaded name."""
    path = PurePosixPath(name)
    suffix = path.suffix.lower()[:10]
    return str(path.with_name(f"{secrets.token_urlsafe(12)}{suffix}"))


class BuurtMediaStorage(TenantFileSystemStorage):
    def get_available_name(self, name, max_length=None):
        if name.startswith(RANDOMLY_NAMED_FOLDERS):
            name = random_name(name)
        return super().get_available_name(name, max_length=max_length)

    def _save(self, name, content):
        if name.startswith(IMAGE_FOLDERS):
            content.seek(0)
            data = content.read()
            stripped = without_metadata(data)
            content = ContentFile(stripped if stripped is not None else data)
        return super()._save(name, content)
