"""Every public page type of a buurt site (in Dutch and in Arabic), the plain error pages
and the portal are valid HTML by the Nu Html Checker (vnu.jar, pinned in package.json).

Invalid HTML is what assistive technology trips over first: a duplicate id breaks a
label, a skipped heading level hides a section, a stray end tag moves content out of
its landmark. The pages are rendered with the test client from a buurt seeded with the
demo's content, written to a folder and checked in ONE run of the checker (it takes
seconds to start). The same pages are read for what the checker does not look at: ARIA
references to no element, skipped heading levels, Arabic shown left to right."""

import json
import os
import re
import shutil
import subprocess
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, RequestFactory
from django.utils import translation
from django.utils.translation import get_language_info
from django.views import defaults

from tests.base import (
    DEMO_PASSWORD,
    PORTAL,
    at_the_portal,
    client_for,
    get_buurt,
    inside,
    portal_staff,
)
from tests.test_heading_order import skipped_levels

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SLUG = "beta"  # a test buurt in Dutch and Arabic (tests/base.py)
LANGUAGES = {"nl": "", "ar": "/ar"}
# A page the checker must refuse, checked in the same run: guards against a checker that
# silently finds nothing (a wrong path, an option that turns checks off).
BROKEN_PAGE = (
    '<!DOCTYPE html><html lang="nl"><head><title>x</title></head>'
    '<body><main><h1 id="a">x</h1><p id="a">y</p></main></body></html>'
)


def checker_or_skip():
    """The java command and vnu.jar; a laptop without them skips, CI must have them."""
    java = shutil.which("java")
    if java and VNU_JAR.exists():
        return java
    reason = (
        f"the Nu Html Checker needs java and {VNU_JAR.relative_to(settings.BASE_DIR)} "
        "(`make system-packages` installs java, `make install` runs `npm ci`)"
    )
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; the HTML check must run in CI")
    pytest.skip(reason)


def seed_buurt():
    """A test buurt in Dutch and Arabic filled with the demo's content, of a municipality
    with its own look (stylesheet and logo in every page's head and header)."""
    import factory.random

    from tenants.factories import MunicipalityFactory
    from tenants.management.commands import seed_demo
    from tenants.models import Typeface
    from tenants.theme import demo_logo, save_theme

    buurt = get_buurt(SLUG)
    buurt.municipality = MunicipalityFactory(name="Gemeente Toetsstad", slug="toetsstad")
    buurt.save(update_fields=["municipality"])
    save_theme(buurt.municipality, colour="#0b5e3a", font=Typeface.VERDANA, logo=demo_logo())
    factory.random.reseed_random(seed_demo.SEED)
    command = seed_demo.Command()
    with inside(buurt):
        command.ensure_people(SLUG)
        command.ensure_stories(SLUG)
        command.ensure_content(SLUG)
        command.ensure_waiting_work(SLUG)  # a person page waiting for consent
        command.ensure_translations(SLUG, buurt.languages)
    return buurt.municipality, buurt


