"""Tenant isolation: buurt A's pages, users, images, search results and cache
entries must not be reachable from buurt B's host or admin."""

import wagtail_factories
from django.core.cache import cache
from django.db import connection

from buurtpages.blueprint import dutch_section
from buurtpages.factories import StoryPageFactory, publish
from buurtpages.models import StoryIndexPage
from kernel.roles import BUURT_ADMIN
from tests.base import DEMO_PASSWORD, client_for, inside, logged_in, pass_second_factor
from workflows.factories import UserFactory


def story_in(buurt, title="Het zebrapad bij de school"):
    with inside(buurt):
        index = dutch_section(StoryIndexPage)
        story = publish(StoryPageFactory(parent=index, title=title, slug="zebrapad"))
        return story.url_path, story.pk


def admin_in(buurt, username="beheer@example.nl"):
    with inside(buurt):
        return UserFactory(username=username, email=username, roles=[BUURT_ADMIN])


def test_page_of_a_is_not_served_on_b(alpha, beta):
    story_in(alpha)
    assert client_for(alpha).get("/verhalen/zebrapad/").status_code == 200
    # Visiting A first fills Wagtail's site-root cache; B must not see A's paths.
    assert client_for(beta).get("/verhalen/zebrapad/").status_code == 404
    assert "zebrapad" not in client_for(beta).get("/sitemap.xml").content.decode()
    assert "zebrapad" in client_for(alpha).get("/sitemap.xml").content.decode()


def test_page_of_a_is_not_in_b_admin(alpha, beta):
    _path, page_id = story_in(alpha, title="Alleen van Alpha")
    admin_in(beta)
    client = client_for(beta)
    assert (
        client.login(username="beheer@example.nl", password=DEMO_PASSWORD) is False
    )  # wrong schema
    response = client.post(
        "/admin/login/", {"username": "beheer@example.nl", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    with inside(beta):
        pass_second_factor(client, "beheer@example.nl")
    listing = client.get("/admin/pages/search/?q=Alleen")
    assert listing.status_code == 200
    assert "Alleen van Alpha" not in listing.content.decode()
    assert client.get(f"/admin/pages/{page_id}/edit/").status_code in (302, 404)


def test_user_of_a_cannot_log_in_on_b_or_on_the_portal(alpha, beta):
    admin_in(alpha, "anna@example.nl")
    for host in (beta.primary_domain, "localhost"):
        path = "/admin/login/" if host != "localhost" else "/inloggen/"
        response = client_for(host).post(
            path, {"username": "anna@example.nl", "password": DEMO_PASSWORD}
        )
        assert response.status_code == 200, host  # the form again, with an error
        assert "_auth_user_id" not in client_for(host).session
    ok = client_for(alpha).post(
        "/admin/login/", {"username": "anna@example.nl", "password": DEMO_PASSWORD}
    )
    assert ok.status_code == 302


def test_session_cookie_of_a_does_not_authenticate_on_b(alpha, beta):
    client_a = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    admin_in(beta)  # same username and likely the same user id in B
    assert client_a.get("/admin/").status_code == 200

    client_b = client_for(beta)
    client_b.cookies = client_a.cookies
    response = client_b.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_image_of_a_is_not_served_or_listed_on_b(alpha, beta):
    with inside(alpha):
        image = wagtail_factories.ImageFactory(title="Buurtfeest Alpha")
        url = image.file.url
        rendition_url = image.get_rendition("width-100").url
    assert url.startswith("/media/tenants/alpha/")
    # Not on a live page yet: served only to the buurt's own admin users.
    admin_a = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    assert admin_a.get(url).status_code == 200
    assert admin_a.get(rendition_url).status_code == 200
    assert client_for(beta).get(url).status_code == 404
    assert client_for(beta).get(rendition_url).status_code == 404
    # Rewriting the schema in the path does not help either.
    assert client_for(beta).get(url.replace("/alpha/", "/beta/")).status_code == 404

    client = logged_in(beta, "beheer@example.nl", BUURT_ADMIN)
    assert "Buurtfeest Alpha" not in client.get("/admin/images/").content.decode()
    assert client.get(f"/admin/images/{image.pk}/").status_code == 404


def test_search_on_b_does_not_find_pages_of_a(alpha, beta):
    story_in(alpha, title="Zebrapad oversteken")
    found = client_for(alpha).get("/zoeken/", {"q": "zebrapad"}).content.decode()
    assert "Zebrapad oversteken" in found
    elsewhere = client_for(beta).get("/zoeken/", {"q": "zebrapad"}).content.decode()
    assert "Zebrapad oversteken" not in elsewhere
    assert "0 resultaten" in elsewhere


def test_cache_entry_of_a_is_not_visible_in_b(alpha, beta):
    with inside(alpha):
        cache.set("buurt-greeting", "hallo alpha")
        assert cache.get("buurt-greeting") == "hallo alpha"
    with inside(beta):
        assert cache.get("buurt-greeting") is None
        cache.set("buurt-greeting", "hallo beta")
    with inside(alpha):
        assert cache.get("buurt-greeting") == "hallo alpha"


def test_unknown_host_gets_a_plain_404_page(db):
    response = client_for("nergens.localhost").get("/")
    assert response.status_code == 404
    assert "Geen buurt op dit adres" in response.content.decode()
    assert "nergens.localhost" in response.content.decode()
    assert client_for("blueprint.invalid").get("/").status_code == 404
    assert client_for("nergens.localhost").get("/admin/").status_code == 404


def test_users_of_a_are_not_listed_in_b_admin(alpha, beta):
    admin_in(alpha, "alleen-alpha@example.nl")
    client = logged_in(beta, "beheer@example.nl", BUURT_ADMIN)
    users = client.get("/admin/users/")
    assert users.status_code == 200
    assert "beheer@example.nl" in users.content.decode()
    assert "alleen-alpha@example.nl" not in users.content.decode()


def test_every_cache_alias_has_tenant_aware_keys(settings):
    # Without it Wagtail's site-root-paths cache leaks one buurt's URLs into another.
    # The shared cache is only used by our code, whose keys name their schema
    # (tests/test_pagecache.py tries to reach one buurt's pages from another host).
    for alias, config in settings.CACHES.items():
        expected = "django_tenants.cache.make_key"
        if alias == "shared":
            expected = "kernel.shared_cache.make_key"
        assert config.get("KEY_FUNCTION") == expected, alias


def test_on_commit_work_runs_in_the_schema_it_was_queued_in(
    alpha, django_capture_on_commit_callbacks
):
    from django.db import transaction
    from wagtail.models import Page

    seen = []
    with django_capture_on_commit_callbacks(execute=True), inside(alpha):
        transaction.on_commit(lambda: seen.append((connection.schema_name, Page.objects.count())))
    assert connection.schema_name == "public"  # back where we were after running it
    with inside(alpha):
        pages = Page.objects.count()
    assert seen == [("alpha", pages)]
