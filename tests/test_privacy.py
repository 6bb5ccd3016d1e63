"""AVG: a person's data export, and an erasure that leaves nothing behind.

The erasure test works on committed data in buurten of its own, because pg_dump runs
in another session and cannot see a test transaction; the buurten are dropped after.
"""

import json
import subprocess
from datetime import date
from io import BytesIO, StringIO
from pathlib import Path

import pytest
import wagtail_factories
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.management import call_command
from PIL import Image as PILImage
from wagtail.log_actions import log
from wagtail.models import Locale, Page, PageLogEntry
from wagtail.users.models import UserProfile
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import translate_object

from buurtpages.blueprint import dutch_section
from buurtpages.factories import (
    ActivityPageFactory,
    PersonPageFactory,
    StoryPageFactory,
    publish,
)
from buurtpages.models import (
    ActivityIndexPage,
    PersonIndexPage,
    Registration,
    Signal,
    StoryIndexPage,
)
from kernel.roles import RESIDENT, group_name
from tenants.pgtools import dump_schema
from tests.base import client_for, inside
from trainings.factories import CohortFactory, InterestSignupFactory
from trainings.models import CohortMember, RosterMember, TimeEntry
from workflows.demo import submit_for_review
from workflows.factories import UserFactory
from workflows.models import AccountRequest, ConsentRequest

MARKER = "Qzxwvmarker"
EMAIL = f"mara.{MARKER.lower()}@example.nl"
FULL_NAME = f"Mara {MARKER}"


def png_file(name):
    buffer = BytesIO()
    PILImage.new("RGB", (64, 48), "orange").save(buffer, "PNG")
    return ImageFile(buffer, name=name)


def plant_person(marker_suffix=""):
    """The person everywhere a buurt can hold them; returns their user."""
    user = UserFactory(
        username=EMAIL, email=EMAIL, first_name="Mara", last_name=MARKER, roles=[RESIDENT]
    )
    profile = UserProfile.get_for_user(user)
    profile.avatar.save(f"{MARKER}.png", png_file("avatar.png"))
    photo = wagtail_factories.ImageFactory(
        title=f"Portret {MARKER}", file=png_file(f"{MARKER}.png"), uploaded_by_user=user
    )
    photo.get_rendition("fill-20x20")
    person = PersonPageFactory(
        parent=dutch_section(PersonIndexPage),
        title=FULL_NAME,
        slug="mara",
        help_with=f"Ik help met {MARKER} en koffie",
        contact_email=EMAIL,
        photo=photo,
        owner=user,
    )
    submit_for_review(person, user)  # the consent step mails the person
    from workflows.consent import record_consent

    translate_person_page(person)
    record_consent(person, given_by=EMAIL)
    publish(person)

    story = StoryPageFactory(
        parent=dutch_section(StoryIndexPage), title="Samen tuinieren", slug="samen-tuinieren"
    )
    story.owner = user
    story.save()
    story.save_revision(user=user)
    publish(story)
    log(instance=story, action="wagtail.edit", user=user, data={"note": f"met {FULL_NAME}"})
    log(instance=user, action="wagtail.edit", user=user)

    activity = publish(ActivityPageFactory(parent=dutch_section(ActivityIndexPage)))
    Registration.objects.create(
        activity=activity,
        occurrence_start=activity.start,
        name=FULL_NAME,
        email=EMAIL,
        status=Registration.Status.CONFIRMED,
    )
    Signal.objects.create(
        category=Signal.Category.IDEA,
        description=f"Een bankje voor {MARKER}{marker_suffix}",
        contact_name=FULL_NAME,
        contact_email=EMAIL,
        sender_hash=Signal.hash_sender(EMAIL),
    )
    AccountRequest.objects.create(name=FULL_NAME, email=EMAIL, motivation=f"{MARKER} helpt")
    signup = InterestSignupFactory(
        name=FULL_NAME, email=EMAIL, cares_about=f"Groen en {MARKER}", hours_per_week=2
    )
    CohortMember.objects.create(cohort=CohortFactory(), kind="resident", signup=signup)
    TimeEntry.objects.create(user=user, week=date(2026, 11, 16), hours=3)
    RosterMember.objects.create(name=FULL_NAME, user=user, roles=["connector"])
    return user


