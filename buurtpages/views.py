from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

RESULTS_PER_PAGE = 10


def search(request):
    """Search the current buurt's live pages (the search index lives in its schema)."""
    query = request.GET.get("q", "").strip()[:200]
    results = (
        Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    )
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("pagina"))
    return TemplateResponse(request, "buurtpages/search.html", {"query": query, "results": page})
