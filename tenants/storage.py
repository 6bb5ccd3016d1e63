"""Media storage of a buurt: files under MEDIA_ROOT/tenants/<schema>/, and no image
leaves the upload with where or when it was taken.

Phones write GPS coordinates, the time, the camera's serial number and more into a
photo's EXIF/XMP data; Willow copies EXIF into every JPEG/WebP rendition. Every image
this storage saves, original or rendition, is rewritten with only its orientation kept
(so it still shows the right way up). JPEGs keep their quantisation tables
(quality="keep"), so the picture itself does not change visibly.
"""

from io import BytesIO

from django.core.files.base import ContentFile
from django_tenants.files.storage import TenantFileSystemStorage
from PIL import Image, UnidentifiedImageError

ORIENTATION = 0x0112
# Chunks and info keys where Pillow finds metadata a person could be traced by.
METADATA_KEYS = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc"}
REWRITABLE = {"JPEG", "PNG", "WEBP"}
IMAGE_FOLDERS = ("original_images/", "images/")


def has_metadata(image):
    """Anything besides the orientation (renditions carry just that: not rewritten)."""
    other_blocks = (METADATA_KEYS - {"exif"}) & set(image.info)
    return bool(other_blocks) or bool(set(image.getexif()) - {ORIENTATION})


def without_metadata(data):
    """The image bytes with all EXIF/XMP/comments removed except the orientation,
    or None when there is nothing to remove (or it is no image we rewrite)."""
    try:
        image = Image.open(BytesIO(data))
        if image.format not in REWRITABLE or not has_metadata(image):
            return None
        exif = Image.Exif()
        orientation = image.getexif().get(ORIENTATION)
        if orientation:
            exif[ORIENTATION] = orientation
        options = {"exif": exif.tobytes()} if orientation else {}
        if image.info.get("icc_profile"):
            options["icc_profile"] = image.info["icc_profile"]
        if image.format == "JPEG":
            options.update(quality="keep", subsampling="keep")
        elif image.format == "WEBP":
            options.update(lossless=image.info.get("lossless", False), quality=90)
        out = BytesIO()
        image.save(out, format=image.format, **options)
        return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None  # not for us to judge here: the upload forms validate images


class BuurtMediaStorage(TenantFileSystemStorage):
    def _save(self, name, content):
        if name.startswith(IMAGE_FOLDERS):
            content.seek(0)
            data = content.read()
            stripped = without_metadata(data)
            content = ContentFile(stripped if stripped is not None else data)
        return super()._save(name, content)
