"""The isolation matrix: every public URL of each test buurt, requested on every other
buurt's host, never shows the first buurt's content.

Each buurt gets real content carrying a marker of its own (pages of every type, an
uploaded photo and its rendition, a document, an activity with its iCal and poster, a
sign-up with its personal cancel link, a consent link, an availability-poll link, an
inwonersavond). Its URLs come from its sitemap plus feeds, media, search and the
personal links. tests/test_isolation.py holds the single-feature checks; this file
crosses all of them with all buurten.
"""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import wagtail_factories
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document

from buurtpages import help_offers, rsvp
from buurtpages.blueprint import dutch_section
from buurtpages.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    PersonPageFactory,
    PlaceFactory,
    StoryPageFactory,
    publish,
)
from buurtpages.models import (
    ActivityIndexPage,
    BuurtkrantEdition,
    InitiativeHelpWanted,
    InitiativeIndexPage,
    LegalInformation,
    PersonIndexPage,
    StoryIndexPage,
    Subscription,
)
from kernel.roles import BUURT_ADMIN, RESIDENT
from tests.base import TEST_BUURTEN, client_for, inside, logged_in
from trainings.factories import CohortMemberFactory, ResidentsEveningFactory
from workflows.demo import submit_for_review
from workflows.factories import UserFactory
from workflows.models import ConsentRequest

SLUGS = [slug for slug, _name, _languages in TEST_BUURTEN]


def marker(slug):
    """A word only this buurt's content contains (never part of a URL)."""
    return f"Mrk{slug.capitalize()}Qz"


def findable(slug):
    """A word to search for; the search page echoes it, so it is not the marker."""
    return f"zoekwoord{slug}"


def build_content(buurt):
    """Content of every public kind, each piece with the buurt's marker; returns the
    URLs that are not in the sitemap (media, documents, feeds, personal links)."""
    mark, word = marker(buurt.schema_name), findable(buurt.schema_name)
    author = UserFactory(username=f"auteur-{buurt.schema_name}@example.nl", roles=[RESIDENT])
    photo = wagtail_factories.ImageFactory(title=f"Foto {mark}")
    publish(
        StoryPageFactory(
            parent=dutch_section(StoryIndexPage),
            title=f"Verhaal {mark} {word}",
            slug="verhaal",
            intro=f"Over {mark}.",
            # A live page shows the photo: only then are its renditions public.
            body=[("image", {"image": photo, "alt_text": "", "decorative": True})],
        )
    )
    initiative = InitiativePageFactory(
        parent=dutch_section(InitiativeIndexPage), title=f"Initiatief {mark}", slug="moestuin"
    )
    initiative.help_wanted.create(what=f"Koken {mark}", people_needed=2)
    publish(initiative)
    ask = InitiativeHelpWanted.objects.get(initiative=initiative)
    offer = help_offers.offer_help(
        initiative, ask, name=f"Helper {mark}", email="helper@example.nl"
    ).offer
    start = (timezone.localtime() + timedelta(days=5)).replace(hour=15, minute=0, second=0)
    activity = publish(
        ActivityPageFactory(
            parent=dutch_section(ActivityIndexPage),
            title=f"Activiteit {mark}",
            slug="buurtfeest",
            start=start,
            end=start + timedelta(hours=2),
            capacity=10,
            # On the buurt's map (/kaart.geojson) with the place's point.
            place=PlaceFactory(name=f"Plek {mark}", latitude="52.09", longitude="5.12"),
        )
    )
    registration = rsvp.register(
        activity, activity.start, name=f"Deelnemer {mark}", email="deelnemer@example.nl"
    ).registration
    document = Document.objects.create(
        title=f"Notulen {mark}", file=ContentFile(f"Notulen {mark}\n".encode(), name="notulen.txt")
    )
    person = PersonPageFactory(
        parent=dutch_section(PersonIndexPage), title=f"Persoon {mark}", slug="persoon", owner=author
    )
    submit_for_review(person, author)  # sends the consent request
    consent = ConsentRequest.objects.get(page_id=person.pk)
    evening = ResidentsEveningFactory(
        title=f"Inwonersavond {mark}", starts_at=timezone.now() + timedelta(days=9)
    )
    member = CohortMemberFactory(name=f"Deelnemer {mark}")
    LegalInformation.objects.update_or_create(
        defaults={"responsible": f"Bewonersgroep {mark}", "contact_email": "buurt@example.nl"}
    )
    reader = Subscription(email=f"lezer-{buurt.schema_name}@example.nl", wants_stories=True)
    reader.confirmed_at = timezone.now()
    reader.save()
    pending = Subscription(email=f"nieuw-{buurt.schema_name}@example.nl", wants_agenda=True)
    confirmation = pending.new_confirmation()
    pending.save()
    BuurtkrantEdition.objects.create(
        month=timezone.localdate().replace(day=1),
        language="nl",
        editorial=f"Voorwoord {mark}",
        status=BuurtkrantEdition.Status.PUBLISHED,
        document=document,
    )
    return [
        "/",
        "/robots.txt",
        "/blijf-op-de-hoogte/",
        "/blijf-op-de-hoogte/verstuurd/",
        f"/blijf-op-de-hoogte/bevestigen/{confirmation}/",
        f"/blijf-op-de-hoogte/{reader.manage_token()}/",
        f"/blijf-op-de-hoogte/{reader.manage_token()}/afmelden/",
        "/agenda.ics",
        "/kaart.geojson",
        f"/buurtagenda/{timezone.localdate():%Y-%m}.pdf",
        f"/zoeken/?q={word}",
        activity.url + "ical/",
        activity.url + "poster/",
        activity.url + f"aanmelding/{registration.token}/",
        # The original (photo.file.url) is never public: only renditions of shown images.
        photo.get_rendition("width-200").url,
        photo.get_rendition("fill-80x80|format-webp").url,
        document.url,  # through the document view: a download with a strict CSP
        f"/toestemming/{consent.token}/",
        member.poll_path,
        "/inwonersavond/",
        f"/inwonersavond/{evening.pk}/",
        f"/melden/{activity.pk}/",
        "/privacy/",
        "/toegankelijkheid/",
        "/colofon/",
        "/buurtkrant/",
        initiative.url + "meedoen/",
        initiative.url + f"meedoen/{ask.pk}/",
        initiative.url + f"aanbod/{offer.token}/",
    ]


