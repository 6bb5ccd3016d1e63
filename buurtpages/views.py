from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Page, Site

from buurtpages.agenda import live_activities
from buurtpages.calendar import calendar_for
from kernel.text import without_control_characters

RESULTS_PER_PAGE = 10


def search(request):
    """Search the current buurt's live pages (the search index lives in its schema)."""
    # NUL cannot go to PostgreSQL; other control characters mean nothing in a search.
    query = without_control_characters(request.GET.get("q", "")).strip()[:200]
    results = (
        Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    )
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("pagina"))
    return TemplateResponse(request, "buurtpages/search.html", {"query": query, "results": page})


def agenda_ics(request):
    """Every live activity of this buurt as one iCalendar feed."""
    site = Site.find_for_request(request)
    name = site.site_name if site else "Agenda"
    feed = calendar_for(live_activities(), request, name=name).to_ical()
    response = HttpResponse(feed, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    return response