def public_paths(buurt):
    """Where each public page type lives in the seeded buurt."""
    from buurtpages import rsvp
    from buurtpages.models import ActivityPage, HelpOffer, InitiativePage, PersonPage
    from trainings.factories import CohortFactory, CohortMemberFactory, ResidentsEveningFactory
    from trainings.models import CandidateDate
    from workflows.demo import CONSENT_PERSON
    from workflows.models import ConsentRequest

    # Paths without a language prefix: reverse() would add the language an earlier
    # request of this thread left active.
    with inside(buurt), translation.override("nl"):
        activity = ActivityPage.objects.live().get(
            title="Koffieochtend", locale__language_code="nl"
        )
        start = activity.next_occurrence().start
        registration = rsvp.register(activity, start, name="Ria", email="ria@example.nl")
        cancelled = rsvp.register(activity, start, name="Kees", email="kees@example.nl")
        rsvp.cancel(cancelled.registration)
        initiative = InitiativePage.objects.live().get(
            title="Samen eten op donderdag", locale__language_code="nl"
        )
        # An ask of an untranslated initiative: its Dutch id is valid under /ar/ too (a
        # translated initiative's page links the asks of its own translation).
        untranslated = InitiativePage.objects.live().get(
            title="Geveltuintjes in de straat", locale__language_code="nl"
        )
        ask = untranslated.help_wanted.first()
        offer = HelpOffer.objects.filter(initiative=initiative).first()
        story = story_with_every_block()
        evening = ResidentsEveningFactory(starts_at=activity.start)
        cohort = CohortFactory(name="Groep Geldig")
        for weeks in (3, 4, 5):
            CandidateDate.objects.create(
                cohort=cohort, date=activity.start.date() + timedelta(weeks=weeks)
            )
        trainee = CohortMemberFactory(cohort=cohort, name="Sanne Geldig", email="sanne@example.nl")
        consent = ConsentRequest.objects.get(page__title=CONSENT_PERSON)
        return {
            "home": "/",
            "initiatives": "/initiatieven/",
            "initiative": initiative.url,
            "help_offer_form": initiative.url + "meedoen/",
            "help_offer_form_for_an_ask": untranslated.url + f"meedoen/{ask.pk}/",
            "help_offer": initiative.url + f"aanbod/{offer.token}/",
            "agenda": "/agenda/",
            "activity": activity.url,
            "registration": activity.url + f"aanmelding/{registration.registration.token}/",
            "registration_cancelled": (
                activity.url + f"aanmelding/{cancelled.registration.token}/"
            ),
            "poster": activity.url + "poster/",
            "people": "/mensen/",
            "person": PersonPage.objects.live()
            .get(title="Yasmina El Amrani", locale__language_code="nl")
            .url,
            "stories": "/verhalen/",
            "story": story.url,
            "buurtgids": "/buurtgids/",
            "search_form": "/zoeken/",
            "search": "/zoeken/?q=koffie",
            "search_without_results": "/zoeken/?q=onvindbaar",
            "not_found": "/bestaat-niet/",
            "signal_form": "/signaal/",
            "signal_thanks": "/signaal/bedankt/",
            "account_request_form": "/account-aanvragen/",
            "account_request_thanks": "/account-aanvragen/bedankt/",
            "report_form": f"/melden/{story.pk}/",
            "report_thanks": "/melden/bedankt/",
            "evening_signup": "/inwonersavond/",
            "evening_signup_for_one_evening": f"/inwonersavond/{evening.pk}/",
            "signup_thanks": "/inwonersavond/bedankt/",
            "availability_poll": trainee.poll_path,
            "consent": f"/toestemming/{consent.token}/",
            "privacy": "/privacy/",
            "accessibility": "/toegankelijkheid/",
            "colophon": "/colofon/",
        }


def story_with_every_block():
    """A story whose body has one of each block a writer can add."""
    import wagtail_factories
    from wagtail.rich_text import RichText

    from buurtpages.blueprint import dutch_section
    from buurtpages.factories import StoryPageFactory, publish
    from buurtpages.models import StoryIndexPage

    paragraph = (
        '<p>We zetten een <b>bankje</b> bij de <a href="https://example.nl/">speeltuin</a>.</p>'
        "<ul><li>Hout van de kringloop</li><li>Verf van de buren</li></ul>"
    )
    body = [
        ("heading", {"text": "Hoe het begon"}),
        ("paragraph", RichText(paragraph)),
        ("image", wagtail_factories.ImageFactory(title="Het bankje")),
        ("quote", {"quote": "Nu zit ik hier elke ochtend.", "attribution": "Henk"}),
    ]
    story = StoryPageFactory(
        parent=dutch_section(StoryIndexPage), title="Een bankje erbij", slug="bankje", body=body
    )
    return publish(story)


# Forms sent empty: the page with its error messages must be as valid as the form.
FORMS_SENT_EMPTY = {
    "signal_form": "signal_form",
    "account_request_form": "account_request_form",
    "report_form": "report_form",
    "evening_signup": "evening_signup",
    "help_offer_form": "help_offer_form",
    "activity_sign_up": "activity",
}


