"""Demo pages waiting in every workflow, so `make run` shows each step (idempotent)."""

from wagtail.models import Page

from buurtpages.blueprint import dutch_section
from buurtpages.demo import MEETING_PLACE, WELFARE, paragraphs, picture_fields
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
    # title, kind, languages, meeting times, what they help with
    (
        "Yasmina El Amrani",
        "buurtverbinder",
        ["nl", "ar"],
        "Elke woensdag 10:00–12:00",
        "Ik woon al twintig jaar in de buurt en ken veel mensen. Heb je een idee of een "
        "vraag? Ik zoek met je mee wie je kan helpen. Ik spreek ook Arabisch.",
    ),
    (
        "Henk Bakker",
        "buurtverbinder",
        ["nl"],
        "Elke donderdag 16:00–17:00, voor het samen eten",
        "Ik help bij het samen eten en ken veel ouderen in de buurt. Woon je alleen en wil je "
        "eens aanschuiven? Zeg het me.",
    ),
    (
        "Ruud de Vries",
        "professional",
        ["nl", "en"],
        "Dinsdagmiddag op afspraak",
        "Ik ben sociaal werker. Ik help initiatieven met geld aanvragen, een ruimte vinden en "
        "het contact met de gemeente. Ik wijs ook mensen de weg naar jullie activiteiten.",
    ),
]
# Pages in the workflows, with the texts their authors wrote.
WAITING_STORY_TEXT = (
    "Zullen we in juni een buurtfeest houden op het plein? Iedereen neemt iets te eten mee.",
    ["De gemeente leent ons tafels en een partytent. Wie helpt met opbouwen?"],
)
NEEDS_CHANGES_TEXT = (
    "In het park staan te weinig bankjes. Ouderen kunnen onderweg nergens uitrusten.",
    ["Wij willen drie nieuwe bankjes vragen aan de gemeente. Teken je mee?"],
)
SUPPORT_GOAL = (
    "Eén zaterdag per maand repareren buren samen kapotte spullen: fietsen, lampen, "
    "kleding en koffiezetapparaten."
)
CONSENT_PERSON_HELP = "Ik ken de scholen in de buurt en help ouders die de weg zoeken."


def fill_people(reviewer):
    """People who agreed to their page (consent is recorded here, where it is asked)."""
    if PersonPage.objects.filter(title=PEOPLE[0][0]).exists():
        return 0
    index = dutch_section(PersonIndexPage)
    place = Place.objects.get(name=MEETING_PLACE)
    welfare = Partner.objects.get(name=WELFARE)
    for title, kind, languages, times, help_with in PEOPLE:
        person = PersonPageFactory(
            parent=index,
            title=title,
            kind=kind,
            languages=languages,
            meeting_place=place,
            meeting_times=times,
            help_with=help_with,
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
        StoryPageFactory(
            parent=stories,
            title=WAITING_STORY,
            intro=WAITING_STORY_TEXT[0],
            body=paragraphs(WAITING_STORY_TEXT[1]),
            owner=author,
            live=False,
            **picture_fields("garland"),
        ),
        author,
    )
    sent_back = submit_for_review(
        StoryPageFactory(
            parent=stories,
            title=NEEDS_CHANGES_STORY,
            intro=NEEDS_CHANGES_TEXT[0],
            body=paragraphs(NEEDS_CHANGES_TEXT[1]),
            owner=author,
            live=False,
            **picture_fields("bench"),
        ),
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
        parent=initiatives,
        title=SUPPORT_INITIATIVE,
        goal=SUPPORT_GOAL,
        owner=author,
        live=False,
        **picture_fields("wheel"),
    )
    submit_for_review(initiative, author)
    people = dutch_section(PersonIndexPage)
    person = PersonPageFactory(
        parent=people,
        title=CONSENT_PERSON,
        owner=reviewer,
        contact_email="anouk.jansen@example.nl",
        help_with=CONSENT_PERSON_HELP,
    )
    submit_for_review(person, reviewer)
    return 4


def submit_for_review(page, user):
    """`page` as its author submits it: a revision, then the buurt's workflow started on
    it (tests submit this way too)."""
    page.save_revision(user=user)
    page.get_workflow().start(page, user=user)
    return type(page).objects.get(pk=page.pk)
