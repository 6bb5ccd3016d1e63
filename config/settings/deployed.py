"""Hardened settings shared by production and by `make serve` (production on this machine).

HTTPS behind a proxy, secure cookies, HSTS. Which database and secret key to use is
decided by the module that imports this one: production.py requires them from the
environment, serve.py makes local ones.
"""

import os

from config.shared_cache import redis_caches

from .base import *  # noqa: F403

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# --- HTTPS only ----------------------------------------------------------------------------
# HSTS for a year on every buurt host and its subdomains. SECURE_SSL_REDIRECT=0 only for
# a local run over plain http (e.g. a load test on 127.0.0.1), never on a public server.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "0") == "1"
if not SECURE_HSTS_PRELOAD:
    # Preloading is decided for the whole registrable domain (the municipality's), not by
    # one application on its subdomains: off unless asked for, and not a warning.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SESSION_COOKIE_AGE = 8 * 3600  # an admin session lasts a working day
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))

# --- Several app servers: one Redis (REDIS_URL) -------------------------------------------
# Page cache, generations, lockout and rate-limit counters and sessions agree between
# servers (config/shared_cache.py). Sessions are read from Redis and written through to
# the buurt's own django_session table.
if redis_caches():
    CACHES.update(redis_caches())  # noqa: F405
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"
