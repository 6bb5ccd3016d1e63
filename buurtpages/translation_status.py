"""Is a translation behind its Dutch page? wagtail-localize records when it last took
the Dutch content over (a sync); a Dutch page published after that has changes the
translation does not show yet.
"""

import json
from dataclasses import dataclass, field

from wagtail.fields import StreamField
from wagtail.models import Locale, Page

from buurtpages.fallback import synced_source_texts, text_field_names


@dataclass
class Behind:
    """A translation whose Dutch page changed after the last sync, and what changed."""

    translation: Page
    dutch: Page
    synced_at: object
    changed_fields: list = field(default_factory=list)


def sync_times(keys, default):
    from wagtail_localize.models import TranslationSource

    sources = TranslationSource.objects.filter(object_id__in=keys, locale=default)
    return dict(sources.values_list("object_id", "last_updated_at"))


def behind_dutch(translations):
    """The translations (pages in another language than Dutch) that are behind."""
    translations = [page for page in translations if page is not None]
    default = Locale.get_default()
    translations = [page for page in translations if page.locale_id != default.pk]
    if not translations:
        return []
    keys = {page.translation_key for page in translations}
    synced = sync_times(keys, default)
    dutch_pages = {
        page.translation_key: page
        for page in Page.objects.live().filter(locale=default, translation_key__in=keys).specific()
    }
    synced_texts = synced_source_texts(keys, default)
    behind = []
    for page in translations:
        dutch, synced_at = dutch_pages.get(page.translation_key), synced.get(page.translation_key)
        if dutch is None or synced_at is None or not dutch.last_published_at:
            continue
        if dutch.last_published_at > synced_at:
            changed = changed_fields(dutch, synced_texts.get(page.translation_key, {}))
            behind.append(Behind(page, dutch, synced_at, changed))
    return behind


def changed_fields(dutch, synced_content):
    """Names (as editors know them) of the Dutch page's texts that differ from the sync."""
    names = []
    for name in [*text_field_names(dutch), *_stream_field_names(dutch)]:
        current = getattr(dutch, name, None)
        if hasattr(current, "get_prep_value"):
            current = current.get_prep_value()
        before = synced_content.get(name)
        if isinstance(before, str) and not isinstance(current, str):
            before = json.loads(before)  # a StreamField is stored as JSON text
        if current != before:
            names.append(str(dutch._meta.get_field(name).verbose_name))
    return names


def _stream_field_names(page):
    return [f.name for f in type(page)._meta.concrete_fields if isinstance(f, StreamField)]


def is_behind(page):
    return bool(behind_dutch([page]))
