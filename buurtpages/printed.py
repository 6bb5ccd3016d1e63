"""What every printed thing of a buurt shares (the buurtagenda, the buurtkrant, referral
slips): which months and languages may be printed, a page in the reader's language with
Dutch as the fallback, rendering a print template in that language, and the cache and
per-visitor limit around generating a PDF (CPU work a visitor could otherwise repeat
at will)."""

from datetime import date

from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.models import Locale

from kernel.counters import count, hashed
from kernel.network import client_address
from kernel.printing import html_to_pdf
from kernel.shared_cache import content_generation, shared_cache

# Months further away than this are refused: nobody prints them, and they would only
# give a visitor ways to make the server work.
YEARS_BACK = 2
YEARS_AHEAD = 10


class TooManyPrints(Exception):
    """This visitor generated many PDFs in a short time."""


def month_start(year, month, today=None):
    """The first day of the month, or None for a month that does not exist or lies
    outside what a buurt would print."""
    today = today or timezone.localdate()
    if not 1 <= month <= 12 or not today.year - YEARS_BACK <= year <= today.year + YEARS_AHEAD:
        return None
    return date(year, month, 1)


def months_to_print(count, today=None):
    """The first days of this month and the ones after it: what people print."""
    first_day = (today or timezone.localdate()).replace(day=1)
    months = [first_day]
    while len(months) < count:
        months.append(next_month(months[-1]))
    return months


def next_month(first_day):
    return date(first_day.year + first_day.month // 12, first_day.month % 12 + 1, 1)


def last_day_of(first_day):
    return date.fromordinal(next_month(first_day).toordinal() - 1)


def buurt_language(language_code):
    """The buurt's Locale for a language code, or None when the buurt does not offer it."""
    return Locale.objects.filter(language_code=language_code).first()


def in_language(page, locale):
    """The live translation in `locale` and False, or the page itself and whether it is
    in another language than the reader's (then it prints in Dutch, marked as such)."""
    translation_page = page.get_translation_or_none(locale)
    if translation_page is not None and translation_page.live:
        return translation_page.specific, False
    return page.specific, page.locale_id != locale.pk


def render_pdf(template, context, language_code):
    """The PDF of a print template, its interface in `language_code` and laid out
    right-to-left for Arabic and Farsi."""
    with translation.override(language_code):
        bidi = translation.get_language_bidi()
        direction = {"language_code": language_code, "bidi": bidi, "dir": "rtl" if bidi else "ltr"}
        html = render_to_string(template, {**context, **direction})
    return html_to_pdf(html)


def print_cache_key(kind, what):
    """A key that changes with the buurt's content generation: any change to what the
    public sees retires every printed file of the buurt."""
    tenant = connection.tenant
    schema = connection.schema_name
    generation = content_generation(schema)
    return f"print:{kind}:{schema}:{tenant.pk}:{generation}:{what}"


def cached_or_generated(request, key, generate):
    """The cached PDF under `key`, or `generate()` unless this visitor generated too many
    lately (a cached file costs nothing and is never limited)."""
    cache = shared_cache()
    pdf = cache.get(key)
    if pdf is not None:
        return pdf
    generated = count(
        f"print-generations:{hashed(client_address(request))}", settings.PRINT_WINDOW_SECONDS
    )
    if generated > settings.PRINTS_PER_WINDOW:
        raise TooManyPrints
    pdf = generate()
    cache.set(key, pdf, timeout=settings.PRINT_CACHE_SECONDS)
    return pdf
