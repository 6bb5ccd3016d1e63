"""A buurt's languages: each one a Wagtail locale plus a translation skeleton of the site.

Adding a language (at launch, or later in the admin's Locales screen) creates draft
translations of the home page and its sections through wagtail-localize, ready for
translators; nothing goes live until a translation is published through the workflow.
Until then visitors of /<language>/ read the Dutch pages with a note.
"""

import threading
from contextlib import contextmanager

from django.db import connection
from django_tenants.utils import get_tenant_model
from wagtail.models import Locale, Site
from wagtail_localize.operations import translate_object

from buurtpages.blueprint import SECTIONS

_state = threading.local()


@contextmanager
def skeletons_deferred():
    """Locales created inside get no skeleton yet: a launch adds them after it commits,
    so the clone-and-customise transaction stays short."""
    _state.deferred = True
    try:
        yield
    finally:
        _state.deferred = False


def skeletons_are_deferred():
    return getattr(_state, "deferred", False)


def ensure_locales(language_codes):
    for code in language_codes:
        Locale.objects.get_or_create(language_code=code)


def create_all_skeletons():
    """Skeletons for every non-default locale of the current buurt (idempotent)."""
    for locale in Locale.objects.exclude(pk=Locale.get_default().pk):
        create_skeleton(locale)


def skeleton_pages():
    home = Site.objects.get(is_default_site=True).root_page.specific
    section_types = tuple(model for model, *_rest in SECTIONS)
    sections = [child.specific for child in home.get_children()]
    return [home, *[page for page in sections if isinstance(page, section_types)]]


def create_skeleton(locale):
    """Draft translations of the home page and sections (idempotent)."""
    for page in skeleton_pages():
        if page.locale_id != locale.pk and not page.has_translation(locale):
            translate_object(page, [locale])


def sync_buurt_languages():
    """Keep the buurt's row in the portal in line with the schema's locales.

    The row is the connection's current tenant; its model comes from django-tenants'
    TENANT_MODEL setting, so the pages need not know the app that defines it.
    """
    Buurt = get_tenant_model()
    buurt = getattr(connection, "tenant", None)
    if not isinstance(buurt, Buurt) or buurt.status != Buurt.Status.LIVE:
        return
    codes = list(Locale.objects.order_by("pk").values_list("language_code", flat=True))
    default = Locale.get_default().language_code
    ordered = [default, *[code for code in codes if code != default]]
    if buurt.languages != ordered:
        buurt.languages = ordered
        buurt.save(update_fields=["languages"])
