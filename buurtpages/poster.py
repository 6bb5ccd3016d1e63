"""A printable A4 poster for an activity, with a QR code that leads to its page."""

import qrcode
import qrcode.image.svg
from django.utils.safestring import mark_safe


def qr_svg(url):
    """The QR code as inline SVG: sharp at any print size, no image file to serve.

    The path's id is dropped: a printed agenda holds many codes on one page, and ids
    must be unique in a document."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return mark_safe(image.to_string(encoding="unicode").replace(' id="qr-path"', "", 1))
