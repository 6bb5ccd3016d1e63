"""Full-page cache for anonymous visitors, answered before PostgreSQL is touched.

Key: buurt (schema and tenant id), the buurt's page generation, host, scheme, language
and `path_info`, the path routing resolves (never `request.path`, which has a script
prefix in front). A hit is served right after the host is resolved from the in-process
host map: no session, no user, no query. Only these are stored and served:

- GET requests without a query string and without a session cookie (a session cookie may
  mean a logged-in editor, who must always see the live site and the admin bar);
- requests without a script prefix (SCRIPT_NAME): the site is served at the root, and a
  page rendered under a prefix carries the prefix in every link, so it must not be
  served to anyone else — nor may a request with a prefix be answered with a page
  rendered without one;
- 200 responses that set no cookie, carry no CSRF token (forms: RSVP, signal) and are
  not marked private/no-store, for requests whose user is anonymous.

Purging: each buurt has a generation value in the shared cache (see shared_cache.py),
part of every key. Publishing, unpublishing, moving or deleting a page, or changing a
snippet, site or the buurt itself, sets a new generation for that buurt only: every
gunicorn worker sees it on its next request (one small shared read), and the old pages
age out. PAGE_CACHE_SECONDS bounds staleness for what no signal reports (an activity
moving from "upcoming" to "past").
"""

import hashlib

from django.conf import settings
from django.db import connection, transaction
from django.utils import translation
from django.utils.cache import get_max_age
from django_tenants.utils import get_public_schema_name

from kernel.shared_cache import bump_generation, content_generation_key, generation, shared_cache

HIT_HEADER = "X-Page-Cache"
NEVER_CACHED_PREFIXES = ("/admin/", "/documents/", "/media/")


def generation_key(schema_name):
    return content_generation_key(schema_name)


def page_key(request, tenant):
    language = translation.get_language_from_request(request, check_path=True)
    url = f"{request.scheme}://{request.get_host()}{request.path_info}"
    digest = hashlib.sha256(url.encode()).hexdigest()[:32]
    buurt = f"{tenant.schema_name}:{tenant.pk}"
    return f"pages:{buurt}:{generation(generation_key(tenant.schema_name))}:{language}:{digest}"


def is_buurt(tenant):
    return tenant is not None and tenant.schema_name != get_public_schema_name()


def has_script_prefix(request):
    """True when a forwarder set SCRIPT_NAME: routing and the page's links then differ
    from what the same URL gives without it."""
    script_name = request.META.get("SCRIPT_NAME", "")
    return request.path != request.path_info or bool(script_name.strip("/"))


def may_serve_from_cache(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not has_script_prefix(request)
        and not request.path_info.startswith(NEVER_CACHED_PREFIXES)
    )


def may_store(request, response):
    user = getattr(request, "user", None)
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not has_script_prefix(request)
        and not response.streaming
        and not response.cookies
        and "CSRF_COOKIE_NEEDS_UPDATE" not in request.META
        and not (user is not None and user.is_authenticated)
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        and get_max_age(response) != 0
        and b"csrfmiddlewaretoken" not in response.content
    )


class PageCacheMiddleware:
    """Place right after BuurtMiddleware (the tenant is known, nothing else has run)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tenant = getattr(request, "tenant", None)
        if not is_buurt(tenant) or not may_serve_from_cache(request):
            return self.get_response(request)
        key = page_key(request, tenant)
        cached = shared_cache().get(key)
        if cached is not None:
            cached[HIT_HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if may_store(request, response):
            response[HIT_HEADER] = "miss"
            shared_cache().set(key, response, timeout=settings.PAGE_CACHE_SECONDS)
        return response


def purge_buurt(schema_name=None):
    """Forget every cached page of one buurt (default: the schema the connection is on).

    Purged now and again when the transaction commits: a worker that renders the page
    between the two would otherwise cache the old content under the new generation.
    """
    schema_name = schema_name or connection.schema_name
    key = generation_key(schema_name)
    bump_generation(key)
    transaction.on_commit(lambda: bump_generation(key))
