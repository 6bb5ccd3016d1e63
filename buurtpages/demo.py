"""Demo content for one buurt, used by `seed_demo` (the caller fixes the random seed)."""

from datetime import timedelta

from django.utils import timezone

from buurtpages.blueprint import dutch_section
from buurtpages.factories import (
    ActivityPageFactory,
    HelpOfferFactory,
    InitiativePageFactory,
    PartnerFactory,
    PlaceFactory,
    ThemeFactory,
    publish,
)
from buurtpages.models import (
    ActivityIndexPage,
    HelpOffer,
    InitiativeHelpWanted,
    InitiativeIndexPage,
    InitiativePage,
    InitiativeStatus,
    InitiativeTeamMember,
    Partner,
    Signal,
    TeamRole,
)

# The people pages (with their consent) are added by the workflows demo: they meet here.
MEETING_PLACE = "Buurthuis De Linde"
WELFARE = "Welzijn in de Wijk"
THEMES = ["Eenzaamheid", "Groen", "Jongeren", "Veiligheid", "Ontmoeting"]
INITIATIVES = [
    # title, status, theme, team (name, role); the second leans on two people
    (
        "Samen eten op donderdag",
        InitiativeStatus.ACTIVE,
        "Ontmoeting",
        [("Fatma", TeamRole.ORGANISER), ("Henk", TeamRole.CONNECTOR), ("Joyce", TeamRole.EXPERT)],
    ),
    (
        "Geveltuintjes in de straat",
        InitiativeStatus.LOOKING,
        "Groen",
        [("Piet", TeamRole.ORGANISER), ("Samira", TeamRole.ORGANISER)],
    ),
    (
        "Huiswerkklas voor tieners",
        InitiativeStatus.IDEA,
        "Jongeren",
        [("Ahmed", TeamRole.CONNECTOR), ("Lotte", TeamRole.EXPERT), ("Kees", TeamRole.ORGANISER)],
    ),
]


def fill_buurt(reviewer, author):
    """Themes, places, partners and initiatives with recurring activities."""
    if InitiativePage.objects.exists():
        return 0
    themes = {name: ThemeFactory(name=name, slug=name.lower()) for name in THEMES}
    places = [PlaceFactory(name=MEETING_PLACE), PlaceFactory(name="Speeltuin Het Eiland")]
    welfare = PartnerFactory(
        name=WELFARE,
        kind=Partner.Kind.WELFARE,
        description="Sociaal werkers en vrijwilligerscoördinatie; inloop op werkdagen.",
    )
    PartnerFactory(
        name="Woonstichting Thuis",
        kind=Partner.Kind.HOUSING,
        description="Verhuurder van de meeste huizen in de buurt; wijkbeheerder elke dinsdag.",
    )
    index = dutch_section(InitiativeIndexPage)
    for number, (title, status, theme, team) in enumerate(INITIATIVES):
        initiative = InitiativePageFactory(parent=index, title=title, status=status, owner=author)
        initiative.themes.add(themes[theme])
        initiative.partners.add(welfare)
        for name, role in team:
            InitiativeTeamMember.objects.create(initiative=initiative, name=name, role=role)
        initiative.help_wanted.create(what="Iemand die wil koken", people_needed=2, hours=2)
        publish(initiative, user=reviewer)
        if number == 0:
            add_offers(initiative)
        add_activity(initiative, places[number % len(places)], themes[theme], number, reviewer)
    add_activity(
        dutch_section(ActivityIndexPage),
        places[0],
        themes["Eenzaamheid"],
        3,
        reviewer,
        title="Koffieochtend",
        frequency="biweekly",
    )
    add_signals()
    return len(INITIATIVES)


def add_offers(initiative):
    """Neighbours answered the cooking ask: one is welcomed, two wait for the team. (The
    second initiative, on two people without connector or expert, stays at the start
    gate: it cannot become active until its team is complete.)"""
    ask = InitiativeHelpWanted.objects.get(initiative=initiative)
    HelpOfferFactory(
        ask=ask,
        name="Yasmina",
        languages="Nederlands, Arabisch",
        role=TeamRole.CONNECTOR,
        status=HelpOffer.Status.WELCOMED,
        answered_at=timezone.now(),
    )
    HelpOfferFactory(ask=ask, name="Bogdan", languages="Pools, Nederlands")
    HelpOfferFactory(initiative=initiative, name="Ellen", phone="0612345678", email="")


SIGNALS = [
    (Signal.Category.LONELINESS, "De oudere meneer op de hoek zie ik al weken niet meer buiten."),
    (Signal.Category.GREENERY, "Het grasveld achter de school ligt vol zwerfafval."),
    (Signal.Category.IDEA, "Zullen we in de zomer een straatfeest organiseren?"),
]


def add_signals():
    for category, description in SIGNALS:
        Signal.objects.create(
            category=category, description=description, sender_hash=Signal.hash_sender("demo")
        )


def add_activity(parent, place, theme, number, reviewer, title=None, frequency="weekly"):
    start = (timezone.localtime() + timedelta(days=number + 1)).replace(
        hour=10 + number * 3, minute=0, second=0, microsecond=0
    )
    activity = ActivityPageFactory(
        parent=parent,
        title=title or f"{parent.title}: bijeenkomst",
        start=start,
        end=start + timedelta(hours=2),
        frequency=frequency,
        place=place,
        accessibility="Rolstoeltoegankelijk.",
        capacity=20,
    )
    activity.themes.add(theme)
    publish(activity, user=reviewer)
