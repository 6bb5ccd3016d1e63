"""`seed_demo`: a municipality with three buurten, one in Arabic, each with content, at
different steps of the stappenplan.

Seeding takes most of this module's time, so its tests share one seeded demo (seeded
twice: the second run must change nothing), rolled back after the module.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Page, WorkflowState

from buurtpages.models import ActivityPage, InitiativePage, PersonPage, Signal, StoryPage
from tenants.across import use_public_schema
from tenants.models import Buurt, Municipality
from tests.base import client_for, inside
from trainings.models import Cohort, CohortMember, InterestSignup, TrainingSession
from trainings.stappenplan import next_step, stappenplan


def snapshot():
    counts = {"municipalities": Municipality.objects.count(), "buurten": Buurt.objects.count()}
    for buurt in Buurt.objects.filter(
        schema_name__in=["bloemenbuurt", "havenkwartier", "oud_zuid"]
    ):
        with inside(buurt):
            counts[buurt.slug] = (
                Page.objects.count(),
                get_user_model().objects.count(),
                StoryPage.objects.live().count(),
                InitiativePage.objects.live().count(),
                ActivityPage.objects.live().count(),
                PersonPage.objects.live().count(),
                Signal.objects.count(),
            )
    return counts


@pytest.fixture(scope="module")
def seeded_twice(django_db_setup, django_db_blocker):
    """The demo seeded, then seeded again; (snapshot after the first, after the second).

    Each test's own transaction nests inside this one, which is rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo")
        first = snapshot()
        call_command("seed_demo")
        again = snapshot()
        use_public_schema()
        yield first, again
        use_public_schema()
        transaction.set_rollback(True)


def test_seed_demo_is_complete_and_idempotent(seeded_twice, db):
    first, again = seeded_twice
    assert again == first

    demo = Buurt.objects.filter(municipality__slug="voorbeeldstad")
    assert demo.count() == 3
    assert any("ar" in buurt.languages for buurt in demo)
    assert {tuple(buurt.languages) for buurt in demo} == {
        ("nl", "ar", "tr"),
        ("nl", "en"),
        ("nl", "pl", "uk"),
    }
    for buurt in demo:
        _pages, _users, stories, initiatives, activities, people, signals = first[buurt.slug]
        assert stories >= 3 and initiatives >= 3 and activities >= 4 and people >= 2
        assert signals >= 3
        with inside(buurt):
            in_progress = {
                state.content_object.title: state.current_task_state.task.name
                for state in WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
            }
            sent_back = WorkflowState.objects.filter(
                status=WorkflowState.STATUS_NEEDS_CHANGES
            ).count()
        assert set(in_progress.values()) == {
            "Nakijken door een buurtverbinder",
            "Advies van een professional",
            "Toestemming van de persoon",
        }
        assert sent_back == 1
        # A story and the sections in every further language, published by a translator.
        for code in buurt.languages[1:]:
            html = client_for(buurt).get(f"/{code}/").content.decode()
            assert f'lang="{code}"' in html and 'class="translation-note"' not in html, code
            with inside(buurt):
                assert StoryPage.objects.live().filter(locale__language_code=code).exists()
        home = client_for(buurt).get("/").content.decode()
        assert buurt.name in home
        assert "Nieuwste verhalen" in home
    portal = client_for("localhost").get("/").content.decode()
    assert all(buurt.name in portal for buurt in demo)


def test_demo_buurten_are_at_different_steps(seeded_twice, db):
    next_steps = {}
    for buurt in Buurt.objects.filter(municipality__slug="voorbeeldstad"):
        with inside(buurt):
            steps = stappenplan()
            following = next_step(steps)
            next_steps[buurt.slug] = following.key if following else None
            counts = (
                InterestSignup.objects.count(),
                Cohort.objects.count(),
                TrainingSession.objects.count(),
                CohortMember.objects.filter(completed_at__isnull=False).count(),
            )
        if buurt.slug == "oud_zuid":
            assert counts == (7, 0, 0, 0)  # seeded twice: nothing twice
        elif buurt.slug == "havenkwartier":
            assert counts[1:3] == (1, 3) and counts[3] == 0
        else:
            assert counts[3] >= 3  # trained buurtverbinders
    assert next_steps == {"oud_zuid": "cohort", "havenkwartier": "trained", "bloemenbuurt": None}


def test_each_demo_buurt_has_offers_of_help_and_an_initiative_at_the_start_gate(seeded_twice, db):
    from buurtpages.models import HelpOffer, InitiativePage
    from buurtpages.steps import Step, step_of

    for buurt in Buurt.objects.filter(municipality__slug="voorbeeldstad"):
        with inside(buurt):
            statuses = sorted(HelpOffer.objects.values_list("status", flat=True))
            assert statuses == ["waiting", "waiting", "welcomed"], buurt.slug
            dutch = InitiativePage.objects.live().filter(locale__language_code="nl").specific()
            blocked = [p for p in dutch if p.status != "active" and step_of(p) == Step.IDEA]
            open_asks = [p for p in dutch if any(not a.is_found for a in p.ask_progress())]
            assert blocked and open_asks, buurt.slug
