"""Content pages: where they may be created, initiative lifecycle and team balance,
consent before a person goes live, and the agenda with its filters."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from buurtpages.blueprint import dutch_section
from buurtpages.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    PersonPageFactory,
    PlaceFactory,
    ThemeFactory,
    publish,
)
from buurtpages.models import (
    ActivityIndexPage,
    ActivityPage,
    BuurtgidsPage,
    BuurtHomePage,
    InitiativeIndexPage,
    InitiativePage,
    InitiativeStatus,
    InitiativeTeamMember,
    PersonIndexPage,
    PersonPage,
    StoryIndexPage,
    StoryPage,
    TeamRole,
)
from kernel.roles import BUURT_ADMIN
from tests.base import client_for, inside, logged_in
from workflows.consent import agreed, record_consent

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_pages_can_only_be_created_where_they_belong(alpha):
    with inside(alpha):
        sections = {
            model: dutch_section(model)
            for model in (InitiativeIndexPage, ActivityIndexPage, PersonIndexPage, StoryIndexPage)
        }
        initiative = InitiativePageFactory(parent=sections[InitiativeIndexPage])
        allowed = {
            InitiativePage: {InitiativeIndexPage},
            ActivityPage: {ActivityIndexPage, InitiativePage},
            PersonPage: {PersonIndexPage},
            StoryPage: {StoryIndexPage},
        }
        parents = {
            **sections,
            InitiativePage: initiative,
            BuurtHomePage: dutch_section(BuurtHomePage),
        }
        for model, allowed_parents in allowed.items():
            for parent_model, parent in parents.items():
                expected = parent_model in allowed_parents
                assert model.can_create_at(parent) == expected, (model, parent_model)
        # Sections sit under the home page, one of each: the blueprint made them already.
        home = parents[BuurtHomePage]
        for section in (*sections, BuurtgidsPage):
            assert section.parent_page_types == ["buurtpages.BuurtHomePage"]
            assert not section.can_create_at(home)


def test_initiative_keeps_the_date_of_every_status_change(alpha):
    with inside(alpha):
        initiative = InitiativePageFactory(
            parent=dutch_section(InitiativeIndexPage), status=InitiativeStatus.IDEA
        )
        for status in (InitiativeStatus.IDEA, InitiativeStatus.LOOKING, InitiativeStatus.ACTIVE):
            initiative.status = status
            publish(initiative)
        history = [change.status for change in initiative.status_changes.all()]
        assert history == ["idea", "looking", "active"]
        assert all(
            change.changed_at <= timezone.now() for change in initiative.status_changes.all()
        )


def add_team(initiative, members):
    for name, role in members:
        InitiativeTeamMember.objects.create(initiative=initiative, name=name, role=role)


def test_initiative_on_few_people_is_vulnerable(alpha):
    with inside(alpha):
        index = dutch_section(InitiativeIndexPage)
        fragile = InitiativePageFactory(parent=index)
        add_team(fragile, [("Ans", TeamRole.ORGANISER), ("Bas", TeamRole.ORGANISER)])
        warnings = " ".join(str(w) for w in fragile.team_warnings())
        assert "2" in warnings and "3" in warnings
        assert "Inhoudelijk expert" in warnings and "Netwerker" in warnings
        sturdy = InitiativePageFactory(parent=index)
        add_team(
            sturdy,
            [("Ans", TeamRole.EXPERT), ("Bas", TeamRole.CONNECTOR), ("Cem", TeamRole.ORGANISER)],
        )
        assert sturdy.team_warnings() == []
    client = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    assert "Kwetsbaar" in client.get(f"/admin/pages/{fragile.pk}/edit/").content.decode()
    assert "Kwetsbaar" not in client.get(f"/admin/pages/{sturdy.pk}/edit/").content.decode()


def test_person_page_cannot_go_live_without_consent(alpha):
    with inside(alpha):
        person = PersonPageFactory(parent=dutch_section(PersonIndexPage), title="Fatma Yilmaz")
        with pytest.raises(ValidationError):
            publish(person)
        assert not PersonPage.objects.get(pk=person.pk).live
    client = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    response = client.post(
        f"/admin/pages/{person.pk}/edit/",
        {
            "title": "Fatma Yilmaz",
            "slug": person.slug,
            "kind": "buurtverbinder",
            "action-publish": "1",
        },
    )
    assert response.status_code == 200
    assert "toestemming" in response.content.decode()
    with inside(alpha):
        assert not PersonPage.objects.get(pk=person.pk).live
        record_consent(person, given_by="fatma@example.nl")
        publish(person)
        assert PersonPage.objects.get(pk=person.pk).live


def test_activity_end_must_follow_start(alpha):
    with inside(alpha):
        start = timezone.now() + timedelta(days=1)
        with pytest.raises(ValidationError) as refused:
            ActivityPageFactory(parent=dutch_section(ActivityIndexPage), start=start, end=start)
        assert "end" in refused.value.message_dict


def agenda_titles(buurt, **query):
    response = client_for(buurt).get("/agenda/", query)
    assert response.status_code == 200
    return [item.activity.title for item in response.context["items"]]


# The weekly activity starts tomorrow, so its eighth week always falls inside the
# eight-week window; starting "next Monday at 10:00" left it outside on Monday mornings.
@pytest.mark.parametrize(
    "now",
    [
        datetime(2027, 1, 11, 9, 30, tzinfo=AMSTERDAM),  # a Monday, before 10:00
        datetime(2027, 1, 13, 23, 45, tzinfo=AMSTERDAM),  # a Wednesday, late evening
    ],
    ids=["monday-morning", "wednesday-night"],
)
def test_agenda_lists_upcoming_occurrences_with_filters(alpha, beta, now):
    with time_machine.travel(now, tick=False):
        tomorrow = (timezone.localtime() + timedelta(days=1)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
        with inside(alpha):
            index = dutch_section(ActivityIndexPage)
            green = ThemeFactory(name="Groen", slug="groen")
            garden = ActivityPageFactory(
                parent=index,
                title="Moestuin",
                start=tomorrow,
                end=tomorrow + timedelta(hours=2),
                frequency="weekly",
            )
            garden.themes.add(green)
            publish(garden)
            publish(
                ActivityPageFactory(
                    parent=index,
                    title="Koken",
                    start=tomorrow + timedelta(days=2),
                    end=tomorrow + timedelta(days=2, hours=2),
                    cost=5,
                )
            )
            publish(
                ActivityPageFactory(
                    parent=index,
                    title="Voorbij",
                    start=tomorrow - timedelta(days=30),
                    end=tomorrow - timedelta(days=30, hours=-1),
                )
            )
        titles = agenda_titles(alpha)
        assert titles.count("Moestuin") == 8  # weekly, eight weeks ahead
        assert "Koken" in titles and "Voorbij" not in titles
        assert set(agenda_titles(alpha, thema="groen")) == {"Moestuin"}
        assert set(agenda_titles(alpha, kosten="betaald")) == {"Koken"}
        assert set(agenda_titles(alpha, kosten="gratis")) == {"Moestuin"}
        assert set(agenda_titles(alpha, dag=str(tomorrow.weekday()))) == {"Moestuin"}
        assert agenda_titles(alpha, dag="onzin") == agenda_titles(alpha)  # bad input ignored
        assert agenda_titles(beta) == []


def render_agenda_queries(buurt, count):
    with inside(buurt):
        index = dutch_section(ActivityIndexPage)
        place = PlaceFactory()
        theme = ThemeFactory(name="Ontmoeting", slug="ontmoeting")
        for number in range(count):
            activity = ActivityPageFactory(
                parent=index, title=f"Activiteit {number}", place=place, frequency="weekly"
            )
            activity.themes.add(theme)
            activity.save()
    return render_queries(buurt, "/agenda/")


def test_agenda_query_count_does_not_grow_with_activities(alpha, beta):
    few = render_agenda_queries(alpha, 5)
    many = render_agenda_queries(beta, 50)
    assert many == few, (few, many)


def test_home_shows_what_is_coming_up_and_who_is_looking_for_people(alpha, beta):
    with inside(alpha):
        soon = timezone.localtime() + timedelta(days=2)
        publish(
            ActivityPageFactory(
                parent=dutch_section(ActivityIndexPage),
                title="Buurtborrel",
                start=soon,
                end=soon + timedelta(hours=2),
            )
        )
        publish(
            InitiativePageFactory(
                parent=dutch_section(InitiativeIndexPage),
                title="Bankjes op het plein",
                status=InitiativeStatus.LOOKING,
            )
        )
        publish(
            InitiativePageFactory(
                parent=dutch_section(InitiativeIndexPage),
                title="Klaar project",
                status=InitiativeStatus.FINISHED,
            )
        )
    home = client_for(alpha).get("/").content.decode()
    assert "Binnenkort" in home and "Buurtborrel" in home
    assert "Zoekt mensen" in home and "Bankjes op het plein" in home
    assert "Klaar project" not in home
    other = client_for(beta).get("/").content.decode()
    assert "Buurtborrel" not in other and "Bankjes op het plein" not in other


def test_initiative_and_person_pages_show_what_visitors_need(alpha):
    with inside(alpha):
        initiative = InitiativePageFactory(
            parent=dutch_section(InitiativeIndexPage), title="Repair café", slug="repair-cafe"
        )
        add_team(initiative, [("Wim", TeamRole.EXPERT)])
        initiative.help_wanted.create(what="Handige buren", people_needed=3, hours=4)
        publish(initiative)
        person = PersonPageFactory(
            parent=dutch_section(PersonIndexPage),
            title="Yasmina",
            slug="yasmina",
            languages=["nl", "ar"],
        )
        publish(agreed(person))
    html = client_for(alpha).get("/initiatieven/repair-cafe/").content.decode()
    assert "Handige buren" in html and "3 mensen" in html and "4 uur per week" in html
    assert "Wim (Inhoudelijk expert)" in html
    html = client_for(alpha).get("/mensen/yasmina/").content.decode()
    assert '<span lang="ar">العربية</span>' in html


def test_buurtgids_lists_organisations_and_places(alpha, beta):
    with inside(alpha):
        PlaceFactory(name="Bibliotheek Oost", accessibility="Lift aanwezig")
    html = client_for(alpha).get("/buurtgids/").content.decode()
    assert "Bibliotheek Oost" in html and "Lift aanwezig" in html
    assert "Bibliotheek Oost" not in client_for(beta).get("/buurtgids/").content.decode()


def test_stories_link_to_initiatives_and_pages_carry_open_graph(alpha):
    from buurtpages.factories import StoryPageFactory

    with inside(alpha):
        initiative = publish(
            InitiativePageFactory(
                parent=dutch_section(InitiativeIndexPage), title="Repair café", slug="repair-cafe"
            )
        )
        story = StoryPageFactory(parent=dutch_section(StoryIndexPage), title="Interview met Wim")
        story.initiatives.add(initiative)
        publish(story)
    html = client_for(alpha).get("/initiatieven/repair-cafe/").content.decode()
    assert "Interview met Wim" in html
    assert (
        '<meta property="og:url" content="http://alpha.localhost/initiatieven/repair-cafe/">'
        in html
    )
    assert '<meta property="og:site_name" content="Alphabuurt">' in html


def render_queries(buurt, path):
    client = client_for(buurt)
    client.get(path)  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_people_overview_query_count_does_not_grow_with_people(alpha, beta):
    for buurt, count in ((alpha, 5), (beta, 50)):
        with inside(buurt):
            index = dutch_section(PersonIndexPage)
            for number in range(count):
                publish(agreed(PersonPageFactory(parent=index, title=f"Buur {number}")))
    assert render_queries(alpha, "/mensen/") == render_queries(beta, "/mensen/")


def test_story_query_count_does_not_grow_with_blocks(alpha, beta):
    from wagtail.rich_text import RichText

    from buurtpages.factories import StoryPageFactory

    for buurt, count in ((alpha, 5), (beta, 50)):
        with inside(buurt):
            body = [("paragraph", RichText(f"<p>Alinea {n}</p>")) for n in range(count)]
            body += [
                ("quote", {"quote": f"Citaat {n}", "attribution": "Buur"}) for n in range(count)
            ]
            publish(StoryPageFactory(parent=dutch_section(StoryIndexPage), slug="lang", body=body))
    assert render_queries(alpha, "/verhalen/lang/") == render_queries(beta, "/verhalen/lang/")
