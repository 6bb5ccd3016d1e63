"""gunicorn as `make serve` runs it (config/gunicorn.py), with the page cache on.

A request header named SCRIPT_NAME from an address gunicorn trusts as its forwarder would
become the WSGI script prefix: Django then routes on the rest of the path, and a page could
be cached under a path that is not its own. The proxy in front of gunicorn sends no such
header, so gunicorn must accept none.
"""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, host, path, headers=None):
    connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection_.request("GET", path, headers={"Host": host, **(headers or {})})
        response = connection_.getresponse()
        return response.status, response.getheader("X-Page-Cache"), response.read().decode()
    finally:
        connection_.close()


@pytest.fixture
def gunicorn_server(alpha, tmp_path):
    """gunicorn with the project's config on the test database (whose test buurten are
    committed), one worker, its own page-cache directory."""
    port = free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.gunicorn_settings",
        "BUURTPLATFORM_DATABASE": connection.settings_dict["NAME"],
        "SHARED_CACHE_DIR": str(tmp_path / "cache"),
        "PAGE_CACHE_SECONDS": "300",
        "WEB_CONCURRENCY": "1",
        "HOST": "127.0.0.1",
        "PORT": str(port),
    }
    environment.pop("FORWARDED_ALLOW_IPS", None)
    if os.environ.get("DATABASE_URL"):  # a real server: point it at the test database
        url = urlsplit(os.environ["DATABASE_URL"])
        test_url = urlunsplit(url._replace(path="/" + connection.settings_dict["NAME"]))
        environment["DATABASE_URL"] = test_url
    process = subprocess.Popen(
        [str(GUNICORN), "--config", "config/gunicorn.py", "config.wsgi:application"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gunicorn.log").open("w"),
    )
    try:
        wait_until_up(port, alpha.primary_domain, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until_up(port, host, process):
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited while starting")
        try:
            get(port, host, "/robots.txt")
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start")


def is_agenda(body):
    return 'name="dag"' in body


def test_a_script_name_header_from_the_forwarder_address_changes_nothing(alpha, gunicorn_server):
    host = alpha.primary_domain
    # Sent from 127.0.0.1, which is gunicorn's trusted forwarder address.
    status, _, body = get(gunicorn_server, host, "/agenda/", {"SCRIPT_NAME": "/agenda"})
    assert status == 200
    assert is_agenda(body), "the header made gunicorn route /agenda/ to the home page"
    status, state, body = get(gunicorn_server, host, "/agenda/")
    assert status == 200 and is_agenda(body)
    status, state, body = get(gunicorn_server, host, "/agenda/")
    assert state == "hit" and is_agenda(body)  # positive control: the page cache is on
    status, _, home = get(gunicorn_server, host, "/")
    assert status == 200 and not is_agenda(home) and alpha.name in home
