"""The municipality dashboard: only aggregated numbers cross to the portal, per municipality."""

import csv
import io
import re
from datetime import timedelta

from django.utils import timezone

from buurtpages.blueprint import dutch_section
from buurtpages.factories import ActivityPageFactory, InitiativePageFactory, publish
from buurtpages.models import ActivityIndexPage, InitiativeIndexPage, Registration, Signal
from kernel.roles import CONNECTOR
from tenants.factories import MunicipalityFactory
from tests.base import PORTAL, at_the_portal, client_for, inside, portal_staff
from trainings.factories import CohortFactory, CohortMemberFactory, InterestSignupFactory
from workflows.factories import UserFactory

PERSONAL = [
    "Zwaantje Pietersma",
    "zwaantje@example.nl",
    "Geertruida Klomp",
    "geertruida@example.nl",
    "Hendrikus Vlasblom",
    "hendrikus@example.nl",
    "Ilse Ouwerkerk",
    "Jantje Verbindema",
    "jantje@example.nl",
    "overleed",
]


def municipalities(alpha, beta):
    north = MunicipalityFactory(name="Gemeente Noord", slug="noord")
    south = MunicipalityFactory(name="Gemeente Zuid", slug="zuid")
    alpha.municipality, beta.municipality = north, south
    alpha.save(update_fields=["municipality"])
    beta.save(update_fields=["municipality"])
    return north, south


def portal_client(username, municipality=None, superuser=False):
    municipalities = [municipality] if municipality else []
    user = portal_staff(username, municipalities, can_launch=False, superuser=superuser)
    return at_the_portal(user)


def fill_with_people(buurt):
    """Data with names, e-mail addresses and a sensitive text; returns the expected counts."""
    with inside(buurt):
        publish(InitiativePageFactory(parent=dutch_section(InitiativeIndexPage)))
        InitiativePageFactory(parent=dutch_section(InitiativeIndexPage), live=False)
        agenda = dutch_section(ActivityIndexPage)
        upcoming = publish(ActivityPageFactory(parent=agenda))
        start = timezone.now() - timedelta(days=10)
        publish(ActivityPageFactory(parent=agenda, start=start, end=start + timedelta(hours=1)))
        for status in ["confirmed", "waitlist", "cancelled"]:
            Registration.objects.create(
                activity=upcoming,
                occurrence_start=upcoming.start,
                name="Zwaantje Pietersma",
                email="zwaantje@example.nl" if status != "waitlist" else "",
                phone="0612345678" if status == "waitlist" else "",
                status=status,
            )
        for status in ["new", "new", "closed"]:
            Signal.objects.create(
                category="loneliness",
                description="Mijn buurman is eenzaam sinds zijn vrouw overleed.",
                contact_name="Geertruida Klomp",
                contact_email="geertruida@example.nl",
                status=status,
                triage_note="Doorverwezen." if status == "closed" else "",
                sender_hash=Signal.hash_sender("x"),
            )
        CohortMemberFactory(
            cohort=CohortFactory(), name="Hendrikus Vlasblom", email="hendrikus@example.nl"
        )
        InterestSignupFactory(name="Ilse Ouwerkerk")
        UserFactory(
            username="jantje@example.nl",
            first_name="Jantje",
            last_name="Verbindema",
            roles=[CONNECTOR],
        )
        UserFactory(username="tweede@example.nl", roles=[CONNECTOR])
    return {
        "initiatives": 1,
        "activities_upcoming": 1,
        "activities_held": 1,
        "rsvps": 2,
        "buurtverbinders": 2,
        "open_signals": 2,
        "trainings": 1,
        "trained": 0,
        "referrals": 0,
        "initiatives_at_start_gate": 1,
        "initiatives_under_way": 0,
    }


def test_the_dashboard_counts_match_the_buurt_and_carry_no_personal_data(alpha, beta):
    north, _south = municipalities(alpha, beta)
    expected = fill_with_people(alpha)
    client = portal_client("medewerker", north)
    page = client.get("/dashboard/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Alphabuurt" in html and "Betawijk" not in html
    assert "<svg" in html and "<script" not in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    numbers_in_svg = re.findall(r'\s(?:x|y|width|height)="([^"]*)"', svg)
    assert numbers_in_svg and all(value.isdigit() for value in numbers_in_svg)  # no "1,5"
    (buurt, numbers, _cells) = page.context["rows"][0]
    assert buurt.schema_name == "alpha"
    for key, value in expected.items():
        assert getattr(numbers, key) == value, key
    assert numbers.next_step == "Groep gevormd"  # the sign-up came from a held evening

    export = client.get("/dashboard/buurten.csv")
    assert export["Content-Type"].startswith("text/csv")
    text = export.content.decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    assert header[:3] == ["Gemeente", "Buurt", "Stappen gezet"]
    assert row[:2] == ["Gemeente Noord", "Alphabuurt"]
    assert row[3:-1] == [str(value) for value in expected.values()]
    for personal in PERSONAL:
        assert personal not in html, personal
        assert personal not in text, personal


def test_a_municipality_sees_only_its_own_buurten(alpha, beta):
    _north, south = municipalities(alpha, beta)
    south_html = portal_client("zuid-medewerker", south).get("/dashboard/").content.decode()
    assert "Betawijk" in south_html and "Alphabuurt" not in south_html
    csv_text = portal_client("zuid-2", south).get("/dashboard/buurten.csv").content.decode()
    assert "Betawijk" in csv_text and "Alphabuurt" not in csv_text
    nobody = portal_client("stagiair").get("/dashboard/").content.decode()
    assert "Alphabuurt" not in nobody and "Betawijk" not in nobody
    everyone = portal_client("beheer", superuser=True).get("/dashboard/").content.decode()
    assert "Alphabuurt" in everyone and "Betawijk" in everyone


def test_the_dashboard_needs_a_login_and_is_not_on_buurt_hosts(alpha):
    anonymous = client_for(PORTAL).get("/dashboard/")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/inloggen/")
    assert client_for(PORTAL).get("/dashboard/buurten.csv").status_code == 302
    assert client_for(alpha).get("/dashboard/").status_code == 404
