"""Dutch fallback: a visitor of /<language>/ sees everything the Dutch site lists.

Translators rarely keep up with residents, so a listing taken from the translated tree
alone would look empty. Every listing is therefore built from the Dutch (default-locale)
content and each item is swapped for its live translation where one exists; the rest
stay Dutch and the templates mark them (lang/dir, a short note) through `buurt_tags`.
"""

import json

from django.db import models
from wagtail.models import Locale, Page


def default_locale():
    return Locale.get_default()


def visitor_locale():
    """The locale of the language the visitor reads the interface in (or the default)."""
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return default_locale()


def in_dutch(page):
    """The page itself when it is Dutch, otherwise its Dutch original (or itself)."""
    default = default_locale()
    if page.locale_id == default.pk:
        return page
    original = page.get_translation_or_none(default)
    return original.specific if original is not None else page


def _translations(model, keys, locale):
    translations = model._default_manager.filter(locale=locale, translation_key__in=keys)
    if issubclass(model, Page):
        translations = translations.live().public()
        if model is Page:
            translations = translations.specific()
    related = getattr(model, "fallback_select_related", ())
    return translations.select_related(*related) if related else translations


def in_visitor_language(items, locale=None):
    """Each item as its translation in `locale` (live, for pages), else as it came.

    `items` are pages or translatable snippets, usually in the default locale; the
    result keeps their order and length. One query per model, whatever the number of
    items, so listings stay free of per-item queries.
    """
    items = list(items)
    locale = locale or visitor_locale()
    to_swap = [item for item in items if item.locale_id != locale.pk]
    if not to_swap:
        return items
    models = {_model_of(item) for item in to_swap}
    model = models.pop() if len(models) == 1 else Page
    keys = {item.translation_key for item in to_swap}
    found = {found.translation_key: found for found in _translations(model, keys, locale)}
    return [found.get(item.translation_key, item) for item in items]


def _model_of(item):
    return type(item)


def mark_untranslated_fields(pages, field_names):
    """Note on each translated page which of `field_names` still hold the Dutch text.

    A translator may publish before translating every field; wagtail-localize then keeps
    the Dutch source text in it. Such a field is recognised by being equal to the Dutch
    page's text, now or as it was when the translation was last synced. Sets
    `page.untranslated_fields` (a set of names) on every page; a fixed number of queries.
    """
    pages = list(pages)
    default = default_locale()
    translated = [page for page in pages if page.locale_id != default.pk]
    for page in pages:
        page.untranslated_fields = set()
    if not translated:
        return pages
    keys = {page.translation_key for page in translated}
    dutch = {
        original.translation_key: original
        for original in Page.objects.filter(locale=default, translation_key__in=keys).specific()
    }
    synced = synced_source_texts(keys, default)
    for page in translated:
        for name in field_names:
            value = getattr(page, name, None)
            if not value or not isinstance(value, str):
                continue
            originals = {
                getattr(dutch.get(page.translation_key), name, None),
                synced.get(page.translation_key, {}).get(name),
            }
            if value in originals:
                page.untranslated_fields.add(name)
    return pages


def text_field_names(page):
    """The fields of a page that translators translate as plain text."""
    return [
        field.name
        for field in type(page)._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
        and field.name not in NOT_TRANSLATED_TEXT
    ]


NOT_TRANSLATED_TEXT = {"slug", "url_path", "path", "draft_title", "seo_title", "search_description"}


def synced_source_texts(keys, default):
    """The Dutch source content as wagtail-localize last synced it, per translation key."""
    from wagtail_localize.models import TranslationSource

    sources = TranslationSource.objects.filter(object_id__in=keys, locale=default).values_list(
        "object_id", "content_json"
    )
    return {key: json.loads(content) for key, content in sources}
