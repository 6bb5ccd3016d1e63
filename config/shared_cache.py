"""Cache and session settings: files and process memory on one machine, Redis when
REDIS_URL is set (several app servers).

REDIS_URL (e.g. redis://cache:6379/0 or unix:///run/redis/redis.sock) is the one name.
With it, every state that must agree between app servers lives in that Redis:

- the "shared" alias: the anonymous page cache and the purge/host-map generations
  (kernel/shared_cache.py; its keys name their schema themselves);
- the "default" alias: Wagtail's own caches and the counters of the login lockout and
  the anonymous-post rate limit (tenants/security.py), keys prefixed with the schema
  by django-tenants' make_key, so each buurt counts for itself;
- the "sessions" alias: sessions are read from Redis and written through to the
  buurt's own django_session table (cached_db), so a login made on one server is known
  to all, survives a Redis restart, and erasure still finds it in PostgreSQL.

Without REDIS_URL: a FileBasedCache every worker on this machine sees for "shared", a
per-process LocMemCache for "default", and sessions in PostgreSQL only.
"""

import os

KEY_FUNCTION = "kernel.shared_cache.make_key"
TENANT_KEY_FUNCTION = "django_tenants.cache.make_key"
REDIS_BACKEND = "django.core.cache.backends.redis.RedisCache"


def redis_url():
    return os.environ.get("REDIS_URL", "")


def shared_cache_settings(default_dir):
    """The shared alias on this machine: files every worker sees."""
    return {
        "BACKEND": "kernel.shared_cache.SharedFileCache",
        "LOCATION": os.environ.get("SHARED_CACHE_DIR", str(default_dir)),
        "KEY_FUNCTION": KEY_FUNCTION,
        "TIMEOUT": 300,
        # Pages of many buurten x languages x URLs; culled a quarter at a time.
        "OPTIONS": {"MAX_ENTRIES": 200_000, "CULL_FREQUENCY": 4},
    }


def default_cache_settings():
    """The default alias in each process. Tenant-prefixed keys, or Wagtail's site-root
    cache leaks one buurt's URLs into another."""
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_FUNCTION": TENANT_KEY_FUNCTION,
        # Sized for buurten x URLs x languages; the default 300 thrashes.
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    }


def redis_caches():
    """The aliases deployed servers put on REDIS_URL (none without it)."""
    if not redis_url():
        return {}
    return {
        "default": redis_cache("buurt", TENANT_KEY_FUNCTION),
        "shared": redis_cache("shared", KEY_FUNCTION),
        "sessions": redis_cache("session", TENANT_KEY_FUNCTION),
    }


def redis_cache(prefix, key_function):
    """One alias on the shared Redis; the prefix keeps the aliases' keys apart."""
    return {
        "BACKEND": REDIS_BACKEND,
        "LOCATION": redis_url(),
        "KEY_FUNCTION": key_function,
        "KEY_PREFIX": prefix,
        "TIMEOUT": 300,
    }
