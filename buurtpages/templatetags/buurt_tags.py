import base64

from django import template
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.models import Locale

from buurtpages.fallback import mark_untranslated_fields, text_field_names
from buurtpages.translation_status import behind_dutch
from kernel.languages import own_names, web_font_stylesheet

register = template.Library()


@register.simple_tag(takes_context=True)
def page_translations(context, page):
    """Live versions of `page` in every language, as (code, own name, url, is current)."""
    request = context.get("request")
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    by_code = {translation.locale.language_code: translation for translation in translations}
    return [
        (code, name, by_code[code].get_url(request), code == page.locale.language_code)
        for code, name in own_names(by_code)
    ]


@register.filter
def text_direction(language_code):
    try:
        return "rtl" if get_language_info(language_code)["bidi"] else "ltr"
    except KeyError:
        return "ltr"


@register.filter
def font_stylesheet(language_code):
    """The stylesheet with the web font that pages in this language need, or ""."""
    return web_font_stylesheet(language_code)


@register.simple_tag
def inline_rendition(image, spec):
    """A rendition as a data: URI, for pages shown before review (the consent question):
    renditions under /media/ are public only once a live page shows their image."""
    rendition = image.get_rendition(spec)
    with rendition.file.open("rb") as stored:
        data = base64.b64encode(stored.read()).decode("ascii")
    kind = rendition.file.name.rsplit(".", 1)[-1].lower().replace("jpg", "jpeg")
    return f"data:image/{kind};base64,{data}"


# --- Dutch fallback inside pages in other languages ----------------------------------


def _locale_codes(context):
    """Locale id → language code, read once per request (listings ask per item)."""
    request = context.get("request")
    codes = getattr(request, "_buurt_locale_codes", None)
    if codes is None:
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        if request is not None:
            request._buurt_locale_codes = codes
    return codes


def _item_language(context, item):
    locale_id = getattr(item, "locale_id", None)
    return _locale_codes(context).get(locale_id) if locale_id is not None else None


def _surrounding_language(context):
    return context.get("content_language") or translation.get_language()


def _language_attributes(language):
    return format_html(' lang="{}" dir="{}"', language, text_direction(language))


@register.simple_tag(takes_context=True)
def lang_attrs(context, item):
    """` lang=".." dir=".."` for an element showing `item`, when its language differs
    from the text around it (a Dutch item in an Arabic listing): screen readers then
    switch voice, and the browser lays the Dutch text out left to right."""
    language = _item_language(context, item)
    if language is None or language == _surrounding_language(context):
        return ""
    return _language_attributes(language)


def _is_untranslated(page, field_name):
    """Whether a field of a translated page still holds the Dutch text. Listings mark
    their pages in one go (fallback.mark_untranslated_fields); a page shown on its own
    is looked at here, once."""
    if not hasattr(page, "untranslated_fields"):
        mark_untranslated_fields([page], text_field_names(page))
    return field_name in page.untranslated_fields


@register.simple_tag(takes_context=True)
def field_lang_attrs(context, page, field_name):
    """The same for one field of a translated page that still holds the Dutch text."""
    if not _is_untranslated(page, field_name):
        return ""
    language = Locale.get_default().language_code
    if language == _surrounding_language(context):
        return ""
    return _language_attributes(language)


def _fallback_note(context, language):
    """Only Dutch is ever a fallback (the default language of every buurt)."""
    visitor = translation.get_language()
    if language is None or language == visitor:
        return ""
    return format_html(
        ' <span class="fallback-note" lang="{}" dir="{}">({})</span>',
        visitor,
        text_direction(visitor),
        _("in Dutch"),
    )


@register.simple_tag(takes_context=True)
def fallback_note(context, item):
    """A short note in the visitor's language that `item` is shown in Dutch."""
    return _fallback_note(context, _item_language(context, item))


@register.simple_tag(takes_context=True)
def field_fallback_note(context, page, field_name):
    if not _is_untranslated(page, field_name):
        return ""
    return _fallback_note(context, Locale.get_default().language_code)


@register.simple_tag(takes_context=True)
def visitor_url(context, page):
    """The page's address in the visitor's language: a Dutch page in an Arabic listing
    opens as /ar/... (served from the Dutch tree), so the interface stays Arabic."""
    request = context.get("request")
    url = page.get_url(request)
    language = _item_language(context, page)
    visitor = translation.get_language()
    if not url or language is None or language == visitor or not url.startswith("/"):
        return url or ""
    return _url_in_language(url, language, visitor)


def _url_in_language(url, page_language, visitor):
    path, _sep, query = url.partition("?")
    with translation.override(page_language):
        try:
            match = resolve(path)
        except Resolver404:
            return url
    with translation.override(visitor):
        translated = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    return translated + (f"?{query}" if query else "")


@register.simple_tag(takes_context=True)
def dutch_attrs(context):
    """For text kept only in Dutch (organisations and places of the buurtgids)."""
    language = Locale.get_default().language_code
    if language == _surrounding_language(context):
        return ""
    return _language_attributes(language)


@register.simple_tag(takes_context=True)
def outdated_translation_note(context, page):
    """On a translation whose Dutch page changed since it was translated: say so in the
    visitor's language and link to the Dutch page, which has the latest content."""
    if not getattr(page, "pk", None) or page.locale_id == Locale.get_default().pk:
        return ""
    behind = behind_dutch([page])
    if not behind:
        return ""
    dutch = behind[0].dutch
    return format_html(
        '<p class="translation-note translation-note--outdated" role="note">{} '
        '<a href="{}" hreflang="nl">{}</a></p>',
        _("The Dutch page has changed since this translation was made."),
        dutch.get_url(context.get("request")),
        _("Read the Dutch page"),
    )
