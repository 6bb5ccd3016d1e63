from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from buurtpages import buurtkrant, buurtmap, fallback, printed, printed_agenda
from buurtpages.agenda import live_activities
from buurtpages.calendar import calendar_for
from kernel.languages import COMMUNITY_LANGUAGES
from kernel.text import search_query

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200  # the search box's maxlength
MAX_SEARCH_HITS = 500


def search(request):
    """Search the current buurt's live pages (the search index lives in its schema)."""
    query = search_query(request.GET.get("q", ""), MAX_QUERY_LENGTH)
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


def map_geojson(request):
    """The buurt's map as GeoJSON: its places and upcoming activities with a point.

    Anonymous and without a query string, so the page cache keeps it like a page and
    purges it with the buurt's other pages when a place or activity changes."""
    return JsonResponse(
        buurtmap.feature_collection(request),
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False},
    )


def agenda_pdf(request, year, month):
    """The printed buurtagenda of one month in the language of the URL's prefix."""
    locale = printed.buurt_language(translation.get_language())
    first_day = printed.month_start(int(year), int(month))
    if locale is None or first_day is None:
        raise Http404(_("There is no printed agenda for this month or language."))
    site = Site.find_for_request(request)
    try:
        pdf = printed_agenda.agenda_pdf(request, first_day, locale, site.site_name)
    except printed.TooManyPrints:
        return too_many_prints(request)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"buurtagenda-{first_day:%Y-%m}-{locale.language_code}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def too_many_prints(request):
    title = _("Please wait a moment")
    message = _(
        "You made many printed agendas in a short time. Please wait a few minutes and try again."
    )
    # The same 429 page as for too many form posts or logins.
    response = render(request, "throttled.html", {"title": title, "message": message}, status=429)
    response["Retry-After"] = str(settings.PRINT_WINDOW_SECONDS)
    return response


def buurtkrant_archive(request):
    """Every published edition of the buurtkrant of this buurt, newest month first."""
    editions = [
        {
            "edition": edition,
            "language": COMMUNITY_LANGUAGES.get(edition.language, (edition.language,) * 2)[1],
        }
        for edition in buurtkrant.published_editions()
    ]
    return TemplateResponse(request, "buurtpages/buurtkrant_archive.html", {"editions": editions})
