"""A consent covers everything the site shows about the person: the page itself, the
browser tab and search results (seo title, description), the address (slug), the texts
of the chosen place and organisation, and the photo by its file, not its number. A change
to any of it after the person said yes cannot be published without asking again."""

import re
from io import BytesIO
from pathlib import Path

import pytest
import wagtail_factories
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Collection

from buurtpages.blueprint import dutch_section
from buurtpages.consent_check import register_consent_check, unregister_consent_check
from buurtpages.factories import PartnerFactory, PersonPageFactory, PlaceFactory
from buurtpages.models import Partner, PersonIndexPage, PersonPage, Place
from kernel.roles import BUURT_ADMIN
from tests.base import client_for, inside, logged_in
from tests.real_forms import form_of
from workflows.consent import agreed
from workflows.demo import submit_for_review

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# The templates that render a Person page, its <head> and the section list it is on.
PERSON_TEMPLATES = [
    "buurtpages/person_page.html",
    "base.html",
    "includes/meta.html",
    "includes/page_list.html",
]
# What a template names → the stored field behind it.
RENDERED_AS = {"get_kind_display": "kind", "language_names": "languages"}
# Not about the person: the page's id, language and type.
NOT_CONTENT = {"pk", "locale", "specific", "intro", "goal", "url"}


def png(colour):
    out = BytesIO()
    Image.new("RGB", (30, 30), colour).save(out, format="PNG")
    return out.getvalue()


def fields_rendered_for_a_person():
    names = set()
    for template in PERSON_TEMPLATES:
        text = (TEMPLATES / template).read_text()
        names |= set(re.findall(r"\b(?:page|item)\.(?:specific\.)?(\w+)", text))
    return {RENDERED_AS.get(name, name) for name in names} - NOT_CONTENT


def form_change(field, value):
    def change(fields, page):
        fields[field] = value if isinstance(value, list) else [value]

    return change


def other_choice(field, factory):
    def change(fields, page):
        fields[field] = [str(factory().pk)]

    return change


def rename_place(fields, page):
    Place.objects.filter(pk=page.meeting_place_id).update(name="Achter de supermarkt")


def rename_organisation(fields, page):
    Partner.objects.filter(pk=page.organisation_id).update(name="Dubieuze Stichting")


def other_photo(fields, page):
    fields["photo"] = [str(an_image((0, 0, 200)).pk)]


CHANGES = {
    "title": form_change("title", "Iemand anders"),
    "seo_title": form_change("seo_title", "Een oplichter"),
    "search_description": form_change("search_description", "Niet te vertrouwen"),
    "slug": form_change("slug", "niet-te-vertrouwen"),
    "kind": form_change("kind", "professional"),
    "role_title": form_change("role_title", "deurwaarder"),
    "help_with": form_change("help_with", "Iets waar zij nooit ja op zei."),
    "languages": form_change("languages", ["nl", "en", "tr"]),
    "meeting_times": form_change("meeting_times", "Elke nacht om drie uur"),
    "organisation": other_choice("organisation", PartnerFactory),
    "meeting_place": other_choice("meeting_place", PlaceFactory),
    "photo": other_photo,
    "place text": rename_place,
    "organisation name": rename_organisation,
}


def an_image(colour):
    return wagtail_factories.ImageFactory(
        file=ContentFile(png(colour), name="portret.png"),
        collection=Collection.get_first_root_node(),
    )


@pytest.fixture
def consented_person(alpha):
    """A live Person page the person agreed to, with every field filled in."""
    with inside(alpha):
        person = PersonPageFactory(
            parent=dutch_section(PersonIndexPage),
            title="Ans de Wit",
            slug="ans-de-wit",
            seo_title="Ans de Wit, buurtverbinder",
            search_description="Ans helpt met formulieren.",
            role_title="vrijwilliger",
            help_with="Formulieren invullen.",
            meeting_times="Dinsdag 10:00–12:00",
            organisation=PartnerFactory(name="Buurtwerk"),
            meeting_place=PlaceFactory(name="Buurthuis", address="Dorpsstraat 1"),
            photo=an_image((0, 160, 0)),
        )
        agreed(person)
        person.save_revision().publish()
        return PersonPage.objects.get(pk=person.pk)


def publish(client, page, change=None, buurt=None):
    url = f"/admin/pages/{page.pk}/edit/"
    fields = form_of(client, url, form_id="page-edit-form")
    if change is not None:
        with inside(buurt):
            change(fields, page)
    fields["action-publish"] = ["1"]
    return client.post(url, fields)


def test_every_field_a_template_renders_for_a_person_is_checked():
    rendered = fields_rendered_for_a_person()
    assert {"title", "seo_title", "search_description", "photo", "meeting_place"} <= rendered
    assert rendered <= set(CHANGES), rendered - set(CHANGES)
    assert rendered <= set(PersonPage.consent_fields), rendered - set(PersonPage.consent_fields)


