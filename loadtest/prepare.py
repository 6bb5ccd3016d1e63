"""Builds the load test's four buurten in its own database and writes what the scenario
needs to know about them (hosts, activity, initiative and page addresses, editor logins) as JSON.

Run by loadtest/run.py in a process of its own, with the load test's environment
(BUURTPLATFORM_DATABASE, serve settings), after `manage.py migrate_platform`.
"""

import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Four buurten with different language sets, so the 503 page is seen in several languages.
BUURTEN = [
    ("lt_linden", "Lindenhof", ["nl", "ar", "tr"]),
    ("lt_haven", "Havenzicht", ["nl", "en"]),
    ("lt_zuid", "Zuiderpark", ["nl", "pl", "uk"]),
    ("lt_molen", "Molenwijk", ["nl", "tr"]),
]
EDITORS_PER_BUURT = 2
PASSWORD = "buurt-demo"  # the one UserFactory gives every user


def setup_django():
    import django

    django.setup()


def build_buurt(slug, name, languages):
    """Launch a buurt and give it what the scenario uses: activities to sign up for
    (from the demo content), and editors who each own a draft story to keep saving."""
    import factory.random

    from buurtpages.blueprint import dutch_section
    from buurtpages.demo import fill_buurt
    from buurtpages.factories import StoryPageFactory
    from buurtpages.models import ActivityPage, InitiativePage, StoryIndexPage
    from kernel.roles import CONNECTOR, RESIDENT
    from tenants.across import in_buurt
    from tenants.launch import LaunchRequest, launch_buurt
    from workflows.factories import UserFactory

    factory.random.reseed_random(slug)
    buurt = launch_buurt(LaunchRequest(slug=slug, name=name, languages=languages)).buurt
    host = buurt.primary_domain
    mail_host = slug.replace("_", "-")
    with in_buurt(buurt):
        author = UserFactory(username=f"bewoner@{mail_host}.example.nl", roles=[RESIDENT])
        reviewer = UserFactory(username=f"verbinder@{mail_host}.example.nl", roles=[CONNECTOR])
        fill_buurt(reviewer=reviewer, author=author)
        stories = dutch_section(StoryIndexPage)
        editors = []
        for number in range(1, EDITORS_PER_BUURT + 1):
            email = f"redacteur{number}@{mail_host}.example.nl"
            # Buurtverbinders write most; a Buurtbeheerder would first set up a second factor.
            editor = UserFactory(username=email, email=email, roles=[CONNECTOR])
            draft = StoryPageFactory(parent=stories, owner=editor, live=False, body=[])
            draft.save_revision(user=editor)
            editors.append({"username": email, "password": PASSWORD, "page_id": draft.pk})
        dutch = ActivityPage.objects.live().filter(locale__language_code="nl")
        activities = [urlsplit(page.get_url()).path for page in dutch]
        initiatives = [
            urlsplit(page.get_url()).path
            for page in InitiativePage.objects.live().filter(locale__language_code="nl")
        ]
    return {
        "schema": slug,
        "host": host,
        "languages": languages,
        "activities": activities,
        "initiatives": initiatives,
        "editors": editors,
    }


def main(plan_path):
    setup_django()
    plan = {"buurten": [build_buurt(*buurt) for buurt in BUURTEN]}
    Path(plan_path).write_text(json.dumps(plan, indent=2))


if __name__ == "__main__":
    main(sys.argv[1])