def sitemap_paths(client):
    body = client.get("/sitemap.xml").content.decode()
    return [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", body)]


@pytest.fixture
def three_buurten(alpha, beta, gamma, sending):
    urls = {}
    with sending():
        for buurt in (alpha, beta, gamma):
            with inside(buurt):
                urls[buurt.schema_name] = build_content(buurt)
    for buurt in (alpha, beta, gamma):
        urls[buurt.schema_name] += sitemap_paths(client_for(buurt))
    return {buurt.schema_name: buurt for buurt in (alpha, beta, gamma)}, urls


def test_no_public_url_of_one_buurt_shows_its_content_on_another(three_buurten, cache_mode):
    buurten, urls = three_buurten
    tried, leaks = 0, []
    # With the page cache on, each buurt's own pages are stored first (a miss, then a hit).
    cached = {
        slug: [p for p in paths if cache_mode.warm_if_cacheable(client_for(buurten[slug]), p)]
        for slug, paths in urls.items()
    }
    # A buurt whose first requests are already hits was served another buurt's pages.
    stored = {slug: len(paths) for slug, paths in cached.items()}
    assert all(n >= 10 for n in stored.values()) if cache_mode.on else not any(cached.values()), (
        stored
    )
    for owner, paths in urls.items():
        assert len(paths) >= 20, paths  # the sitemap lists the content too
        own = client_for(buurten[owner])
        for path in paths:
            mine = own.get(path)
            assert mine.status_code == 200, f"{path} on its own host: {mine.status_code}"
            own_body = b"".join(mine.streaming_content) if mine.streaming else mine.content
            for other in SLUGS:
                if other == owner:
                    continue
                response = client_for(buurten[other]).get(path)
                tried += 1
                assert response.status_code < 500, f"{owner} {path} on {other}"
                body = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                if marker(owner).encode() in body or buurten[owner].name.encode() in body:
                    leaks.append(f"{owner} {path} on {other}: shows {owner}'s content")
                elif response.status_code == 200 and body == own_body:
                    leaks.append(f"{owner} {path} on {other}: the very same file")
    assert not leaks, "\n".join(leaks)
    assert tried >= 140
    print(f"isolation matrix: {tried} URL x host requests")  # for the closing note


def test_every_mail_links_only_to_its_own_buurt(three_buurten, alpha, beta, gamma, sending):
    assert three_buurten  # their sign-up and consent mails are in the outbox already
    with sending():
        for buurt in (alpha, beta, gamma):
            client = logged_in(buurt, "beheer@example.nl", BUURT_ADMIN)
            client.post(
                "/admin/mensen-uitnodigen/", {"email": "nieuw@example.nl", "role": RESIDENT}
            )
            client_for(buurt).post("/admin/password_reset/", {"email": "beheer@example.nl"})
    # Sign-up, consent, invitation and password-reset mails of all three buurten.
    assert len(mail.outbox) >= 9
    for message in mail.outbox:
        text = message.body + "".join(str(alt[0]) for alt in getattr(message, "alternatives", []))
        hosts = {urlsplit(url).hostname for url in re.findall(r"https?://[^\s\"'<>]+", text)}
        owners = [slug for slug in SLUGS if marker(slug) in text or f"{slug}.localhost" in text]
        assert len({h for h in hosts if h.endswith(".localhost")}) <= 1, (message.subject, hosts)
        assert len(owners) <= 1, (message.subject, owners)


def links_in(message):
    return re.findall(r"https?://([a-z0-9.-]+)(?::\d+)?(/\S*)", message.body)


def test_reset_and_invitation_links_work_only_on_their_own_buurt(alpha, beta, gamma, sending):
    buurten = [alpha, beta, gamma]
    for buurt in buurten:
        with sending():
            client = logged_in(buurt, f"beheer-{buurt.schema_name}@example.nl", BUURT_ADMIN)
            client.post(
                "/admin/mensen-uitnodigen/", {"email": "nieuw@example.nl", "role": RESIDENT}
            )
            client_for(buurt).post(
                "/admin/password_reset/", {"email": f"beheer-{buurt.schema_name}@example.nl"}
            )
    assert len(mail.outbox) == 6
    checked = 0
    for message in mail.outbox:
        for host, path in links_in(message):
            if "/password_reset/confirm/" not in path:
                continue
            owner = next(b for b in buurten if b.primary_domain == host)
            own = client_for(owner).get(path, follow=True)
            assert 'name="new_password1"' in own.content.decode(), message.subject
            for other in buurten:
                if other is owner:
                    continue
                elsewhere = client_for(other).get(path, follow=True)
                assert 'name="new_password1"' not in elsewhere.content.decode()
                # Posting a new password there changes nobody's password.
                elsewhere_post = client_for(other).post(
                    path.replace("/set-password/", "/"),
                    {"new_password1": "Ander-wachtw00rd!", "new_password2": "Ander-wachtw00rd!"},
                )
                assert elsewhere_post.status_code in (200, 302, 404)
                checked += 1
    assert checked == 12  # 6 links x 2 other buurten
    for buurt in buurten:
        with inside(buurt):
            for user in get_user_model().objects.all():
                assert not user.check_password("Ander-wachtw00rd!")


def test_an_admin_session_of_one_buurt_opens_nothing_on_another(alpha, beta, gamma):
    buurten = [alpha, beta, gamma]
    clients = {b.schema_name: logged_in(b, "beheer@example.nl", BUURT_ADMIN) for b in buurten}
    for owner in buurten:
        for other in buurten:
            if other is owner:
                continue
            borrowed = client_for(other)
            borrowed.cookies = clients[owner.schema_name].cookies
            for path in ("/admin/", "/admin/pages/", "/admin/users/", "/admin/api/main/pages/"):
                response = borrowed.get(path)
                assert response.status_code in (302, 403), (owner, other, path)
                if response.status_code == 302:
                    assert "/admin/login/" in response["Location"]


def test_an_email_change_link_works_only_on_its_own_buurt(alpha, beta, gamma, sending):
    from tests.test_accounts import change_email, confirmation_path, refused

    buurten = [alpha, beta, gamma]
    for buurt in buurten:  # the same account number in every buurt: only the buurt differs
        with inside(buurt):
            UserFactory(id=9001, username="zelfde@example.nl", email="zelfde@example.nl")
    clients = {b.schema_name: logged_in(b, "zelfde@example.nl", RESIDENT) for b in buurten}
    mail.outbox.clear()
    with sending():
        change_email(clients["alpha"], "nieuw-adres@example.nl")
    path = confirmation_path(next(m for m in mail.outbox if m.to == ["nieuw-adres@example.nl"]))
    for other in (beta, gamma):
        answer = clients[other.schema_name].post(path)
        assert refused(answer), other
        with inside(other):
            assert get_user_model().objects.get(pk=9001).email == "zelfde@example.nl"
    assert clients["alpha"].post(path).status_code == 302  # positive control: its own buurt
    with inside(alpha):
        assert get_user_model().objects.get(pk=9001).email == "nieuw-adres@example.nl"