@pytest.mark.parametrize("what", sorted(CHANGES))
def test_a_change_after_consent_cannot_be_published_without_asking_again(
    alpha, consented_person, what
):
    beheer = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    # Positive control: the content the person agreed to publishes (302), also on a second
    # publish through the real form.
    assert publish(beheer, consented_person).status_code == 302
    with inside(alpha):
        live_revision = PersonPage.objects.get(pk=consented_person.pk).live_revision_id
    refused = publish(beheer, consented_person, CHANGES[what], alpha)
    assert refused.status_code == 200
    assert "toestemming" in refused.content.decode()
    with inside(alpha):
        page = PersonPage.objects.get(pk=consented_person.pk)
        assert page.live and page.live_revision_id == live_revision
        assert page.title == "Ans de Wit" and page.slug == "ans-de-wit"


def test_without_a_consent_check_no_person_page_goes_live(alpha, consented_person):
    """Pages cannot tell consent themselves: with no app checking it, a Person page the
    person agreed to is still refused, in the editor and by any other code path."""
    beheer = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    check = unregister_consent_check()
    try:
        refused = publish(beheer, consented_person)
        with inside(alpha), pytest.raises(ValidationError):
            PersonPage.objects.get(pk=consented_person.pk).save_revision().publish()
    finally:
        register_consent_check(check)
    assert refused.status_code == 200
    assert "toestemming" in refused.content.decode()
    # Positive control: with the check registered again, the same client publishes it.
    assert publish(beheer, consented_person).status_code == 302


def test_a_new_file_for_the_photo_needs_a_new_consent(alpha, consented_person):
    """The photo is covered by what it shows (its file), not by its number."""
    beheer = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    assert publish(beheer, consented_person).status_code == 302
    url = f"/admin/images/{consented_person.photo_id}/"
    fields = form_of(beheer, url, action=url)
    fields["file"] = SimpleUploadedFile("iemand-anders.png", png((200, 0, 0)))
    assert beheer.post(url, fields).status_code == 302
    with inside(alpha):
        assert get_image_model().objects.get(pk=consented_person.photo_id).file_hash
        assert not PersonPage.objects.get(pk=consented_person.pk).has_consent
    refused = publish(beheer, consented_person)
    assert refused.status_code == 200 and "toestemming" in refused.content.decode()


def test_the_consent_question_shows_everything_the_consent_covers(alpha, sending):
    """The person agrees to what they saw: the consent page shows every covered text,
    including what search engines and browser tabs show and the page's web address."""
    from workflows.models import ConsentRequest

    with inside(alpha):
        person = PersonPageFactory(
            parent=dutch_section(PersonIndexPage),
            title="Bram Visser",
            slug="bram-visser",
            seo_title="Bram Visser helpt met geldzaken",
            search_description="Bram weet de weg bij het loket.",
            kind="professional",
            role_title="schuldhulpmaatje",
            help_with="Brieven van instanties.",
            meeting_times="Donderdag 14:00–16:00",
            languages=["nl", "tr"],
            organisation=PartnerFactory(name="Geldwijzer"),
            meeting_place=PlaceFactory(name="Bibliotheek", address="Marktplein 3"),
        )
        with sending():
            submit_for_review(person, None)
        token = ConsentRequest.objects.get(page_id=person.pk).token
    response = client_for(alpha).get(f"/toestemming/{token}/")
    assert response.status_code == 200
    html = response.content.decode()
    # What the person reads, not the page's <head>.
    html = html.split('class="consent-preview"', 1)[1].split("</section>", 1)[0]
    for shown in [
        "Bram Visser",
        "Bram Visser helpt met geldzaken",
        "Bram weet de weg bij het loket.",
        "/mensen/bram-visser/",
        "Professional",
        "schuldhulpmaatje",
        "Geldwijzer",
        "Brieven van instanties.",
        "Donderdag 14:00–16:00",
        "Bibliotheek, Marktplein 3",
        "Türkçe",
    ]:
        assert shown in html, shown


def test_a_draft_of_a_live_person_page_saves_and_the_live_page_stays_as_agreed(
    alpha, consented_person
):
    """Editing is not publishing: a draft change is kept (and asks consent when it is
    submitted); only what goes live needs the person's yes."""
    beheer = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    url = f"/admin/pages/{consented_person.pk}/edit/"
    fields = form_of(beheer, url, form_id="page-edit-form")
    fields["help_with"] = ["Een wijziging waar Ans nog niets van weet."]
    assert beheer.post(url, fields).status_code == 302
    with inside(alpha):
        page = PersonPage.objects.get(pk=consented_person.pk)
        assert page.live and page.help_with == "Formulieren invullen."
        draft = page.get_latest_revision_as_object()
        assert draft.help_with == "Een wijziging waar Ans nog niets van weet."
    public = client_for(alpha).get("/mensen/ans-de-wit/")
    assert public.status_code == 200 and "Formulieren invullen." in public.content.decode()
