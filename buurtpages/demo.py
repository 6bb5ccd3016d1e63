"""Demo content for one buurt, used by `seed_demo` (the caller fixes the random seed)."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.html import escape
from wagtail.rich_text import RichText

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
from buurtpages.illustrations import illustration
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
LIBRARY = "Bibliotheek De Boekenhoek"
PLAYGROUND = "Speeltuin Het Eiland"
GARDEN = "Schooltuin achter De Vlinder"
WELFARE = "Welzijn in de Wijk"
THEMES = ["Eenzaamheid", "Groen", "Jongeren", "Veiligheid", "Ontmoeting"]
# The buurtgids: places where people meet or find help (name, address, accessibility).
PLACES = [
    (
        MEETING_PLACE,
        "Lindeplein 4",
        "Drempelvrije ingang en een invalidentoilet. Er is een ringleiding in de grote zaal.",
    ),
    (PLAYGROUND, "Eilandstraat 12", "Paden van tegels, ook met een rolstoel goed te doen."),
    (LIBRARY, "Kerkstraat 30", "Lift naar de eerste verdieping. Boeken met grote letters."),
    (
        "Huisartsenpost Oost",
        "Ziekenhuisweg 2",
        "'s Avonds en in het weekend. Bel eerst: 088 123 45 67.",
    ),
    (GARDEN, "Vlinderpad 1", "Verhoogde bakken, zodat je ook zittend kunt werken."),
]
# Organisations in the buurtgids, and what they do for residents.
PARTNERS = [
    (
        WELFARE,
        Partner.Kind.WELFARE,
        "Sociaal werkers helpen je met geld, zorg of eenzaamheid. "
        "Elke werkdag inloop van 9 tot 12 uur.",
    ),
    (
        "Woonstichting Thuis",
        Partner.Kind.HOUSING,
        "Verhuurt de meeste huizen in de buurt. De wijkbeheerder is er elke dinsdag.",
    ),
    (
        LIBRARY,
        Partner.Kind.ASSOCIATION,
        "Boeken lenen, computers gebruiken en hulp bij formulieren van de overheid.",
    ),
    (
        "Basisschool De Vlinder",
        Partner.Kind.SCHOOL,
        "Buurtschool voor kinderen van 4 tot 12 jaar. Het schoolplein is na school open.",
    ),
    (
        "Wijkagent Sanne Bos",
        Partner.Kind.POLICE,
        "Spreekuur op woensdag in het buurthuis. Bij spoed bel je 112.",
    ),
]
# The drawings that stand in for photos: (motif, Dutch alt text); see illustrations.py.
PICTURES = {
    "meal": ("meal", "Een pan soep op een gedekte tafel met twee borden"),
    "plant": ("plant", "Een bak met bloeiende plantjes voor het raam van een huis"),
    "book": ("book", "Een open schrift met een potlood"),
    "walk": ("walk", "Een pad door het park met bomen en twee wandelstokken"),
    "bubbles": ("bubbles", "Twee tekstballonnen: mensen praten met elkaar"),
    "tools": ("tools", "Een hamer en een schroevendraaier boven een gereedschapskist"),
    "vegetables": ("vegetables", "Moestuinbakken met wortels, sla en tomaten"),
    "wheel": ("wheel", "Een fietswiel en een moersleutel"),
    "cup": ("cup", "Twee koppen koffie en een schaaltje koekjes"),
    "garland": ("garland", "Vlaggetjes tussen twee huizen boven de straat"),
    "bench": ("bench", "Een bankje onder een boom in het park"),
    "hands": ("hands", "Buren zitten samen rond een tafel"),
}


@dataclass(frozen=True)
class DemoInitiative:
    title: str
    status: str
    theme: str
    goal: str
    team: list  # (name, role)
    ask: tuple  # (what, people needed, hours a week)
    picture: str
    activity: "DemoActivity"


@dataclass(frozen=True)
class DemoActivity:
    title: str
    intro: str
    place: str
    weekday: int  # Monday is 0
    hour: tuple  # (hour, minute)
    hours: float
    frequency: str = "weekly"
    cost: str = "0"
    picture: str = ""


# Teams of two without a connector or expert stay at the start gate; the others are
# complete.
INITIATIVES = [
    DemoInitiative(
        "Samen eten op donderdag",
        InitiativeStatus.ACTIVE,
        "Ontmoeting",
        "Elke donderdag koken buren samen een warme maaltijd. Iedereen mag aanschuiven, "
        "ook als je alleen woont.",
        [("Fatma", TeamRole.ORGANISER), ("Henk", TeamRole.CONNECTOR), ("Joyce", TeamRole.EXPERT)],
        ("Iemand die wil koken", 2, 2),
        "meal",
        DemoActivity(
            "Kookavond in De Linde",
            "We koken en eten samen. Kom om half zes, om zeven uur gaan we aan tafel.",
            MEETING_PLACE,
            3,
            (17, 30),
            2.5,
            cost="3",
            picture="hands",
        ),
    ),
    DemoInitiative(
        "Geveltuintjes in de straat",
        InitiativeStatus.LOOKING,
        "Groen",
        "We halen een rij tegels weg langs de huizen en zetten er planten in. "
        "Zo wordt de straat groener en koeler.",
        [("Piet", TeamRole.ORGANISER), ("Samira", TeamRole.ORGANISER)],
        ("Iemand die veel weet van planten", 1, 2),
        "plant",
        DemoActivity(
            "Plantjesmiddag voor geveltuinen",
            "We verdelen de planten en laten zien hoe je een geveltuin aanlegt. "
            "Neem een schep mee.",
            PLAYGROUND,
            5,
            (13, 0),
            3,
            frequency="",
            picture="plant",
        ),
    ),
    DemoInitiative(
        "Huiswerkklas voor tieners",
        InitiativeStatus.IDEA,
        "Jongeren",
        "Een rustige plek na school, waar tieners hun huiswerk maken met hulp van "
        "studenten uit de buurt.",
        [("Ahmed", TeamRole.CONNECTOR), ("Lotte", TeamRole.EXPERT), ("Kees", TeamRole.ORGANISER)],
        ("Iemand die wiskunde goed kan uitleggen", 3, 2),
        "book",
        DemoActivity(
            "Proefmiddag huiswerkklas",
            "Kom kijken hoe de huiswerkklas werkt. Ouders zijn ook welkom.",
            LIBRARY,
            2,
            (15, 30),
            2,
            frequency="",
            picture="book",
        ),
    ),
    DemoInitiative(
        "Wandelgroep Samen op pad",
        InitiativeStatus.ACTIVE,
        "Eenzaamheid",
        "Ouderen wandelen elke dinsdag een rustig rondje door het park. Daarna drinken "
        "we samen koffie.",
        [
            ("Gerda", TeamRole.ORGANISER),
            ("Mohamed", TeamRole.CONNECTOR),
            ("Ineke", TeamRole.EXPERT),
        ],
        ("Iemand die meeloopt achteraan de groep", 1, 1),
        "walk",
        DemoActivity(
            "Wandelen in het park",
            "We vertrekken bij het buurthuis en eindigen daar met koffie.",
            MEETING_PLACE,
            1,
            (10, 0),
            1.5,
            picture="walk",
        ),
    ),
    DemoInitiative(
        "Taalcafé in de bibliotheek",
        InitiativeStatus.ACTIVE,
        "Ontmoeting",
        "Nederlands oefenen in een gewoon gesprek, met koffie en zonder huiswerk.",
        [("Marieke", TeamRole.ORGANISER), ("Yusuf", TeamRole.CONNECTOR), ("Els", TeamRole.EXPERT)],
        ("Taalmaatje voor een uur per week", 4, 1),
        "bubbles",
        DemoActivity(
            "Taalcafé",
            "Praat mee aan een tafel met buren. Elk niveau is goed.",
            LIBRARY,
            4,
            (10, 0),
            1.5,
            picture="bubbles",
        ),
    ),
    DemoInitiative(
        "Klussenhulp voor buren",
        InitiativeStatus.LOOKING,
        "Ontmoeting",
        "Buren met gereedschap helpen buren die een klus niet zelf kunnen doen. "
        "Bijvoorbeeld een lamp ophangen of een kraan vervangen.",
        [("Jan", TeamRole.ORGANISER), ("Nadia", TeamRole.CONNECTOR)],
        ("Iemand die kan klussen", 3, 2),
        "tools",
        None,
    ),
    DemoInitiative(
        "Buurtmoestuin achter de school",
        InitiativeStatus.ACTIVE,
        "Groen",
        "Op een leeg stuk grond achter de school kweken we samen groente. Wat we oogsten, "
        "delen we.",
        [("Wim", TeamRole.EXPERT), ("Aylin", TeamRole.CONNECTOR), ("Bart", TeamRole.ORGANISER)],
        ("Iemand die in de zomer water geeft", 2, 1),
        "vegetables",
        DemoActivity(
            "Moestuinochtend",
            "Wieden, zaaien en oogsten. Na afloop neem je groente mee naar huis.",
            GARDEN,
            5,
            (10, 0),
            2,
            picture="vegetables",
        ),
    ),
]
# An activity on its own, not part of an initiative.
COFFEE_MORNING = DemoActivity(
    "Koffieochtend",
    "Even de deur uit en een praatje maken. De koffie staat om tien uur klaar.",
    MEETING_PLACE,
    0,
    (10, 0),
    2,
    frequency="biweekly",
    picture="cup",
)
# Stories of what happened; the first is translated where the buurt speaks more languages.
STORIES = [
    (
        "Zo begon ons straatfeest",
        "Vorig jaar kenden we elkaar nauwelijks. Nu eten we elke zomer samen op straat.",
        [
            "Het begon met een briefje in de bus van Meryem: wie wil er meedoen?",
            "Twaalf buren kwamen naar de eerste avond in het buurthuis.",
            "Iedereen nam iets mee. Er was soep, börek, bitterballen en taart.",
            "De kinderen speelden tot het donker werd. Dit jaar doen we het weer.",
        ],
        "garland",
    ),
    (
        "Henk kookt voor dertig buren",
        "Op donderdag ruikt het buurthuis naar soep. Henk vertelt waarom hij meehelpt.",
        [
            "Sinds mijn vrouw overleed, at ik vaak alleen. Dat wilde ik niet meer.",
            "Nu snijd ik groente met Fatma en Joyce. "
            "Aan tafel hoor ik alle nieuwtjes van de buurt.",
            "Twee buren die ik op straat nooit sprak, komen nu elke week.",
        ],
        "meal",
    ),
    (
        "Een middag in de moestuin",
        "De eerste oogst is binnen: vijf kilo bonen en een emmer tomaten.",
        [
            "Wim liet de kinderen zien hoe je bonen plukt zonder de plant te breken.",
            "Aylin nam tomaten mee naar de buren die niet meer goed kunnen lopen.",
            "Wil je ook een bak? Vraag het Wim op zaterdagochtend.",
        ],
        "vegetables",
    ),
]


def fill_buurt(reviewer, author):
    """The buurtgids, initiatives with their teams, asks and activities, and signals."""
    if InitiativePage.objects.exists():
        return 0
    themes = {name: ThemeFactory(name=name, slug=name.lower()) for name in THEMES}
    places = {
        name: PlaceFactory(name=name, address=address, accessibility=accessibility)
        for name, address, accessibility in PLACES
    }
    partners = {
        name: PartnerFactory(name=name, kind=kind, description=description)
        for name, kind, description in PARTNERS
    }
    index = dutch_section(InitiativeIndexPage)
    for number, plan in enumerate(INITIATIVES):
        initiative = InitiativePageFactory(
            parent=index,
            title=plan.title,
            status=plan.status,
            goal=plan.goal,
            owner=author,
            **picture_fields(plan.picture),
        )
        initiative.themes.add(themes[plan.theme])
        initiative.partners.add(partners[WELFARE])
        for name, role in plan.team:
            InitiativeTeamMember.objects.create(initiative=initiative, name=name, role=role)
        what, people, hours = plan.ask
        initiative.help_wanted.create(what=what, people_needed=people, hours=hours)
        publish(initiative, user=reviewer)
        if number == 0:
            add_offers(initiative)
        if plan.activity:
            add_activity(initiative, plan.activity, places, themes[plan.theme], reviewer)
    activities = dutch_section(ActivityIndexPage)
    add_activity(activities, COFFEE_MORNING, places, themes["Eenzaamheid"], reviewer)
    add_signals()
    return len(INITIATIVES)


def paragraphs(texts):
    """A page body of plain paragraphs."""
    return [("paragraph", RichText(f"<p>{escape(text)}</p>")) for text in texts]


def picture_fields(key):
    """The photo and its alt text for a page: a drawing made in this buurt (or none)."""
    if not key:
        return {}
    motif, alt = PICTURES[key]
    return {"photo": illustration(motif, alt), "photo_alt": alt}


def story_texts(number):
    """(title, intro, body, photo fields) of the demo's `number`-th story."""
    title, intro, texts, picture = STORIES[number % len(STORIES)]
    return {"title": title, "intro": intro, "body": paragraphs(texts), **picture_fields(picture)}


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


def add_activity(parent, plan, places, theme, reviewer):
    start = next_weekday_at(plan.weekday, *plan.hour)
    activity = ActivityPageFactory(
        parent=parent,
        title=plan.title,
        intro=plan.intro,
        start=start,
        end=start + timedelta(hours=plan.hours),
        frequency=plan.frequency,
        place=places[plan.place],
        cost=Decimal(plan.cost),
        capacity=20,
        **picture_fields(plan.picture),
    )
    activity.themes.add(theme)
    publish(activity, user=reviewer)


def next_weekday_at(weekday, hour, minute):
    """The next `weekday` (Monday 0) from tomorrow on, at the given local time."""
    tomorrow = timezone.localtime() + timedelta(days=1)
    day = tomorrow + timedelta(days=(weekday - tomorrow.weekday()) % 7)
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0)
