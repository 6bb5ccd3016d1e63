"""A municipality's look on all of its buurt sites: a main colour, a typeface and a logo.

The colour and typeface become NL Design System design tokens (the `--utrecht-*` custom
properties the vendored Utrecht components read) in one small stylesheet per municipality
(`/thema.css` on each buurt host), so the platform's CSS stays the same for everyone.
A colour is refused when white text on it, or it as link colour on white, would be below
WCAG AA contrast. A logo is a PNG or WebP checked by decoding it; SVG is refused, because
an SVG can carry scripts and links that run on the buurt's own domain."""

import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, UnidentifiedImageError

from kernel.colours import AA_NORMAL_TEXT, WHITE, contrast_ratio, is_hex_colour
from tenants.hostmap import tenancy_changed
from tenants.models import Municipality, MunicipalityLogo, Typeface
from tenants.pagecache import purge_buurt

FONT_STACKS = {
    Typeface.SYSTEM: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    Typeface.VERDANA: "Verdana, Geneva, sans-serif",
    Typeface.GEORGIA: 'Georgia, "Times New Roman", serif',
}
LOGO_FORMATS = {"PNG": "image/png", "WEBP": "image/webp"}
LOGO_MAX_BYTES = 300 * 1024
LOGO_MAX_PIXELS = 2000


def check_colour(colour):
    """The colour as #rrggbb in lower case; ValidationError with the measured contrast."""
    colour = (colour or "").strip()
    if not is_hex_colour(colour):
        raise ValidationError(_("Give the colour as # and six hexadecimal digits, e.g. #1d5c96."))
    ratio = contrast_ratio(colour, WHITE)
    if ratio < AA_NORMAL_TEXT:
        raise ValidationError(
            _(
                "This colour is too light: white text on it and links in it on white have a "
                "contrast of %(ratio)s:1, and at least %(needed)s:1 is needed. Choose a "
                "darker colour."
            )
            % {
                "ratio": number_format(ratio, 1),
                "needed": number_format(AA_NORMAL_TEXT, 1),
            }
        )
    return colour.lower()


def check_logo(upload):
    """(content type, bytes) of a PNG or WebP logo; ValidationError otherwise."""
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(_("The logo is larger than 300 KB. Make it smaller."))
    data = upload.read()
    if data.lstrip()[:5].lower() in (b"<?xml", b"<svg ") or b"<svg" in data[:1024].lower():
        raise ValidationError(
            _("SVG logos are refused: they can contain scripts. Upload a PNG or WebP.")
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            image.verify()
            width, height = image.size
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(_("This file is not a PNG or WebP image.")) from error
    if kind not in LOGO_FORMATS:
        raise ValidationError(_("This file is not a PNG or WebP image."))
    if max(width, height) > LOGO_MAX_PIXELS:
        raise ValidationError(_("The logo is larger than 2000 pixels. Make it smaller."))
    return LOGO_FORMATS[kind], data


# How much darker a hovered link or button is than the chosen colour. Darker than a colour
# that passes AA against white still passes.
HOVER_DARKENING = 0.2


def darker(colour, amount=HOVER_DARKENING):
    """#rrggbb mixed with black by `amount`."""
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(channel * (1 - amount)):02x}" for channel in channels)


def colour_tokens(colour):
    """The tokens the Utrecht components read for links, buttons and the page header."""
    hover = darker(colour)
    return {
        "--utrecht-link-color": colour,
        "--utrecht-link-visited-color": colour,
        "--utrecht-link-hover-color": hover,
        "--utrecht-link-focus-color": hover,
        "--utrecht-button-primary-action-background-color": colour,
        "--utrecht-button-primary-action-border-color": colour,
        "--utrecht-button-primary-action-color": WHITE,
        "--utrecht-button-primary-action-hover-background-color": hover,
        "--utrecht-button-primary-action-hover-color": WHITE,
        "--utrecht-button-secondary-action-color": colour,
        "--utrecht-button-secondary-action-border-color": colour,
        "--utrecht-page-header-background-color": colour,
        "--utrecht-page-header-color": WHITE,
        "--utrecht-table-header-border-block-end-color": colour,
    }


def typeface_tokens(font):
    stack = FONT_STACKS[Typeface(font)]
    return {
        "--utrecht-typography-sans-serif-font-family": stack,
        "--utrecht-document-font-family": stack,
        "--utrecht-heading-font-family": stack,
        "--utrecht-button-font-family": stack,
        "--utrecht-form-control-font-family": stack,
    }


def design_tokens(municipality):
    """The municipality's look as design-token custom properties."""
    tokens = typeface_tokens(municipality.theme_font)
    if municipality.theme_colour:
        tokens |= colour_tokens(municipality.theme_colour)
    return tokens


def stylesheet(municipality):
    """The design tokens that give the municipality's buurten their look. Same selector as
    the vendored tokens and the platform defaults; linked after them, so these win."""
    lines = "".join(f"  {name}: {value};\n" for name, value in design_tokens(municipality).items())
    return f".utrecht-theme {{\n{lines}}}\n"


@transaction.atomic
def save_theme(municipality, *, colour, font, logo=None, remove_logo=False):
    """Store the look and make every buurt of the municipality show it at once: the
    cached hosts carry the municipality, and the cached pages carry the stylesheet's
    versioned address."""
    municipality.theme_colour = colour
    municipality.theme_font = font
    municipality.save(update_fields=["theme_colour", "theme_font"])
    if remove_logo:
        MunicipalityLogo.objects.filter(municipality=municipality).delete()
    elif logo is not None:
        content_type, data = logo
        MunicipalityLogo.objects.update_or_create(
            municipality=municipality, defaults={"content_type": content_type, "data": data}
        )
    Municipality.objects.filter(pk=municipality.pk).update(
        theme_version=F("theme_version") + 1,
        theme_has_logo=MunicipalityLogo.objects.filter(municipality=municipality).exists(),
    )
    municipality.refresh_from_db(fields=["theme_version", "theme_has_logo"])
    tenancy_changed()
    for schema_name in municipality.buurten.values_list("schema_name", flat=True):
        purge_buurt(schema_name)


def demo_logo(colour=(11, 94, 58)):
    """A logo the demo draws itself (no download, no licence to track): three houses
    under one roof line, as (content type, PNG bytes)."""
    image = Image.new("RGBA", (160, 80), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    for left in (10, 60, 110):
        draw.rectangle((left, 40, left + 40, 75), fill=colour)
        draw.polygon([(left - 4, 42), (left + 20, 14), (left + 44, 42)], fill=colour)
        draw.rectangle((left + 15, 55, left + 25, 75), fill=(255, 255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return LOGO_FORMATS["PNG"], buffer.getvalue()
