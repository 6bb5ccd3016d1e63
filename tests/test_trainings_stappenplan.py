"""The stappenplan is computed from a buurt's data: each step is reached by real data."""

from datetime import timedelta

from django.utils import timezone

from buurtpages.blueprint import dutch_section
from buurtpages.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    PartnerFactory,
    publish,
)
from buurtpages.models import ActivityIndexPage, InitiativeIndexPage, InitiativeTeamMember
from kernel.roles import BUURT_ADMIN, PROFESSIONAL, role_group
from tests.base import inside, logged_in
from trainings.availability import plan_sessions
from trainings.completion import complete_training
from trainings.factories import CohortFactory, ResidentsEveningFactory, add_members
from trainings.models import Attendance, Cohort
from trainings.stappenplan import next_step, stappenplan
from workflows.factories import UserFactory


def reached(buurt):
    with inside(buurt):
        return {step.key for step in stappenplan() if step.reached}


def test_a_fresh_buurt_is_only_live(alpha):
    assert reached(alpha) == {"live"}
    with inside(alpha):
        assert next_step(stappenplan()).key == "evening"


def test_every_step_is_reached_by_the_data_that_shows_it(alpha, beta):
    with inside(alpha):
        ResidentsEveningFactory(starts_at=timezone.now() + timedelta(days=3))
    assert "evening" not in reached(alpha)  # planned, not held
    with inside(alpha):
        ResidentsEveningFactory()
    assert "evening" in reached(alpha)

    with inside(alpha):
        cohort = CohortFactory()
        add_members(cohort, residents=5, professionals=1)
    assert "cohort" not in reached(alpha)  # still forming
    with inside(alpha):
        cohort.status = Cohort.Status.CONFIRMED
        cohort.save()
    assert "cohort" in reached(alpha)

    with inside(alpha):
        today = timezone.localdate()
        sessions = plan_sessions(cohort, [today - timedelta(days=n) for n in (21, 14, 7)])
    assert "days" in reached(alpha) and "trained" not in reached(alpha)
    with inside(alpha):
        graduate = cohort.residents()[0]
        for session in sessions:
            Attendance.objects.create(session=session, member=graduate)
        complete_training(cohort)
    assert "trained" in reached(alpha)

    with inside(alpha):
        initiative = InitiativePageFactory(parent=dutch_section(InitiativeIndexPage), live=False)
    assert "initiative" not in reached(alpha)  # a draft is not published
    with inside(alpha):
        publish(initiative)
    assert "initiative" in reached(alpha)

    with inside(alpha):
        upcoming = ActivityPageFactory(parent=dutch_section(ActivityIndexPage))
        publish(upcoming)
    assert "activity" not in reached(alpha)  # only in the future
    with inside(alpha):
        start = timezone.now() - timedelta(days=10)
        held = ActivityPageFactory(
            parent=dutch_section(ActivityIndexPage), start=start, end=start + timedelta(hours=2)
        )
        publish(held)
    assert "activity" in reached(alpha)

    with inside(alpha):
        UserFactory(username="pro@alpha.nl", roles=[PROFESSIONAL], is_active=False)
    assert "professionals" not in reached(alpha)  # an inactive account links nobody
    with inside(alpha):
        UserFactory(username="wijkregisseur@alpha.nl", roles=[PROFESSIONAL])
        PartnerFactory()
    assert reached(alpha) == {
        "evening",
        "cohort",
        "days",
        "trained",
        "live",
        "initiative",
        "activity",
        "professionals",
        "partners",
    }
    with inside(alpha):
        assert next_step(stappenplan()) is None
    assert reached(beta) == {"live"}  # nothing of alpha counts for beta


def test_the_dashboard_shows_the_stappenplan_and_the_team_balance(alpha):
    with inside(alpha):
        ResidentsEveningFactory()
        from trainings.factories import RosterMemberFactory

        RosterMemberFactory(name="Ans", roles=["expert", "connector"])
        RosterMemberFactory(name="Bo", roles=["connector"])
    client = logged_in(alpha, "beheer@alpha.nl", role=BUURT_ADMIN)
    html = client.get("/admin/").content.decode()
    assert "Stappenplan: 2 van 9 stappen gezet" in html
    assert "Volgende stap: Groep gevormd" in html
    assert "Niet in balans" in html and "nog niemand" in html
    assert "2 mensen" in html  # two connectors


def test_the_initiative_editor_shows_the_role_balance_next_to_the_notice(alpha):
    with inside(alpha):
        initiative = InitiativePageFactory(parent=dutch_section(InitiativeIndexPage))
        for name, role in [("Ans", "organiser"), ("Bas", "organiser")]:
            InitiativeTeamMember.objects.create(initiative=initiative, name=name, role=role)
        assert role_group(BUURT_ADMIN)
    client = logged_in(alpha, "beheer@alpha.nl", role=BUURT_ADMIN)
    html = client.get(f"/admin/pages/{initiative.pk}/edit/").content.decode()
    assert "Kwetsbaar" in html
    assert "Ondernemer / organisator: 2 mensen" in html
    assert "Netwerker: <strong>nog niemand</strong>" in html
