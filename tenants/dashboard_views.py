"""The municipality dashboard on the portal: every buurt's stap and numbers, chart and CSV.

Both read the numbers stored in the public schema (tenants.dashboard_numbers), never
every buurt's schema: the page shows how old they are.

A portal user sees the buurten of the municipalities they belong to
(tenants.portal_access).
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from kernel.spreadsheet import csv_writer
from kernel.text import search_query
from tenants import portal_access
from tenants.dashboard_numbers import as_numbers, numbers_for, overview
from trainings.dashboard import TOTAL_STEPS

BUURTEN_PER_PAGE = 20

COLUMNS = [
    ("steps_reached", gettext_lazy("Steps reached")),
    ("initiatives", gettext_lazy("Initiatives")),
    ("activities_upcoming", gettext_lazy("Activities coming up")),
    ("activities_held", gettext_lazy("Activities held")),
    ("rsvps", gettext_lazy("Sign-ups for activities")),
    ("buurtverbinders", gettext_lazy("Buurtverbinders")),
    ("open_signals", gettext_lazy("Open signals")),
    ("trainings", gettext_lazy("Training groups")),
    ("trained", gettext_lazy("Trained")),
    ("referrals", gettext_lazy("Referrals")),
    ("initiatives_at_start_gate", gettext_lazy("Initiatives whose team is not complete")),
    ("initiatives_under_way", gettext_lazy("Initiatives under way")),
]


def buurten_for(user):
    """Only buurten of the user's municipalities: a buurt without one is in no dashboard."""
    return (
        portal_access.buurten_for(user)
        .filter(municipality__isnull=False)
        .select_related("municipality")
        .order_by("municipality__name", "name")
    )


class DashboardAccessMixin(LoginRequiredMixin):
    login_url = reverse_lazy("portal:login")


class MunicipalityDashboardView(DashboardAccessMixin, TemplateView):
    """Totals and the spread over the stappenplan for all the user's buurten, then one
    page of the table (searchable by name): a municipality of 500 buurten gets a page as
    fast as one of 10, and the CSV holds every row."""

    template_name = "tenants/portal_dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        buurten = buurten_for(self.request.user)
        summary = overview(buurten)
        query = search_query(self.request.GET.get("q", ""), 100)  # the box's maxlength
        listed = buurten.filter(name__icontains=query) if query else buurten
        paginator = Paginator(listed.select_related("dashboard_numbers"), BUURTEN_PER_PAGE)
        if not query:
            paginator.count = summary.buurten  # counted already, with the totals
        page = paginator.get_page(self.request.GET.get("pagina"))
        numbers = [(buurt, as_numbers(buurt.dashboard_numbers)) for buurt in page]
        context.update(
            summary=summary,
            query=query,
            page=page,
            rows=[(buurt, buurt_numbers, cells(buurt_numbers)) for buurt, buurt_numbers in numbers],
            columns=COLUMNS,
            total_steps=TOTAL_STEPS,
            chart=steps_chart(summary.buurten_per_steps),
            totals=[summary.totals.get(key, "—") for key, _label in COLUMNS],
        )
        return context


def cells(numbers):
    return [getattr(numbers, key) for key, _label in COLUMNS]


class MunicipalityDashboardCsvView(DashboardAccessMixin, View):
    def get(self, request):
        rows = numbers_for(buurten_for(request.user))
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="buurten-{stamp}.csv"'
        response.write("\ufeff")  # so spreadsheet programs read the UTF-8 names correctly
        writer = csv_writer(response)
        writer.writerow(
            [_("Municipality"), _("Buurt"), *[label for _key, label in COLUMNS], _("Next step")]
        )
        for buurt, numbers in rows:
            writer.writerow(
                [
                    buurt.municipality.name,
                    buurt.name,
                    *cells(numbers),
                    numbers.next_step,
                ]
            )
        return response


# The chart: one horizontal bar per number of steps reached, as long as the number of
# buurten that reached exactly that many (its size does not grow with the buurten).
BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, BAR_WIDTH = 24, 10, 80, 360


def steps_chart(buurten_per_steps):
    most = max(buurten_per_steps.values(), default=0) or 1
    bars = []
    for steps in range(TOTAL_STEPS + 1):
        y = steps * (BAR_HEIGHT + BAR_GAP)
        count = buurten_per_steps.get(steps, 0)
        # Whole numbers only: the template would write 1.5 as "1,5" in Dutch, breaking the SVG.
        bars.append(
            {
                "steps": steps,
                "y": y,
                "text_y": y + round(BAR_HEIGHT * 0.7),
                "width": round(BAR_WIDTH * count / most),
                "buurten": count,
            }
        )
    return {
        "bars": bars,
        "height": len(bars) * (BAR_HEIGHT + BAR_GAP),
        "width": LABEL_WIDTH + BAR_WIDTH + 60,
        "label_width": LABEL_WIDTH,
        "bar_width": BAR_WIDTH,
        "bar_height": BAR_HEIGHT,
        "value_x": LABEL_WIDTH + BAR_WIDTH + 8,
        "label_x": LABEL_WIDTH - 8,
    }
