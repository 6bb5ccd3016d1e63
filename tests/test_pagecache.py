"""The anonymous page cache, the host map and the cheap schema switch."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from buurtpages.blueprint import dutch_section
from buurtpages.factories import ActivityPageFactory, StoryPageFactory, publish
from buurtpages.models import ActivityIndexPage, StoryIndexPage
from kernel.roles import BUURT_ADMIN
from kernel.shared_cache import TENANCY_GENERATION_KEY, bump_generation
from tenants.models import Domain
from tests.base import client_for, inside, logged_in


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


def cache_state(response):
    return response.get("X-Page-Cache")


def warm(client, path="/"):
    response = client.get(path)
    assert response.status_code == 200
    assert cache_state(response) == "miss"
    return response


def test_a_hit_is_served_without_touching_postgresql(
    alpha, page_cache, django_db_blocker, settings
):
    # Every request compares the host map's generation (a shared-cache read, no query):
    # otherwise a slow warm-up could skip that check and leave the hit to find a
    # generation bumped by an earlier test, which sends it to the database.
    settings.HOST_MAP_RECHECK_SECONDS = 0
    client = client_for(alpha)
    first = warm(client)
    with CaptureQueriesContext(connection) as queries, django_db_blocker.block():
        hit = client.get("/")  # any database access raises inside block()
    assert cache_state(hit) == "hit"
    assert len(queries) == 0
    assert hit.content == first.content


def test_publishing_in_alpha_purges_alpha_only(alpha, beta, page_cache):
    alpha_client, beta_client = client_for(alpha), client_for(beta)
    warm(alpha_client)
    warm(beta_client)
    with inside(alpha):
        publish(StoryPageFactory(parent=dutch_section(StoryIndexPage), title="Nieuw verhaal"))
    assert cache_state(alpha_client.get("/")) == "miss"
    assert cache_state(beta_client.get("/")) == "hit"


@pytest.mark.parametrize("change", ["unpublish", "move", "delete"])
def test_unpublish_move_and_delete_purge_the_buurt(alpha, page_cache, change):
    with inside(alpha):
        story = publish(StoryPageFactory(parent=dutch_section(StoryIndexPage), title="Weg"))
    client = client_for(alpha)
    warm(client)
    with inside(alpha):
        story = Page.objects.get(pk=story.pk).specific
        if change == "unpublish":
            story.unpublish()
        elif change == "move":
            story.move(dutch_section(ActivityIndexPage), pos="last-child")
        else:
            story.delete()
    assert cache_state(client.get("/")) == "miss"


def test_a_logged_in_editor_never_gets_or_fills_the_cache(alpha, page_cache):
    anonymous = client_for(alpha)
    editor = logged_in(alpha, "redacteur@example.nl", BUURT_ADMIN)
    assert cache_state(editor.get("/")) is None  # not stored for anyone
    warm(anonymous)
    response = editor.get("/")
    assert cache_state(response) is None
    assert response.wsgi_request.user.is_authenticated


def test_pages_with_a_form_are_never_cached(alpha, page_cache):
    start = (timezone.localtime() + timedelta(days=7)).replace(hour=14, minute=0)
    with inside(alpha):
        publish(
            ActivityPageFactory(
                parent=dutch_section(ActivityIndexPage),
                slug="taart",
                start=start,
                end=start + timedelta(hours=2),
                capacity=5,
            )
        )
    client = client_for(alpha)
    for path in ("/agenda/taart/", "/signaal/"):
        for _ in range(2):
            response = client.get(path)
            assert response.status_code == 200
            assert "csrfmiddlewaretoken" in response.content.decode()
            assert cache_state(response) is None


def test_one_buurt_cached_page_is_never_served_on_another_host(alpha, beta, page_cache):
    warm(client_for(alpha))
    response = client_for(beta).get("/")
    assert cache_state(response) == "miss"
    assert beta.name in response.content.decode()
    assert alpha.name not in response.content.decode()


def test_each_language_has_its_own_cached_page(alpha, page_cache):
    client = client_for(alpha)
    warm(client, "/")
    english = client.get("/en/")
    assert cache_state(english) == "miss"
    assert '<html lang="en"' in english.content.decode()
    assert '<html lang="nl"' in client.get("/").content.decode()


def test_a_changed_domain_is_seen_at_once(alpha, page_cache):
    old_host = alpha.primary_domain
    assert client_for(old_host).get("/").status_code == 200
    domain = Domain.objects.get(domain=old_host)
    domain.domain = "alpha-nieuw.localhost"
    domain.save()
    assert client_for(old_host).get("/").status_code == 404
    assert client_for("alpha-nieuw.localhost").get("/").status_code == 200


def test_a_domain_change_in_another_process_is_seen_after_the_generation_bump(alpha, settings):
    settings.HOST_MAP_RECHECK_SECONDS = 0
    old_host = alpha.primary_domain
    assert client_for(old_host).get("/").status_code == 200
    # Another process changes the row: no signal here, only the shared generation.
    Domain.objects.filter(domain=old_host).update(domain="elders.localhost")
    assert client_for(old_host).get("/").status_code == 200  # still the cached mapping
    bump_generation(TENANCY_GENERATION_KEY)
    assert client_for(old_host).get("/").status_code == 404
    assert client_for("elders.localhost").get("/").status_code == 200


def sql_of(client, path="/"):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_a_known_host_costs_no_lookup_and_no_repeated_search_path(alpha, beta):
    alpha_client, beta_client = client_for(alpha), client_for(beta)
    sql_of(beta_client)
    sql_of(alpha_client)
    again = sql_of(alpha_client)
    assert not [sql for sql in again if "search_path" in sql]
    assert not [sql for sql in again if "tenants_domain" in sql]
    assert not [sql for sql in again if "django_content_type" in sql]
    switched = sql_of(beta_client)  # both hosts known: one SET, for beta's schema
    sets = [sql for sql in switched if "search_path" in sql]
    assert sets == ['SET search_path = "beta","public"']


def content_type_id_in_schema(app_label, model):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM django_content_type WHERE app_label = %s AND model = %s",
            [app_label, model],
        )
        return cursor.fetchone()[0]


def test_content_type_ids_are_cached_per_schema(alpha, beta):
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    public_id = content_type_id_in_schema("auth", "permission")
    with inside(alpha):
        alpha_id = content_type_id_in_schema("auth", "permission")
    assert public_id != alpha_id  # ids differ per schema: a shared cache would be wrong
    for _ in range(2):  # the second round is answered from the caches
        assert ContentType.objects.get_for_model(Permission).pk == public_id
        with inside(alpha):
            assert ContentType.objects.get_for_model(Permission).pk == alpha_id
            assert ContentType.objects.get_for_id(alpha_id).model == "permission"


# --- A script prefix must not let one path's page be stored under another ---------------
# A forwarder may set SCRIPT_NAME: Django then routes on PATH_INFO while request.path is
# SCRIPT_NAME + PATH_INFO. The cache must key on what routing uses and must neither store
# nor serve a response rendered under a script prefix (its links carry the prefix).


def through_wsgi(buurt, path_info, script_name=""):
    """One GET through Django's real WSGI handler with a hand-built environ, as gunicorn
    would pass it. Returns (status code, headers, body)."""
    from io import BytesIO

    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from django.urls import set_script_prefix

    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": script_name,
        "PATH_INFO": path_info,
        "QUERY_STRING": "",
        "SERVER_NAME": buurt.primary_domain,
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": buurt.primary_domain,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(),
        "wsgi.errors": BytesIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"], started["headers"] = int(status.split()[0]), dict(headers)

    # As the test client does: the test's transaction must survive the request signals.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(environ, start_response)
        body = b"".join(response).decode()
        response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        set_script_prefix("/")
    return started["status"], started["headers"], body


def is_agenda(body):
    return 'aria-label="Filter de agenda"' in body or 'name="dag"' in body


def test_a_script_prefix_never_stores_the_home_page_under_another_path(alpha, page_cache):
    status, prefixed_headers, poisoned = through_wsgi(alpha, "/", script_name="/agenda")
    assert status == 200 and not is_agenda(poisoned)  # routed on PATH_INFO: the home page
    status, headers, agenda = through_wsgi(alpha, "/agenda/")
    assert status == 200
    assert is_agenda(agenda), "the home page was served under /agenda/"
    assert headers.get("X-Page-Cache") == "miss"
    assert prefixed_headers.get("X-Page-Cache") is None  # rendered under a prefix: not stored
    status, headers, again = through_wsgi(alpha, "/agenda/")
    assert headers.get("X-Page-Cache") == "hit" and is_agenda(again)  # the cache is on


@pytest.mark.parametrize("script_name", ["/agenda", "/elders"])
def test_a_request_with_a_script_prefix_is_never_answered_from_the_cache(
    alpha, page_cache, script_name
):
    for path in ("/", "/agenda/"):
        warm(client_for(alpha), path)
    for path_info in ("/", "/agenda/"):
        status, headers, body = through_wsgi(alpha, path_info, script_name=script_name)
        assert status == 200
        assert headers.get("X-Page-Cache") is None
        assert is_agenda(body) == (path_info == "/agenda/")  # what routing chose


def test_a_hit_right_after_the_host_map_was_forgotten_needs_no_query(
    alpha, page_cache, django_db_blocker, settings
):
    """As between two tests, or after a Domain change: the caches are emptied and the
    host map forgotten while its last generation check is still recent."""
    import time

    from django.core.cache import caches

    from tenants.hostmap import host_map

    client = client_for(alpha)
    client.get("/")
    caches["shared"].clear()
    host_map.forget_all()
    warm(client)
    time.sleep(settings.HOST_MAP_RECHECK_SECONDS)  # the next request checks the generation
    with django_db_blocker.block():
        assert cache_state(client.get("/")) == "hit"
