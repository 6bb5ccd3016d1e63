"""Server-side PDFs (WeasyPrint): printed matter must not depend on a visitor's browser.

Fonts come from fontconfig: the Noto families from Debian's fonts-noto-core cover Latin,
Cyrillic, Arabic script (Arabic, Farsi) and Ethiopic (Tigrinya), so no language prints
as empty boxes. Pango shapes Arabic and lays out right-to-left text from `dir`.
"""

from weasyprint import HTML


def html_to_pdf(html):
    """The PDF bytes of a complete HTML document (styles inline, images inline as SVG)."""
    return HTML(string=html).write_pdf()