def buurt_pages(buurt, paths):
    """(name, status, html) of every public page in every language, and of every form
    sent empty."""
    client = client_for(buurt)
    for language, prefix in LANGUAGES.items():
        for name, path in paths.items():
            response = client.get(prefix + path)
            expected = 404 if name == "not_found" else 200
            assert response.status_code == expected, f"{prefix}{path}: {response.status_code}"
            yield f"{language}-{name}", response
        for name, page in FORMS_SENT_EMPTY.items():
            action = paths[page] + ("aanmelden/" if name == "activity_sign_up" else "")
            response = client.post(prefix + action, {})
            assert response.status_code == 200, f"{prefix}{action}: {response.status_code}"
            yield f"{language}-{name}-with-errors", response


def plain_pages(buurt, settings):
    """The pages shown instead of a buurt's content: too many posts (429), an unknown
    host (404), the database down (503), a suspended (503) and an archived buurt (410)."""
    from tenants.hostmap import host_map
    from tenants.middleware import page_in_language
    from tenants.models import Buurt

    client = client_for(buurt)
    settings.PUBLIC_POSTS_PER_WINDOW = 0
    for language, prefix in LANGUAGES.items():
        response = client.post(prefix + "/signaal/", {})
        assert response.status_code == 429
        yield f"{language}-too-many-posts", response
        yield f"{language}-database-down", page_in_language("503_database.html", language, 503)
    yield "unknown-host", client_for("nergens.localhost").get("/")
    yield "server-error", defaults.server_error(RequestFactory().get("/"))
    for status, code in ((Buurt.Status.SUSPENDED, 503), (Buurt.Status.ARCHIVED, 410)):
        Buurt.objects.filter(pk=buurt.pk).update(status=status)
        host_map.forget_all()
        for language, prefix in LANGUAGES.items():
            response = client.get(prefix + "/")
            assert response.status_code == code
            yield f"{language}-{status}", response
    Buurt.objects.filter(pk=buurt.pk).update(status=Buurt.Status.LIVE)
    host_map.forget_all()


def second_factor_pages(staff):
    """The second step of logging in: set up at the first login (with a wrong code, then
    the right one, which shows the recovery codes), asked for at the next."""
    import base64

    from django_otp.oath import totp

    setup = Client(HTTP_HOST=PORTAL)
    assert setup.login(username=staff.username, password=DEMO_PASSWORD)
    form = setup.get("/tweede-stap/instellen/")
    assert form.status_code == 200
    yield "portal-second-factor-setup", form
    yield (
        "portal-second-factor-setup-with-errors",
        setup.post("/tweede-stap/instellen/", {"code": "000000"}),
    )
    secret = re.search(r"data-secret>([^<]+)<", form.content.decode()).group(1)
    code = f"{totp(base64.b32decode(secret.replace(' ', ''))):06d}"
    codes = setup.post("/tweede-stap/instellen/", {"code": code})
    assert "secondfactor/recovery_codes.html" in [t.name for t in codes.templates]
    yield "portal-recovery-codes", codes
    verify = Client(HTTP_HOST=PORTAL)
    assert verify.login(username=staff.username, password=DEMO_PASSWORD)
    asked = verify.get("/tweede-stap/")
    assert asked.status_code == 200
    yield "portal-second-factor", asked
    yield "portal-second-factor-with-errors", verify.post("/tweede-stap/", {"code": "000000"})


def portal_pages(municipality):
    """The portal as a visitor and as a municipality employee with a second factor, and
    the second factor's setup page the employee sees at their first login."""
    anonymous = client_for(PORTAL)
    yield "portal-home-anonymous", anonymous.get("/")
    yield "portal-login", anonymous.get("/inloggen/")
    yield "portal-login-with-errors", anonymous.post("/inloggen/", {})
    staff = portal_staff("toetser", [municipality])
    yield from second_factor_pages(staff)
    employee = at_the_portal(staff)
    for name, path in {
        "portal-home": "/",
        "portal-launch": "/buurten/nieuw/",
        "portal-dashboard": "/dashboard/",
        "portal-buurt": f"/buurten/{SLUG}/",
        "portal-theme": f"/gemeenten/{municipality.slug}/huisstijl/",
    }.items():
        response = employee.get(path)
        assert response.status_code == 200, f"{path}: {response.status_code}"
        yield name, response
    yield "portal-launch-with-errors", employee.post("/buurten/nieuw/", {})
    yield (
        "portal-theme-with-errors",
        employee.post(
            f"/gemeenten/{municipality.slug}/huisstijl/", {"colour": "#ffff00", "font": "system"}
        ),
    )


