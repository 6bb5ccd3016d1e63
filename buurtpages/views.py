from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Page, Site

from buurtpages import fallback
from buurtpages.agenda import live_activities
from buurtpages.calendar import calendar_for
from kernel.text import without_control_characters

RESULTS_PER_PAGE = 10
MAX_SEARCH_HITS = 500


def search(request):
    """Search the current buurt's live pages (the search index lives in its schema)."""
    # NUL cannot go to PostgreSQL; other control characters mean nothing in a search.
    query = without_control_characters(request.GET.get("q", "")).strip()[:200]
    results = one_per_page_in_visitor_language(search_every_language(query)) if query else []
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("pagina"))
    return TemplateResponse(request, "buurtpages/search.html", {"query": query, "results": page})


def search_every_language(query):
    """Hits in every language: a visitor of /ar/ also finds what exists only in Dutch."""
    return list(Page.objects.live().public().search(query)[:MAX_SEARCH_HITS])


def one_per_page_in_visitor_language(hits):
    """One result per page, in the order of its best hit, shown in the visitor's
    language where it is translated and live, else in Dutch (or the language it has)."""
    best = {}
    for hit in hits:
        best.setdefault(hit.translation_key, hit)
    return fallback.in_visitor_language(best.values())


def agenda_ics(request):
    """Every live activity of this buurt as one iCalendar feed."""
    site = Site.find_for_request(request)
    name = site.site_name if site else "Agenda"
    feed = calendar_for(live_activities(), request, name=name).to_ical()
    response = HttpResponse(feed, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    return response
