"""Demo content: one municipality, three buurten with different languages, and people.

Idempotent: running it again creates nothing twice. The random seed is fixed, so
every machine gets the same demo.
"""

import factory.random
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from buurtpages.blueprint import dutch_section
from buurtpages.demo import fill_buurt, story_texts
from buurtpages.demo_map import give_places_a_point
from buurtpages.demo_translations import translate_demo
from buurtpages.factories import StoryPageFactory, publish
from buurtpages.models import StoryIndexPage
from kernel.roles import BUURT_ADMIN, CONNECTOR, PROFESSIONAL, RESIDENT
from tenants.across import in_buurt
from tenants.factories import MunicipalityFactory
from tenants.launch import LaunchRequest, launch_buurt
from tenants.models import Buurt, Typeface
from tenants.theme import demo_logo, save_theme
from trainings.demo import fill_trainings
from workflows.demo import fill_people, fill_workflows
from workflows.factories import UserFactory

User = get_user_model()
SEED = 20261123
MUNICIPALITY = {"name": "Gemeente Voorbeeldstad", "slug": "voorbeeldstad"}
BUURTEN = [
    ("bloemenbuurt", "De Bloemenbuurt", ["nl", "ar", "tr"]),
    ("havenkwartier", "Het Havenkwartier", ["nl", "en"]),
    ("oud_zuid", "Oud-Zuid", ["nl", "pl", "uk"]),
]
DEMO_THEME_COLOUR = "#0b5e3a"
STORIES_PER_BUURT = 3
DEMO_PASSWORD = "buurt-demo"
PORTAL_USER = "gemeente"
ROLE_USERS = {
    BUURT_ADMIN: "beheerder",
    CONNECTOR: "verbinder",
    RESIDENT: "bewoner",
    PROFESSIONAL: "professional",
}


class Command(BaseCommand):
    help = "Create the demo municipality, three buurten and their content (idempotent)."

    def handle(self, *args, **options):
        factory.random.reseed_random(SEED)
        municipality = MunicipalityFactory(**MUNICIPALITY)
        self.ensure_theme(municipality)
        self.ensure_portal_user()
        for slug, name, languages in BUURTEN:
            buurt = Buurt.objects.filter(schema_name=slug).first()
            if buurt is None:
                result = launch_buurt(
                    LaunchRequest(
                        slug=slug, name=name, municipality=municipality, languages=languages
                    )
                )
                buurt = result.buurt
                self.stdout.write(f"Launched {name} in {result.seconds:.2f} s")
            with transaction.atomic(), in_buurt(buurt):
                self.ensure_people(slug)
                created = self.ensure_stories(slug)
                initiatives = self.ensure_content(slug)
                self.ensure_waiting_work(slug)
                self.ensure_translations(slug, buurt.languages)
                fill_trainings(slug)
            self.stdout.write(
                f"{name}: {buurt.base_url}/ ({created} new stories, {initiatives} new initiatives)"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready. Portal login: {PORTAL_USER} / {DEMO_PASSWORD}; "
                f"buurt logins: beheerder|verbinder|bewoner|professional@<slug>.example.nl "
                f"/ {DEMO_PASSWORD}"
            )
        )

    def ensure_theme(self, municipality):
        """The demo municipality's own look: a dark green, Verdana and a drawn logo."""
        if municipality.theme_version:
            return
        save_theme(municipality, colour=DEMO_THEME_COLOUR, font=Typeface.VERDANA, logo=demo_logo())

    def ensure_portal_user(self):
        # Checked first: the factory would hash the password even for an existing user.
        if not User.objects.filter(username=PORTAL_USER).exists():
            UserFactory(
                username=PORTAL_USER,
                email="gemeente@example.nl",
                first_name="Gemma",
                last_name="Gemeente",
                is_staff=True,
                is_superuser=True,
            )

    def ensure_people(self, slug):
        for role, local_part in ROLE_USERS.items():
            email = f"{local_part}@{slug.replace('_', '-')}.example.nl"
            if not User.objects.filter(username=email).exists():
                UserFactory(username=email, email=email, roles=[role])

    def ensure_content(self, slug):
        host = slug.replace("_", "-")
        author = User.objects.get(username=f"bewoner@{host}.example.nl")
        reviewer = User.objects.get(username=f"verbinder@{host}.example.nl")
        created = fill_buurt(reviewer=reviewer, author=author)
        fill_people(reviewer=reviewer)
        give_places_a_point(slug)
        return created

    def ensure_translations(self, slug, languages):
        host = slug.replace("_", "-")
        reviewer = User.objects.get(username=f"verbinder@{host}.example.nl")
        return translate_demo(languages, reviewer=reviewer)

    def ensure_waiting_work(self, slug):
        host = slug.replace("_", "-")
        author = User.objects.get(username=f"bewoner@{host}.example.nl")
        reviewer = User.objects.get(username=f"verbinder@{host}.example.nl")
        return fill_workflows(author=author, reviewer=reviewer)

    def ensure_stories(self, slug):
        index = dutch_section(StoryIndexPage)
        missing = STORIES_PER_BUURT - index.get_children().count()
        host = slug.replace("_", "-")
        author = User.objects.get(username=f"bewoner@{host}.example.nl")
        # Residents write, a buurtverbinder publishes.
        reviewer = User.objects.get(username=f"verbinder@{host}.example.nl")
        for number in range(max(missing, 0)):
            story = StoryPageFactory(parent=index, owner=author, **story_texts(number))
            publish(story, user=reviewer)
        return max(missing, 0)
