from django.utils.functional import SimpleLazyObject
from wagtail.models import Site


def site_sections(request):
    """The buurt's main sections for the menu; only queried when a template uses them."""

    def sections():
        site = Site.find_for_request(request)
        if site is None:
            return []
        home = site.root_page.localized
        return list(home.get_children().live().in_menu())

    if getattr(request, "tenant", None) is None or request.tenant.schema_name == "public":
        return {}
    return {"site_sections": SimpleLazyObject(sections)}
