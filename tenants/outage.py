"""What a visitor sees while PostgreSQL cannot be reached (a restart, a failover).

Any request may be the one that meets the outage: the host lookup in the first
middleware, the session, the view, the template. Django turns every exception raised on
that path into a call of the `handler500` view, still inside the `except` block, so this
one place sees them all. A database that is unreachable is temporary: the visitor gets a
503 page in their language with Retry-After instead of an error page, and the worker
stays usable (the connection is dropped at the end of the request and health-checked
before the next one).
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views import defaults

from tenants.middleware import page_in_language

logger = logging.getLogger(__name__)

# A restart of PostgreSQL takes seconds; browsers and crawlers may come back this soon.
DATABASE_RETRY_AFTER_SECONDS = 30
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500 of the portal and of every buurt site."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        logger.warning("database unavailable for %s: %s", request.path, error)
        return database_unavailable_response(request)
    return defaults.server_error(request, template_name)


def database_unavailable_response(request):
    """A plain page rendered without the database (no context processors, no request
    context), never stored by any cache."""
    response = page_in_language("503_database.html", visitor_language(request), status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def visitor_language(request):
    """The language prefix of the path when the buurt offers it (or, when the outage
    came before the buurt was known, when the platform does); else the buurt's first."""
    language = translation.get_language_from_path(request.path_info)
    buurt = getattr(request, "tenant", None)
    offered = getattr(buurt, "languages", None) or []
    if buurt is not None and offered and language not in offered:
        return offered[0]
    return language or (offered[0] if offered else settings.LANGUAGE_CODE)
