"""A printable A4 poster for an activity, with a QR code that leads to its page."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.utils.safestring import mark_safe


def qr_svg(url):
    """The QR code as inline SVG: sharp at any print size, no image file to serve.

    The path's id is dropped: a printed agenda holds many codes on one page, and ids
    must be unique in a document."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return mark_safe(image.to_string(encoding="unicode").replace(' id="qr-path"', "", 1))


def qr_png_data_uri(url):
    """The QR code as a tiny PNG (one pixel per module) in a data URI, for printed PDFs:
    WeasyPrint places an image several times faster than it draws an SVG path of
    hundreds of squares; the PDF shows it scaled without smoothing, so edges stay sharp.
    One fixed mask pattern: choosing the "best" of eight is most of the work, and any
    mask decodes."""
    code = qrcode.QRCode(box_size=1, border=2, mask_pattern=2)
    code.add_data(url)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
