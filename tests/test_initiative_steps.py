"""An initiative's steps are computed from its team and activities; the start gate keeps
"active" for initiatives with a complete team unless a buurtverbinder starts it anyway."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import inline_formset

from buurtpages.blueprint import dutch_section
from buurtpages.factories import ActivityPageFactory, InitiativePageFactory, publish
from buurtpages.initiative_numbers import step_counts_for_current_buurt
from buurtpages.models import (
    HelpOffer,
    InitiativeIndexPage,
    InitiativePage,
    InitiativeStatus,
    InitiativeTeamMember,
    TeamRole,
)
from buurtpages.steps import Step, step_of
from kernel.roles import CONNECTOR, RESIDENT
from tests.base import initiative_form, inside, logged_in
from tests.test_workflows import form_errors

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=AMSTERDAM)
FULL_TEAM = [
    {"name": "Wim", "role": "expert"},
    {"name": "Fatma", "role": "connector"},
    {"name": "Joost", "role": "organiser"},
]


def add_url(buurt):
    with inside(buurt):
        return (
            f"/admin/pages/add/buurtpages/initiativepage/{dutch_section(InitiativeIndexPage).pk}/"
        )


def statuses(buurt):
    with inside(buurt):
        return dict(InitiativePage.objects.values_list("title", "status"))


def test_active_only_with_a_complete_team_or_a_buurtverbinder_s_reason(alpha):
    resident = logged_in(alpha, "rik@example.nl", RESIDENT)
    url = add_url(alpha)
    half_team = inline_formset(FULL_TEAM[:2])
    refused = resident.post(
        url,
        initiative_form(
            "Moestuin", status="active", team_members=half_team, start_override_reason="Nu!"
        ),
    )
    assert refused.status_code == 200
    assert "wordt actief als het team compleet is" in refused.content.decode()
    complete = resident.post(
        url, initiative_form("Repair café", status="active", team_members=inline_formset(FULL_TEAM))
    )
    assert complete.status_code == 302, form_errors(complete)
    connector = logged_in(alpha, "vera@example.nl", CONNECTOR)
    started = connector.post(
        url,
        initiative_form(
            "Buurtkeuken",
            status="active",
            team_members=half_team,
            start_override_reason="De organisator start volgende maand; de keuken kan nu al open.",
        ),
    )
    assert started.status_code == 302, form_errors(started)
    assert statuses(alpha) == {"Repair café": "active", "Buurtkeuken": "active"}
    with inside(alpha):
        entry = PageLogEntry.objects.get(action="buurtpages.start_without_complete_team")
        assert entry.page.title == "Buurtkeuken" and entry.user.username == "vera@example.nl"
        assert "volgende maand" in entry.data["reason"]
    audit = connector.get(f"/admin/pages/{entry.page_id}/history/").content.decode()
    assert "Actief gemaakt zonder compleet team" in audit


def test_steps_follow_the_team_and_the_activities(alpha):
    with inside(alpha):
        page = InitiativePageFactory(
            parent=dutch_section(InitiativeIndexPage), status=InitiativeStatus.LOOKING
        )
        publish(page)
        assert step_of(page, NOW) == Step.IDEA
        for name, role in [("Wim", TeamRole.EXPERT), ("Fatma", TeamRole.ORGANISER)]:
            InitiativeTeamMember.objects.create(initiative=page, name=name, role=role)
        assert step_of(page, NOW) == Step.IDEA
        HelpOffer.objects.create(
            initiative=page, name="Anna", email="a@example.nl", role="connector", status="welcomed"
        )
        assert step_of(page, NOW) == Step.TEAM_COMPLETE
        start = NOW + timedelta(days=3)
        activity = publish(
            ActivityPageFactory(
                parent=page, start=start, end=start + timedelta(hours=2), frequency="weekly"
            )
        )
        assert step_of(page, NOW) == Step.FIRST_PLANNED
        assert step_of(page, start + timedelta(hours=3)) == Step.FIRST_HELD
        assert step_of(page, start + timedelta(days=8)) == Step.RUNNING
        counts = dict(step_counts_for_current_buurt(start + timedelta(days=8)))
        assert counts[Step.RUNNING] >= 1
        page.status = InitiativeStatus.FINISHED
        page.save()
        assert step_of(page, NOW) == Step.FINISHED
        assert activity.pk
