"""Uploaded files reach the public only after review, and only through views that send
headers which run nothing: originals and avatars never, renditions once a live page
shows their image, documents as downloads with a strict CSP. Always only on their own
buurt's host."""

from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.users.models import UserProfile

from buurtpages.models import StoryPage
from kernel.roles import BUURT_ADMIN, CONNECTOR, RESIDENT
from tests.base import client_for, inside, logged_in
from tests.test_file_replacement import approve, story_with_image, upload_image
from workflows.demo import submit_for_review

STRICT_CSP = "default-src 'none'; sandbox"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def fetched(client, url):
    response = client.get(url)
    if response.status_code == 200:
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == STRICT_CSP
        body(response)
    return response.status_code


def test_an_upload_is_public_only_once_a_live_page_shows_it(alpha, beta):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    vera = logged_in(alpha, "vera@example.nl", CONNECTOR)
    visitor = client_for(alpha)
    with inside(alpha):
        image = upload_image(rik, "plein", (0, 160, 0))
        original = image.file.url
        thumbnail = image.get_rendition("max-165x165").url
    # Before any review: the uploader sees it in the admin, a visitor sees nothing.
    assert fetched(rik, original) == 200 and fetched(rik, thumbnail) == 200
    assert fetched(visitor, original) == 404 and fetched(visitor, thumbnail) == 404
    with inside(alpha):
        story = story_with_image(rik, "Het nieuwe plein", image.pk, "action-submit")
    assert fetched(visitor, thumbnail) == 404  # in review: still not public
    with inside(alpha):
        approve(vera, story)
        path = StoryPage.objects.get(pk=story.pk).url
    page = visitor.get(path)
    assert page.status_code == 200
    shown = [url for url in page.content.decode().split('"') if url.startswith("/media/")]
    assert shown, "the live story shows its picture"
    for url in [*shown, thumbnail]:
        assert fetched(visitor, url) == 200
    assert fetched(visitor, original) == 404  # the original never: renditions only
    # Never on another buurt's host, not even for that buurt's own admin.
    beheer_b = logged_in(beta, "beheer@example.nl", BUURT_ADMIN)
    for url in [*shown, original, thumbnail]:
        assert fetched(client_for(beta), url) == 404
        assert fetched(beheer_b, url) == 404
        assert fetched(client_for(beta), url.replace("/alpha/", "/beta/")) == 404


def test_avatars_only_for_people_logged_in_to_the_buurts_admin(alpha):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    with inside(alpha):
        from django.contrib.auth import get_user_model

        profile = UserProfile.get_for_user(get_user_model().objects.get(username="rik@example.nl"))
        out = BytesIO()
        Image.new("RGB", (20, 20), (1, 2, 3)).save(out, format="PNG")
        profile.avatar.save("rik.png", ContentFile(out.getvalue()))
        url = profile.avatar.url
    assert "/avatar_images/" in url
    assert fetched(client_for(alpha), url) == 404
    assert fetched(rik, url) == 200


def private_collection():
    root = Collection.get_first_root_node()
    private = root.add_child(name="Alleen voor ingelogden")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return private


def test_documents_are_downloads_with_a_strict_csp_and_never_under_media(alpha, beta):
    beheer = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    visitor = client_for(alpha)
    with inside(alpha):
        public = Document.objects.create(
            title="Notulen", file=ContentFile(b"<html><script>alert(1)</script>", name="n.txt")
        )
        private = Document.objects.create(
            title="Rooster",
            file=ContentFile(b"Geheim rooster\n", name="r.txt"),
            collection=private_collection(),
        )
        documents = [
            (public, public.url, public.file.url),
            (private, private.url, private.file.url),
        ]
    for _document, _url, media_url in documents:
        assert media_url.startswith("/media/tenants/alpha/documents/")
        for client in (visitor, beheer):
            assert fetched(client, media_url) == 404  # never straight from /media/
    # Positive control: the public document downloads, with the headers.
    response = visitor.get(public.url)
    assert response.status_code == 200
    assert body(response) == b"<html><script>alert(1)</script>"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == STRICT_CSP
    assert response["X-Content-Type-Options"] == "nosniff"
    # The private collection: a visitor is sent to log in, a logged-in person downloads.
    refused = visitor.get(private.url)
    assert refused.status_code == 302 and "login" in refused["Location"]
    allowed = beheer.get(private.url)
    assert allowed.status_code == 200 and body(allowed) == b"Geheim rooster\n"
    assert allowed["Content-Disposition"].startswith("attachment")
    # Another buurt's host knows neither.
    for _document, url, _media in documents:
        assert client_for(beta).get(url).status_code == 404


def test_the_person_asked_for_consent_sees_their_photo_before_it_is_public(alpha, sending):
    from buurtpages.blueprint import dutch_section
    from buurtpages.factories import PersonPageFactory
    from buurtpages.models import PersonIndexPage
    from workflows.models import ConsentRequest

    with inside(alpha):
        photo = upload_image(logged_in(alpha, "rik@example.nl", RESIDENT), "ans", (0, 160, 0))
        person = PersonPageFactory(
            parent=dutch_section(PersonIndexPage), title="Ans de Wit", photo=photo
        )
        with sending():
            submit_for_review(person, None)
        token = ConsentRequest.objects.get(page_id=person.pk).token
        rendition_url = photo.get_rendition("fill-240x240").url
    visitor = client_for(alpha)
    html = visitor.get(f"/toestemming/{token}/").content.decode()
    assert "Ans de Wit" in html
    assert '<img src="data:image/png;base64,' in html  # the photo, inside the page
    assert "/media/" not in html
    assert fetched(visitor, rendition_url) == 404  # not public before review