def translate_person_page(person):
    """An English translation with the marker in a translated string."""
    english = Locale.objects.get(language_code="en")
    translate_object(person, [english])
    source = TranslationSource.objects.get_for_instance(person)
    segment = StringSegment.objects.get(source=source, string__data__contains="koffie")
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=english,
        context=segment.context,
        data=f"I help with {MARKER} and coffee",
    )
    assert Translation.objects.filter(source=source, target_locale=english).exists()


def occurrences_in_dump(slug, tmp_path):
    dump = tmp_path / f"{slug}.sql"
    dump_schema(slug, dump)
    text = dump.read_text().lower()
    assert "create table" in text and "wagtailcore_page" in text  # a real dump
    return text.count(MARKER.lower())


def occurrences_in_media(slug):
    folder = Path(settings.MEDIA_ROOT) / "tenants" / slug
    found = []
    for path in folder.rglob("*") if folder.exists() else []:
        in_name = MARKER.lower() in str(path).lower()
        if in_name or (path.is_file() and MARKER.lower().encode() in path.read_bytes().lower()):
            found.append(str(path))
    return found


def assert_export_is_complete(slug, tmp_path):
    """The export holds everything planted about the person, and no secrets."""
    target = tmp_path / "export.json"
    call_command("export_person", slug, EMAIL, output=str(target), stderr=StringIO())
    exported = json.loads(target.read_text())
    assert exported["accounts"][0]["last_name"] == MARKER
    assert exported["accounts"][0]["groups"] == [group_name(RESIDENT)]
    assert "password" not in exported["accounts"][0]
    assert {page["title"] for page in exported["person_pages"]} == {FULL_NAME}
    assert "Samen tuinieren" in {page["title"] for page in exported["pages_created"]}
    for section in (
        "activity_sign_ups",
        "signals",
        "consent_requests",
        "consents_given",
        "account_requests",
        "inwonersavond_sign_ups",
        "training_participations",
        "hours_logged",
        "team_roster",
        "images_uploaded",
        "log_entries",
    ):
        assert exported[section], section
    assert "token" not in exported["activity_sign_ups"][0]
    assert "sender_hash" not in exported["signals"][0]


def test_export_then_erasure_leaves_no_trace_in_the_dump_or_media(
    committed_buurten, tmp_path, cache_mode
):
    erased_in, kept_in = (
        committed_buurten.launch("privacy_a", ["nl", "en"]),
        committed_buurten.launch("privacy_b", ["nl"]),
    )
    with inside(erased_in):
        plant_person()
        assert ConsentRequest.objects.filter(email=EMAIL).exists()
        story_id = Page.objects.get(title="Samen tuinieren").pk
    with inside(kept_in):
        UserFactory(username=EMAIL, email=EMAIL, first_name="Mara", last_name=MARKER)
        Signal.objects.create(
            category=Signal.Category.IDEA,
            description=f"Ook in B: {MARKER}",
            contact_email=EMAIL,
            sender_hash="x",
        )
    assert_export_is_complete("privacy_a", tmp_path)
    client = client_for(erased_in)
    for path in ("/mensen/mara/", "/mensen/", "/verhalen/samen-tuinieren/"):
        cache_mode.warm(client, path)
    assert FULL_NAME in client.get("/mensen/").content.decode()
    assert FULL_NAME in client.get(f"/zoeken/?q={MARKER}").content.decode()
    planted = occurrences_in_dump("privacy_a", tmp_path)
    assert planted >= 20, planted  # the marker really is everywhere before
    assert occurrences_in_media("privacy_a")
    kept_before = occurrences_in_dump("privacy_b", tmp_path)

    output = StringIO()
    call_command("erase_person", "privacy_a", EMAIL.upper(), interactive=False, stdout=output)
    assert "Erased from privacy_a" in output.getvalue()

    assert occurrences_in_dump("privacy_a", tmp_path) == 0
    assert occurrences_in_media("privacy_a") == []
    # Another buurt's person with the same address is someone else's data.
    assert occurrences_in_dump("privacy_b", tmp_path) == kept_before > 0
    with inside(kept_in):
        assert get_user_model().objects.filter(email=EMAIL).exists()
    with inside(erased_in):
        story = Page.objects.get(pk=story_id)  # the shared page stays, without its author
        assert story.live and story.owner is None
        assert not get_user_model().objects.filter(email__iexact=EMAIL).exists()
        assert PageLogEntry.objects.filter(page_id=story_id).exists()
    # The site: the Person page is gone, also from search; the shared story still serves.
    assert client.get("/mensen/mara/").status_code == 404
    people = client.get("/mensen/")
    assert people.status_code == 200 and FULL_NAME not in people.content.decode()
    results = client.get(f"/zoeken/?q={MARKER}").content.decode()
    assert FULL_NAME not in results and "/mensen/mara/" not in results
    assert client.get("/verhalen/samen-tuinieren/").status_code == 200


