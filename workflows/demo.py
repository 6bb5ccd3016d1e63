"""Demo pages waiting in every workflow, so `make run` shows each step (idempotent)."""

from wagtail.models import Page

from buurtpages.blueprint import dutch_section
from buurtpages.demo import MEETING_PLACE, WELFARE
from buurtpages.factories import InitiativePageFactory, PersonPageFactory, StoryPageFactory, publish
from buurtpages.models import (
    InitiativeIndexPage,
    Partner,
    PersonIndexPage,
    PersonPage,
    Place,
    StoryIndexPage,
)
from workflows.consent import agreed

WAITING_STORY = "Voorstel: buurtfeest in juni"
NEEDS_CHANGES_STORY = "Bankjes in het park"
SUPPORT_INITIATIVE = "Repaircafé in het buurthuis"
CONSENT_PERSON = "Anouk Jansen"
PEOPLE = [
    # title, kind, languages, meeting times
    ("Yasmina El Amrani", "buurtverbinder", ["nl", "ar"], "Elke woensdag 10:00–12:00"),
    ("Ruud de Vries", "professional", ["nl", "en"], "Dinsdagmiddag op afspraak"),
]


def fill_people(reviewer):
    """People who agreed to their page (consent is recorded here, where it is asked)."""
    if PersonPage.objects.filter(title=PEOPLE[0][0]).exists():
        return 0
    index = dutch_section(PersonIndexPage)
    place = Place.objects.get(name=MEETING_PLACE)
    welfare = Partner.objects.get(name=WELFARE)
    for title, kind, languages, times in PEOPLE:
        person = PersonPageFactory(
            parent=index,
            title=title,
            kind=kind,
            languages=languages,
            meeting_place=place,
            meeting_times=times,
            organisation=welfare if kind == "professional" else None,
        )
        publish(agreed(person), user=reviewer)
    return len(PEOPLE)


def fill_workflows(author, reviewer):
    """One page in peer review, one in professional support, one waiting for consent
    and one sent back to its author with a reason."""
    if Page.objects.filter(title=WAITING_STORY).exists():
        return 0
    stories = dutch_section(StoryIndexPage)
    submit_for_review(
        StoryPageFactory(parent=stories, title=WAITING_STORY, owner=author, live=False), author
    )
    sent_back = submit_for_review(
        StoryPageFactory(parent=stories, title=NEEDS_CHANGES_STORY, owner=author, live=False),
        author,
    )
    sent_back.current_workflow_task.on_action(
        sent_back.current_workflow_task_state,
        reviewer,
        "reject",
        comment="Mooi idee! Kun je erbij zetten waar in het park precies?",
    )
    initiatives = dutch_section(InitiativeIndexPage)
    initiative = InitiativePageFactory(
        parent=initiatives, title=SUPPORT_INITIATIVE, owner=author, live=False
    )
    submit_for_review(initiative, author)
    people = dutch_section(PersonIndexPage)
    person = PersonPageFactory(
        parent=people,
        title=CONSENT_PERSON,
        owner=reviewer,
        contact_email="anouk.jansen@example.nl",
    )
    submit_for_review(person, reviewer)
    return 4


def submit_for_review(page, user):
    """`page` as its author submits it: a revision, then the buurt's workflow started on
    it (tests submit this way too)."""
    page.save_revision(user=user)
    page.get_workflow().start(page, user=user)
    return type(page).objects.get(pk=page.pk)
