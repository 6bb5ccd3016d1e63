"""`seed_demo`: a municipality with three buurten, one in Arabic, each with content."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, WorkflowState

from buurtpages.models import ActivityPage, InitiativePage, PersonPage, Signal, StoryPage
from tenants.models import Buurt, Municipality
from tests.base import client_for, inside


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


def test_seed_demo_is_complete_and_idempotent(db):
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first

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
            "Review door buurtverbinder",
            "Advies van professionals",
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
