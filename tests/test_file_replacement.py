"""Replacing the file of an image or document that a live page (or a page in review)
shows would change that page without review: only someone who may publish every such
page may do it; anyone else uploads a new file and edits the page, which is reviewed."""

import re
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.models import Collection

from buurtpages.blueprint import dutch_section
from buurtpages.models import StoryIndexPage, StoryPage
from kernel.roles import CONNECTOR, RESIDENT
from tests.base import client_for, inside, logged_in, story_form
from tests.real_forms import form_of

REFUSAL = "zonder dat iemand het nakijkt"  # the Dutch message users see


def png(colour):
    out = BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="PNG")
    return out.getvalue()


def upload_image(client, title, colour):
    root = Collection.get_first_root_node().pk
    response = client.post(
        "/admin/images/add/",
        {
            "title": title,
            "file": SimpleUploadedFile(f"{title}.png", png(colour)),
            "collection": root,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return get_image_model().objects.get(title=title)


def stored_bytes(image):
    with image.open_file() as stored:
        return stored.read()


def replace_file(client, image, colour):
    """Post Wagtail's real image edit form, as rendered for `client`, with a new file."""
    url = f"/admin/images/{image.pk}/"
    fields = form_of(client, url, action=url)
    fields["file"] = SimpleUploadedFile("nieuw.png", png(colour))
    return client.post(url, fields)


def story_with_image(client, title, image_id, action):
    index = dutch_section(StoryIndexPage)
    picture = {"image": image_id, "alt_text": "Het plein", "decorative": False}
    form = story_form(title, body=[("image", picture)], **{action: "1"})
    response = client.post(f"/admin/pages/add/buurtpages/storypage/{index.pk}/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    return StoryPage.objects.get(title=title)


def approve(client, page):
    state = StoryPage.objects.get(pk=page.pk).current_workflow_task_state
    url = f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/"
    assert client.post(url).status_code == 302


def colour_on_live_page(buurt, page):
    """The colour of the picture the live page shows (its rendition, as served)."""
    with inside(buurt):
        path = StoryPage.objects.get(pk=page.pk).url
    response = client_for(buurt).get(path)
    assert response.status_code == 200
    urls = re.findall(r'<img[^>]+src="(/media/[^"]+)"', response.content.decode())
    assert urls, "the live page shows no picture"
    response = client_for(buurt).get(urls[0])
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return Image.open(BytesIO(data)).convert("RGB").getpixel((1, 1))


def test_resident_cannot_swap_the_picture_of_an_approved_story(alpha):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    vera = logged_in(alpha, "vera@example.nl", CONNECTOR)
    with inside(alpha):
        image = upload_image(rik, "plein", (0, 160, 0))
        unused = upload_image(rik, "reserve", (0, 0, 160))
        story = story_with_image(rik, "Het nieuwe plein", image.pk, "action-submit")
        approve(vera, story)
        assert StoryPage.objects.get(pk=story.pk).live
        before = stored_bytes(image)
    assert colour_on_live_page(alpha, story) == (0, 160, 0)

    refused = replace_file(rik, image, (255, 0, 0))
    assert refused.status_code == 200
    assert REFUSAL in str(refused.context["form"].errors["file"])
    with inside(alpha):
        assert stored_bytes(get_image_model().objects.get(pk=image.pk)) == before
    assert colour_on_live_page(alpha, story) == (0, 160, 0)

    # Positive controls: the same resident replaces the file of an image no page shows,
    # and a buurtverbinder (who may publish the story) may replace the used one.
    assert replace_file(rik, unused, (255, 0, 0)).status_code == 302
    with inside(alpha):
        reloaded = get_image_model().objects.get(pk=unused.pk)
        assert Image.open(BytesIO(stored_bytes(reloaded))).getpixel((1, 1)) == (255, 0, 0)
    assert replace_file(vera, image, (200, 0, 0)).status_code == 302
    assert colour_on_live_page(alpha, story) == (200, 0, 0)


def test_resident_cannot_swap_the_picture_of_a_story_in_review(alpha):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    with inside(alpha):
        image = upload_image(rik, "bankje", (0, 160, 0))
        draft_only = upload_image(rik, "schets", (0, 0, 160))
        story_with_image(rik, "Een bankje", image.pk, "action-submit")
        story_with_image(rik, "Nog niet ingediend", draft_only.pk, "action-save")
    refused = replace_file(rik, image, (255, 0, 0))
    assert refused.status_code == 200 and REFUSAL in str(refused.context["form"].errors["file"])
    # A draft nobody reviews yet: the reviewer will see the new file when it is submitted.
    assert replace_file(rik, draft_only, (255, 0, 0)).status_code == 302


def test_resident_cannot_swap_a_document_a_live_page_links_to(alpha):
    """No page type offers document links in its editor today; a page's stored content
    can still hold one (an import, a later feature), and the same rule applies."""
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    vera = logged_in(alpha, "vera@example.nl", CONNECTOR)
    root = Collection.get_first_root_node().pk
    for title in ("notulen", "los"):
        response = rik.post(
            "/admin/documents/add/",
            {
                "title": title,
                "file": SimpleUploadedFile(f"{title}.txt", b"Vergadering\n"),
                "collection": root,
            },
        )
        assert response.status_code == 302
    with inside(alpha):
        document = Document.objects.get(title="notulen")
        loose = Document.objects.get(title="los")
        story = dutch_section(StoryIndexPage).add_child(
            instance=StoryPage(
                title="Verslag",
                slug="verslag",
                intro="Het verslag.",
                body=[
                    (
                        "paragraph",
                        f'<p><a linktype="document" id="{document.pk}">notulen</a></p>',
                    )
                ],
            )
        )
        story.save_revision().publish()

    def replace(client, doc):
        url = f"/admin/documents/edit/{doc.pk}/"
        fields = form_of(client, url, action=url)
        fields["file"] = SimpleUploadedFile("nieuw.txt", b"Iets heel anders\n")
        return client.post(url, fields)

    refused = replace(rik, document)
    assert refused.status_code == 200 and REFUSAL in str(refused.context["form"].errors["file"])
    with inside(alpha), Document.objects.get(pk=document.pk).open_file() as stored:
        assert stored.read() == b"Vergadering\n"
    assert replace(rik, loose).status_code == 302
    assert replace(vera, document).status_code == 302
