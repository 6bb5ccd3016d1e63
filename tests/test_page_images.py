"""A photo on an initiative, activity or story: alt text is required, the page and its
cards show WebP renditions in several widths, and those files are served only on the
buurt's own host."""

import re
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import Image
from wagtail.images import get_image_model

from buurtpages.blueprint import dutch_section
from buurtpages.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    StoryPageFactory,
    publish,
)
from buurtpages.models import (
    ActivityIndexPage,
    InitiativeIndexPage,
    InitiativePage,
    StoryIndexPage,
    StoryPage,
)
from kernel.roles import CONNECTOR, RESIDENT
from tests.base import client_for, inside, logged_in, story_form

ALT = "Buren zetten plantjes in een geveltuin"
ALT_MISSING = "Beschrijf wat de foto laat zien"


def new_image(title="geveltuin", size=(1200, 750)):
    out = BytesIO()
    Image.new("RGB", size, (40, 140, 80)).save(out, format="PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(BytesIO(out.getvalue()), name=f"{title}.png")
    )


def images_in(html):
    return re.findall(r"<img\b[^>]*>", html)


def attribute(tag, name):
    found = re.search(rf'\s{name}="([^"]*)"', tag)
    return found.group(1) if found else None


def srcset_urls(tag):
    return [part.strip().split(" ")[0] for part in attribute(tag, "srcset").split(",")]


def photo_tags(html, css_class):
    return [tag for tag in images_in(html) if f'class="{css_class}"' in tag]


def test_a_photo_without_alt_text_is_refused_naming_the_field(alpha):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    with inside(alpha):
        image = new_image()
        index = dutch_section(StoryIndexPage)
    url = f"/admin/pages/add/buurtpages/storypage/{index.pk}/"
    refused = rik.post(url, story_form("Geveltuinen", photo=image.pk, photo_alt=" "))
    assert refused.status_code == 200
    errors = refused.context["form"].errors
    assert list(errors) == ["photo_alt"]
    assert ALT_MISSING in errors["photo_alt"][0]
    assert ALT_MISSING in refused.content.decode()
    # The same story with a description of the photo is saved.
    saved = rik.post(url, story_form("Geveltuinen", photo=image.pk, photo_alt=ALT))
    assert saved.status_code == 302
    with inside(alpha):
        story = StoryPage.objects.get(title="Geveltuinen")
        assert (story.photo_id, story.photo_alt) == (image.pk, ALT)


@pytest.mark.parametrize(
    ("factory", "section"),
    [(ActivityPageFactory, ActivityIndexPage), (InitiativePageFactory, InitiativeIndexPage)],
)
def test_every_page_type_with_a_photo_requires_its_alt_text(alpha, factory, section):
    with inside(alpha):
        page = factory(parent=dutch_section(section), title="Met foto")
        page.photo = new_image()
        with pytest.raises(ValidationError) as refused:
            page.full_clean()
        assert list(refused.value.message_dict) == ["photo_alt"]
        page.photo_alt = ALT
        page.full_clean()  # positive control: described, it is valid
        page.photo = None
        page.photo_alt = ""
        page.full_clean()  # and a page without a photo needs no description


def test_page_and_cards_show_webp_renditions_served_only_on_the_own_host(alpha, beta):
    vera = logged_in(alpha, "vera@example.nl", CONNECTOR)
    with inside(alpha):
        image = new_image()
        story = StoryPageFactory(
            parent=dutch_section(StoryIndexPage), title="Geveltuinen", photo=image, photo_alt=ALT
        )
        publish(story)
        initiative = InitiativePageFactory(
            parent=dutch_section(InitiativeIndexPage),
            title="Groene gevels",
            photo=image,
            photo_alt=ALT,
        )
        publish(initiative)
        activity = ActivityPageFactory(
            parent=dutch_section(ActivityIndexPage),
            title="Plantjesmiddag",
            photo=image,
            photo_alt=ALT,
        )
        publish(activity)
        urls = {
            "story": story.url,
            "stories": dutch_section(StoryIndexPage).url,
            "home": "/",
            "initiative": InitiativePage.objects.get(pk=initiative.pk).url,
            "initiatives": dutch_section(InitiativeIndexPage).url,
            "agenda": dutch_section(ActivityIndexPage).url,
        }
    classes = {"story": "page-photo", "initiative": "page-photo"}
    classes["agenda"] = "card-image card-image--thumbnail"
    visitor = client_for(alpha)
    served = set()
    for name, url in urls.items():
        response = visitor.get(url)
        assert response.status_code == 200, name
        html = response.content.decode()
        on_page = name in ("story", "initiative")
        tags = photo_tags(html, classes.get(name, "card-image"))
        assert tags, f"no photo on the {name} page"
        for tag in tags:
            assert attribute(tag, "alt") == ALT
            assert attribute(tag, "width") and attribute(tag, "height")
            assert attribute(tag, "loading") == (None if on_page else "lazy")
            sources = srcset_urls(tag)
            assert len(sources) >= 2 and all(src.endswith(".webp") for src in sources), tag
            served.update(sources)
    for url in served:
        response = visitor.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/webp"
        # Never on another buurt's host, not even for someone who works there.
        assert client_for(beta).get(url).status_code == 404
        assert client_for(beta).get(url.replace("/alpha/", "/beta/")).status_code == 404
    assert vera.get(next(iter(served))).status_code == 200