def test_commands_refuse_unknown_buurt_and_blueprint(db):
    from django.core.management.base import CommandError

    for slug in ("nergens", settings.BUURT_BLUEPRINT_SCHEMA):
        with pytest.raises(CommandError):
            call_command("erase_person", slug, EMAIL, interactive=False)


def test_pg_dump_binary_runs():
    from tenants.pgtools import binary

    version = subprocess.run([binary("pg_dump"), "--version"], capture_output=True, text=True)
    assert "PostgreSQL" in version.stdout


def test_erasure_leaves_words_typed_in_forms_out_of_other_residents_history(alpha):
    """A sign-up or signal name is whatever a visitor typed ("Intro RT2", "van de"): erasure
    scrubs only the person's verified name, only in their own records; their address goes
    everywhere, as a whole address."""
    from wagtail.models import Revision

    from tenants.privacy import ERASED, erase_person

    email = "nadia.wisser@example.nl"
    with inside(alpha):
        person = UserFactory(
            username=email, email=email, first_name="Nadia", last_name="Wisser", roles=[RESIDENT]
        )
        neighbour = UserFactory(first_name="Ria", last_name="Buur", roles=[RESIDENT])
        activity = ActivityPageFactory(
            parent=dutch_section(ActivityIndexPage),
            title="Intro RT2 van de buurtschool",
            intro=f"Vragen? Mail {email} of lisa.{email}, Nadia Wisser helpt ook mee.",
            owner=neighbour,
        )
        neighbours_revision = activity.save_revision(user=neighbour)
        publish(activity)
        activity_path = activity.relative_url(activity.get_site())
        story = StoryPageFactory(
            parent=dutch_section(StoryIndexPage), title="Nadia Wisser over de tuin van de school"
        )
        own_revision = story.save_revision(user=person)
        Registration.objects.create(
            activity=activity,
            occurrence_start=activity.start,
            name="Intro RT2",
            email=email,
            status=Registration.Status.CONFIRMED,
        )
        Signal.objects.create(
            category=Signal.Category.IDEA,
            description="Een bankje",
            contact_name="van de",
            contact_email=email,
            sender_hash=Signal.hash_sender(email),
        )

        erase_person(email)

        kept = Revision.objects.get(pk=neighbours_revision.pk)
        assert kept.object_str == "Intro RT2 van de buurtschool"
        assert kept.content["title"] == "Intro RT2 van de buurtschool"
        # Their address goes, also from a neighbour's text; a longer address stays, and
        # so does their name where a neighbour wrote it (not a record linked to them).
        assert kept.content["intro"] == (
            f"Vragen? Mail {ERASED} of lisa.{email}, Nadia Wisser helpt ook mee."
        )
        scrubbed = Revision.objects.get(pk=own_revision.pk)
        assert scrubbed.object_str == f"{ERASED} over de tuin van de school"
        assert "Nadia Wisser" not in json.dumps(scrubbed.content)
        assert not Registration.objects.filter(email=email).exists()
        assert not Signal.objects.filter(contact_email=email).exists()
    response = client_for(alpha).get(activity_path)
    assert response.status_code == 200
    assert "Intro RT2 van de buurtschool" in response.content.decode()
