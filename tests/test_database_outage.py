"""While PostgreSQL cannot be reached, visitors get a friendly 503 page in their own
language (never a traceback); once it is back, the same process serves again by itself.

Requests go through Django's real WSGI handler (as gunicorn calls it), not the test
client: the test client switches off the per-request connection housekeeping
(`close_old_connections`) that recovery in production depends on. The outage is a real
connection attempt to a closed port, and a real server-side kill of a live connection
(what a database restart does to every worker's connection).
"""

import socket
from contextlib import contextmanager
from io import BytesIO
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connections
from django.db.utils import load_backend

from tenants.hostmap import host_map

POLISH = "Strona jest na chwilę niedostępna"
ARABIC = "الموقع غير متاح للحظة"
DUTCH = "De website is even niet bereikbaar"


def closed_port():
    """A TCP port on 127.0.0.1 nobody listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    def __init__(self, status, headers, body):
        self.status_code = int(status.split()[0])
        self.headers = dict(headers)
        self.text = body.decode()


# A CSRF secret sent as cookie and form field alike, as a browser with the form does.
CSRF_SECRET = "x" * 32


def serve(host, path, form=None):
    """One request through the WSGI handler, its end signalled as gunicorn does; a POST
    of `form` when given."""
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "HTTP_HOST": host}
    environ["wsgi.input"] = BytesIO(b"")
    if form is not None:
        body = urlencode({**form, "csrfmiddlewaretoken": CSRF_SECRET}).encode()
        environ.update(
            REQUEST_METHOD="POST",
            CONTENT_TYPE="application/x-www-form-urlencoded",
            CONTENT_LENGTH=str(len(body)),
            HTTP_COOKIE=f"csrftoken={CSRF_SECRET}",
        )
        environ["wsgi.input"] = BytesIO(body)
    setup_testing_defaults(environ)
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=status, headers=headers)

    response = WSGIHandler()(environ, start_response)
    try:
        body = b"".join(response)
    finally:
        response.close()  # request_finished: closes a connection that errored or aged
    return Served(started["status"], started["headers"], body)


@contextmanager
def own_connection(**overrides):
    """The app runs on a connection of its own (outside the test's transaction), built
    from the real settings with `overrides`; yields (that connection, the test's own)."""
    test_connection = connections["default"]
    settings_dict = {**test_connection.settings_dict, **overrides}
    app_connection = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")
    connections["default"] = app_connection
    try:
        yield app_connection, test_connection
    finally:
        app_connection.close()
        connections["default"] = test_connection


def real_server(test_connection):
    return {key: test_connection.settings_dict[key] for key in ("HOST", "PORT")}


def assert_friendly_503(served, text, language):
    assert served.status_code == 503, served.text[:300]
    assert int(served.headers["Retry-After"]) > 0
    assert "no-store" in served.headers["Cache-Control"]
    assert text in served.text
    assert f'lang="{language}"' in served.text
    assert "Traceback" not in served.text
    assert "OperationalError" not in served.text


@pytest.mark.django_db
@pytest.mark.parametrize("host_known", [False, True], ids=["cold-host-map", "warm-host-map"])
def test_unreachable_database_answers_503_in_the_visitors_language(beta, gamma, host_known):
    polish_and_dutch, arabic_and_dutch = gamma.primary_domain, beta.primary_domain
    with own_connection() as (app, _test):
        if host_known:  # the host is resolved from memory, the view is what fails
            assert serve(polish_and_dutch, "/").status_code == 200
            assert serve(arabic_and_dutch, "/").status_code == 200
        else:
            host_map.forget_all()
        app.close()
        app.settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))

        assert_friendly_503(serve(polish_and_dutch, "/pl/"), POLISH, "pl")
        arabic = serve(arabic_and_dutch, "/ar/")
        assert_friendly_503(arabic, ARABIC, "ar")
        assert 'dir="rtl"' in arabic.text
        assert_friendly_503(serve(polish_and_dutch, "/"), DUTCH, "nl")
        signal = serve(polish_and_dutch, "/signaal/", {"description": "Losse stoeptegel"})
        assert_friendly_503(signal, DUTCH, "nl")


@pytest.mark.django_db
def test_the_same_process_serves_again_once_the_database_is_back(gamma):
    host = gamma.primary_domain
    with own_connection(HOST="127.0.0.1", PORT=str(closed_port())) as (app, test):
        assert serve(host, "/").status_code == 503

        app.settings_dict.update(real_server(test))  # the server is back
        home = serve(host, "/")
        assert home.status_code == 200
        assert "Gammadorp" in home.text

        # A restart ends every open connection on the server's side; the next request
        # notices (health check) and connects again, in the buurt's schema.
        backend_pid = app.connection.info.backend_pid
        with test.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [backend_pid])
        again = serve(host, "/")
        assert again.status_code == 200, again.text[:300]
        assert "Gammadorp" in again.text
        assert app.connection.info.backend_pid != backend_pid
