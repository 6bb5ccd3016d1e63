"""The shortest way in for residents: "write something new" on the dashboard, and
"send for review" as the big button of the form."""

import re

from buurtpages.blueprint import dutch_section
from buurtpages.models import ActivityIndexPage
from kernel.roles import CONNECTOR, RESIDENT
from tests.base import inside, logged_in


def first_footer_button(html):
    """The name of the footer's main (first) action button of a page editor."""
    footer = html[html.index('class="footer') :]
    return re.search(r'<button[^>]*type="submit"[^>]*name="([\w-]+)"', footer).group(1)


def test_resident_goes_from_the_dashboard_straight_to_the_activity_form(alpha):
    resident = logged_in(alpha, "rik@example.nl", RESIDENT)
    with inside(alpha):
        agenda = dutch_section(ActivityIndexPage)
    form_url = f"/admin/pages/add/buurtpages/activitypage/{agenda.pk}/"
    dashboard = resident.get("/admin/").content.decode()
    assert "Schrijf iets nieuws" in dashboard and f'href="{form_url}"' in dashboard
    form = resident.get(form_url).content.decode()
    assert first_footer_button(form) == "action-submit"


def test_who_may_publish_keeps_publish_as_the_main_button(alpha):
    verbinder = logged_in(alpha, "vera@example.nl", CONNECTOR)
    with inside(alpha):
        agenda = dutch_section(ActivityIndexPage)
    form = verbinder.get(f"/admin/pages/add/buurtpages/activitypage/{agenda.pk}/")
    assert first_footer_button(form.content.decode()) != "action-submit"
