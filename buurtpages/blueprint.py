"""The ready-made site every buurt starts with: a home page and its sections."""

from django.conf import settings
from wagtail.models import Locale, Page, Site

from buurtpages.models import (
    ActivityIndexPage,
    BuurtgidsPage,
    BuurtHomePage,
    InitiativeIndexPage,
    PersonIndexPage,
    StoryIndexPage,
)

HOME_INTRO = (
    "Welkom op de website van onze buurt. Hier lees je wat buren samen doen, "
    "wanneer er iets te doen is en bij wie je terecht kunt. Doe mee!"
)
SECTIONS = [
    (
        InitiativeIndexPage,
        "Initiatieven",
        "initiatieven",
        "Plannen en projecten van buren. Zoek je mensen voor jouw idee? Zet het hier.",
    ),
    (ActivityIndexPage, "Agenda", "agenda", "Wat er de komende tijd te doen is in de buurt."),
    (
        PersonIndexPage,
        "Mensen",
        "mensen",
        "Buurtverbinders en professionals bij wie je terecht kunt.",
    ),
    (StoryIndexPage, "Verhalen", "verhalen", "Verhalen van en over buren."),
    (
        BuurtgidsPage,
        "Buurtgids",
        "buurtgids",
        "Wat er al is in de buurt: organisaties, plekken en waar je terecht kunt.",
    ),
]


def ensure_page_tree():
    """A live BuurtHomePage with its section pages as the default site's root (idempotent)."""
    root = Page.get_first_root_node()
    locale = Locale.get_default()
    # Wagtail's "Welcome to your new Wagtail site!" page (its Site goes with it).
    for page in root.get_children().not_type(BuurtHomePage):
        page.delete()
    home = BuurtHomePage.objects.filter(locale=locale).first()
    if home is None:
        home = root.add_child(
            instance=BuurtHomePage(title="Buurt", slug="home", intro=HOME_INTRO, locale=locale)
        )
    ensure_sections(home)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.root_page = home
    site.hostname = site.hostname or "blueprint.invalid"
    site.save()
    return home


def dutch_section(model):
    """The section page of the default (Dutch) tree; translations have their own copies."""
    return model.objects.get(locale=Locale.get_default())


def ensure_sections(home):
    """Add any section page the home lacks (idempotent; never removes or renames one)."""
    for model, title, slug, intro in SECTIONS:
        if not model.objects.child_of(home).exists():
            home.add_child(
                instance=model(
                    title=title, slug=slug, intro=intro, show_in_menus=True, locale=home.locale
                )
            )


def ensure_sections_of_default_site():
    ensure_sections(Site.objects.get(is_default_site=True).root_page.specific)


def configure_site(site_name, hostname):
    """Make the cloned site this buurt's: its name on the home page and its host."""
    site = Site.objects.get(is_default_site=True)
    site.site_name = site_name
    site.hostname = hostname
    site.port = settings.BUURT_URL_PORT
    site.save()
    home = site.root_page.specific
    home.title = home.draft_title = site_name
    home.seo_title = site_name
    home.save(update_fields=["title", "draft_title", "seo_title"])
    return site
