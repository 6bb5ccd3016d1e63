"""Colour contrast as WCAG 2.2 defines it (relative luminance, contrast ratio), for checking
a colour someone chooses before residents have to read text in it."""

import re

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
# WCAG 2.2 AA for normal text (1.4.3).
AA_NORMAL_TEXT = 4.5


def is_hex_colour(value):
    return bool(HEX_COLOUR.match(value or ""))


def relative_luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