def run_checker(java, files):
    """One run of vnu.jar over every file; its messages as dicts."""
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = result.stderr.strip() or result.stdout.strip()
    try:
        return json.loads(report)["messages"]
    except (ValueError, KeyError):
        raise AssertionError(f"the Nu Html Checker did not answer in JSON:\n{report}") from None


# The Nu Html Checker does not follow these references; a screen reader finds nothing at
# the end of a broken one (a help text or error message never read out, a skip link to
# nowhere).
ID_REFERENCES = (
    "aria-describedby",
    "aria-labelledby",
    "aria-controls",
    "aria-errormessage",
    "aria-details",
    "aria-owns",
    "aria-activedescendant",
)


class References(HTMLParser):
    """The ids of a page and what its ARIA attributes and in-page links point at."""

    def __init__(self):
        super().__init__()
        self.ids = set()
        self.pointers = []
        self.root = {}

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.root = dict(attrs)
        for name, value in attrs:
            if name == "id":
                self.ids.add(value)
            elif name in ID_REFERENCES and value:
                self.pointers += [(f"{tag} {name}", target) for target in value.split()]
            elif name == "href" and value and value.startswith("#") and len(value) > 1:
                self.pointers.append((f"{tag} href", value[1:]))


def page_problems(name, html):
    """References to nowhere, a skipped heading level, and a right-to-left language shown
    left to right."""
    parser = References()
    parser.feed(html)
    problems = [
        f"{name}: {attribute}={target!r} points at no element"
        for attribute, target in parser.pointers
        if target not in parser.ids
    ]
    problems += [
        f"{name}: a heading level skipped, <h{before}> then <h{after}>"
        for before, after in skipped_levels(html)
    ]
    language = parser.root.get("lang", "")
    if is_right_to_left(language) and parser.root.get("dir") != "rtl":
        problems.append(f'{name}: <html lang="{language}"> without dir="rtl"')
    return problems


def is_right_to_left(language):
    return bool(language) and get_language_info(language.split("-")[0])["bidi"]


def readable(message, folder):
    name = re.sub(r"^file:", "", message.get("url", "")).replace(str(folder) + "/", "")
    line = message.get("lastLine", "?")
    extract = " ".join(message.get("extract", "").split())
    return f"{name}:{line}: {message.get('message')}\n    {extract}"


def test_every_public_page_and_the_portal_are_valid_html(db, settings, tmp_path):
    java = checker_or_skip()
    municipality, buurt = seed_buurt()
    pages = list(buurt_pages(buurt, public_paths(buurt)))
    connection.set_schema_to_public()
    pages += portal_pages(municipality)
    pages += plain_pages(buurt, settings)
    files, problems = [], []
    for name, response in pages:
        assert response["Content-Type"].startswith("text/html"), name
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)
        problems += page_problems(name, response.content.decode())
    broken = tmp_path / "broken.html"
    broken.write_text(BROKEN_PAGE)
    messages = run_checker(java, [*files, broken])
    assert any(m.get("url", "").endswith("/broken.html") for m in messages), (
        "the checker found nothing wrong with a page with a duplicate id"
    )
    errors = [
        message
        for message in messages
        if message.get("type") in ("error", "non-document-error")
        and not message.get("url", "").endswith("/broken.html")
    ]
    assert errors == [], f"{len(errors)} HTML errors in {len(files)} pages:\n" + "\n".join(
        readable(message, tmp_path) for message in errors
    )
    assert problems == [], "\n".join(problems)
