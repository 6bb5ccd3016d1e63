"""Settings of one app "node" in the multi-node test: `make serve` as gunicorn runs it
(tests/gunicorn_settings.py), with the test database's password hasher so the accounts
the test creates can log in."""

from tests.gunicorn_settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
