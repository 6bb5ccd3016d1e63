"""Production settings that run on this machine without any environment variable.

Used by `make serve` and the benchmarks: the hardened settings production uses
(deployed.py), DEBUG off, whitenoise, gunicorn, the embedded PostgreSQL (or DATABASE_URL);
plain http on a local port instead of https behind a proxy. A secret key is generated once
into .data/secret_key.
"""

import os
import secrets

from config import devdb
from config.devdb import DATA_DIR


def local_secret_key():
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


os.environ.setdefault("DJANGO_SECRET_KEY", local_secret_key())

from .deployed import *  # noqa: E402, F403

DATABASES = {"default": devdb.database_settings()}

# Plain http on 127.0.0.1: no redirect to https, cookies without the Secure flag.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
BUURT_URL_SCHEME = "http"
BUURT_URL_PORT = int(os.environ.get("PORT", "8100"))
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
OUTBOX_DELIVER_AFTER_COMMIT = True
